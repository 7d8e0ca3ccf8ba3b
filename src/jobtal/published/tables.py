"""Loaders for the transcribed tables, statements and relations of a published report.

The files live next to `noegletal.csv` in `data/<report>/` and are described in that folder's
README.md. Like `jobtal.published.appendix`, every loader returns typed rows with values as
printed; an unknown report, or a report without the file, raises a KeyError with a Danish
message.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import TypedDict

from jobtal.published import _read, available

UNITS = frozenset({"count", "ftp", "pct", "pp", "dkk", "mio_kr", "weeks", "staff_years"})

# The two sections of the Budgetændringer appendix, told apart by the change type.
BUDGET_SECTIONS = {"Tillægsbevilling": "Budgetudvikling", "Afvigelse": "Forventede afvigelser"}


class ReportCell(TypedDict):
    table: str
    row: str
    column: str
    value: float | None
    decimals: int
    unit: str
    page: int
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


def _rows(name: str, filename: str) -> list[dict[str, str]]:
    if name in available():
        try:
            text = _read(name, filename)
        except FileNotFoundError:
            raise KeyError(f"ingen {filename} for den publicerede rapport {name!r}") from None
    else:
        text = _read(name, filename)  # raises the Danish KeyError for an unknown report
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


def _unit(text: str) -> str:
    if text not in UNITS:
        raise ValueError(f"ukendt enhed: {text!r}")
    return text


def report_tables(name: str) -> list[ReportCell]:
    """Every transcribed cell of the report's tables, in the order of the print."""
    return [
        ReportCell(
            table=row["table"],
            row=row["row"],
            column=row["column"],
            value=float(row["value"]) if row["value"] != "" else None,
            decimals=decimals_of(row["value"]),
            unit=_unit(row["unit"]),
            page=int(row["page"]),
            note=row["note"] or None,
        )
        for row in _rows(name, "report_tables.csv")
    ]


def table_names(name: str) -> list[str]:
    """The names of the transcribed tables ("tabel 1", …, "budgetændringer"), in print order."""
    return list(dict.fromkeys(cell["table"] for cell in report_tables(name)))


def report_table(name: str, table: str) -> list[ReportCell]:
    """The cells of one table, e.g. `report_table("gentofte-2023-02", "tabel 4")`."""
    cells = [cell for cell in report_tables(name) if cell["table"] == table]
    if not cells:
        known = ", ".join(table_names(name))
        raise KeyError(f"ukendt tabel: {table!r} (findes: {known})")
    return cells


def statements(name: str) -> list[Statement]:
    """The numbers stated in the report's sentences and what each should agree with."""
    return [
        Statement(
            where=row["where"],
            quote=row["quote"],
            value=float(row["value"]),
            decimals=decimals_of(row["value"]),
            unit=_unit(row["unit"]),
            refers_to=row["refers_to"] or None,
        )
        for row in _rows(name, "statements.csv")
    ]


def relations(name: str) -> list[Relation]:
    """How printed derived figures of the report tables follow from printed base figures."""
    return [
        Relation(
            kind=row["kind"],
            cell=row["cell"],
            expression=row["expression"],
            note=row["note"] or None,
        )
        for row in _rows(name, "relations.csv")
    ]


def budget_changes(name: str) -> list[BudgetChange]:
    """The appropriations and expected variances of the *Budgetændringer* appendix."""
    changes = []
    for cell in report_table(name, "budgetændringer"):
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
