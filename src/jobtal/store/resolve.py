"""Resolving overlapping benefit spells into non-overlapping segments (DOMAIN.md, definition 1).

Definitions:
- A person-day belongs to at most one target group. Where spells of one person overlap, the
  day belongs to the spell that ranks first by (1) the benefit priority (setting
  BENEFIT_PRIORITY, else DEFAULT_BENEFIT_PRIORITY; benefits the setting leaves out follow in
  the default order), (2) the category, in the order of CATEGORIES with "no category" last,
  (3) the earlier start. These three make the winner unique, because (person, benefit,
  category, start) is the key of a spell.
- benefit_segments: maximal runs of consecutive days of one person with the same winning
  target group and municipality. An open spell (end NULL) gives an open segment.
- benefit_overlaps: for every day on which a spell lost, one row per run of consecutive days
  with the same kept and dropped benefit. Nothing is dropped without a row here.

Everything is set-based in DuckDB: the days are never listed. Each person's timeline is cut at
every spell start and every day after a spell end into *pieces*; each piece is covered by the
same spells throughout, so one ranking per piece decides it.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from jobtal import settings
from jobtal.domain.target_groups import (
    BENEFITS,
    CATEGORIES,
    DEFAULT_BENEFIT_PRIORITY,
    GROUP_OF,
)
from jobtal.errors import InputError, Problem

# Stands for "no end" inside the computation only; open spells have end NULL in every table.
# Importers accept dates up to 2199-12-31, so no real spell reaches it.
OPEN_END = "9999-12-31"


def resolve_priority(priority: Sequence[str] | None = None) -> tuple[str, ...]:
    """The full benefit order, highest priority first.

    `priority` (or else the setting BENEFIT_PRIORITY, comma-separated) may name only some
    benefits; the others follow in the default order. Unknown codes raise InputError.

    >>> resolve_priority(["dagpenge"])[:2]
    ('dagpenge', 'foertidspension')
    """
    source = "JOBTAL_BENEFIT_PRIORITY"
    if priority is None:
        text = settings.get("BENEFIT_PRIORITY")
        priority = [code.strip() for code in text.split(",") if code.strip()]
    else:
        source = "prioritet"
    unknown = [code for code in priority if code not in BENEFITS]
    if unknown:
        message = f"ukendte ydelseskoder i prioriteten: {', '.join(unknown)}"
        raise InputError([Problem(source, None, None, message)])
    chosen = tuple(dict.fromkeys(priority))
    return chosen + tuple(code for code in DEFAULT_BENEFIT_PRIORITY if code not in chosen)


def _ranking_table(priority: tuple[str, ...]) -> pa.Table:
    """One row per allowed (benefit, category): its leaf group and the ranks that decide.
    The leaf group is also numbered (group_no), so the heavy steps sort integers."""
    category_order = [*CATEGORIES, ""]
    groups = sorted(set(GROUP_OF.values()))
    pairs = sorted(GROUP_OF.items())
    return pa.table(
        {
            "benefit": [benefit for (benefit, _), _ in pairs],
            "category": [category for (_, category), _ in pairs],
            "target_group": [group for _, group in pairs],
            "group_no": [groups.index(group) for _, group in pairs],
            "benefit_rank": [priority.index(benefit) for (benefit, _), _ in pairs],
            "category_rank": [category_order.index(category) for (_, category), _ in pairs],
        }
    )


def rebuild_segments(con: duckdb.DuckDBPyConnection, priority: Sequence[str] | None) -> int:
    """Replace benefit_segments and benefit_overlaps with a fresh resolution of all of
    benefit_spells; return the number of overlap rows. Runs inside the caller's transaction,
    if any, so a failure leaves both tables as they were."""
    order = resolve_priority(priority)
    con.register("_ranking_source", _ranking_table(order))
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _ranking AS SELECT * FROM _ranking_source")
    finally:
        con.unregister("_ranking_source")
    _rank_spells(con)
    _cut_pieces(con)
    con.execute("DELETE FROM benefit_segments")
    con.execute("DELETE FROM benefit_overlaps")
    con.execute(_SEGMENTS_SQL.format(open_end=OPEN_END))
    con.execute(_OVERLAPS_SQL.format(open_end=OPEN_END))
    for table in ("_pieces", "_spells", "_persons", "_ranking"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return int(con.execute("SELECT count(*) FROM benefit_overlaps").fetchall()[0][0])


def _rank_spells(con: duckdb.DuckDBPyConnection) -> None:
    """Spells with an exclusive end, their ranks, and the person as a number (sorting
    numbers is much faster than sorting the 32-character pseudonyms). A spell whose (benefit,
    category) has no leaf group would otherwise vanish from the segments, so it stops the
    rebuild."""
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _persons AS
        SELECT person_id, CAST(row_number() OVER () AS INTEGER) AS pid
        FROM (SELECT DISTINCT person_id FROM benefit_spells)
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _spells AS
        SELECT p.pid, s.municipality, s.start_date,
               coalesce(s.end_date + 1, DATE '{OPEN_END}') AS end_excl,
               r.group_no, r.benefit_rank, r.category_rank
        FROM benefit_spells s
        JOIN _persons p ON p.person_id = s.person_id
        LEFT JOIN _ranking r ON r.benefit = s.benefit AND r.category = s.category
        """
    )
    unmapped = con.execute("SELECT count(*) FROM _spells WHERE group_no IS NULL").fetchall()
    if unmapped[0][0]:
        raise ValueError(f"{unmapped[0][0]} forløb har en ydelse og kategori uden målgruppe")


