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
from jobtal.report import texts
from jobtal.report.cells import format_value
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


def appendix_value(
    reference: str,
    appendix: Sequence[AppendixRow],
    tables: Mapping[str, ReportTable] | None = None,
) -> float | None:
    """The value of `noegletal:<table>:<label>:<year>:<measure>`: from the appendix rows, or,
    when they do not hold it, from the appendix's report table ("nøgletal målgrupper" ...)
    among `tables`, which prints the same figure. KeyError when neither has it."""
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
    printed = (tables or {}).get(texts.APPENDIX_REPORT_TABLES.get(table, ""))
    if printed is not None and measure in texts.APPENDIX_COLUMN_PREFIXES:
        column = texts.appendix_column(measure, year)
        for row_label in (label, texts.APPENDIX_CHILD_PREFIX + label):
            for cell in printed.cells:
                if cell.row == row_label and cell.column == column:
                    return cell.value
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
        return appendix_value(text, appendix, tables)
    return table_cell_value(text, tables)


# -- formatting a fact ---------------------------------------------------------------------

# What follows a formatted figure in a sentence, by unit (counts and full-time persons are
# bare numbers: the sentence names what is counted; a percentage carries its own `%`).
UNIT_WORDS: dict[str, str] = {
    "pp": " procentpoint",
    "mio_kr": " mio. kr.",
    "dkk": " kr.",
    "staff_years": " årsværk",
    "weeks": " uger",
}


def format_fact(value: float | None, unit: str, decimals: int) -> str:
    """A figure as it stands in a sentence: `1.097`, `32,4 %`, `3,3 mio. kr.`,
    `18.757 kr.`, `5,8 procentpoint`, `0,9 årsværk`, `100 uger`; `.` when undefined.

    The number itself is printed exactly as in the tables (`cells.format_value`).
    """
    if value is None:
        return formatting.UNDEFINED
    return format_value(value, unit, decimals) + UNIT_WORDS.get(unit, "")


def fact_value(
    fact: Fact, tables: Mapping[str, ReportTable], appendix: Sequence[AppendixRow]
) -> float | None:
    """The value a fact prints: evaluated, and its absolute value when `magnitude`."""
    value = evaluate(fact.refers_to, tables, appendix)
    if value is not None and fact.magnitude:
        value = abs(value)
    return value


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\d+)\}(\.?)")


def text_of(
    paragraph: Paragraph,
    tables: Mapping[str, ReportTable],
    appendix: Sequence[AppendixRow],
) -> str:
    """The paragraph's text with `{0}`, `{1}` ... replaced by its formatted facts (`{{` and
    `}}` are literal braces). A full stop after a figure that ends in one ("mio. kr.") is
    not doubled."""
    if not paragraph.facts:
        return paragraph.text
    formatted = [
        format_fact(fact_value(fact, tables, appendix), fact.unit, fact.decimals)
        for fact in paragraph.facts
    ]

    def fill(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group(0)[0]
        text = formatted[int(match.group(1))]
        stop = match.group(2)
        return text if stop and text.endswith(".") else text + stop

    return _PLACEHOLDER.sub(fill, paragraph.text)


# -- verbs chosen from the sign --------------------------------------------------------------


def direction(value: float, decimals: int) -> int:
    """+1, −1 or 0: the sign of `value` as printed with `decimals` (a change that prints as
    0 is no change, so the verb never contradicts the number)."""
    printed = formatting.rounded(value, decimals)
    return (printed > 0) - (printed < 0)


def change_verb(value: float, decimals: int) -> str:
    """'er steget med' / 'er faldet med' / 'er uændret' for a change."""
    return {1: "er steget med", -1: "er faldet med", 0: "er uændret"}[direction(value, decimals)]


def change_noun(value: float, decimals: int) -> str:
    """'en stigning på' / 'et fald på' / 'ingen ændring' for a change."""
    return {1: "en stigning på", -1: "et fald på", 0: "ingen ændring"}[direction(value, decimals)]


def past_verb(value: float, decimals: int) -> str:
    """'steg' / 'faldt' / 'var uændret' for a change over a past period."""
    return {1: "steg", -1: "faldt", 0: "var uændret"}[direction(value, decimals)]


def spending_word(value: float, decimals: int) -> str:
    """A variance against the budget: 'mindreforbrug' (below, negative) or 'merforbrug'
    (above, positive); 'forbrug svarende til budgettet' when it prints as zero."""
    return {1: "merforbrug", -1: "mindreforbrug", 0: "forbrug svarende til budgettet"}[
        direction(value, decimals)
    ]


def more_less(value: float, decimals: int, more: str = "mere", less: str = "mindre") -> str:
    """'mere' / 'mindre' (or the given words) for a difference; '' when it prints as zero."""
    return {1: more, -1: less, 0: ""}[direction(value, decimals)]


# -- building a sentence ---------------------------------------------------------------------


class SentenceBuilder:
    """Builds a `Paragraph` from fragments; each `{}` in a fragment is the next fact.

    >>> b = SentenceBuilder().add("Fra {} ", Fact("tabel 1:a:b", "count"))
    >>> b.add("til {}.", Fact("tabel 1:a:c", "count")).paragraph().text
    'Fra {0} til {1}.'
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._facts: list[Fact] = []

    def add(self, fragment: str, *facts: Fact) -> SentenceBuilder:
        if fragment.count("{}") != len(facts):
            raise ValueError(f"{len(facts)} tal til {fragment!r}")
        # Other braces (in a label, say) are literal text for str.format.
        pieces = [p.replace("{", "{{").replace("}", "}}") for p in fragment.split("{}")]
        text = pieces[0]
        for fact, piece in zip(facts, pieces[1:], strict=True):
            text += "{" + str(len(self._facts)) + "}" + piece
            self._facts.append(fact)
        self._parts.append(text)
        return self

    def paragraph(self) -> Paragraph:
        return Paragraph("".join(self._parts).strip(), tuple(self._facts))
