"""The person-level inputs of one municipality's quarterly report, read once per report.

`load_inputs` opens the store, keeps only the persons with at least one benefit segment in
the municipality (all their segments, activations, wage months and education spells; the
municipality's cases and staffing) and holds them in memory, so every table's query reads a
few thousand rows instead of the whole country. The monthly engine figures
(`jobtal.measures.monthly.monthly_figures`) are computed once from the same persons and
shared by every table and chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
from ibis.common.exceptions import TableNotFound

from jobtal.domain.municipalities import Municipality, by_code
from jobtal.domain.periods import Month, Period
from jobtal.errors import InputError, Problem
from jobtal.measures import engine as engines
from jobtal.measures.monthly import monthly_figures
from jobtal.measures.spans import municipality_persons
from jobtal.store.schema import DDL

if TYPE_CHECKING:
    from ibis.backends import BaseBackend

# (leaf group, month, measure) -> value of the municipality's monthly figures
Monthly = dict[tuple[str, Month, str], float]

# The person-level tables read for the report, and the column that restricts them.
PERSON_TABLES: tuple[str, ...] = ("activation_spells", "wage_months", "education_spells")
MUNICIPALITY_TABLES: tuple[str, ...] = ("cases", "staffing")


@dataclass
class Inputs:
    """A municipality's inputs for a report quarter (see the module docstring).

    `first` is January of Y−3 (the earliest month any table shows), `last` the last month
    of the quarter. `tables` holds in-memory Ibis tables with the store's columns, run on
    `backend`.
    """

    store: Path
    place: Municipality
    quarter: Period
    first: Month
    last: Month
    backend: BaseBackend
    tables: dict[str, ir.Table]
    monthly: Monthly

    @property
    def year(self) -> int:
        return self.last.year

    @property
    def quarter_number(self) -> int:
        return (self.last.month - 1) // 3 + 1

    def run(self, expr: ir.Table) -> pd.DataFrame:
        """Execute an expression over the in-memory tables."""
        return self.backend.to_pandas(expr)

    def close(self) -> None:
        self.backend.disconnect()


class NoPersonData(InputError):
    """The store has no benefit segment in the municipality."""


def missing_store(path: Path) -> InputError:
    return InputError(
        [
            Problem(
                str(path),
                None,
                None,
                "databasen findes ikke; angiv den med --db eller JOBTAL_DB, "
                "eller importér data først",
            )
        ]
    )


def _in_memory(backend: BaseBackend, expr: ir.Table) -> ir.Table:
    """The rows of `expr`, fetched once and held as an in-memory table."""
    return ibis.memtable(backend.to_pyarrow(expr))


def _table(backend: BaseBackend, name: str) -> ir.Table:
    """A store table; an empty one with the contract's columns when an older store lacks it
    (its figures are then 0 or undefined, as for a store without such rows)."""
    try:
        return backend.table(name)
    except TableNotFound:
        contract = ibis.duckdb.connect()
        try:
            contract.raw_sql(DDL)
            schema = contract.table(name).schema()
        finally:
            contract.disconnect()
        return ibis.memtable(pa.Table.from_pylist([], schema=schema.to_pyarrow()))


def load_inputs(store: Path, municipality: int, quarter: Period, engine: str = "duckdb") -> Inputs:
    """Read the municipality's persons and compute their monthly figures (`engine` runs the
    monthly engine; the other person-level queries run on DuckDB over the kept rows)."""
    if not store.is_file():
        raise missing_store(store)
    place = by_code(municipality)
    last = quarter.last
    first = Month(last.year - 3, 1)
    backend = engines.connect(store, "duckdb")
    try:
        tables = _kept_tables(backend, store, place, municipality)
        inputs = Inputs(store, place, quarter, first, last, backend, tables, {})
        inputs.monthly = _monthly(inputs, engine)
    except BaseException:
        backend.disconnect()
        raise
    return inputs


def _kept_tables(
    backend: BaseBackend, store: Path, place: Municipality, municipality: int
) -> dict[str, ir.Table]:
    """The municipality's persons' rows of every table the report reads, in memory."""
    segments = backend.table("benefit_segments")
    persons = municipality_persons(segments, municipality)
    kept = backend.to_pyarrow(segments.semi_join(persons, "person_id"))
    if kept.num_rows == 0:
        message = f"ingen persondata for {place.name} ({municipality}) i databasen"
        problem = Problem(str(store), None, None, message)
        raise NoPersonData([problem])
    tables = {"benefit_segments": ibis.memtable(kept)}
    for name in PERSON_TABLES:
        table = _table(backend, name)
        tables[name] = _in_memory(backend, table.semi_join(persons, "person_id"))
    for name in MUNICIPALITY_TABLES:
        table = _table(backend, name)
        tables[name] = _in_memory(backend, table.filter(table.municipality == municipality))
    return tables


def _monthly(inputs: Inputs, engine: str) -> Monthly:
    """The municipality's monthly figures from January Y−3 to the end of the quarter."""
    if engine == "duckdb":
        expr = monthly_figures(
            inputs.tables["benefit_segments"],
            inputs.tables["activation_spells"],
            inputs.first,
            inputs.last,
        )
        frame = inputs.run(expr)
    else:
        backend = engines.connect(inputs.store, engine)
        try:
            segments = backend.table("benefit_segments")
            persons = municipality_persons(segments, inputs.place.code)
            activations = backend.table("activation_spells")
            expr = monthly_figures(
                segments.semi_join(persons, "person_id"),
                activations.semi_join(persons, "person_id"),
                inputs.first,
                inputs.last,
            )
            frame = backend.to_pandas(expr)
        finally:
            backend.disconnect()
    return monthly_dict(frame, inputs.place.code)


def monthly_dict(frame: pd.DataFrame, municipality: int) -> Monthly:
    """The engine's tidy monthly rows of one municipality as a lookup."""
    found: Monthly = {}
    if frame.empty:
        return found
    mine = frame[frame["municipality"] == municipality]
    months = pd.to_datetime(mine["month"])
    for group, stamp, measure, value in zip(
        mine["target_group"], months, mine["measure"], mine["value"], strict=True
    ):
        found[(str(group), Month(stamp.year, stamp.month), str(measure))] = float(value)
    return found


def monthly_sum(monthly: Monthly, leaves: tuple[str, ...], measure: str) -> dict[Month, float]:
    """The monthly values of a measure summed over leaf groups."""
    wanted = set(leaves)
    sums: dict[Month, float] = {}
    for (group, month, name), value in monthly.items():
        if name == measure and group in wanted:
            sums[month] = sums.get(month, 0.0) + value
    return sums
