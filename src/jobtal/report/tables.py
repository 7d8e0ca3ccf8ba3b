"""Every table of the quarterly report, computed from a store, in the seed's order.

The tables from person-level data (benefit spells, activations, wage months, education,
cases) come from `jobtal.report.tables_persons`; those from records and aggregated inputs
(cash-benefit cap, company contacts, recruitment requests, refugees in employment, costs,
finance) from `jobtal.report.tables_records`. Definitions: docs/figures.md.
"""

from __future__ import annotations

from pathlib import Path

from jobtal.domain.periods import Period
from jobtal.report.model import ReportTable

# The seed's order; chart tables ("figur N") stand before the tables of their section.
ORDER: tuple[str, ...] = (
    "økonomisk status service",
    "afvigelsesforklaring service",
    "økonomisk status overførsler",
    "afvigelsesforklaring overførsler",
    "figur 1",
    "figur 2",
    "tabel 1",
    "figur 4",
    "tabel 2",
    "tabel 3",
    "tabel 4",
    "tabel 5",
    "tabel 6",
    "tabel 7",
    "tabel 8",
    "tabel 9",
    "tabel 10",
    "tabel 11",
    "figur 5",
    "tabel 12",
    "tabel 13",
    "budgetændringer",
)


def build_tables(
    store: str | Path, municipality: int, quarter: Period, engine: str = "duckdb"
) -> tuple[ReportTable, ...]:
    """All tables of the report for `municipality` and `quarter`, in `ORDER`."""
    from jobtal.report.tables_persons import person_tables
    from jobtal.report.tables_records import record_tables

    found = {
        table.name: table
        for table in (
            *person_tables(Path(store), municipality, quarter, engine),
            *record_tables(Path(store), municipality, quarter),
        )
    }
    return tuple(found[name] for name in ORDER if name in found)
