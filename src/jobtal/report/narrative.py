"""Sentences of the quarterly report, filled from the report's own figures.

A sentence is a `Paragraph` whose `{0}`, `{1}` ... are `Fact`s: references to cells of the
report's tables (or of the appendix *Nøgletal*) in the syntax of the published reference data
(`published/data/*/README.md`). `evaluate` computes a reference exactly, unrounded, from the
tables; `text_of` fills a paragraph with its facts formatted the Danish way. No number is ever
formatted into a template by hand, so a sentence cannot disagree with a table.

Reference syntax:

* `<table>:<row>:<column>` a cell of a report table (row labels may contain `:`, e.g.
  "Heraf: Øvrige"; the split is the one that names an existing row and column),
* `noegletal:<table>:<label>:<year>:<measure>` a figure of the appendix *Nøgletal*,
* `sum(a|b|…)`, `diff(a|b)` = a − b, `change_pct(old|new)` = (new ÷ old − 1) × 100,
  `share(part|whole)` = part ÷ whole × 100, `ratio(a|b)` = a ÷ b; arguments are references,
  expressions or literal numbers.

An undefined figure (a missing value, a division by zero) evaluates to None and is printed
".".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from jobtal import formatting
from jobtal.published import AppendixRow
from jobtal.report.model import Fact, Paragraph, ReportTable

APPENDIX_PREFIX = "noegletal:"
_FUNCTION = re.compile(r"^(sum|diff|change_pct|share|ratio)\((.*)\)$", re.DOTALL)
_LITERAL = re.compile(r"^-?\d+(\.\d+)?$")


def _sum(values: list[float]) -> float | None:
    return sum(values)


def _diff(values: list[float]) -> float | None:
    if len(values) != 2:
        raise ValueError("diff tager to argumenter")
    return values[0] - values[1]


def _change_pct(values: list[float]) -> float | None:
    if len(values) != 2:
        raise ValueError("change_pct tager to argumenter")
    old, new = values
    return None if old == 0 else (new / old - 1) * 100


def _share(values: list[float]) -> float | None:
    if len(values) != 2:
        raise ValueError("share tager to argumenter")
    part, whole = values
    return None if whole == 0 else part / whole * 100


def _ratio(values: list[float]) -> float | None:
    if len(values) != 2:
        raise ValueError("ratio tager to argumenter")
    a, b = values
    return None if b == 0 else a / b


FUNCTIONS: dict[str, Callable[[list[float]], float | None]] = {
    "sum": _sum,
    "diff": _diff,
    "change_pct": _change_pct,
    "share": _share,
    "ratio": _ratio,
}


def split_arguments(text: str) -> list[str]:
    """Split `a|b|…` at the top-level `|` (not inside parentheses of a nested expression or
    a label such as "2019 (hele året)").

    >>> split_arguments("sum(1|2)|tabel 10:Andel beskæftigede:2019 (hele året)")
    ['sum(1|2)', 'tabel 10:Andel beskæftigede:2019 (hele året)']
    """
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def table_cell_value(reference: str, tables: Mapping[str, ReportTable]) -> float | None:
    """The value of the cell `<table>:<row>:<column>`; KeyError when there is no such cell."""
    name, _, rest = reference.partition(":")
    table = tables.get(name)
    if table is None:
        raise KeyError(f"ingen tabel {name!r} (i {reference!r})")
    # A row label may contain ':', so try every split into an existing row and column.
    for position in [m.start() for m in re.finditer(":", rest)]:
        row, column = rest[:position], rest[position + 1 :]
        if row in table.rows and column in table.columns:
            return table.value(row, column)
    for cell in table.cells:  # a cell whose labels are not (yet) in rows/columns
        if f"{cell.row}:{cell.column}" == rest:
            return cell.value
    raise KeyError(f"{name}: ingen celle {rest!r}")


def appendix_value(reference: str, appendix: Sequence[AppendixRow]) -> float | None:
    """The value of `noegletal:<table>:<label>:<year>:<measure>`; KeyError when missing."""
    body = reference[len(APPENDIX_PREFIX) :]
    table, _, rest = body.partition(":")
    label, year_text, measure = rest.rsplit(":", 2)
    year = int(year_text)
    for row in appendix:
        if (
            row["table"] == table
            and row["label"] == label
            and row["year"] == year
            and row["measure"] == measure
        ):
            return row["value"]
    raise KeyError(f"nøgletal: ingen række {body!r}")


def evaluate(
    refers_to: str,
    tables: Mapping[str, ReportTable],
    appendix: Sequence[AppendixRow],
) -> float | None:
    """The exact, unrounded value of a reference or expression (see the module docstring).

    None when any figure it needs is undefined or it divides by zero; KeyError when it
    names a cell that does not exist; ValueError for a malformed expression.
    """
    text = refers_to.strip()
    if not text:
        raise ValueError("tom reference")
    match = _FUNCTION.match(text)
    if match is not None:
        arguments = [evaluate(a, tables, appendix) for a in split_arguments(match.group(2))]
        if any(value is None for value in arguments):
            return None
        return FUNCTIONS[match.group(1)]([v for v in arguments if v is not None])
    if _LITERAL.match(text):
        return float(text)
    if text.startswith(APPENDIX_PREFIX):
        return appendix_value(text, appendix)
    return table_cell_value(text, tables)


# -- formatting a fact ---------------------------------------------------------------------

MILLION = 1_000_000


def format_fact(value: float | None, unit: str, decimals: int) -> str:
    """A figure as it stands in a sentence: `1.097`, `32,4 %`, `3,3 mio. kr.`,
    `18.757 kr.`, `5,8 procentpoint`, `0,9 årsværk`, `100 uger`.

    Counts and full-time persons are bare numbers; the sentence names what is counted.
    """
    if value is None:
        return formatting.UNDEFINED
    if unit == "pct":
        return formatting.percent(value, decimals)
    if unit == "pp":
        return f"{formatting.points(value, decimals)} procentpoint"
    if unit == "mio_kr":
        return f"{formatting.number(value / MILLION, decimals)} mio. kr."
    if unit == "dkk":
        return f"{formatting.number(value, decimals)} kr."
    if unit == "staff_years":
        return f"{formatting.number(value, decimals)} årsværk"
    if unit == "weeks":
        return f"{formatting.number(value, decimals)} uger"
    return formatting.number(value, decimals)


def fact_value(
    fact: Fact, tables: Mapping[str, ReportTable], appendix: Sequence[AppendixRow]
) -> float | None:
    """The value a fact prints: evaluated, and its absolute value when `magnitude`."""
    value = evaluate(fact.refers_to, tables, appendix)
    if value is not None and fact.magnitude:
        value = abs(value)
    return value


def text_of(
    paragraph: Paragraph,
    tables: Mapping[str, ReportTable],
    appendix: Sequence[AppendixRow],
) -> str:
    """The paragraph's text with `{0}`, `{1}` ... replaced by its formatted facts."""
    if not paragraph.facts:
        return paragraph.text
    formatted = [
        format_fact(fact_value(fact, tables, appendix), fact.unit, fact.decimals)
        for fact in paragraph.facts
    ]
    return paragraph.text.format(*formatted)
