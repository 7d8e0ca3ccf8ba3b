"""The quarterly report as data: tables, charts, sentences and sections.

Every figure of the report is a `Cell` of a `ReportTable`, computed unrounded from the store
(or taken from a published report). Charts are drawn from a table (`Chart.table`), and every
number in a sentence is a reference to a cell (`Fact`), so a sentence can never disagree with a
table: both read the same `Cell`.

`tables.json` of `jobtal report` is `tidy_rows(report.tables)`: one
`{"table", "row", "column", "value"}` per cell, `table` named as in the seed (`"tabel 3"`,
`"økonomisk status service"`, ...), values unrounded (None where undefined, printed ".").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

# Units of a cell; they decide how it is shown (jobtal.formatting):
# count, ftp (full-time persons), pct, pp (percentage points), dkk (kroner), mio_kr (shown in
# millions with one decimal; the value is in kroner), weeks, staff_years.
UNITS = frozenset({"count", "ftp", "pct", "pp", "dkk", "mio_kr", "weeks", "staff_years"})


@dataclass(frozen=True)
class Cell:
    """One figure: `row` × `column` of a table, unrounded; `decimals` is how it is printed."""

    row: str
    column: str
    value: float | None
    unit: str
    decimals: int = 0


@dataclass(frozen=True)
class ReportTable:
    """A table of the report, named as in the seed ("tabel 1" ... "tabel 13", "økonomisk
    status service", "afvigelsesforklaring overførsler", "budgetændringer", "figur 1" ...).

    `rows` and `columns` give the printed order of the labels; `cells` holds every figure
    (a missing row × column pair is printed empty). `title` is the caption ("Tabel 3.
    Kontaktede virksomheder med oprettet tilbud"), `source` the source line ("Kilde:
    Jobindsats.dk"), `notes` footnotes such as "* År-til-dato er januar-oktober".
    """

    name: str
    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[Cell, ...]
    source: str = ""
    notes: tuple[str, ...] = ()
    row_header: str = ""

    def cell(self, row: str, column: str) -> Cell:
        """The cell at `row` × `column`; KeyError naming the table when there is none."""
        for found in self.cells:
            if found.row == row and found.column == column:
                return found
        raise KeyError(f"{self.name}: ingen celle {row!r} × {column!r}")

    def value(self, row: str, column: str) -> float | None:
        return self.cell(row, column).value


@dataclass(frozen=True)
class Fact:
    """A number in a sentence and where it comes from.

    `refers_to` uses the syntax of the published reference data (published/data/*/README.md):
    a cell `<table>:<row>:<column>` of a report table, `noegletal:<table>:<label>:<year>:
    <measure>` of the appendix, or an expression `sum(a|b|…)`, `diff(a|b)` = a − b,
    `change_pct(old|new)`, `share(part|whole)`, `ratio(a|b)` over cells. The value is
    computed unrounded from the report's own tables and printed with `decimals` in `unit`.
    `magnitude` prints the absolute value, for a sentence whose verb carries the sign
    ("er faldet med 311 fuldtidspersoner").
    """

    refers_to: str
    unit: str
    decimals: int = 0
    magnitude: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart drawn from a table of the report: `kind` is `bar` (one bar per row, grouped by
    column) or `line` (x = columns in order, one line per row). `alt` is the text
    alternative."""

    name: str
    title: str
    table: str
    kind: str
    alt: str
    y_title: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: literal text, or a sentence template whose `{0}`, `{1}` ... are filled
    with the formatted `facts` (the verb already chosen from their signs when the paragraph
    was built). `comment` marks a free-text comment by an analyst, which holds no facts."""

    text: str
    facts: tuple[Fact, ...] = ()
    comment: bool = False


@dataclass(frozen=True)
class Section:
    """A section of the report, in the seed's order; `blocks` are paragraphs, table names
    and charts in reading order."""

    key: str
    heading: str
    blocks: tuple[Paragraph | str | Chart, ...] = ()
    subheading: str = ""


@dataclass(frozen=True)
class Report:
    """The whole quarterly report for a municipality and quarter."""

    municipality: int
    municipality_name: str
    quarter: str  # e.g. "2022Q4"
    title: str
    sections: tuple[Section, ...]
    tables: tuple[ReportTable, ...]
    appendices: tuple[Section, ...] = field(default=())

    def table(self, name: str) -> ReportTable:
        for found in self.tables:
            if found.name == name:
                return found
        raise KeyError(f"rapporten har ingen tabel {name!r}")


def tidy_rows(tables: Iterable[ReportTable]) -> Iterator[dict[str, object]]:
    """Every cell as `{"table", "row", "column", "value"}` (the contract of tables.json)."""
    for table in tables:
        for cell in table.cells:
            yield {"table": table.name, "row": cell.row, "column": cell.column, "value": cell.value}
