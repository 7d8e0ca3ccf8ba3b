"""The report's tables from records and aggregated inputs, read from a store.

Tables 1 (cash-benefit cap), 3 (company contacts), 4 (recruitment requests), 10 (refugees
in employment), 13 (unit cost per full-time person), the economic status and variance
explanation of both expense types, and the appendix *Budgetændringer*. The figures are
computed by `jobtal.measures.{cash_benefit_cap, companies, integration, unit_cost, finance}`
(definitions: docs/figures.md); this module reads their inputs for one municipality and lays
them out with the seed's labels, captions, sources, units and decimals
(`published/data/gentofte-2023-02/report_tables.csv`). A table whose input the store lacks for
the municipality is left out. Values are unrounded; amounts in mio. kr. hold kroner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from jobtal.domain.periods import Month, Period, year, year_to_date
from jobtal.formatting import MONTH_NAMES
from jobtal.measures import engine
from jobtal.measures.cash_benefit_cap import cap_comparison
from jobtal.measures.companies import CLOSE_REASONS, company_contacts, recruitment_status
from jobtal.measures.finance import (
    EXPENSE_TYPES,
    SUPPLEMENTARY,
    TECHNICAL,
    VARIANCE,
    Appropriation,
    BudgetChange,
    EconomicStatus,
    Spending,
    Variance,
    budget_overview,
    economic_status,
)
from jobtal.measures.integration import employment, last_month_with_data
from jobtal.measures.unit_cost import (
    BASE_YEAR,
    UnitCost,
    average_ftp,
    unit_cost,
    unit_cost_change,
    unit_cost_ftp,
)
from jobtal.report.model import Cell, ReportTable
from jobtal.store.schema import connect

OWN_SYSTEM = "Kilde: Kommunens eget ledelsesinformationssystem"


def month_name(month: Month) -> str:
    """`januar 2017`."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def year_column(year_number: int, report_year: int, last: Month) -> str:
    """`2021 (hele året)` for a whole year, `2022 (jan-dec)` for the report year up to
    `last` (the month abbreviations are the first three letters: jan, feb, ..., okt)."""
    if year_number < report_year:
        return f"{year_number} (hele året)"
    return f"{year_number} (jan-{MONTH_NAMES[last.month - 1][:3]})"


Con = duckdb.DuckDBPyConnection


def _frame(con: Con, sql: str, *params: object) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


