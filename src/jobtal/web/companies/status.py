"""Tables 3 and 4 of the quarterly report, computed live from the app's records by the
report's own code (`jobtal.report.tables_records.company_contacts_table` and
`recruitment_table`, which call `jobtal.measures.companies`).

The records are laid into an in-memory store with the store's own tables. The offers kept
here are, by construction, offers of the municipality's own citizens (the company service
records them for its citizens), so each offer's person is given one open benefit segment in
the municipality: the report's rule "offers of persons with a benefit segment of the
municipality" then keeps exactly the recorded offers of that municipality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from jobtal.domain.periods import Period, quarter
from jobtal.report.cells import format_cell
from jobtal.report.model import ReportTable
from jobtal.report.tables_records import company_contacts_table, recruitment_table
from jobtal.store.schema import DDL
from jobtal.web.companies.models import CompanyOffer, Contact, RecruitmentRequest

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
# Benefit segments begin no earlier than this; a segment from then covers every offer.
_EARLY = date(1900, 1, 1)


def parse_quarter(text: str | None, today: date) -> Period:
    """`2022Q4` as a Period; empty or malformed: the quarter of `today`."""
    match = _QUARTER.match((text or "").strip())
    if match:
        return quarter(int(match.group(1)), int(match.group(2)))
    return quarter(today.year, (today.month - 1) // 3 + 1)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("incoming", frame)
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")
    con.unregister("incoming")


def _contacts(municipality: int) -> pd.DataFrame:
    rows = Contact.objects.filter(municipality=municipality).select_related("company")
    return pd.DataFrame(
        [
            {
                "municipality": c.municipality,
                "contact_id": c.contact_id,
                "date": c.date,
                "cvr": c.company.cvr,
                "consultant": c.consultant_name,
                "channel": c.channel,
                "track": c.track,
                "topic": c.topic,
            }
            for c in rows
        ]
    )


def _requests(municipality: int) -> pd.DataFrame:
    rows = RecruitmentRequest.objects.filter(municipality=municipality).select_related("company")
    return pd.DataFrame(
        [
            {
                "municipality": r.municipality,
                "request_id": r.request_id,
                "cvr": r.company.cvr,
                "created": r.created_on,
                "job_title": r.job_title,
                "positions": r.positions,
                "closed": r.closed,
                "close_reason": r.close_reason or None,
                "forwarded": r.forwarded,
            }
            for r in rows
        ]
    )


def _offers(municipality: int) -> pd.DataFrame:
    rows = CompanyOffer.objects.filter(municipality=municipality).select_related("company")
    return pd.DataFrame(
        [
            {
                "person_id": o.person,
                "offer": o.offer,
                "start_date": o.start,
                "end_date": o.end,
                "hours_per_week": o.hours_per_week,
                "cvr": o.company.cvr,
            }
            for o in rows
        ]
    )


def records_store(municipality: int) -> duckdb.DuckDBPyConnection:
    """An in-memory store holding the municipality's contacts, requests and offers."""
    con = duckdb.connect(":memory:")
    con.execute(DDL)
    _insert(con, "company_contacts", _contacts(municipality))
    _insert(con, "recruitment_requests", _requests(municipality))
    offers = _offers(municipality)
    _insert(con, "activation_spells", offers)
    if not offers.empty:
        persons = pd.DataFrame({"person_id": sorted(set(offers["person_id"]))})
        persons["municipality"] = municipality
        persons["target_group"] = "virksomhedsservice"
        persons["start_date"] = _EARLY
        _insert(con, "benefit_segments", persons)
    return con


def status_tables(municipality: int, period: Period) -> list[ReportTable]:
    """Tables 3 and 4 for the report quarter `period` (a table without records is left out)."""
    con = records_store(municipality)
    try:
        found = [
            company_contacts_table(con, municipality, period),
            recruitment_table(con, municipality, period),
        ]
    finally:
        con.close()
    return [table for table in found if table is not None]


@dataclass(frozen=True)
class TableGrid:
    """A table as rows of printed cells, for the template."""

    title: str
    source: str
    row_header: str
    columns: tuple[str, ...]
    rows: list[tuple[str, list[str]]]


def grid(table: ReportTable) -> TableGrid:
    """The table's cells printed the Danish way (`jobtal.report.cells.format_cell`)."""
    cells = {(c.row, c.column): c for c in table.cells}
    rows = [
        (
            row,
            [
                format_cell(cells[(row, column)]) if (row, column) in cells else ""
                for column in table.columns
            ],
        )
        for row in table.rows
    ]
    return TableGrid(
        title=table.title,
        source=table.source or "",
        row_header=table.row_header or "",
        columns=table.columns,
        rows=rows,
    )
