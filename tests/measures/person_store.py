"""Small stores written by hand for the person-level report measures.

`make_store` creates a store with `jobtal.store.schema.connect` and inserts rows with SQL;
`run` builds a measure over the store's tables on the DuckDB engine and returns its rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import ibis.expr.types as ir

from jobtal.measures import engine
from jobtal.store.schema import connect

Rows = dict[str, Sequence[tuple[object, ...]]]
GENTOFTE = 157
OTHER = 101  # København


def make_store(path: Path, rows: Rows) -> Path:
    """A store at `path` with `rows` inserted per table (values in the table's column order)."""
    con = connect(path)
    try:
        for table, values in rows.items():
            for row in values:
                marks = ", ".join("?" for _ in row)
                con.execute(f"INSERT INTO {table} VALUES ({marks})", list(row))
    finally:
        con.close()
    return path


def run(path: Path, build: Callable[[Callable[[str], ir.Table]], ir.Table]) -> list[dict[str, Any]]:
    """The rows of the measure `build(table)`, where `table(name)` is a store table."""
    backend = engine.connect(path, "duckdb")
    try:
        return backend.to_pyarrow(build(backend.table)).to_pylist()
    finally:
        backend.disconnect()


def year_of(y: int) -> tuple[date, date]:
    return (date(y, 1, 1), date(y, 12, 31))


def d(text: str) -> date:
    return date.fromisoformat(text)
