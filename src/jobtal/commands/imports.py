"""`jobtal import spells|activations FILE`: import person-level files into the store."""

from __future__ import annotations

import argparse

from jobtal import settings
from jobtal.formatting import number
from jobtal.store.importers import (
    ImportSummary,
    import_activations,
    import_spells,
    write_overlaps_report,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="indlæs ydelsesforløb eller aktiveringsforløb (CSV eller Parquet)"
    )
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="TYPE")
    spells = kinds.add_parser("spells", help="ydelsesforløb (målgrupper)")
    _common_arguments(spells)
    spells.add_argument(
        "--overlaps-report",
        metavar="FIL",
        help="skriv alle overlap, som ydelsesprioriteten har afgjort, som CSV",
    )
    spells.set_defaults(handler=run_spells)
    activations = kinds.add_parser("activations", help="aktiveringsforløb (tilbud)")
    _common_arguments(activations)
    activations.set_defaults(handler=run_activations)


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FIL", help="CSV (komma eller semikolon, UTF-8) eller Parquet"
    )
    parser.add_argument(
        "--db",
        metavar="STI",
        default=None,
        help="analyselageret (DuckDB-fil); standard: indstillingen JOBTAL_DB",
    )


def run_spells(args: argparse.Namespace) -> int:
    db = args.db or settings.get("DB")
    summary = import_spells(args.file, db)
    print(describe(summary))
    if args.overlaps_report:
        rows = write_overlaps_report(db, args.overlaps_report)
        print(f"Overlap skrevet til {args.overlaps_report}: {number(rows)} rækker")
    return 0


def run_activations(args: argparse.Namespace) -> int:
    summary = import_activations(args.file, args.db or settings.get("DB"))
    print(describe(summary))
    return 0


def describe(summary: ImportSummary) -> str:
    """The summary of an import in Danish, numbers in Danish format."""
    what = "ydelsesforløb" if summary.kind == "spells" else "aktiveringsforløb"
    lines = [
        f"Indlæst {what} fra {summary.file}",
        f"  rækker i filen:        {number(summary.rows_read)}",
        f"  gemt:                  {number(summary.rows_stored)}"
        f" (heraf {number(summary.rows_replaced)} erstattede)",
        f"  dubletter i filen:     {number(summary.duplicates)} (gemt én gang)",
        f"  personer:              {number(summary.persons)}",
    ]
    if summary.kind == "spells":
        lines.append(
            f"  overlap afgjort efter ydelsesprioritet: {number(summary.overlaps)} "
            "(hele lageret; se --overlaps-report)"
        )
    if summary.already_imported:
        lines.append("  Filen er indlæst før; rækkerne er skrevet igen med samme indhold.")
    return "\n".join(lines)
