"""Upskilling starts per month (table 5) on a store written by hand."""

from __future__ import annotations

import doctest
from datetime import date
from pathlib import Path

import jobtal.measures.upskilling
from jobtal.domain.periods import Month, year, year_to_date
from jobtal.measures.change import period_mean
from jobtal.measures.upskilling import upskilling_starts

from .person_store import GENTOFTE, OTHER, d, make_store, run


def _seg(person: str, group: str, start: str, end: str | None, where: int = GENTOFTE) -> tuple:
    return (person, where, group, d(start), d(end) if end else None)


def _act(person: str, offer: str, start: str) -> tuple:
    return (person, offer, d(start), None, None, None)


def _starts(path: Path, first: Month, last: Month) -> dict[date, int]:
    rows = run(
        path,
        lambda t: upskilling_starts(
            t("benefit_segments"), t("activation_spells"), GENTOFTE, first, last
        ),
    )
    return {r["month"]: r["starts"] for r in rows}


def test_starts_per_month_on_a_day_in_the_groups(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                _seg("a", "dagpenge", "2022-01-01", "2022-03-31"),
                _seg("b", "ledighedsydelse", "2022-01-01", None),
                _seg("c", "sygedagpenge", "2022-01-01", None),
                _seg("e", "kh_jobparat", "2022-01-01", None, OTHER),
                _seg("f", "uddh_aktivitetsparat", "2022-01-01", None),
            ],
            "activation_spells": [
                # a starts on the segment's last day (counts in March) and the day after
                # it ends (not in a group: does not count in April).
                _act("a", "ordinaer_uddannelse", "2022-03-31"),
                _act("a", "opkvalificering", "2022-04-01"),
                # b starts twice in February: one person that month.
                _act("b", "opkvalificering", "2022-02-01"),
                _act("b", "ordinaer_uddannelse", "2022-02-20"),
                # c is on sygedagpenge, e in another municipality, f starts a mentor.
                _act("c", "opkvalificering", "2022-02-01"),
                _act("e", "opkvalificering", "2022-02-01"),
                _act("f", "mentor", "2022-02-01"),
                # f starts upskilling in May 2022, outside the months asked for.
                _act("f", "opkvalificering", "2022-05-02"),
            ],
        },
    )
    starts = _starts(store, Month(2022, 1), Month(2022, 4))
    assert starts == {date(2022, 2, 1): 1, date(2022, 3, 1): 1}
    by_month = {Month.of(m): float(n) for m, n in starts.items()}
    # The table's figure: 2 starts over the 12 months of 2022, or the 4 of January–April.
    assert period_mean(by_month, year(2022)) == 2 / 12
    assert period_mean(by_month, year_to_date(Month(2022, 4))) == 0.5


def test_docstring_example() -> None:
    failures, attempted = doctest.testmod(jobtal.measures.upskilling)
    assert attempted > 0
    assert failures == 0
