"""`jobtal report`: the quarterly report for a municipality and quarter, or as published.

    jobtal report --municipality 157 --period 2022Q4 [--db PATH] --out DIR
                  [--comments FILE.toml] [--engine duckdb|spark]
    jobtal report --published gentofte-2023-02 --out DIR [--comments FILE.toml]

Writes the report as HTML and PDF, its appendices as PDF, every table as CSV and JSON and the
reference data `DIR/data/` that `jobtal verify --dir DIR/data` checks (`jobtal.report.write`).
`--comments` is a TOML file of analyst comments, one text per section key
(`noegletalsstatus = "..."`), added to the section without touching any figure. Bad input
exits with status 2 and nothing is written; progress goes to stderr with elapsed seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from collections.abc import Mapping
from pathlib import Path

from jobtal import published, settings
from jobtal.commands.keyfigures import ENGINES, resolve_municipality
from jobtal.domain.periods import Period, parse_period
from jobtal.errors import InputError, Problem

COMMAND_LINE = "kommandolinjen"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="skriv kvartalsrapporten (HTML, PDF, tabeller og referencedata)",
        description="Kvartalsrapporten for en kommune og et kvartal, beregnet fra databasen "
        "(eller en publiceret rapport gengivet med --published): HTML, PDF, bilagene Nøgletal "
        "og Budgetændringer som PDF, hver tabel som CSV, tables.json og mappen data/ til "
        "jobtal verify.",
    )
    parser.add_argument("--municipality", help="kommunekode eller navn, fx 157 eller Gentofte")
    parser.add_argument("--period", help="kvartalet, fx 2022Q4 (eller 2022Q04)")
    parser.add_argument("--db", help="databasen (standard: indstillingen JOBTAL_DB)")
    parser.add_argument("--out", required=True, help="mappen, rapporten skrives i")
    parser.add_argument(
        "--comments",
        metavar="FIL.toml",
        help="analytikerens kommentarer: en tekst pr. afsnitsnøgle, fx noegletalsstatus",
    )
    parser.add_argument(
        "--engine", choices=ENGINES, default="duckdb", help="beregningsmotor (standard duckdb)"
    )
    parser.add_argument(
        "--published",
        metavar="NAVN",
        help=f"gengiv en publiceret rapport i stedet, fx {', '.join(published.available())}",
    )
    parser.set_defaults(handler=run)


def _usage_error(field: str, message: str) -> InputError:
    return InputError([Problem(COMMAND_LINE, None, field, message)])


def parse_quarter(text: str) -> Period:
    """A quarter written `2022Q4` or `2022Q04`; InputError for anything else."""
    try:
        period = parse_period(text.strip().upper())
    except ValueError as error:
        raise _usage_error("--period", f"{error}; angiv et kvartal, fx 2022Q4") from None
    if period.kind != "quarter":
        raise _usage_error("--period", f"{text!r} er ikke et kvartal; angiv fx 2022Q4")
    return period


def read_comments(path: str) -> Mapping[str, str]:
    """The comments file: TOML with one text per section key."""
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError([Problem(path, None, None, "filen findes ikke")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(path, None, None, "filen er ikke UTF-8")]) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(
            [Problem(path, _toml_line(error), None, f"ugyldig TOML: {error}")]
        ) from None
    problems = [
        Problem(path, None, key, "skal være en tekst")
        for key, value in data.items()
        if not isinstance(value, str)
    ]
    if problems:
        raise InputError(problems)
    return data


def _toml_line(error: tomllib.TOMLDecodeError) -> int | None:
    lineno = getattr(error, "lineno", None)  # Python 3.14 adds it; 3.11 says it in the text
    if isinstance(lineno, int):
        return lineno
    text = str(error)
    marker = "line "
    if marker in text:
        digits = text.split(marker, 1)[1].split(",", 1)[0].split(")", 1)[0]
        return int(digits) if digits.isdigit() else None
    return None


class Progress:
    """Progress lines on stderr with the seconds since the start."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def __call__(self, message: str) -> None:
        print(f"[{time.monotonic() - self.start:6.1f} s] {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    # Imported here so that `--help` does not load the report code and its libraries.
    from jobtal.report.build import build_published_report, build_report
    from jobtal.report.write import write_report

    progress = Progress()
    comments = read_comments(args.comments) if args.comments else None
    out = Path(args.out)
    if args.published:
        if args.published not in published.available():
            known = ", ".join(published.available())
            raise _usage_error(
                "--published", f"ukendt rapport {args.published!r} (findes: {known})"
            )
        progress(f"Gengiver den publicerede rapport {args.published}")
        report = build_published_report(args.published, comments=comments)
    else:
        if args.municipality is None:
            raise _usage_error("--municipality", "skal angives (eller brug --published)")
        if args.period is None:
            raise _usage_error("--period", "skal angives (eller brug --published)")
        place = resolve_municipality(args.municipality)
        quarter = parse_quarter(args.period)
        db = Path(args.db or settings.get("DB"))
        progress(f"Beregner tabellerne for {place.name} ({place.code}), {quarter.code} fra {db}")
        report = build_report(db, place.code, quarter, comments=comments, engine=args.engine)
    progress(f"Rapporten har {len(report.sections)} afsnit og {len(report.tables)} tabeller")
    paths = write_report(report, out, progress=lambda name: progress(f"Skriver {name}"))
    progress("Færdig")
    print(summary(report.title, out, paths))
    return 0


def summary(title: str, out: Path, paths: list[Path]) -> str:
    """The final Danish summary of what was written."""
    tables = [p for p in paths if p.parent.name == "tables"]
    others = [p for p in paths if p not in tables]
    lines = [f"{title}: {len(paths)} filer skrevet i {out}"]
    lines += [f"  {p.relative_to(out)}" for p in others]
    lines.append(f"  tables/: {len(tables)} tabeller som CSV (semikolon, decimalkomma)")
    lines.append(f"Kontrollér tallene med: jobtal verify --dir {out / 'data'}")
    return "\n".join(lines)