def _cut_pieces(con: duckdb.DuckDBPyConnection) -> None:
    """Every piece of every timeline with each spell covering it, the best-ranked first
    (position 1 keeps the piece; kept_rank is its benefit's rank)."""
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _pieces AS
        WITH cuts AS (
            SELECT pid, start_date AS day FROM _spells
            UNION ALL
            SELECT pid, end_excl AS day FROM _spells
        ),
        pieces AS (
            SELECT pid, day AS piece_start,
                   lead(day) OVER (PARTITION BY pid ORDER BY day) AS piece_end
            FROM cuts
        )
        SELECT p.pid, p.piece_start, p.piece_end,
               s.municipality, s.group_no, s.benefit_rank,
               row_number() OVER ranked AS position,
               first_value(s.benefit_rank) OVER ranked AS kept_rank
        FROM pieces p
        JOIN _spells s
          ON s.pid = p.pid
         AND s.start_date <= p.piece_start
         AND s.end_excl >= p.piece_end
        -- Cuts are not made distinct (that would cost a hash aggregate); a repeated cut
        -- gives an empty piece, which is left out here.
        WHERE p.piece_end > p.piece_start
        WINDOW ranked AS (
            PARTITION BY p.pid, p.piece_start
            ORDER BY s.benefit_rank, s.category_rank, s.start_date
        )
        """
    )


# Runs of touching pieces with the same key are merged (gaps and islands). Within a run the
# start of a piece minus the days of the earlier pieces of the same key is constant, and it
# grows at every gap, so it names the run; one window suffices.
_ISLANDS = """
    SELECT *, piece_start - CAST(sum(piece_end - piece_start) OVER (
        PARTITION BY pid, {key} ORDER BY piece_start ROWS UNBOUNDED PRECEDING
    ) - (piece_end - piece_start) AS INTEGER) AS run
    FROM {source}
"""

_SEGMENTS_SQL = (
    """
    INSERT INTO benefit_segments
    SELECT p.person_id, i.municipality, g.target_group, i.start_date, i.end_date
    FROM (
        SELECT pid, municipality, group_no, min(piece_start) AS start_date,
               nullif(max(piece_end), DATE '{open_end}') - 1 AS end_date
        FROM ("""
    + _ISLANDS.format(
        key="group_no, municipality",
        source="(SELECT * FROM _pieces WHERE position = 1)",
    )
    .replace("{", "{{")
    .replace("}", "}}")
    + """)
        GROUP BY pid, group_no, municipality, run
    ) i
    JOIN _persons p ON p.pid = i.pid
    JOIN (SELECT DISTINCT group_no, target_group FROM _ranking) g ON g.group_no = i.group_no
    """
)

_OVERLAPS_SQL = (
    """
    INSERT INTO benefit_overlaps
    SELECT p.person_id, i.start_date, i.end_date, k.benefit, d.benefit
    FROM (
        SELECT pid, kept_rank, dropped_rank, min(piece_start) AS start_date,
               nullif(max(piece_end), DATE '{open_end}') - 1 AS end_date
        FROM ("""
    + _ISLANDS.format(
        key="kept_rank, dropped_rank",
        source="""(
            SELECT DISTINCT pid, piece_start, piece_end, kept_rank,
                   benefit_rank AS dropped_rank
            FROM _pieces
            WHERE position > 1
        )""",
    )
    .replace("{", "{{")
    .replace("}", "}}")
    + """)
        GROUP BY pid, kept_rank, dropped_rank, run
    ) i
    JOIN _persons p ON p.pid = i.pid
    JOIN (SELECT DISTINCT benefit, benefit_rank FROM _ranking) k ON k.benefit_rank = i.kept_rank
    JOIN (SELECT DISTINCT benefit, benefit_rank FROM _ranking) d
      ON d.benefit_rank = i.dropped_rank
    """
)
