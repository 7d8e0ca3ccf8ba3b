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
    parts = [
        f"SELECT idx, {pos} AS pos, '{check.field}' AS field, {check.message} AS message "
        f"FROM typed WHERE {check.condition}"
        for pos, check in enumerate(checks)
    ]
    con.execute(f"CREATE OR REPLACE TEMP TABLE _problems AS {' UNION ALL '.join(parts)}")
    _raise_if_any(con, scanned)


def raise_key_conflicts(
    con: duckdb.DuckDBPyConnection, scanned: Scanned, key: list[str], key_label: str
) -> None:
    """Rows that share a key but differ in other values: the file contradicts itself.
    Reads `distinct_rows` (the file's distinct rows, each with its first idx), where rows that
    were equal in every value are already one row."""
    keys = ", ".join(key)
    counts = con.execute(
        f"SELECT (SELECT count(*) FROM distinct_rows), "
        f"(SELECT count(*) FROM (SELECT 1 FROM distinct_rows GROUP BY {keys}))"
    ).fetchall()[0]
    if counts[0] == counts[1]:  # the usual case, found without sorting the rows
        return
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _problems AS
        SELECT idx, 0 AS pos, 'start' AS field,
               'samme {key_label} som række {{ref}}, men andre værdier' AS message,
               first_idx AS ref
        FROM (SELECT idx, min(idx) OVER (PARTITION BY {keys}) AS first_idx FROM distinct_rows)
        WHERE idx > first_idx
        """
    )
    _raise_if_any(con, scanned)


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
