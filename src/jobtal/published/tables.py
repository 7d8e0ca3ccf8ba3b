"""Loaders for the transcribed tables, statements and relations of a published report.

The files live next to `noegletal.csv` in `data/<report>/` and are described in that folder's
README.md. Like `jobtal.published.appendix`, every loader takes a source (a report's name or a
folder in the same format, see `jobtal.published.source`) and returns typed rows with values as
printed. An unknown report name, or a transcribed report without the file, raises a KeyError
with a Danish message; a missing or malformed file in a folder an InputError naming file, line
and field. `relations.csv` is optional: without it there are no relations.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from jobtal.published.source import Row, Source, parse_all, read_rows

UNITS = frozenset({"count", "ftp", "pct", "pp", "dkk", "mio_kr", "weeks", "staff_years"})

# The kinds of relation relations.csv may state (its README.md).
RELATION_KINDS = frozenset(
    {
        "total",
        "change_pct",
        "share",
        "national_share",
        "average",
        "ratio",
        "difference",
        "same_figure",
    }
)

# The two sections of the Budgetændringer appendix, told apart by the change type.
BUDGET_SECTIONS = {"Tillægsbevilling": "Budgetudvikling", "Afvigelse": "Forventede afvigelser"}

TABLES_FILE = "report_tables.csv"
STATEMENTS_FILE = "statements.csv"
RELATIONS_FILE = "relations.csv"


class ReportCell(TypedDict):
    table: str
    row: str
    column: str
    value: float | None
    decimals: int
    unit: str
    page: int | None  # None where the source has no pages (a generated report's folder)
    note: str | None


class Statement(TypedDict):
    where: str
    quote: str
    value: float
    decimals: int
    unit: str
    refers_to: str | None


class Relation(TypedDict):
    kind: str
    cell: str
    expression: str
    note: str | None


class BudgetChange(TypedDict):
    section: str
    date: dt.date
    change_type: str
    expense_type: str
    topic: str
    amount: float


def decimals_of(text: str) -> int:
    """How many decimals a transcribed value is printed with: `20.0` → 1, `-61` → 0."""
    return len(text.split(".", 1)[1]) if "." in text else 0


def _report_cell(row: Row) -> ReportCell:
    return ReportCell(
        table=row.required("table"),
        row=row.required("row"),
        column=row.required("column"),
        value=row.number("value", empty=True),
        decimals=decimals_of(row["value"].strip()),
        unit=row.choice("unit", UNITS),
        page=row.integer("page", empty=True),
        note=row["note"] or None,
    )


def report_cell_rows(source: Source) -> list[tuple[Row, ReportCell]]:
    """Every cell of `report_tables.csv` beside the line it stands on (for error messages)."""
    rows = read_rows(
        source,
        TABLES_FILE,
        ("table", "row", "column", "value", "unit"),
        optional_columns=("page", "note"),
    )
    assert rows is not None  # the file is required
    return parse_all(rows, lambda row: (row, _report_cell(row)))


def report_tables(source: Source) -> list[ReportCell]:
    """Every transcribed cell of the report's tables, in the order of the print."""
    return [cell for _, cell in report_cell_rows(source)]


def table_names(source: Source) -> list[str]:
    """The names of the transcribed tables ("tabel 1", …, "budgetændringer"), in print order."""
    return list(dict.fromkeys(cell["table"] for cell in report_tables(source)))


def report_table(source: Source, table: str) -> list[ReportCell]:
    """The cells of one table, e.g. `report_table("gentofte-2023-02", "tabel 4")`."""
    cells = [cell for cell in report_tables(source) if cell["table"] == table]
    if not cells:
        known = ", ".join(table_names(source))
        raise KeyError(f"ukendt tabel: {table!r} (findes: {known})")
    return cells


def _statement(row: Row) -> Statement:
    value = row.number("value")
    assert value is not None
    return Statement(
        where=row.required("where"),
        quote=row["quote"],
        value=value,
        decimals=decimals_of(row["value"].strip()),
        unit=row.choice("unit", UNITS),
        refers_to=row["refers_to"].strip() or None,
    )


def statement_rows(source: Source) -> list[tuple[Row, Statement]]:
    """Every statement beside the line it stands on (for error messages)."""
    columns = ("where", "quote", "value", "unit", "refers_to")
    rows = read_rows(source, STATEMENTS_FILE, columns)
    assert rows is not None  # the file is required
    return parse_all(rows, lambda row: (row, _statement(row)))


def statements(source: Source) -> list[Statement]:
    """The numbers stated in the report's sentences and what each should agree with."""
    return [statement for _, statement in statement_rows(source)]


def _relation(row: Row) -> Relation:
    return Relation(
        kind=row.choice("kind", RELATION_KINDS),
        cell=row.required("cell").strip(),
        expression=row.required("expression").strip(),
        note=row["note"] or None,
    )


def relation_rows(source: Source) -> list[tuple[Row, Relation]]:
    """Every relation beside the line it stands on; none where `relations.csv` is missing."""
    columns = ("kind", "cell", "expression")
    rows = read_rows(source, RELATIONS_FILE, columns, optional_columns=("note",), optional=True)
    return parse_all(rows or [], lambda row: (row, _relation(row)))


def relations(source: Source) -> list[Relation]:
    """How printed derived figures of the report tables follow from printed base figures."""
    return [relation for _, relation in relation_rows(source)]


def budget_changes(source: Source) -> list[BudgetChange]:
    """The appropriations and expected variances of the *Budgetændringer* appendix."""
    changes = []
    for cell in report_table(source, "budgetændringer"):
        if cell["column"] != "Beløbsændring" or cell["value"] is None:
            continue
        # The row is the printed line read left to right: date, change type, expense type, topic.
        date, change_type, expense_type, topic = cell["row"].split(" ", 3)
        changes.append(
            BudgetChange(
                section=BUDGET_SECTIONS[change_type],
                date=dt.datetime.strptime(date, "%d-%m-%Y").date(),
                change_type=change_type,
                expense_type=expense_type,
                topic=topic,
                amount=cell["value"],
            )
        )
    return changes
