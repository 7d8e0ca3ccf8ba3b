"""Duration per case (figure 5) and cases per staff-year (table 12) on stores written by
hand; every expected figure is worked out in the comments."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import jobtal.measures.cases
from jobtal.measures.cases import average_cases, case_durations, staff_years

from .person_store import GENTOFTE, OTHER, d, make_store, run

Q4_2022 = {"2022Q4": (d("2022-10-01"), d("2022-12-31"))}


def _seg(person: str, group: str, start: str, end: str | None, where: int = GENTOFTE) -> tuple:
    return (person, where, group, d(start), d(end) if end else None)


def _case(person: str, team: str, start: str, end: str | None, where: int = GENTOFTE) -> tuple:
    return (person, where, team, d(start), d(end) if end else None)


def _durations(path: Path, ends: dict) -> dict[str, tuple]:
    rows = run(path, lambda t: case_durations(t("benefit_segments"), t("cases"), GENTOFTE, ends))
    return {r["quarter"]: (r["persons"], r["mean_weeks"]) for r in rows}


def test_durations_at_the_quarters_end(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                _seg("a", "kh_aktivitetsparat", "2022-01-01", None),
                _seg("b", "ressourceforloeb", "2022-01-01", None),
                _seg("c", "jobafklaringsforloeb", "2022-01-01", None),
                _seg("e", "dagpenge", "2022-01-01", None),
                _seg("f", "ledighedsydelse", "2022-01-01", None),
            ],
            "cases": [
                # a: opened on the quarter's last day: 1 day, 1/7 week.
                _case("a", "T1", "2022-12-31", None),
                # b: two open cases, the earliest (24 Sept: 99 days = 14 1/7 weeks) counts.
                _case("b", "T1", "2022-09-24", "2023-06-30"),
                _case("b", "T2", "2022-11-01", None),
                # c: the case ended the day before the quarter's end: not open.
                _case("c", "T1", "2022-01-01", "2022-12-30"),
                # e: dagpenge is not a rehabilitation group.
                _case("e", "T1", "2022-01-01", None),
                # f: the case is another municipality's.
                _case("f", "T1", "2022-01-01", None, OTHER),
            ],
        },
    )
    found = _durations(store, {"2022Q4": d("2022-12-31"), "2022Q3": d("2022-09-30")})
    # 2022Q3 (30 Sept): b's first case, 7 days (1 week), and c's, still open then, 273
    # days (39 weeks): mean 20 weeks.
    assert found["2022Q3"] == (2, pytest.approx(20.0))
    assert found["2022Q4"] == (2, pytest.approx((1 / 7 + 99 / 7) / 2))


def test_a_case_without_a_rehabilitation_day_at_the_end_does_not_count(tmp_path: Path) -> None:
    # Ressourceforløb ended 30 December; on 31 December the person is on sygedagpenge.
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                _seg("a", "ressourceforloeb", "2022-01-01", "2022-12-30"),
                _seg("a", "sygedagpenge", "2022-12-31", None),
            ],
            "cases": [_case("a", "T1", "2022-01-01", None)],
        },
    )
    assert _durations(store, {"2022Q4": d("2022-12-31")}) == {}


def test_average_cases_and_staff_years_per_category(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "cases": [
                # Team A (ledighedsrelateret): one case all quarter (92 days) and one
                # opened on the quarter's last day (1 day): 93 / 92 cases.
                _case("a", "A", "2022-01-01", None),
                _case("b", "A", "2022-12-31", None),
                # Team B (oevrige): 46 days (16 Nov – 31 Dec): 0.5 case.
                _case("c", "B", "2022-11-16", "2023-01-31"),
                # Team C has no staffing in the quarter: no category.
                _case("e", "C", "2022-10-01", None),
                # Another municipality's case of team A: not counted.
                _case("f", "A", "2022-10-01", None, OTHER),
                # Ended before the quarter.
                _case("g", "A", "2022-01-01", "2022-09-30"),
            ],
            "staffing": [
                (GENTOFTE, "2022Q4", "A", "ledighedsrelateret", 1.5),
                (GENTOFTE, "2022Q4", "A2", "ledighedsrelateret", 0.5),
                (GENTOFTE, "2022Q4", "B", "oevrige", 3.0),
                (GENTOFTE, "2022Q3", "C", "oevrige", 9.0),
                (OTHER, "2022Q4", "A", "oevrige", 7.0),
            ],
        },
    )
    cases = run(store, lambda t: average_cases(t("cases"), t("staffing"), GENTOFTE, Q4_2022))
    assert {r["group_category"]: r["cases"] for r in cases} == {
        "ledighedsrelateret": pytest.approx(93 / 92),
        "oevrige": pytest.approx(0.5),
    }
    staff = run(store, lambda t: staff_years(t("staffing"), GENTOFTE, ["2022Q4"]))
    assert {r["group_category"]: r["staff_years"] for r in staff} == {
        "ledighedsrelateret": 2.0,
        "oevrige": 3.0,
    }


def test_docstring_example() -> None:
    failures, attempted = doctest.testmod(jobtal.measures.cases)
    assert attempted > 0
    assert failures == 0
