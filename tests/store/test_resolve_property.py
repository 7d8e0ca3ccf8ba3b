"""Overlap resolution checked day by day against a direct reading of definition 1, on random
small sets of spells."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtal.domain.target_groups import CATEGORIES, DEFAULT_BENEFIT_PRIORITY, GROUP_OF
from jobtal.store.resolve import rebuild_segments
from jobtal.store.schema import DDL

DAY0 = date(2022, 1, 1)
HORIZON = 80  # days checked; every spell starts before day 60
PAIRS = sorted(GROUP_OF)

spell = st.tuples(
    st.sampled_from(["a", "b"]),  # person
    st.sampled_from([101, 157]),  # municipality
    st.sampled_from(PAIRS),  # (benefit, category)
    st.integers(0, 59),  # start
    st.one_of(st.none(), st.integers(0, 30)),  # length - 1, None = open
)


def rank(benefit: str, category: str, start: int) -> tuple[int, int, int]:
    """Definition 1 with the documented ties: priority, category order ("" last), start."""
    return DEFAULT_BENEFIT_PRIORITY.index(benefit), [*CATEGORIES, ""].index(category), start


@settings(max_examples=40, deadline=None)
@given(st.lists(spell, min_size=1, max_size=8))
def test_each_day_belongs_to_the_best_ranked_spell(drawn: list) -> None:
    spells = {(p, b, c, s): (m, s, None if n is None else s + n) for p, m, (b, c), s, n in drawn}
    con = duckdb.connect()
    con.execute(DDL)
    con.executemany(
        "INSERT INTO benefit_spells VALUES (?, ?, ?, ?, ?, ?)",
        [
            (p, m, b, c, DAY0 + timedelta(s), None if e is None else DAY0 + timedelta(e))
            for (p, b, c, _), (m, s, e) in spells.items()
        ],
    )
    rebuild_segments(con, None)
    segments = con.execute("SELECT * FROM benefit_segments").fetchall()
    overlaps = con.execute("SELECT * FROM benefit_overlaps").fetchall()
    for person in ("a", "b"):
        for day in range(HORIZON):
            covering = [
                (rank(b, c, s), b, GROUP_OF[(b, c)], m)
                for (p, b, c, _), (m, s, e) in spells.items()
                if p == person and s <= day and (e is None or day <= e)
            ]
            covering.sort()
            when = DAY0 + timedelta(day)
            got = [(g, m) for p, m, g, s, e in segments if p == person and _on(when, s, e)]
            assert got == [(w[2], w[3]) for w in covering[:1]]
            expected = {(covering[0][1], loser[1]) for loser in covering[1:]}
            found = [(k, d) for p, s, e, k, d in overlaps if p == person and _on(when, s, e)]
            assert sorted(found) == sorted(expected)
    _assert_runs_are_maximal(segments)


def _on(day: date, start: date, end: date | None) -> bool:
    return start <= day and (end is None or day <= end)


def _assert_runs_are_maximal(segments: list) -> None:
    """No two segments of a person with the same group and municipality touch."""
    ends = {(p, m, g, e) for p, m, g, _, e in segments if e is not None}
    for p, m, g, s, _ in segments:
        assert (p, m, g, s - timedelta(1)) not in ends
