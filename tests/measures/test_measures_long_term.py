"""Hand-computed cases for long-term unemployment (definition 3)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from jobtal.domain.periods import Month
from jobtal.measures.long_term import REQUIRED_DAYS

from .bruteforce import brute_force
from .tables import Activation, Key, Segment, figures

D = date
GEN = 157


def long_term(
    segments: Sequence[Segment], activations: Sequence[Activation], first: Month, last: Month
) -> dict[Key, float]:
    got = figures(segments, activations, first, last)
    # The reference implementation must agree on every hand-computed case too.
    assert got == pytest.approx(brute_force(segments, activations, first, last), abs=1e-9)
    return {k: v for k, v in got.items() if k[3] == "long_term_ftp"}


def test_required_days_is_80_percent_of_364_rounded_up() -> None:
    assert REQUIRED_DAYS == 292


def test_first_long_term_day_is_the_292nd_day() -> None:
    # From 2021-01-01; day 292 of 2021 is 19 October, so 13 days of October count.
    segs = [("a", GEN, "dagpenge", D(2021, 1, 1), None)]
    got = long_term(segs, [], Month(2021, 9), Month(2021, 11))
    assert got == pytest.approx(
        {
            (GEN, "dagpenge", D(2021, 10, 1), "long_term_ftp"): 13 / 31,
            (GEN, "dagpenge", D(2021, 11, 1), "long_term_ftp"): 1.0,
        }
    )


@pytest.mark.parametrize(
    ("offer_start", "october_days"),
    [
        (D(2021, 1, 1), 13),  # 291 days in offer + 1 on benefit = 292 on 19 October
        (D(2021, 1, 2), 12),  # 290 + 1 = 291 (79.9 %) on 19 October: first on the 20th
    ],
)
def test_active_offer_days_count_toward_the_80_percent(
    offer_start: date, october_days: int
) -> None:
    segs = [("a", GEN, "kh_jobparat", D(2021, 10, 19), None)]
    # Outside any benefit segment, so it counts toward 80 % but not as activated.
    acts: list[Activation] = [("a", "opkvalificering", offer_start, D(2021, 10, 18), None)]
    got = long_term(segs, acts, Month(2021, 10), Month(2021, 10))
    assert got == pytest.approx(
        {(GEN, "kh_jobparat", D(2021, 10, 1), "long_term_ftp"): october_days / 31}
    )


def test_a_gap_delays_long_term_by_its_length() -> None:
    # A 10-day gap in July: the 292nd counted day is 29 October instead of 19 October.
    segs = [
        ("a", GEN, "dagpenge", D(2021, 1, 1), D(2021, 6, 30)),
        ("a", GEN, "dagpenge", D(2021, 7, 11), None),
    ]
    got = long_term(segs, [], Month(2021, 10), Month(2021, 10))
    assert got == pytest.approx({(GEN, "dagpenge", D(2021, 10, 1), "long_term_ftp"): 3 / 31})


def test_stuck_at_291_days_until_the_old_days_leave_the_window() -> None:
    # 292 days in 2021 (long-term on 19 October only), a 73-day gap, then a new spell:
    # while old days leave the window as new ones enter, the count stays at 291. The last
    # old day leaves on 18 October 2022; the new spell's 292nd day is 19 October 2022.
    segs = [
        ("a", GEN, "dagpenge", D(2021, 1, 1), D(2021, 10, 19)),
        ("a", GEN, "dagpenge", D(2022, 1, 1), None),
    ]
    got = long_term(segs, [], Month(2021, 10), Month(2022, 10))
    assert got == pytest.approx(
        {
            (GEN, "dagpenge", D(2021, 10, 1), "long_term_ftp"): 1 / 31,
            (GEN, "dagpenge", D(2022, 10, 1), "long_term_ftp"): 13 / 31,
        }
    )


def test_attributed_to_the_leaf_group_of_the_day() -> None:
    segs = [
        ("a", GEN, "dagpenge", D(2021, 1, 1), D(2021, 12, 31)),
        ("a", GEN, "kh_jobparat", D(2022, 1, 1), D(2022, 1, 15)),
        ("a", GEN, "sygedagpenge", D(2022, 1, 16), D(2022, 1, 31)),
    ]
    got = long_term(segs, [], Month(2021, 12), Month(2022, 1))
    assert got == pytest.approx(
        {
            (GEN, "dagpenge", D(2021, 12, 1), "long_term_ftp"): 1.0,
            (GEN, "kh_jobparat", D(2022, 1, 1), "long_term_ftp"): 15 / 31,
        }
    )


def test_groups_that_are_not_gross_unemployed_never_count() -> None:
    segs = [("a", GEN, "kh_aktivitetsparat", D(2020, 1, 1), None)]
    acts: list[Activation] = [("a", "mentor", D(2020, 1, 1), None, None)]
    assert long_term(segs, acts, Month(2021, 1), Month(2021, 12)) == {}


def test_history_before_the_first_month_counts() -> None:
    # All 364 days of the window lie before the requested month.
    segs = [("a", GEN, "shy_jobparat", D(2020, 3, 1), D(2021, 3, 31))]
    got = long_term(segs, [], Month(2021, 3), Month(2021, 3))
    assert got == pytest.approx({(GEN, "shy_jobparat", D(2021, 3, 1), "long_term_ftp"): 1.0})
