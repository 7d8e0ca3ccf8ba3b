"""Importing jobindsats files into the store: all or nothing, repeatable, with a record of
every replaced value.

Definitions:
- A *value* is one record of `jobtal.jobindsats.formats` (a series in a period). Its key is
  (source_table, area, period, measure, dimensions).
- An import reads every file first; a bad row in any file stops the import before anything
  is written (InputError listing file, row, field and reason), unless `skip_bad_rows`, when
  the bad rows are left out and returned for the quarantine file.
- Then, in one transaction: a value whose key is stored with the same value (NULL equal to
  NULL) changes nothing; a key stored with another value is *replaced* (the old row goes to
  `series_replacements`); a new key is inserted. So a newer file replaces exactly the periods
  it covers, and importing the same file twice leaves the store as it was.
- Where several files of one import give the same key, the later file wins.
- Then the `jobindsats:` rows of `area_series` are rebuilt from all monthly values in
  `jobindsats_series` through `jobtal.jobindsats.mapping`, and the import is logged once per
  file checksum in `import_log` (kind `jobindsats`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from jobtal.errors import InputError, Problem
from jobtal.formatting import number
from jobtal.jobindsats import formats, mapping
from jobtal.jobindsats.formats import BadRow, Parsed
from jobtal.store import schema
from jobtal.store.validation import MAX_SHOWN

KIND = "jobindsats"
SOURCE_PREFIX = "jobindsats:"
KEY = ("source_table", "area", "period", "measure", "dimensions")
RECORD_COLUMNS = (
    "source_table",
    "area",
    "period",
    "period_kind",
    "first_month",
    "last_month",
    "measure",
    "dimensions",
    "value",
)


@dataclass(frozen=True)
class FileSummary:
    """What an import did with one file.

    rows_read: data rows. values_read: distinct values of its good rows. stored: values
    written (new or changed); replaced: of those, values that replaced another stored value;
    unchanged: values already stored as they are. skipped: bad rows left out. periods: the
    period codes of its good rows, sorted.
    """

    file: str
    format: str
    encoding: str
    rows_read: int
    values_read: int
    stored: int
    replaced: int
    unchanged: int
    skipped: int
    periods: tuple[str, ...]
    bad: tuple[BadRow, ...]
    already_imported: bool


def read_all(
    paths: Sequence[str | Path],
    table: str | None = None,
    skip_bad_rows: bool = False,
    on_file: Callable[[str], None] | None = None,
) -> list[Parsed]:
    """Read every file; raise InputError with all bad rows unless `skip_bad_rows`."""
    parsed = []
    for path in paths:
        parsed.append(formats.read(path, table))
        if on_file:
            on_file(str(path))
    problems = [problem for p in parsed for problem in p.problems()]
    if problems and not skip_bad_rows:
        raise InputError(_first_problems(problems))
    return parsed


def _first_problems(problems: list[Problem]) -> list[Problem]:
    """At most MAX_SHOWN problems, then a line with the total, as the other importers."""
    if len(problems) <= MAX_SHOWN:
        return problems
    summary = f"{number(len(problems))} fejl i alt; de første {MAX_SHOWN} er vist"
    return [*problems[:MAX_SHOWN], Problem(problems[0].file, None, None, summary)]


def import_files(
    paths: Sequence[str | Path],
    db_path: str | Path,
    *,
    table: str | None = None,
    skip_bad_rows: bool = False,
    on_file: Callable[[str], None] | None = None,
) -> list[FileSummary]:
    """Import jobindsats files (v2/v3 JSON, CSV) into the store at `db_path` in one
    transaction (see the module docstring). `on_file` is called after each file is read."""
    parsed = read_all(paths, table, skip_bad_rows, on_file)
    con = schema.connect(db_path)
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("BEGIN TRANSACTION")
        try:
            summaries = [_apply(con, p) for p in parsed]
            rebuild_area_series(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return summaries


def _incoming(parsed: Parsed) -> pa.Table:
    types = {"first_month": pa.date32(), "last_month": pa.date32(), "value": pa.float64()}
    return pa.table(
        {
            name: pa.array([getattr(r, name) for r in parsed.records], types.get(name, pa.string()))
            for name in RECORD_COLUMNS
        }
    )


def _apply(con: duckdb.DuckDBPyConnection, parsed: Parsed) -> FileSummary:
    """Write one file's values; later files of the same import are applied after it."""
    con.register("incoming", _incoming(parsed))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    same_key = " AND ".join(f"s.{c} = i.{c}" for c in KEY)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE changed AS
        SELECT i.*, s.value AS old_value, s.source_file AS old_file, s.sha256 AS old_sha,
               s.area IS NOT NULL AS was_stored
        FROM incoming i LEFT JOIN jobindsats_series s ON {same_key}
        WHERE s.area IS NULL OR s.value IS DISTINCT FROM i.value
        """
    )
    con.execute(
        f"""
        INSERT INTO series_replacements
        SELECT {", ".join(KEY)}, old_value, old_file, old_sha, value, ?, ?, ?
        FROM changed WHERE was_stored
        """,
        [parsed.file, parsed.sha256, now],
    )
    con.execute(f"DELETE FROM jobindsats_series s USING changed i WHERE {same_key}")
    con.execute(
        f"INSERT INTO jobindsats_series SELECT {', '.join(RECORD_COLUMNS)}, ?, ?, ? FROM changed",
        [parsed.file, parsed.sha256, now],
    )
    stored, replaced = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE was_stored) FROM changed"
    ).fetchall()[0]
    con.unregister("incoming")
    already = _log(con, parsed, now)
    return FileSummary(
        file=parsed.file,
        format=parsed.format,
        encoding=parsed.encoding,
        rows_read=parsed.rows_read,
        values_read=len(parsed.records),
        stored=int(stored),
        replaced=int(replaced),
        unchanged=len(parsed.records) - int(stored),
        skipped=len(parsed.bad),
        periods=tuple(sorted({r.period for r in parsed.records})),
        bad=tuple(parsed.bad),
        already_imported=already,
    )


def _log(con: duckdb.DuckDBPyConnection, parsed: Parsed, now: dt.datetime) -> bool:
    already = con.execute(
        "SELECT count(*) FROM import_log WHERE kind = ? AND sha256 = ?", [KIND, parsed.sha256]
    ).fetchall()[0][0]
    if not already:
        con.execute(
            "INSERT INTO import_log VALUES (?, ?, ?, ?, ?)",
            [now, KIND, parsed.file, parsed.sha256, parsed.rows_read],
        )
    return bool(already)


def rebuild_area_series(con: duckdb.DuckDBPyConnection) -> int:
    """Replace the `jobindsats:` rows of area_series by the mapping of every monthly value in
    jobindsats_series (see jobtal.jobindsats.mapping); return the number of rows written."""
    con.execute("DELETE FROM area_series WHERE starts_with(source, ?)", [SOURCE_PREFIX])
    # Only measures some rule names can map, so unrelated tables are not read into Python.
    values = con.execute(
        "SELECT source_table, area, first_month, measure, dimensions, value "
        "FROM jobindsats_series WHERE period_kind = 'month' AND list_contains(?, measure)",
        [sorted({rule.measure for rule in mapping.RULES})],
    ).fetchall()
    best: dict[tuple[str, str, str, dt.date, str], tuple[int, str, float | None]] = {}
    for table, area, month, measure, dimensions, value in values:
        for position, target in mapping.targets(table, measure, dimensions):
            key = (area, target.table_name, target.row_key, month, target.measure)
            if key not in best or (position, table) < best[key][:2]:
                best[key] = (position, table, value)
    rows = [(*key, value, SOURCE_PREFIX + table) for key, (_, table, value) in best.items()]
    # Reorder to the columns of area_series: area, table_name, row_key, month, measure, ...
    if rows:
        con.executemany("INSERT INTO area_series VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
