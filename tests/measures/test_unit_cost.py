"""Table 13: unit cost per full-time person (definition 14)."""

from __future__ import annotations

from datetime import date

import ibis
import pandas as pd
import pytest

from jobtal.domain.periods import Month, year, year_to_date
from jobtal.measures.unit_cost import (
    UNIT_COST_GROUPS,
    UnitCost,
    average_ftp,
    unit_cost,
    unit_cost_change,
    unit_cost_ftp,
)

GEN, KBH = 157, 101


def test_the_unit_cost_groups_are_the_documented_leaves() -> None:
    assert set(UNIT_COST_GROUPS) == {
        "dagpenge",
        "kh_jobparat",
        "kh_aktivitetsparat",
        "uddh_aabenlyst_uddannelsesparat",
        "uddh_uddannelsesparat",
        "uddh_aktivitetsparat",
        "sygedagpenge",
        "jobafklaringsforloeb",
        "ressourceforloeb",
        "ledighedsydelse",
    }


def _segments(*rows: tuple[str, int, str, date, date | None]) -> ibis.Table:
    return ibis.memtable(
        pd.DataFrame(
            rows, columns=["person_id", "municipality", "target_group", "start_date", "end_date"]
        ),
        schema={
            "person_id": "string",
            "municipality": "int16",
            "target_group": "string",
            "start_date": "date",
            "end_date": "date",
        },
    )


ACTIVATIONS = ibis.memtable(
    {
        "person_id": ["a"],
        "offer": ["loentilskud"],
        "start_date": [date(2022, 1, 1)],
        "end_date": [date(2022, 12, 31)],
        "hours_per_week": [37.0],
        "cvr": ["11111111"],
    }
)


def test_monthly_full_time_persons_of_the_groups_in_the_municipality() -> None:
    segments = _segments(
        ("a", GEN, "dagpenge", date(2021, 6, 1), None),  # open: every day of 2022
        ("b", GEN, "kh_jobparat", date(2022, 1, 17), date(2022, 2, 13)),  # 15/31 and 13/28
        ("c", GEN, "seniorpension", date(2022, 1, 1), None),  # not a unit-cost group
        ("d", KBH, "dagpenge", date(2022, 1, 1), None),  # another municipality
        ("e", GEN, "ledighedsydelse", date(2022, 3, 1), date(2022, 3, 31)),
    )
    expr = unit_cost_ftp(segments, ACTIVATIONS, GEN, Month(2022, 1), Month(2022, 3))
    got = expr.to_pandas().sort_values("month")
    assert list(got["value"]) == pytest.approx([1 + 15 / 31, 1 + 13 / 28, 2.0])
    mean = average_ftp(got, year_to_date(Month(2022, 3)))
    assert mean == pytest.approx((1 + 15 / 31 + 1 + 13 / 28 + 2) / 3)


def test_a_month_without_rows_counts_as_zero_in_the_annual_average() -> None:
    monthly = pd.DataFrame({"month": [date(2022, 1, 1), date(2022, 2, 1)], "value": [12.0, 6.0]})
    assert average_ftp(monthly, year(2022)) == pytest.approx(18 / 12)


def _costs(*rows: tuple[int, float, bool]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "amount_dkk", "expected"])


COSTS = _costs(
    (2018, 30_000_000.0, False),
    (2018, 14_772_000.0, False),
    (2022, 20_000_000.0, False),
    (2022, 8_527_000.0, True),
)


def test_cost_per_full_time_person_and_the_change_from_the_base_year() -> None:
    base = unit_cost(COSTS, 2018, 2387.0)
    current = unit_cost(COSTS, 2022, 2176.0)
    assert base == UnitCost(2018, 44_772_000.0, 2387.0, pytest.approx(44_772_000 / 2387), False)
    assert current.expected  # one of 2022's rows is not closed
    assert current.per_ftp_dkk == pytest.approx(28_527_000 / 2176)
    kroner, percent = unit_cost_change(base, current)
    assert kroner == pytest.approx(28_527_000 / 2176 - 44_772_000 / 2387)
    assert percent == pytest.approx(((28_527_000 / 2176) / (44_772_000 / 2387) - 1) * 100)


def test_zero_full_time_persons_or_no_cost_gives_no_unit_cost() -> None:
    none_ftp = unit_cost(COSTS, 2022, 0.0)
    assert none_ftp.per_ftp_dkk is None
    no_cost = unit_cost(COSTS, 2020, 100.0)
    assert (no_cost.cost_dkk, no_cost.per_ftp_dkk, no_cost.expected) == (None, None, False)
    assert unit_cost_change(none_ftp, unit_cost(COSTS, 2018, 1.0)) == (None, None)


def test_a_zero_base_cost_gives_no_change_in_percent() -> None:
    base = unit_cost(_costs((2018, 0.0, False)), 2018, 10.0)
    current = unit_cost(_costs((2022, 500.0, False)), 2022, 10.0)
    assert unit_cost_change(base, current) == (50.0, None)
