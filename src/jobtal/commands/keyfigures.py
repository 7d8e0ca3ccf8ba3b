"""`jobtal keyfigures`: the appendix *Nøgletal* for a municipality and year, or as published.

    jobtal keyfigures --municipality 157 --year 2022 [--db PATH] [--format table|csv|json]
                      [--engine duckdb|spark]
    jobtal keyfigures --published gentofte-2023-02 [--format table|csv|json]

The command only parses input and calls jobtal.report; bad input exits with status 2.
"""

from __future__ import annotations

import argparse
import sys

from jobtal import published, settings
from jobtal.domain.municipalities import Municipality, by_code, by_name
from jobtal.errors import InputError, Problem
from jobtal.published import AppendixRow
from jobtal.report.appendix_output import render_table, to_csv, to_json

COMMAND_LINE = "kommandolinjen"
FORMATS = ("table", "csv", "json")
# The measure engines (jobtal.measures.engine); spelled out so that `--help` needs no engine.
ENGINES = ("duckdb", "spark")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "keyfigures",
        help="vis bilaget Nøgletal for en kommune og et år (eller som publiceret)",
        description="Bilaget Nøgletal: målgruppeoversigt, langtidsledige, virksomhedsrettet "
        "tilbud og andel fuldtidsaktiverede for året og de to foregående år.",
    )
    parser.add_argument("--municipality", help="kommunekode eller navn, fx 157 eller Gentofte")
    parser.add_argument("--year", type=int, help="det seneste af de tre år, fx 2022")
    parser.add_argument("--db", help="databasen (standard: indstillingen JOBTAL_DB)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="udskriftsformat")
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="duckdb",
        help="beregningsmotor: duckdb (standard) eller spark (Apache Spark; indstillingen "
        "JOBTAL_SPARK_MASTER vælger lokal kørsel eller en klynge)",
    )
    parser.add_argument(
        "--published",
        metavar="NAVN",
        help=f"vis et publiceret bilag i stedet, fx {', '.join(published.available())}",
    )
    parser.set_defaults(handler=run)


def _usage_error(field: str, message: str) -> InputError:
    return InputError([Problem(COMMAND_LINE, None, field, message)])


def resolve_municipality(text: str) -> Municipality:
    """The municipality named by a code (`157`) or a jobindsats name (`Gentofte`)."""
    try:
        return by_code(int(text)) if text.strip().isdigit() else by_name(text)
    except KeyError:
        raise _usage_error(
            "--municipality",
            f"ukendt kommune: {text!r}; angiv en kommunekode (fx 157) eller et navn (fx Gentofte)",
        ) from None


def _published_rows(name: str) -> tuple[list[AppendixRow], str]:
    try:
        rows = published.appendix(name)
    except KeyError as error:
        raise _usage_error("--published", str(error.args[0])) from None
    return rows, f"Nøgletal som publiceret: {name}"


def _computed_rows(args: argparse.Namespace) -> tuple[list[AppendixRow], str]:
    # Imported here so that `--published` and `--help` do not load the store and the engine.
    from jobtal.report.appendix_store import describe_store, load_appendix

    if args.municipality is None:
        raise _usage_error("--municipality", "skal angives (eller brug --published)")
    if args.year is None:
        raise _usage_error("--year", "skal angives (eller brug --published)")
    municipality = resolve_municipality(args.municipality)
    db = args.db or settings.get("DB")
    appendix = load_appendix(db, municipality.code, args.year, args.engine)
    heading = f"Nøgletal – {municipality.name} ({municipality.code}), {args.year - 2}–{args.year}"
    return appendix.rows, f"{heading}\n{describe_store(appendix)}"


def render(rows: list[AppendixRow], output_format: str, heading: str | None = None) -> str:
    """The rows in one of the formats: `table` (Danish text), `csv` or `json`."""
    if output_format == "csv":
        return to_csv(rows)
    if output_format == "json":
        return to_json(rows)
    return render_table(rows, heading)


def run(args: argparse.Namespace) -> int:
    if args.published:
        rows, heading = _published_rows(args.published)
    else:
        rows, heading = _computed_rows(args)
    sys.stdout.write(render(rows, args.format, heading))
    return 0
