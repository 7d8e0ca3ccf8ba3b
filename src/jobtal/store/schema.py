"""The analytical store: one DuckDB file holding person-level spells and aggregated series.

Data contracts (every importer writes these, every measure reads them):

benefit_spells      the spells as imported (validated, pseudonymised); one row per spell.
                    Key: (person_id, benefit, category, start_date). end_date NULL = open.
benefit_segments    the same person-days with overlaps resolved by benefit priority: for each
                    person the segments never overlap. target_group is a leaf group code of
                    jobtal.domain.target_groups. end_date NULL = open. Measures read this.
benefit_overlaps    every overlap that priority resolved: who, when, which benefit kept the
                    days and which lost them (never silently dropped).
activation_spells   activation offers. Key: (person_id, offer, start_date). hours_per_week
                    NULL = unknown (weight 1).
area_series         aggregated monthly series for an area (e.g. "Hele landet"): the value of
                    a measure for an appendix row (table, row_key) in a month.
jobindsats_series   jobindsats.dk values as received: table, area, period code (and its first
                    and last month), measure label, dimensions (JSON object of the other label
                    columns, sorted keys), value (NULL = 0 or suppressed, never read as 0), and
                    the file, checksum and time of the import that wrote it. Key: (source_table,
                    area, period, measure, dimensions).
series_replacements every stored jobindsats value that a later import replaced by a different
                    one: the key, the old value and its file and checksum, the new value and its
                    file and checksum, and when.
import_log          one row per import: when, what, which file, its checksum, how many rows.

area_series rows whose source begins with `jobindsats:` are derived from jobindsats_series by
jobtal.jobindsats.mapping and rebuilt on every jobindsats import.

Inputs of the quarterly report (DOMAIN.md, definitions 7–16; formats in docs/input-formats.md).
Person-level (person_id is a pseudonym, as in benefit_spells):
wage_months         months with ordinary wage hours (eIndkomst). Key: (person_id, month);
                    month is the first day of the month; wage_hours > 0.
education_spells    ordinary education: kind `su` (SU) or `laerling` (apprentice or adult
                    apprentice); age_at_start in whole years, NULL = unknown. Key:
                    (person_id, kind, start_date). end_date NULL = open.
cases               a citizen's continuous course (sagsforløb) in a municipality's jobcentre,
                    handled by a team. Key: (municipality, person_id, start_date). end_date
                    NULL = open.
Company-directed offers at companies are activation_spells with a `cvr`.
Aggregated, one row per municipality and key:
staffing            staff-years (årsværk) per quarter (`2022Q4`), team and group category
                    (`ledighedsrelateret` or `oevrige`). Key: (municipality, quarter, team).
operating_costs     operating expenses in kroner per year and category (`vejledning_
                    opkvalificering`, `ordinaer_uddannelse`, `mentor`); `expected` true where
                    the year is not closed (forventet). Key: (municipality, year, category).
cash_benefit_cap    UDK's monthly statistics: persons covered, persons with a reduction, the
                    total reduction in kroner. Key: (municipality, month).
integration_employment  refugees and family-reunified persons (18–66) living in the
                    municipality, and those of them in unsubsidised employment, per month
                    (jobindsats). Key: (municipality, month).
budget_lines        original budget in kroner per year and expense type (`service` or
                    `overfoersler`), with the account code (`1110`, `2050`) and the
                    appropriation area. Key: (municipality, year, expense_type).
appropriations      budget changes: date, kind (`tillaegsbevilling` or `teknisk_omplacering`),
                    expense type, topic, amount in kroner, approved (true: part of the
                    corrected budget; false: requested, an expected appropriation change).
                    Key: (municipality, date, kind, expense_type, topic).
expected_variances  other expected variances (andre afvigelser) with their topic, as of a date.
                    Key: (municipality, date, expense_type, topic).
spending            spent to date (forbrug) in kroner per expense type, as of a date. Key:
                    (municipality, date, expense_type).
company_contacts    one row per contact: date, company (CVR, 8 digits), consultant, channel,
                    track (1, 2 or 3), topic. Key: (municipality, contact_id).
recruitment_requests  one row per request: id, company, created, job title, positions,
                    closed (NULL = open) and close_reason (`ordinaert_job`: the jobcentre
                    recruited to an ordinary job; `egne_kanaler`: the company recruited
                    through its own channels; `anden`: other reason), forwarded (date the
                    request went to the capital region's recruitment service, NULL = not).
                    Key: (municipality, request_id).

Dates are inclusive at both ends. Amounts are in kroner (DOUBLE), shown in mio. kr.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb

DDL = """
CREATE TABLE IF NOT EXISTS benefit_spells (
    person_id VARCHAR NOT NULL,
    municipality SMALLINT NOT NULL,
    benefit VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE
);
CREATE TABLE IF NOT EXISTS benefit_segments (
    person_id VARCHAR NOT NULL,
    municipality SMALLINT NOT NULL,
    target_group VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE
);
CREATE TABLE IF NOT EXISTS benefit_overlaps (
    person_id VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    kept_benefit VARCHAR NOT NULL,
    dropped_benefit VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS activation_spells (
    person_id VARCHAR NOT NULL,
    offer VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    hours_per_week DOUBLE,
    cvr VARCHAR
);
CREATE TABLE IF NOT EXISTS area_series (
    area VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    row_key VARCHAR NOT NULL,
    month DATE NOT NULL,
    measure VARCHAR NOT NULL,
    value DOUBLE,
    source VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS jobindsats_series (
    source_table VARCHAR NOT NULL,
    area VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL,
    first_month DATE NOT NULL,
    last_month DATE NOT NULL,
    measure VARCHAR NOT NULL,
    dimensions VARCHAR NOT NULL,
    value DOUBLE,
    source_file VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS series_replacements (
    source_table VARCHAR NOT NULL,
    area VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    measure VARCHAR NOT NULL,
    dimensions VARCHAR NOT NULL,
    old_value DOUBLE,
    old_source_file VARCHAR NOT NULL,
    old_sha256 VARCHAR NOT NULL,
    new_value DOUBLE,
    new_source_file VARCHAR NOT NULL,
    new_sha256 VARCHAR NOT NULL,
    replaced_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS wage_months (
    person_id VARCHAR NOT NULL,
    month DATE NOT NULL,
    wage_hours DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS education_spells (
    person_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    age_at_start SMALLINT
);
CREATE TABLE IF NOT EXISTS cases (
    person_id VARCHAR NOT NULL,
    municipality SMALLINT NOT NULL,
    team VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE
);
CREATE TABLE IF NOT EXISTS staffing (
    municipality SMALLINT NOT NULL,
    quarter VARCHAR NOT NULL,
    team VARCHAR NOT NULL,
    group_category VARCHAR NOT NULL,
    staff_years DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS operating_costs (
    municipality SMALLINT NOT NULL,
    year SMALLINT NOT NULL,
    category VARCHAR NOT NULL,
    amount_dkk DOUBLE NOT NULL,
    expected BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS cash_benefit_cap (
    municipality SMALLINT NOT NULL,
    month DATE NOT NULL,
    persons_covered INTEGER NOT NULL,
    persons_reduced INTEGER NOT NULL,
    total_reduction_dkk DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS integration_employment (
    municipality SMALLINT NOT NULL,
    month DATE NOT NULL,
    persons DOUBLE NOT NULL,
    employed DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS budget_lines (
    municipality SMALLINT NOT NULL,
    year SMALLINT NOT NULL,
    appropriation_area VARCHAR NOT NULL,
    expense_type VARCHAR NOT NULL,
    account VARCHAR NOT NULL,
    original_budget_dkk DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS appropriations (
    municipality SMALLINT NOT NULL,
    date DATE NOT NULL,
    kind VARCHAR NOT NULL,
    expense_type VARCHAR NOT NULL,
    topic VARCHAR NOT NULL,
    amount_dkk DOUBLE NOT NULL,
    approved BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS expected_variances (
    municipality SMALLINT NOT NULL,
    date DATE NOT NULL,
    expense_type VARCHAR NOT NULL,
    topic VARCHAR NOT NULL,
    amount_dkk DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS spending (
    municipality SMALLINT NOT NULL,
    date DATE NOT NULL,
    expense_type VARCHAR NOT NULL,
    amount_dkk DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS company_contacts (
    municipality SMALLINT NOT NULL,
    contact_id VARCHAR NOT NULL,
    date DATE NOT NULL,
    cvr VARCHAR NOT NULL,
    consultant VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    track SMALLINT NOT NULL,
    topic VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS recruitment_requests (
    municipality SMALLINT NOT NULL,
    request_id VARCHAR NOT NULL,
    cvr VARCHAR NOT NULL,
    created DATE NOT NULL,
    job_title VARCHAR NOT NULL,
    positions INTEGER NOT NULL,
    closed DATE,
    close_reason VARCHAR,
    forwarded DATE
);
CREATE TABLE IF NOT EXISTS import_log (
    imported_at TIMESTAMP NOT NULL,
    kind VARCHAR NOT NULL,
    file VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    rows BIGINT NOT NULL
);
"""

TABLES = (
    "benefit_spells",
    "benefit_segments",
    "benefit_overlaps",
    "activation_spells",
    "area_series",
    "jobindsats_series",
    "series_replacements",
    "wage_months",
    "education_spells",
    "cases",
    "staffing",
    "operating_costs",
    "cash_benefit_cap",
    "integration_employment",
    "budget_lines",
    "appropriations",
    "expected_variances",
    "spending",
    "company_contacts",
    "recruitment_requests",
    "import_log",
)
# The tables of the quarterly report's inputs, in the order of docs/input-formats.md.
REPORT_INPUT_TABLES = TABLES[TABLES.index("wage_months") : TABLES.index("import_log")]


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store at `path`, creating the file and its tables if they do not exist."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"databasen findes ikke: {path}")
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(DDL)
    return con


def contents(
    path: str | Path, leave_out: Mapping[str, tuple[str, ...]] | None = None
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the store at `path`, sorted, so that two stores (or one
    store before and after an import) can be compared; {} when there is no store.

    `leave_out` names columns per table to leave out (e.g. the time of an import).
    """
    path = Path(path)
    if not path.exists():
        return {}
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = {}
        for table in TABLES:
            names = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
            kept = [name for name in names if name not in (leave_out or {}).get(table, ())]
            rows = con.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall()
            found[table] = sorted(rows, key=repr)
        return found
    finally:
        con.close()
