"""Row checks written in SQL over the staging table `typed`, turned into Problems.

A *check* is a field, a SQL condition that is true for a bad row, and a SQL expression for
the Danish message. All checks run as one query; at most MAX_SHOWN problems are listed,
followed by a line with the total count.

Values are echoed in messages only when they cannot be a CPR number: any value with six or
more digits in a row is left out (see the macro `shown`).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from jobtal.errors import InputError, Problem
from jobtal.formatting import number
from jobtal.store.quarantine import Rejected
from jobtal.store.reading import Scanned

MAX_SHOWN = 20

MACROS = """
CREATE OR REPLACE TEMP MACRO shown(t) AS
    CASE WHEN t IS NULL THEN ' (tom)'
         WHEN regexp_matches(t, '[0-9]{6}') THEN ''
         ELSE ' ''' || left(t, 40) || '''' END;
CREATE OR REPLACE TEMP MACRO iso_date(t) AS
    CASE WHEN t LIKE '____-__-__' THEN TRY_CAST(t AS DATE) END;
CREATE OR REPLACE TEMP MACRO in_range(d) AS
    CASE WHEN d BETWEEN DATE '1900-01-01' AND DATE '2199-12-31' THEN d END;
"""

BAD_DATE = "'ugyldig dato' || shown({0}) || ' (skal være ÅÅÅÅ-MM-DD mellem 1900 og 2199)'"


@dataclass(frozen=True)
class Check:
    """A bad row is one where `condition` holds; `message` is a SQL text expression."""

    field: str
    condition: str
    message: str


def date_checks(start: str = "start", end: str = "end") -> list[Check]:
    """The checks every spell file shares: a valid start, a valid or empty end, end ≥ start."""
    return [
        Check(start, "start_text IS NULL", "'startdato mangler'"),
        Check(
            start,
            "start_text IS NOT NULL AND start_date IS NULL",
            BAD_DATE.format("start_text"),
        ),
        Check(end, "end_text IS NOT NULL AND end_date IS NULL", BAD_DATE.format("end_text")),
        Check(end, "end_date < start_date", "'slutdato ligger før startdato'"),
    ]


def raise_problems(con: duckdb.DuckDBPyConnection, scanned: Scanned, checks: list[Check]) -> None:
    """Run all checks on `typed`; raise InputError listing the first problems if any."""
    _collect(con, checks)
    _raise_if_any(con, scanned)


def reject_problems(
    con: duckdb.DuckDBPyConnection, scanned: Scanned, checks: list[Check], hidden: str | None
) -> list[Rejected]:
    """Run all checks on `typed`, remove the bad rows from it and return them (for
    `--skip-bad-rows`). The cells of column `hidden` (a CPR column) are left out."""
    _collect(con, checks)
    rejected = _rejected(con, scanned, hidden)
    con.execute("DELETE FROM typed WHERE idx IN (SELECT idx FROM _problems)")
    return rejected


def _collect(con: duckdb.DuckDBPyConnection, checks: list[Check]) -> None:
    parts = [
        f"SELECT idx, {pos} AS pos, '{check.field}' AS field, {check.message} AS message "
        f"FROM typed WHERE {check.condition}"
        for pos, check in enumerate(checks)
    ]
    con.execute(f"CREATE OR REPLACE TEMP TABLE _problems AS {' UNION ALL '.join(parts)}")


def raise_key_conflicts(
    con: duckdb.DuckDBPyConnection,
    scanned: Scanned,
    key: list[str],
    key_label: str,
    field: str = "start",
) -> None:
    """Rows that share a key but differ in other values: the file contradicts itself.
    Reads `distinct_rows` (the file's distinct rows, each with its first idx), where rows that
    were equal in every value are already one row. `field` is the field the problem names."""
    if _collect_key_conflicts(con, key, key_label, field):
        _raise_if_any(con, scanned)


def reject_key_conflicts(
    con: duckdb.DuckDBPyConnection,
    scanned: Scanned,
    key: list[str],
    key_label: str,
    hidden: str | None,
    field: str = "start",
) -> list[Rejected]:
    """`raise_key_conflicts` for `--skip-bad-rows`: the later rows of a conflicting key are
    removed from `distinct_rows` and returned; the first row of the key is kept."""
    if not _collect_key_conflicts(con, key, key_label, field):
        return []
    rejected = _rejected(con, scanned, hidden)
    con.execute("DELETE FROM distinct_rows WHERE idx IN (SELECT idx FROM _problems)")
    return rejected


def _collect_key_conflicts(
    con: duckdb.DuckDBPyConnection, key: list[str], key_label: str, field: str
) -> bool:
    """Fill `_problems` with the rows that contradict an earlier row; False when none do."""
    keys = ", ".join(key)
    counts = con.execute(
        f"SELECT (SELECT count(*) FROM distinct_rows), "
        f"(SELECT count(*) FROM (SELECT 1 FROM distinct_rows GROUP BY {keys}))"
    ).fetchall()[0]
    if counts[0] == counts[1]:  # the usual case, found without sorting the rows
        return False
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _problems AS
        SELECT idx, 0 AS pos, '{field}' AS field,
               'samme {key_label} som række {{ref}}, men andre værdier' AS message,
               first_idx AS ref
        FROM (SELECT idx, min(idx) OVER (PARTITION BY {keys}) AS first_idx FROM distinct_rows)
        WHERE idx > first_idx
        """
    )
    return True


def _rejected(
    con: duckdb.DuckDBPyConnection, scanned: Scanned, hidden: str | None
) -> list[Rejected]:
    """One Rejected per bad row in `_problems` (all its reasons), with the row's raw cells."""
    has_ref = "ref" in [row[0] for row in con.execute("DESCRIBE _problems").fetchall()]
    ref = "any_value(ref)" if has_ref else "NULL"
    found = con.execute(
        f"""
        SELECT idx, string_agg(field, ', ' ORDER BY pos), string_agg(message, '; ' ORDER BY pos),
               {ref}
        FROM _problems GROUP BY idx ORDER BY idx
        """
    ).fetchall()
    names = [row[0] for row in con.execute("DESCRIBE raw").fetchall()]
    cells = ", ".join("''" if name == hidden else f"coalesce(\"{name}\", '')" for name in names)
    values = {
        row[0]: tuple(str(v) for v in row[1:])
        for row in con.execute(
            f"SELECT rowid, {cells} FROM raw WHERE rowid IN (SELECT idx FROM _problems)"
        ).fetchall()
    }
    return [
        Rejected(
            scanned.file,
            scanned.line_of(idx),
            field,
            message.replace("{ref}", str(scanned.line_of(r))) if r is not None else message,
            values.get(idx, ()),
        )
        for idx, field, message, r in found
    ]


def _raise_if_any(con: duckdb.DuckDBPyConnection, scanned: Scanned) -> None:
    total = int(con.execute("SELECT count(*) FROM _problems").fetchall()[0][0])
    if not total:
        return
    has_ref = "ref" in [row[0] for row in con.execute("DESCRIBE _problems").fetchall()]
    ref = "ref" if has_ref else "NULL"
    rows = con.execute(
        f"SELECT idx, field, message, {ref} FROM _problems ORDER BY idx, pos LIMIT {MAX_SHOWN}"
    ).fetchall()
    problems = [
        Problem(
            scanned.file,
            scanned.line_of(idx),
            field,
            message.replace("{ref}", str(scanned.line_of(ref))) if ref is not None else message,
        )
        for idx, field, message, ref in rows
    ]
    if total > len(problems):
        summary = f"{number(total)} fejl i alt; de første {len(problems)} er vist"
        problems.append(Problem(scanned.file, None, None, summary))
    raise InputError(problems)
