from datetime import date

import pytest

from jobtal.domain.periods import Month, parse_period, quarter, rolling_year, year, year_to_date


def test_leap_year_february_has_29_days() -> None:
    assert Month(2020, 2).days == 29
    assert Month(2022, 2).days == 28


def test_quarter_and_year_codes() -> None:
    q4 = parse_period("2022Q04")
    assert q4 == quarter(2022, 4)
    assert [m.month for m in q4.months()] == [10, 11, 12]
    assert q4.first_day == date(2022, 10, 1) and q4.last_day == date(2022, 12, 31)
    assert parse_period("2022Y01") == year(2022)
    assert parse_period("2022M02").months() == [Month(2022, 2)]


def test_rolling_year_crosses_the_year_boundary() -> None:
    period = rolling_year(Month(2022, 9))
    months = period.months()
    assert len(months) == 12
    assert months[0] == Month(2021, 10) and months[-1] == Month(2022, 9)


def test_year_to_date() -> None:
    assert len(year_to_date(Month(2022, 10)).months()) == 10


def test_month_range() -> None:
    period = parse_period("2020M03:2021M04")
    assert len(period.months()) == 14


@pytest.mark.parametrize("code", ["2022M13", "22M01", "2022Q05", "2022X01", "2022M05:2022M01"])
def test_bad_period_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError):
        parse_period(code)
