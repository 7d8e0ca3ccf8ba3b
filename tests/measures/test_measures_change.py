"""Changes, national shares and period means (definitions 2, 5 and 6)."""

from __future__ import annotations

import doctest

import pytest

import jobtal.measures.change
import jobtal.measures.intervals
import jobtal.measures.long_term
import jobtal.measures.monthly
from jobtal.domain.periods import Month, quarter, rolling_year, year, year_to_date
from jobtal.measures.change import (
    change_pct,
    change_pp,
    national_share_pct,
    period_mean,
    share_pct,
)


def test_change_pct() -> None:
    assert change_pct(1097.0, 1159.0) == pytest.approx(-5.349439171699741)
    assert change_pct(0.0, 10.0) == pytest.approx(-100.0)


@pytest.mark.parametrize(("this", "previous"), [(5.0, 0.0), (0.0, 0.0), (None, 1.0), (1.0, None)])
def test_change_pct_undefined(this: float | None, previous: float | None) -> None:
    assert change_pct(this, previous) is None


def test_change_pp() -> None:
    assert change_pp(12.5, 15.0) == pytest.approx(-2.5)
    assert change_pp(None, 15.0) is None
    assert change_pp(12.5, None) is None


def test_national_share_pct() -> None:
    assert national_share_pct(1097.0, 100_000.0) == pytest.approx(1.097)
    assert national_share_pct(1.0, 0.0) is None
    assert national_share_pct(1.0, None) is None
    assert national_share_pct(None, 5.0) is None
    assert share_pct(3.0, 0.0) is None


def test_annual_average_counts_missing_months_as_zero() -> None:
    values = {Month(2022, m): float(m) for m in range(1, 12)}  # December missing
    assert period_mean(values, year(2022)) == pytest.approx(sum(range(1, 12)) / 12)


def test_year_to_date_and_rolling_year() -> None:
    values = {Month(2022, m): 10.0 for m in range(1, 13)} | {
        Month(2023, 1): 1.0,
        Month(2023, 2): 2.0,
    }
    assert period_mean(values, year_to_date(Month(2023, 2))) == pytest.approx(1.5)
    # March 2022 .. February 2023: ten months of 10, then 1 and 2.
    assert period_mean(values, rolling_year(Month(2023, 2))) == pytest.approx(103 / 12)
    assert period_mean(values, quarter(2023, 1)) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "module",
    [
        jobtal.measures.change,
        jobtal.measures.intervals,
        jobtal.measures.long_term,
        jobtal.measures.monthly,
    ],
)
def test_docstring_examples(module: object) -> None:
    failures, attempted = doctest.testmod(module, raise_on_error=False)  # type: ignore[arg-type]
    assert attempted > 0
    assert failures == 0
