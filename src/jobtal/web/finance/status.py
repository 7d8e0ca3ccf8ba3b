"""The economic status, variance explanation, *Budgetændringer* and tables 12 and 13 computed
live from the web application's records with the report's own code.

The records are laid out as the store's tables in an in-memory DuckDB (schema.DDL, in the
order they were recorded, as `records.export_files` writes them), and the tables are built by
`jobtal.report.tables_records.finance_tables` and `unit_cost_table` and by
`jobtal.report.tables_persons.table_12`, the very functions the quarterly report runs on the
analytical store. Tables 12 and 13 also need the cases and full-time persons of the
analytical store (setting JOBTAL_KEYFIGURES_DB, from JOBTAL_DB); without it they are left
out. Values are unrounded kroner; pages print them in mio. kr. (`format_cell`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import ibis

from jobtal.domain.municipalities import by_code
from jobtal.domain.periods import Month, Period
from jobtal.measures import engine
from jobtal.measures.spans import municipality_persons
from jobtal.report.cells import format_cell
from jobtal.report.model import ReportTable
from jobtal.report.persons_inputs import Inputs
from jobtal.report.tables_persons import table_12
from jobtal.report.tables_records import finance_tables, unit_cost_table
from jobtal.store.records import FILE_COLUMNS, KINDS
from jobtal.store.schema import DDL
from jobtal.web.finance.models import MODELS


def records_connection(municipality: int) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the store's tables, holding the municipality's live finance
    records in the order they were recorded (which orders records of one date)."""
    con = duckdb.connect()
    con.execute(DDL)
    for table, model in MODELS.items():
        columns = KINDS[table].store_columns
        rows = [
            tuple(_value(getattr(record, name)) for name in FILE_COLUMNS[table])
            for record in model.objects.filter(municipality=municipality).order_by("pk")
        ]
        if rows:
            quoted = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            con.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)
    return con


def _value(value: object) -> object:
    # The store keeps amounts as DOUBLE; the report computes on floats.
    return float(value) if isinstance(value, Decimal) else value


def status_tables(municipality: int, quarter: Period) -> list[ReportTable]:
    """The economic status and variance explanation of both expense types and
    *Budgetændringer*, as the report builds them (empty without a budget line)."""
    con = records_connection(municipality)
    try:
        return finance_tables(con, municipality, quarter)
    finally:
        con.close()


def store_tables(store: Path, municipality: int, quarter: Period) -> list[ReportTable]:
    """Tables 12 and 13 from the records and the analytical store at `store` (cases,
    full-time persons); empty when the store is missing or has no persons of the
    municipality."""
    if not store.is_file():
        return []
    con = records_connection(municipality)
    try:
        found = [unit_cost_table(con, store, municipality, quarter)]
        found.insert(0, _table_12(con, store, municipality, quarter))
    finally:
        con.close()
    return [table for table in found if table is not None]


def _table_12(
    con: duckdb.DuckDBPyConnection, store: Path, municipality: int, quarter: Period
) -> ReportTable | None:
    """Table 12 with the records' staffing and the store's cases of the municipality's
    persons (as the report keeps them), or None without staffing records."""
    staffing = con.sql("SELECT * FROM staffing").to_arrow_table()
    if staffing.num_rows == 0:
        return None
    backend = engine.connect(store)
    try:
        segments = backend.table("benefit_segments")
        persons = municipality_persons(segments, municipality)
        cases = backend.to_pyarrow(backend.table("cases").semi_join(persons, "person_id"))
        if cases.num_rows == 0:
            return None
        tables = {"cases": ibis.memtable(cases), "staffing": ibis.memtable(staffing)}
        last = quarter.last
        inputs = Inputs(
            store,
            by_code(municipality),
            quarter,
            Month(last.year - 3, 1),
            last,
            backend,
            tables,
            {},
        )
        return table_12(inputs)
    finally:
        backend.disconnect()


@dataclass(frozen=True)
class ShownTable:
    """A report table as a page shows it: its texts, in mio. kr. with one decimal where the
    report prints so."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    notes: tuple[str, ...]
    source: str


def shown(table: ReportTable) -> ShownTable:
    """The printed text of every cell (empty where the table has no cell)."""
    cells = {(c.row, c.column): c for c in table.cells}
    rows = tuple(
        (
            row,
            tuple(
                format_cell(cells[(row, column)]) if (row, column) in cells else ""
                for column in table.columns
            ),
        )
        for row in table.rows
    )
    return ShownTable(
        table.name, table.title, table.columns, rows, tuple(table.notes), table.source or ""
    )
