"""`jobtal jobindsats fetch` and `jobtal import jobindsats`: series from jobindsats.dk.

    jobtal jobindsats fetch TABLE [--area A]... [--period P] [--measure M]... [--api 2|3]
                                  [--param NAME=VALUE]... [--out DIR] [--import] [--db PATH]
    jobtal import jobindsats FILE... [--table T] [--skip-bad-rows] [--quarantine FILE] [--db]

The commands only parse input and call jobtal.jobindsats; bad input exits with status 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from jobtal import settings
from jobtal.errors import InputError, Problem
from jobtal.formatting import number
from jobtal.jobindsats import client, importer
from jobtal.jobindsats.importer import FileSummary
from jobtal.store import quarantine
from jobtal.store.progress import Progress
from jobtal.store.quarantine import Rejected


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("jobindsats", help="hent serier fra jobindsats.dk")
    actions = parser.add_subparsers(dest="action", required=True, metavar="HANDLING")
    fetch = actions.add_parser(
        "fetch",
        help="hent en tabel fra jobindsats.dk og gem svaret, som det kom",
        description="Henter en tabel fra jobindsats.dk (API version 2 eller 3) med nøglen i "
        "JOBTAL_JOBINDSATS_KEY og gemmer hvert svar uændret, så det kan indlæses igen uden net.",
    )
    fetch.add_argument("table", metavar="TABEL", help="tabel-id, fx y01a02")
    fetch.add_argument("--area", action="append", default=[], help="område, fx Gentofte")
    fetch.add_argument("--period", help="periode eller interval, fx 2020M01:2022M12")
    fetch.add_argument("--measure", action="append", default=[], help="måltal (kun API v3)")
    fetch.add_argument("--api", type=int, choices=(2, 3), default=3, help="API-version")
    fetch.add_argument(
        "--param", action="append", default=[], metavar="NAVN=VÆRDI", help="ekstra parameter"
    )
    fetch.add_argument("--out", help="mappe til svarene (standard: JOBTAL_JOBINDSATS_DIR)")
    fetch.add_argument("--import", dest="do_import", action="store_true", help="indlæs bagefter")
    fetch.add_argument("--db", help="databasen (standard: indstillingen JOBTAL_DB)")
    fetch.set_defaults(handler=run_fetch)


def register_import(kinds: argparse._SubParsersAction) -> None:
    """`jobtal import jobindsats`, registered by jobtal.commands.imports."""
    parser = kinds.add_parser(
        "jobindsats", help="serier fra jobindsats.dk (API v2/v3 JSON eller CSV-eksport)"
    )
    parser.add_argument("files", nargs="+", metavar="FIL", help="svar eller CSV-eksporter")
    parser.add_argument("--table", help="tabel-id, når filnavnet ikke begynder med det (fx y01a02)")
    parser.add_argument("--db", help="databasen (standard: indstillingen JOBTAL_DB)")
    add_skip_arguments(parser)
    parser.set_defaults(handler=run_import)


def add_skip_arguments(parser: argparse.ArgumentParser) -> None:
    """`--skip-bad-rows` and `--quarantine`, shared by every importer."""
    parser.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="spring fejlrækker over (de skrives til karantænefilen) i stedet for at afvise filen",
    )
    parser.add_argument(
        "--quarantine",
        metavar="FIL",
        help="karantænefil for fejlrækker (standard: <filnavn>.afviste.csv i den aktuelle mappe)",
    )


def _params(pairs: Sequence[str]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise InputError(
                [Problem("kommandolinjen", None, "--param", f"skal være NAVN=VÆRDI: {pair!r}")]
            )
        found[name] = value
    return found


def run_fetch(args: argparse.Namespace) -> int:
    query = client.Query(
        args.table, tuple(args.area), args.period, tuple(args.measure), _params(args.param)
    )
    try:
        client.period_codes(args.period) if args.period else None
    except ValueError as error:
        raise InputError([Problem("kommandolinjen", None, "--period", str(error))]) from None
    out = Path(args.out or settings.get("JOBINDSATS_DIR"))
    progress = Progress(max(len(args.area), 1), "Henter")
    try:
        saved = client.fetch(query, args.api, out, on_request=progress.step)
    finally:
        progress.close()
    print(f"Hentet {args.table}: {number(len(saved))} svar gemt i {out}")
    if args.do_import:
        summaries = importer.import_files(saved, args.db or settings.get("DB"), table=args.table)
        print(describe(summaries))
    return 0


def run_import(args: argparse.Namespace) -> int:
    progress = Progress(len(args.files), "Læser")
    try:
        summaries = importer.import_files(
            args.files,
            args.db or settings.get("DB"),
            table=args.table,
            skip_bad_rows=args.skip_bad_rows,
            on_file=lambda name: progress.step(Path(name).name),
        )
    finally:
        progress.close()
    print(describe(summaries))
    rejected = [
        Rejected(s.file, bad.row, bad.field, bad.reason, (bad.content,))
        for s in summaries
        for bad in s.bad
    ]
    if rejected:
        path = quarantine.write(
            args.quarantine or quarantine.default_path(args.files[0]), ["indhold"], rejected
        )
        print(f"Fejlrækker skrevet til {path}: {number(len(rejected))}")
    return 0


def _periods(codes: Sequence[str]) -> str:
    if not codes:
        return "ingen perioder"
    span = codes[0] if len(codes) == 1 else f"{codes[0]}–{codes[-1]}"
    return f"{number(len(codes))} perioder ({span})"


def describe(summaries: Sequence[FileSummary]) -> str:
    """One line per file when there are several, and always one Danish summary line."""
    lines = [_line(f"{Path(s.file).name}:", [s]) for s in summaries] if len(summaries) > 1 else []
    files = "1 fil" if len(summaries) == 1 else f"{number(len(summaries))} filer"
    lines.append(_line(f"Indlæst fra jobindsats, {files}:", summaries))
    return "\n".join(lines)


def _line(head: str, summaries: Sequence[FileSummary]) -> str:
    rows = sum(s.rows_read for s in summaries)
    stored = sum(s.stored for s in summaries)
    replaced = sum(s.replaced for s in summaries)
    unchanged = sum(s.unchanged for s in summaries)
    skipped = sum(s.skipped for s in summaries)
    codes = sorted({code for s in summaries for code in s.periods})
    return (
        f"{head} {number(rows)} rækker læst, {number(stored)} værdier gemt "
        f"(heraf {number(replaced)} erstattet), {number(unchanged)} uændrede, "
        f"{number(skipped)} rækker sprunget over, {_periods(codes)}"
    )