def _has_table(con: Con, name: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(found and found[0])


# --- Tabel 1 -------------------------------------------------------------------------------

CAP_COLUMNS: dict[str, tuple[str, str, int]] = {
    # figure: (column label, unit, decimals)
    "persons_covered": ("Antal borgere omfattet af kontanthjælpsloftet i alt", "count", 0),
    "persons_reduced": ("Antal borgere med reduktion i kontanthjælpsloft", "count", 0),
    "share_pct": ("Andel af borgere med reduktion i kontanthjælpsloft", "pct", 1),
    "total_reduction_dkk": ("Total reduktionsbeløb (DKK)", "dkk", 0),
    "average_reduction_dkk": ("Gns. reduceret beløb (DKK)", "dkk", 0),
}
# The seed prints the changes in whole percent, the average's with one decimal.
CAP_CHANGE_DECIMALS = {"average_reduction_dkk": 1}
CHANGE_ROW = "Udvikling i pct."


def cash_benefit_cap_table(con: Con, municipality: int, quarter: Period) -> ReportTable | None:
    rows = _frame(
        con,
        "SELECT month, persons_covered, persons_reduced, total_reduction_dkk "
        "FROM cash_benefit_cap WHERE municipality = ?",
        municipality,
    )
    found = cap_comparison(rows, quarter.last_day)
    if found is None:
        return None
    first, last, change = found
    months = [first] if first.month == last.month else [first, last]
    cells = [
        Cell(month_name(m.month).capitalize(), label, m.figure(name), unit, decimals)
        for m in months
        for name, (label, unit, decimals) in CAP_COLUMNS.items()
    ]
    if len(months) == 2:
        cells += [
            Cell(CHANGE_ROW, label, change[name], "pct", CAP_CHANGE_DECIMALS.get(name, 0))
            for name, (label, _, _) in CAP_COLUMNS.items()
        ]
    row_labels = [month_name(m.month).capitalize() for m in months]
    span = "-".join(month_name(m.month) for m in months)
    return ReportTable(
        name="tabel 1",
        title=(
            f"Tabel 1. Antal borgere berørt af kontanthjælpsloftet, {span} (månedsvis opgørelse)"
        ),
        rows=(*row_labels, CHANGE_ROW) if len(months) == 2 else tuple(row_labels),
        columns=tuple(label for label, _, _ in CAP_COLUMNS.values()),
        cells=tuple(cells),
        row_header="Måned",
    )


# --- Tabel 3 -------------------------------------------------------------------------------

CONTACTED = "Antal unikke kontaktede virksomheder"
WITH_OFFER = "Heraf antal unikke virksomheder med praktik/løntilskud"
OFFER_SHARE = "Andel virksomheder med virksomhedsrettet tilbud"

# Company-directed offers at a company, of persons with a benefit segment of the
# municipality overlapping the offer (the municipality's own citizens).
_OFFERS_SQL = """
SELECT a.offer, a.cvr, a.start_date
FROM activation_spells a
WHERE a.cvr IS NOT NULL
  AND a.offer IN ('loentilskud', 'virksomhedspraktik')
  AND a.start_date BETWEEN ? AND ?
  AND EXISTS (
    SELECT 1 FROM benefit_segments s
    WHERE s.person_id = a.person_id AND s.municipality = ?
      AND s.start_date <= coalesce(a.end_date, DATE '9999-12-31')
      AND coalesce(s.end_date, DATE '9999-12-31') >= a.start_date
  )
"""


def company_contacts_table(con: Con, municipality: int, quarter: Period) -> ReportTable | None:
    report_year, until = quarter.last.year, quarter.last_day
    years = range(report_year - 3, report_year + 1)
    contacts = _frame(
        con,
        "SELECT date, cvr FROM company_contacts WHERE municipality = ? AND date BETWEEN ? AND ?",
        municipality,
        date(years[0], 1, 1),
        until,
    )
    if contacts.empty:
        return None
    offers = _frame(con, _OFFERS_SQL, date(years[0], 1, 1), until, municipality)
    first_year = int(pd.to_datetime(contacts["date"]).dt.year.min())
    cells: list[Cell] = []
    for y in years:
        column = year_column(y, report_year, quarter.last)
        figures = company_contacts(contacts, offers, date(y, 1, 1), min(date(y, 12, 31), until))
        known = y >= first_year  # a year before the first recorded contact has no data
        cells += [
            Cell(CONTACTED, column, figures.contacted if known else None, "count"),
            Cell(WITH_OFFER, column, figures.with_offer if known else None, "count"),
            Cell(OFFER_SHARE, column, figures.share_pct if known else None, "pct", 1),
        ]
    return ReportTable(
        name="tabel 3",
        title="Tabel 3. Kontaktede virksomheder med oprettet tilbud",
        rows=(CONTACTED, WITH_OFFER, OFFER_SHARE),
        columns=tuple(year_column(y, report_year, quarter.last) for y in years),
        cells=tuple(cells),
        source=OWN_SYSTEM,
    )


# --- Tabel 4 -------------------------------------------------------------------------------

CREATED = "Oprettede rekrutteringsanmodninger i alt"
STILL_OPEN = "Heraf fortsat åbne rekrutteringsanmodninger"
CLOSED = "Heraf afsluttede rekrutteringsanmodninger"
REASON_LABELS = {
    "ordinaert_job": "Jobcentret rekrutterede til ordinær job",
    "egne_kanaler": "Virksomheden rekrutterede via egne kanaler",
    "anden": "Anden lukningsårsag",
}


def recruitment_table(con: Con, municipality: int, quarter: Period) -> ReportTable | None:
    report_year, until = quarter.last.year, quarter.last_day
    years = range(report_year - 2, report_year + 1)
    requests = _frame(
        con,
        "SELECT created, closed, close_reason FROM recruitment_requests "
        "WHERE municipality = ? AND created BETWEEN ? AND ?",
        municipality,
        date(years[0], 1, 1),
        until,
    )
    if requests.empty:
        return None
    first_year = int(pd.to_datetime(requests["created"]).dt.year.min())
    cells: list[Cell] = []
    columns: list[str] = []
    for y in years:
        column, share_column = str(y), f"{y} andel"
        columns += [column, share_column]
        figures = recruitment_status(requests, y, min(date(y, 12, 31), until))
        known = y >= first_year  # a year before the first recorded request has no data
        counts: dict[str, float | None] = {
            CREATED: figures.created,
            STILL_OPEN: figures.still_open,
            CLOSED: figures.closed,
            **{REASON_LABELS[r]: figures.by_reason[r] for r in CLOSE_REASONS},
        }
        shares = {REASON_LABELS[r]: figures.reason_share_pct[r] for r in CLOSE_REASONS}
        cells += [Cell(row, column, v if known else None, "count") for row, v in counts.items()]
        cells += [Cell(row, share_column, v if known else None, "pct") for row, v in shares.items()]
    return ReportTable(
        name="tabel 4",
        title="Tabel 4. Status på rekrutteringsanmodninger",
        rows=(CREATED, STILL_OPEN, CLOSED, *REASON_LABELS.values()),
        columns=tuple(columns),
        cells=tuple(cells),
        row_header="Rekrutteringsanmodninger",
    )


# --- Tabel 10 ------------------------------------------------------------------------------

EMPLOYED = "Antal beskæftigede"
EMPLOYED_SHARE = "Andel beskæftigede"


def integration_table(con: Con, municipality: int, quarter: Period) -> ReportTable | None:
    report_year = quarter.last.year
    rows = _frame(
        con,
        "SELECT month, persons, employed FROM integration_employment "
        "WHERE municipality = ? AND month <= ?",
        municipality,
        quarter.last_day,
    )
    if rows.empty:
        return None
    last = last_month_with_data(rows, report_year, quarter.last) or quarter.last
    cells: list[Cell] = []
    columns: list[str] = []
    for y in range(report_year - 3, report_year + 1):
        column = year_column(y, report_year, last)
        columns.append(column)
        figures = employment(rows, year(y) if y < report_year else year_to_date(last))
        cells += [
            Cell(EMPLOYED, column, figures.employed, "count"),
            Cell(EMPLOYED_SHARE, column, figures.share_pct, "pct", 1),
        ]
    return ReportTable(
        name="tabel 10",
        title="Tabel 10. Flygtninge og familiesammenførte (årsgennemsnit)",
        rows=(EMPLOYED, EMPLOYED_SHARE),
        columns=tuple(columns),
        cells=tuple(cells),
        source="Kilde: Jobindsats.dk",
    )


# --- Tabel 13 ------------------------------------------------------------------------------

UNIT_COST_ROW = "Målgrupper i alt"


def _cost_column(cost: UnitCost) -> str:
    prefix = "Forventet gns." if cost.expected else "Gns."
    return f"{cost.year} {prefix} omkostninger pr. FTP"


def unit_cost_table(
    con: Con, store: Path, municipality: int, quarter: Period
) -> ReportTable | None:
    report_year = quarter.last.year
    if report_year <= BASE_YEAR:
        return None
    costs = _frame(
        con,
        "SELECT year, amount_dkk, expected FROM operating_costs "
        "WHERE municipality = ? AND year IN (?, ?)",
        municipality,
        BASE_YEAR,
        report_year,
    )
    if costs.empty:
        return None
    # One run of the monthly engine over both years (and those between, which cost little
    # beside compiling a second expression).
    monthly = _unit_cost_ftp(store, municipality, Month(BASE_YEAR, 1), quarter.last)
    base, current = (
        unit_cost(costs, p.last.year, average_ftp(monthly, p))
        for p in (year(BASE_YEAR), year_to_date(quarter.last))
    )
    kroner, percent = unit_cost_change(base, current)
    cells = []
    for cost in (base, current):
        cells += [
            Cell(UNIT_COST_ROW, f"{cost.year} Antal FTP (Årsgns.)", cost.ftp, "ftp"),
            Cell(UNIT_COST_ROW, _cost_column(cost), cost.per_ftp_dkk, "dkk"),
        ]
    cells += [
        Cell(UNIT_COST_ROW, "Udvikling i kr. og pct. Kr. pr. FTP", kroner, "dkk"),
        Cell(UNIT_COST_ROW, "Udvikling i kr. og pct. Pct.", percent, "pct", 1),
    ]
    notes: tuple[str, ...] = ()
    if quarter.last.month != 12:
        notes = (f"* {report_year} er opgjort for januar-{MONTH_NAMES[quarter.last.month - 1]}",)
    return ReportTable(
        name="tabel 13",
        title="Tabel 13.",
        rows=(UNIT_COST_ROW,),
        columns=tuple(cell.column for cell in cells),
        cells=tuple(cells),
        source="Kilde: Jobindsats.dk og kommunens økonomisystem.",
        notes=notes,
    )


def _unit_cost_ftp(store: Path, municipality: int, first: Month, last: Month) -> pd.DataFrame:
    """The monthly full-time persons of the unit-cost groups, run on the monthly engine."""
    backend = engine.connect(store)
    try:
        expr = unit_cost_ftp(
            backend.table("benefit_segments"),
            backend.table("activation_spells"),
            municipality,
            first,
            last,
        )
        return backend.to_pandas(expr)
    finally:
        backend.disconnect()


# --- Economic status, variance explanation, Budgetændringer --------------------------------

TYPE_LABELS = {"service": "Service", "overfoersler": "Overførsler"}
TYPE_ROWS = {"service": "Serviceudgifter", "overfoersler": "Overførselsudgifter"}
TABLE_SUFFIX = {"service": "service", "overfoersler": "overførsler"}
STATUS_COLUMNS = (
    "Oprindeligt budget",
    "Korrigeret budget",
    "Forbrug",
    "Forventede bevillingsændringer",
    "Forventet regnskab",
)
DEVIATION_ROW = (
    "Afvigelse mellem forventet regnskab og korrigeret budget inkl. forventede bevillingsændringer"
)
AMOUNT = "Beløb"
CHANGE_AMOUNT = "Beløbsændring"
EXPLANATION_COLUMN = "i mio. kr."
CHANGE_TYPES = {
    (SUPPLEMENTARY, True): "Tillægsbevilling",
    (TECHNICAL, True): "Teknisk omplacering",
    (SUPPLEMENTARY, False): "Ansøgt tillægsbevilling",
    (TECHNICAL, False): "Ansøgt teknisk omplacering",
    (VARIANCE, False): "Afvigelse",
}
BUDGET_NOTES = (
    "Beløb angivet i millioner - Negative tal forbedrer økonomien - positive forværrer den.",
    "Datoangivelsen for tillægsbevillinger og tekniske omplaceringer er fastsat efter den "
    "dag de er godkendt. Beløb under 50.000 kr. angives som 0,0 mio. kr.",
)


def _money(row: str, column: str, value: float | None) -> Cell:
    return Cell(row, column, value, "mio_kr", 1)


def status_table(status: EconomicStatus, account: str, area: str) -> ReportTable:
    """`økonomisk status <type>`: one row, and the deviation line below it."""
    row = f"{TYPE_ROWS[status.expense_type]} {account}"
    values = (
        status.original_budget_dkk,
        status.corrected_budget_dkk,
        status.spent_dkk,
        status.expected_changes_dkk,
        status.expected_outturn_dkk,
    )
    cells = [_money(row, column, v) for column, v in zip(STATUS_COLUMNS, values, strict=True)]
    cells.append(_money(DEVIATION_ROW, AMOUNT, status.deviation_dkk))
    return ReportTable(
        name=f"økonomisk status {TABLE_SUFFIX[status.expense_type]}",
        title=area,
        rows=(row, DEVIATION_ROW),
        columns=(*STATUS_COLUMNS, AMOUNT),
        cells=tuple(cells),
    )


def explanation_table(status: EconomicStatus) -> ReportTable:
    """`afvigelsesforklaring <type>`: (a) + (b) + (c) + (d) = (e), (d) by topic."""
    lines = [
        ("Korrigeret budget (a)", status.corrected_budget_dkk),
        ("Tekniske omplaceringer (b)", status.technical_transfers_dkk),
        ("Ansøgte tillægsbevillinger i alt (c)", status.supplementary_dkk),
        ("Andre afvigelser (d)", status.other_variances_dkk),
        *((f"Heraf: {v.topic}", v.amount_dkk) for v in status.other_variances),
        ("Forventet regnskab (e=a+b+c+d)", status.expected_outturn_dkk),
    ]
    return ReportTable(
        name=f"afvigelsesforklaring {TABLE_SUFFIX[status.expense_type]}",
        title="",
        rows=tuple(label for label, _ in lines),
        columns=(EXPLANATION_COLUMN,),
        cells=tuple(_money(label, EXPLANATION_COLUMN, v) for label, v in lines),
    )


def change_label(change: BudgetChange) -> str:
    """`31-10-2022 Tillægsbevilling Overførsler <topic>`."""
    kind = CHANGE_TYPES[(change.change_type, change.approved)]
    return f"{change.date:%d-%m-%Y} {kind} {TYPE_LABELS[change.expense_type]} {change.topic}"


def budget_changes_table(statuses: Sequence[EconomicStatus], area: str) -> ReportTable:
    """`budgetændringer`: original budget, approved changes, corrected budget, expected
    changes, expected outturn."""
    overview = budget_overview(statuses)
    cells = [
        _money("Oprindeligt budget", AMOUNT, overview.original_budget_dkk),
        *(_money(change_label(c), CHANGE_AMOUNT, c.amount_dkk) for c in overview.approved),
        _money("Korrigeret budget", AMOUNT, overview.corrected_budget_dkk),
        *(_money(change_label(c), CHANGE_AMOUNT, c.amount_dkk) for c in overview.expected),
        _money("Forventet regnskab", AMOUNT, overview.expected_outturn_dkk),
    ]
    return ReportTable(
        name="budgetændringer",
        title=f"Budgetændringer - {area}",
        rows=tuple(cell.row for cell in cells),
        columns=(AMOUNT, CHANGE_AMOUNT),
        cells=tuple(cells),
        notes=BUDGET_NOTES,
    )


def finance_tables(con: Con, municipality: int, quarter: Period) -> list[ReportTable]:
    report_year, until = quarter.last.year, quarter.last_day
    lines = _frame(
        con,
        "SELECT expense_type, account, appropriation_area, original_budget_dkk "
        "FROM budget_lines WHERE municipality = ? AND year = ?",
        municipality,
        report_year,
    )
    if lines.empty:
        return []
    # rowid: the order the records were imported in, which orders records of one date.
    appropriations = [
        Appropriation(*row)
        for row in con.execute(
            "SELECT date, kind, expense_type, topic, amount_dkk, approved FROM appropriations "
            "WHERE municipality = ? ORDER BY rowid",
            [municipality],
        ).fetchall()
    ]
    spending = [
        Spending(*row)
        for row in con.execute(
            "SELECT date, expense_type, amount_dkk FROM spending WHERE municipality = ?",
            [municipality],
        ).fetchall()
    ]
    variances = [
        Variance(*row)
        for row in con.execute(
            "SELECT date, expense_type, topic, amount_dkk FROM expected_variances "
            "WHERE municipality = ? ORDER BY rowid",
            [municipality],
        ).fetchall()
    ]
    by_type = {line.expense_type: line for line in lines.itertuples()}
    statuses = [
        economic_status(
            t,
            by_type[t].original_budget_dkk,
            appropriations,
            spending,
            variances,
            report_year,
            until,
        )
        for t in EXPENSE_TYPES
        if t in by_type
    ]
    area = str(lines["appropriation_area"].iloc[0])
    tables: list[ReportTable] = []
    for status in statuses:
        line = by_type[status.expense_type]
        tables += [
            status_table(status, str(line.account), str(line.appropriation_area)),
            explanation_table(status),
        ]
    tables.append(budget_changes_table(statuses, area))
    return tables


# --- All together --------------------------------------------------------------------------

ORDER = (
    "økonomisk status service",
    "afvigelsesforklaring service",
    "økonomisk status overførsler",
    "afvigelsesforklaring overførsler",
    "tabel 1",
    "tabel 3",
    "tabel 4",
    "tabel 10",
    "tabel 13",
    "budgetændringer",
)
# Each builder and the store tables it reads: without them the table is left out.
Builder = Callable[[Con, int, Period], ReportTable | None]
_BUILDERS: tuple[tuple[Builder, tuple[str, ...]], ...] = (
    (cash_benefit_cap_table, ("cash_benefit_cap",)),
    (company_contacts_table, ("company_contacts", "activation_spells", "benefit_segments")),
    (recruitment_table, ("recruitment_requests",)),
    (integration_table, ("integration_employment",)),
)
_FINANCE = ("budget_lines", "appropriations", "spending", "expected_variances")


def record_tables(store: Path, municipality: int, quarter: Period) -> tuple[ReportTable, ...]:
    """The tables of the report from records and aggregated inputs for `municipality` and
    the report quarter `quarter` (e.g. `quarter(2022, 4)`), in the seed's order; a table
    whose input the store lacks for the municipality is left out."""
    con = connect(store, read_only=True)
    try:
        found = [
            build(con, municipality, quarter)
            for build, inputs in _BUILDERS
            if all(_has_table(con, name) for name in inputs)
        ]
        if all(_has_table(con, name) for name in _FINANCE):
            found += finance_tables(con, municipality, quarter)
        if all(_has_table(con, name) for name in ("operating_costs", "benefit_segments")):
            found.append(unit_cost_table(con, store, municipality, quarter))
    finally:
        con.close()
    by_name = {table.name: table for table in found if table is not None}
    return tuple(by_name[name] for name in ORDER if name in by_name)
