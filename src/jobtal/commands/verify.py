"""`jobtal verify`: where a report disagrees with itself, beyond what rounding explains.

    jobtal verify (--published NAME | --dir DIR) [--format text|json] [--include-rounding]
                  [--strict]

Reads a report's reference data — a transcribed published report by name, or a folder in the
same format, such as `OUT/data/` written by `jobtal report` — and recomputes every printed
total, change, share, average and number in a sentence from the printed figures with interval
arithmetic (`jobtal.published.consistency.check`). Lists the disagreements; the exit status is
0 (disagreements are the result, not an error), with `--strict` 1 when a disagreement that
rounding does not explain is found, and 2 for a missing or malformed file.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from jobtal import published
from jobtal.errors import InputError, Problem
from jobtal.formatting import number
from jobtal.published.consistency import Disagreement, check
from jobtal.published.source import Source

FORMATS = ("text", "json")
COMMAND_LINE = "kommandolinjen"

# The kinds of comparison, in Danish, as the text output names them.
KINDS = {
    "total": "sum af de tal, den består af",
    "change_pct": "udvikling i procent",
    "change_pp": "udvikling i procentpoint",
    "share": "andel",
    "national_share": "landsandel",
    "average": "gennemsnit",
    "ratio": "forholdstal",
    "difference": "difference",
    "same_figure": "samme tal trykt to steder",
    "statement": "tal i teksten mod tabellen",
}

# The fields of each disagreement in the JSON output.
JSON_FIELDS = ("where", "printed", "computed", "kind", "explained_by_rounding", "reference")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="find tal i en rapport, der ikke stemmer med rapportens egne tal",
        description="Genberegn hver trykt sum, udvikling, andel, gennemsnit og hvert tal i "
        "teksten ud fra de trykte tal med intervalregning (et trykt tal står for alle "
        "værdier, der afrundes til det) og vis de uoverensstemmelser, som afrunding ikke "
        "forklarer. Afslutter med status 0 (uoverensstemmelser er resultatet, ikke en fejl), "
        "med --strict 1, hvis der er en uoverensstemmelse, som afrunding ikke forklarer, og 2 "
        "ved en manglende eller fejlbehæftet fil.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--published",
        metavar="NAVN",
        help=f"en publiceret rapport, der følger med jobtal: {', '.join(published.available())}",
    )
    source.add_argument(
        "--dir",
        metavar="MAPPE",
        help="en mappe med noegletal.csv, report_tables.csv, statements.csv og evt. "
        "relations.csv, fx data/ i en rapport skrevet af jobtal report",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="udskriftsformat")
    parser.add_argument(
        "--include-rounding",
        action="store_true",
        help="vis også forskelle, som afrunding forklarer",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="afslut med status 1, hvis der er en uoverensstemmelse, som afrunding ikke forklarer",
    )
    parser.set_defaults(handler=run)


def _source(args: argparse.Namespace) -> Source:
    if args.published is not None:
        if args.published not in published.available():
            known = ", ".join(published.available())
            message = f"ukendt publiceret rapport: {args.published!r} (findes: {known})"
            raise InputError([Problem(COMMAND_LINE, None, "--published", message)])
        return str(args.published)
    return Path(args.dir)


def run(args: argparse.Namespace) -> int:
    source = _source(args)
    found = check(source, include_rounding=args.include_rounding)
    if args.format == "json":
        print(json.dumps(to_json(found), ensure_ascii=False, indent=2))
    else:
        print(render_text(found, describe(source)))
    real = [item for item in found if not item.explained_by_rounding]
    return 1 if args.strict and real else 0


def describe(source: Source) -> str:
    """The report as the summary names it."""
    return f"den publicerede rapport {source}" if isinstance(source, str) else f"mappen {source}"


def to_json(found: Sequence[Disagreement]) -> list[dict[str, object]]:
    """The disagreements as `{"where", "printed", "computed", "kind", "explained_by_rounding",
    "reference"}` (numbers unformatted, None where not printed or undefined)."""
    return [{field: getattr(item, field) for field in JSON_FIELDS} for item in found]


def render_text(found: Sequence[Disagreement], report: str) -> str:
    """A Danish, numbered list of the disagreements and a summary line."""
    blocks = [_block(index, item) for index, item in enumerate(found, start=1)]
    return "\n\n".join([*blocks, summary(found, report)])


def _block(index: int, item: Disagreement) -> str:
    rounding = (
        "Afrunding kan forklare forskellen."
        if item.explained_by_rounding
        else "Afrunding kan ikke forklare forskellen."
    )
    return "\n".join(
        [
            f"{index}. {item.where}",
            f"    Trykt: {_printed(item)}",
            f"    Følger af de trykte tal: {_computed(item)}",
            f"    Art: {KINDS.get(item.kind, item.kind)}",
            f"    {rounding}",
        ]
    )


def _printed(item: Disagreement) -> str:
    if item.printed is None:
        return ". (intet tal)"
    return number(item.printed, item.decimals)


def _computed(item: Disagreement) -> str:
    """The value recomputed from the printed figures as they stand, rounded like the print,
    and the range that the printed figures' rounding allows."""
    if item.computed is None:
        value = "ikke defineret (division med 0)"
    else:
        value = number(item.computed, item.decimals)
    finer = item.decimals + 1
    low = "-uendelig" if item.low is None else number(item.low, finer)
    high = "uendelig" if item.high is None else number(item.high, finer)
    return f"{value} (afrundingen af de trykte tal tillader {low} til {high})"


def summary(found: Sequence[Disagreement], report: str) -> str:
    """One line: how many disagreements, and how many rounding explains."""
    real = sum(1 for item in found if not item.explained_by_rounding)
    explained = len(found) - real
    if not found:
        return f"Ingen uoverensstemmelser i {report}."
    noun = "uoverensstemmelse" if real == 1 else "uoverensstemmelser"
    line = f"I alt {real} {noun}, som afrunding ikke forklarer, i {report}"
    if explained:
        line += f", og {explained}, som afrunding forklarer"
    return line + "."
