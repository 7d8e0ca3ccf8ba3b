"""Table 10: refugees and family-reunified persons in employment."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from jobtal.domain.periods import Month, year, year_to_date
from jobtal.measures.integration import employment, last_month_with_data


def _rows(year_number: int, months: range, persons: float, employed: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": [date(year_number, m, 1) for m in months],
            "persons": [persons + m for m in months],
            "employed": [employed + m for m in months],
        }
    )


def test_annual_averages_and_the_share_of_the_averages() -> None:
    rows = _rows(2021, range(1, 13), 500.0, 250.0)
    figures = employment(rows, year(2021))
    # employed 251..262, mean 256.5; persons 501..512, mean 506.5
    assert figures.employed == pytest.approx(256.5)
    assert figures.share_pct == pytest.approx(256.5 / 506.5 * 100)


def test_share_is_of_the_averages_not_the_mean_of_monthly_shares() -> None:
    rows = pd.DataFrame(
        {
            "month": [date(2022, 1, 1), date(2022, 2, 1)],
            "persons": [100.0, 300.0],
            "employed": [50.0, 60.0],
        }
    )
    figures = employment(rows, year_to_date(Month(2022, 2)))
    assert figures.share_pct == pytest.approx(55 / 200 * 100)  # 27.5, not (50 + 20) / 2 = 35


def test_a_period_with_a_missing_month_has_no_average() -> None:
    rows = _rows(2022, range(1, 12), 500.0, 250.0)  # January to November
    assert employment(rows, year(2022)).employed is None
    figures = employment(rows, year_to_date(Month(2022, 11)))
    assert figures.employed == pytest.approx(250 + 6)


def test_last_month_with_data_in_the_year_up_to_a_month() -> None:
    rows = pd.concat([_rows(2022, range(1, 12), 1.0, 1.0), _rows(2023, range(1, 3), 1.0, 1.0)])
    assert last_month_with_data(rows, 2022, Month(2022, 12)) == Month(2022, 11)
    assert last_month_with_data(rows, 2022, Month(2022, 9)) == Month(2022, 9)
    assert last_month_with_data(rows, 2023, Month(2023, 12)) == Month(2023, 2)
    assert last_month_with_data(rows, 2021, Month(2021, 12)) is None
