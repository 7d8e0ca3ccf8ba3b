"""Table 1, the cash-benefit cap (definition 15), against hand-computed answers."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from jobtal.domain.periods import Month
from jobtal.measures.cash_benefit_cap import FIGURES, cap_comparison, cap_month


def _rows(*rows: tuple[date, int, int, float]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["month", "persons_covered", "persons_reduced", "total_reduction_dkk"]
    )


ROWS = _rows(
    (date(2022, 12, 1), 398, 56, 76807.0),
    (date(2017, 1, 1), 1012, 202, 234444.0),
    (date(2022, 6, 1), 400, 50, 60000.0),
    (date(2023, 1, 1), 390, 40, 50000.0),  # after the report quarter
)


def test_first_month_and_last_month_up_to_the_end_of_the_quarter() -> None:
    found = cap_comparison(ROWS, date(2022, 12, 31))
    assert found is not None
    first, last, change = found
    assert (first.month, last.month) == (Month(2017, 1), Month(2022, 12))
    assert first.share_pct == pytest.approx(202 / 1012 * 100)  # 19.96 %, printed 20,0 %
    assert first.average_reduction_dkk == pytest.approx(234444 / 202)  # 1.160,6 kr.
    assert last.share_pct == pytest.approx(56 / 398 * 100)
    assert last.average_reduction_dkk == pytest.approx(76807 / 56)
    assert change["persons_covered"] == pytest.approx((398 / 1012 - 1) * 100)  # -60,7 %
    assert change["persons_reduced"] == pytest.approx((56 / 202 - 1) * 100)  # -72,3 %
    # The share's change is relative, not in percentage points.
    assert change["share_pct"] == pytest.approx(((56 / 398) / (202 / 1012) - 1) * 100)
    assert change["total_reduction_dkk"] == pytest.approx((76807 / 234444 - 1) * 100)
    assert change["average_reduction_dkk"] == pytest.approx(
        ((76807 / 56) / (234444 / 202) - 1) * 100
    )
    assert set(change) == set(FIGURES)


def test_last_month_is_the_latest_up_to_the_day_given() -> None:
    found = cap_comparison(ROWS, date(2022, 11, 30))
    assert found is not None
    assert found[1].month == Month(2022, 6)
    found = cap_comparison(ROWS, date(2023, 1, 1))
    assert found is not None
    assert found[1].month == Month(2023, 1)


def test_no_month_up_to_the_day_gives_nothing() -> None:
    assert cap_comparison(ROWS, date(2016, 12, 31)) is None
    assert cap_comparison(_rows(), date(2022, 12, 31)) is None


def test_zero_base_gives_undefined_ratios_and_changes() -> None:
    rows = _rows((date(2017, 1, 1), 0, 0, 0.0), (date(2017, 2, 1), 10, 2, 300.0))
    found = cap_comparison(rows, date(2017, 2, 28))
    assert found is not None
    first, last, change = found
    assert first.share_pct is None and first.average_reduction_dkk is None
    assert last.share_pct == 20.0 and last.average_reduction_dkk == 150.0
    assert all(value is None for value in change.values())


def test_a_month_without_reductions_has_no_average() -> None:
    month = cap_month(Month(2022, 1), 100, 0, 0.0)
    assert month.share_pct == 0.0
    assert month.average_reduction_dkk is None
