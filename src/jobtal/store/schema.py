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

Dates are inclusive at both ends.
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
    "import_log",
)


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
