"""`jobtal import spells|activations|jobindsats FILE`, `jobtal import <report input> FILE` and
`jobtal import report-inputs DIR`: import files into the store."""

from __future__ import annotations

import argparse

from jobtal import settings
from jobtal.commands.jobindsats import add_skip_arguments, register_import
from jobtal.formatting import number
from jobtal.store import quarantine
from jobtal.store.importers import (
    STEPS,
    ImportSummary,
    import_activations,
    import_spells,
    write_overlaps_report,
)
from jobtal.store.progress import Progress
from jobtal.store.records import COMMAND_NAMES, KINDS, import_directory, import_records

# What each kind of the report's inputs holds, for `jobtal import --help`.
RECORD_HELP = {
    "wage_months": "lønmåneder: måneder med ordinære løntimer (eIndkomst), pr. person",
    "education_spells": "uddannelsesforløb: SU eller lærling/voksenlærling, pr. person",
    "cases": "sagsforløb i jobcentret med team, pr. person",
    "staffing": "årsværk pr. kvartal, team og gruppekategori",
    "operating_costs": "driftsudgifter pr. år og kategori",
    "cash_benefit_cap": "kontanthjælpsloftet: UDK's månedsstatistik",
    "integration_employment": "flygtninge og familiesammenførte i beskæftigelse pr. måned",
    "budget_lines": "oprindeligt budget pr. år og udgiftstype",
    "appropriations": "bevillingsændringer: tillægsbevillinger og tekniske omplaceringer",
    "expected_variances": "forventede andre afvigelser med emne",
    "spending": "forbrug til dato pr. udgiftstype",
    "company_contacts": "virksomhedskontakter",
    "recruitment_requests": "rekrutteringsanmodninger fra virksomheder",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="indlæs ydelsesforløb, aktiveringsforløb, kvartalsrapportens inddata (CSV eller "
        "Parquet) eller jobindsats-serier",
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
    for name, table in COMMAND_NAMES.items():
        records = kinds.add_parser(name, help=f"{RECORD_HELP[table]} (tabellen {table})")
        _common_arguments(records)
        records.set_defaults(handler=run_records, table=table)
    report_inputs = kinds.add_parser(
        "report-inputs",
        help="alle kvartalsrapportens inddata i en mappe (<tabel>.csv eller <tabel>.parquet), "
        "i én transaktion: alle filer eller ingen",
    )
    report_inputs.add_argument("directory", metavar="MAPPE", help="mappen med filerne")
    _db_argument(report_inputs)
    report_inputs.set_defaults(handler=run_report_inputs)
    register_import(kinds)


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FIL", help="CSV (komma eller semikolon, UTF-8) eller Parquet"
    )
    _db_argument(parser)
    add_skip_arguments(parser)


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="STI",
        default=None,
        help="analyselageret (DuckDB-fil); standard: indstillingen JOBTAL_DB",
    )


def run_spells(args: argparse.Namespace) -> int:
    db = args.db or settings.get("DB")
    progress = Progress(len(STEPS), "Indlæser")
    try:
        summary = import_spells(
            args.file, db, skip_bad_rows=args.skip_bad_rows, on_step=progress.step
        )
    finally:
        progress.close()
    print(describe(summary))
    _write_quarantine(args, summary)
    if args.overlaps_report:
        rows = write_overlaps_report(db, args.overlaps_report)
        print(f"Overlap skrevet til {args.overlaps_report}: {number(rows)} rækker")
    return 0


def run_activations(args: argparse.Namespace) -> int:
    db = args.db or settings.get("DB")
    progress = Progress(len(STEPS), "Indlæser")
    try:
        summary = import_activations(
            args.file, db, skip_bad_rows=args.skip_bad_rows, on_step=progress.step
        )
    finally:
        progress.close()
    print(describe(summary))
    _write_quarantine(args, summary)
    return 0


def run_records(args: argparse.Namespace) -> int:
    db = args.db or settings.get("DB")
    progress = Progress(len(STEPS), "Indlæser")
    try:
        summary = import_records(
            args.table, args.file, db, skip_bad_rows=args.skip_bad_rows, on_step=progress.step
        )
    finally:
        progress.close()
    print(describe(summary))
    _write_quarantine(args, summary)
    return 0


def run_report_inputs(args: argparse.Namespace) -> int:
    db = args.db or settings.get("DB")
    summaries = import_directory(args.directory, db)
    print("\n".join(describe(summary) for summary in summaries))
    return 0


def _write_quarantine(args: argparse.Namespace, summary: ImportSummary) -> None:
    if summary.rejected:
        path = quarantine.write(
            args.quarantine or quarantine.default_path(args.file),
            summary.columns,
            summary.rejected,
        )
        print(f"Fejlrækker skrevet til {path}: {number(summary.skipped)}")


def describe(summary: ImportSummary) -> str:
    """The summary of an import in Danish, numbers in Danish format, ending with one line of
    rows read, stored, skipped and the period covered."""
    record = KINDS.get(summary.kind)
    what = record.label if record else _PERSON_KINDS[summary.kind]
    lines = [
        f"Indlæst {what} fra {summary.file}",
        f"  rækker i filen:        {number(summary.rows_read)}",
        f"  gemt:                  {number(summary.rows_stored)}"
        f" (heraf {number(summary.rows_replaced)} erstattede)",
        f"  dubletter i filen:     {number(summary.duplicates)} (gemt én gang)",
    ]
    if record is None or record.has_persons:
        lines.append(f"  personer:              {number(summary.persons)}")
    if summary.kind == "spells":
        lines.append(
            f"  overlap afgjort efter ydelsesprioritet: {number(summary.overlaps)} "
            "(hele lageret; se --overlaps-report)"
        )
    if summary.already_imported:
        lines.append("  Filen er indlæst før; rækkerne er skrevet igen med samme indhold.")
    lines.append(one_line(summary))
    return "\n".join(lines)


_PERSON_KINDS = {"spells": "ydelsesforløb", "activations": "aktiveringsforløb"}


def one_line(summary: ImportSummary) -> str:
    """`I alt: 5 rækker læst, 4 gemt, 1 sprunget over, periode 2022-01-01–2022-12-31`."""
    if summary.first_day is None:
        covered = "ingen perioder"
    else:
        last = summary.last_day.isoformat() if summary.last_day else "(åben)"
        covered = f"periode {summary.first_day.isoformat()}–{last}"
    return (
        f"I alt: {number(summary.rows_read)} rækker læst, {number(summary.rows_stored)} gemt, "
        f"{number(summary.skipped)} sprunget over, {covered}"
    )
