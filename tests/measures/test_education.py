"""Ordinary education 28 days after an unemployment course (table 6) on stores written by
hand; every expected count is worked out in the comments."""

from __future__ import annotations

import doctest
from pathlib import Path

import jobtal.measures.education
from jobtal.measures.education import education_after_courses, unemployment_courses
from jobtal.measures.intervals import day_number

from .person_store import GENTOFTE, OTHER, d, make_store, run, year_of


def _seg(person: str, group: str, start: str, end: str | None, where: int = GENTOFTE) -> tuple:
    return (person, where, group, d(start), d(end) if end else None)


def _edu(person: str, kind: str, start: str, end: str | None, age: int | None) -> tuple:
    return (person, kind, d(start), d(end) if end else None, age)


def _counts(path: Path, periods: dict) -> dict[str, tuple]:
    rows = run(
        path,
        lambda t: education_after_courses(
            t("benefit_segments"), t("education_spells"), GENTOFTE, periods
        ),
    )
    return {r["period"]: (r["courses"], r["in_education"]) for r in rows}


def test_adjacent_gross_spells_are_one_course_and_day_28_is_the_day(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                # a: dagpenge then jobparat kontanthjælp the next day: one course ending
                # 30 June; SU from 28 July = 30 June + 28 days: in education.
                _seg("a", "dagpenge", "2022-01-01", "2022-03-31"),
                _seg("a", "kh_jobparat", "2022-04-01", "2022-06-30"),
                # b: the same course, but SU only from 29 July (day +29): not in education.
                _seg("b", "dagpenge", "2022-01-01", "2022-03-31"),
                _seg("b", "shy_jobparat", "2022-04-01", "2022-06-30"),
                # c: SU that ended on day +27: not in education.
                _seg("c", "uddh_aabenlyst_uddannelsesparat", "2022-05-01", "2022-06-30"),
            ],
            "education_spells": [
                _edu("a", "su", "2022-07-28", None, 25),
                _edu("b", "su", "2022-07-29", None, 25),
                _edu("c", "su", "2022-07-01", "2022-07-27", 25),
            ],
        },
    )
    assert _counts(store, {"2022": year_of(2022)}) == {"2022": (3, 1)}


def test_apprentices_count_under_30_only(tmp_path: Path) -> None:
    # Four courses ending 31 March 2022; on 28 April each person is an apprentice, aged 29,
    # 30 and unknown at the start, and one has SU at 45: 29 and the SU count.
    people = {"young": 29, "thirty": 30, "unknown": None}
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                _seg(p, "dagpenge", "2022-01-01", "2022-03-31") for p in [*people, "student"]
            ],
            "education_spells": [
                *(_edu(p, "laerling", "2022-04-15", None, age) for p, age in people.items()),
                _edu("student", "su", "2021-09-01", "2025-06-30", 45),
            ],
        },
    )
    assert _counts(store, {"2022": year_of(2022)}) == {"2022": (4, 2)}


def test_a_course_ending_on_the_periods_last_day_ends_in_it(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                # Ends 31 December 2021: in 2021, not in 2022.
                _seg("a", "dagpenge", "2021-06-01", "2021-12-31"),
                # Still open: has not ended in any period.
                _seg("b", "dagpenge", "2021-06-01", None),
                # Ends 1 January 2022: in 2022 only.
                _seg("c", "kh_jobparat", "2021-06-01", "2022-01-01"),
            ],
            # In education on 28 January 2022 (31 Dec + 28): a's course counts as followed.
            "education_spells": [_edu("a", "su", "2022-01-28", "2022-01-28", 20)],
        },
    )
    counts = _counts(store, {"2021": year_of(2021), "2022": year_of(2022)})
    assert counts == {"2021": (1, 1), "2022": (1, 0)}


def test_a_gap_or_a_non_gross_group_splits_courses(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                # A day's gap (31 March): two courses, ending 30 March and 30 June.
                _seg("a", "dagpenge", "2022-01-01", "2022-03-30"),
                _seg("a", "dagpenge", "2022-04-01", "2022-06-30"),
                # Aktivitetsparat kontanthjælp is not gross unemployment: the course ends
                # 31 March, the day before.
                _seg("b", "dagpenge", "2022-01-01", "2022-03-31"),
                _seg("b", "kh_aktivitetsparat", "2022-04-01", None),
            ],
        },
    )
    assert _counts(store, {"2022": year_of(2022)}) == {"2022": (3, 0)}


def test_a_course_belongs_to_the_municipality_of_its_last_day(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                # Moves to Gentofte in the middle of one course: one Gentofte course.
                _seg("a", "dagpenge", "2022-01-01", "2022-03-31", OTHER),
                _seg("a", "dagpenge", "2022-04-01", "2022-05-31"),
                # Moves away: the course is the other municipality's.
                _seg("b", "dagpenge", "2022-01-01", "2022-03-31"),
                _seg("b", "dagpenge", "2022-04-01", "2022-05-31", OTHER),
            ],
        },
    )
    courses = run(store, lambda t: unemployment_courses(t("benefit_segments"), GENTOFTE))
    assert courses == [
        {"person_id": "a", "s": day_number(d("2022-01-01")), "e": day_number(d("2022-05-31"))}
    ]
    assert _counts(store, {"2022": year_of(2022)}) == {"2022": (1, 0)}


def test_two_courses_of_one_person_count_twice(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                _seg("a", "dagpenge", "2022-01-01", "2022-02-28"),
                _seg("a", "dagpenge", "2022-06-01", "2022-07-31"),
            ],
            # SU covers both day +28s (28 March and 28 August).
            "education_spells": [_edu("a", "su", "2022-03-01", "2022-12-31", 22)],
        },
    )
    assert _counts(store, {"2022": year_of(2022)}) == {"2022": (2, 2)}


def test_docstring_example() -> None:
    failures, attempted = doctest.testmod(jobtal.measures.education)
    assert attempted > 0
    assert failures == 0
