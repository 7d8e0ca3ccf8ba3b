"""Ordinary wage hours (tables 7, 9, 11) and company-directed offers (table 8) on stores
written by hand; every expected count is worked out in the comments."""

from __future__ import annotations

import doctest
from pathlib import Path

import jobtal.measures.wages
from jobtal.measures.groups import ACTIVITY_READY, YOUTH_BENEFIT
from jobtal.measures.wages import company_offers, wage_hours

from .person_store import GENTOFTE, OTHER, d, make_store, run, year_of

YTD_2022 = (d("2022-01-01"), d("2022-10-31"))


def _seg(person: str, group: str, start: str, end: str | None, where: int = GENTOFTE) -> tuple:
    return (person, where, group, d(start), d(end) if end else None)


def _wage(person: str, month: str) -> tuple:
    return (person, d(month), 12.5)


def _wage_counts(path: Path, leaves: tuple[str, ...], periods: dict) -> dict[str, tuple]:
    rows = run(
        path,
        lambda t: wage_hours(t("benefit_segments"), t("wage_months"), leaves, GENTOFTE, periods),
    )
    return {r["period"]: (r["persons"], r["with_wage"]) for r in rows}


def test_wage_hours_count_only_in_a_month_with_a_day_in_the_group(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                # a: in the group in March and May, wages in April only: base, no hit.
                _seg("a", "uddh_uddannelsesparat", "2022-03-01", "2022-03-31"),
                _seg("a", "uddh_uddannelsesparat", "2022-05-01", "2022-05-31"),
                # b: one day in the group (31 March), wages in March: a hit.
                _seg("b", "uddh_aktivitetsparat", "2022-03-31", "2022-03-31"),
                # c: wages in June while on kontanthjælp, not in the group: not in the base.
                _seg("c", "kh_jobparat", "2022-06-01", None),
                # e: in the group in another municipality with wages: not in the base.
                _seg("e", "uddh_uddannelsesparat", "2022-01-01", None, OTHER),
            ],
            "wage_months": [
                _wage("a", "2022-04-01"),
                _wage("b", "2022-03-01"),
                _wage("c", "2022-06-01"),
                _wage("e", "2022-02-01"),
            ],
        },
    )
    assert _wage_counts(store, YOUTH_BENEFIT, {"2022": year_of(2022)}) == {"2022": (2, 1)}


def test_year_to_date_leaves_out_wages_after_its_last_month(tmp_path: Path) -> None:
    # In the group all of 2022, wages only in November: a hit for the whole year, not for
    # January–October; the base is 1 in both.
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [_seg("a", "kh_aktivitetsparat", "2021-06-01", None)],
            "wage_months": [_wage("a", "2022-11-01")],
        },
    )
    counts = _wage_counts(store, ACTIVITY_READY, {"2022": year_of(2022), "ytd": YTD_2022})
    assert counts == {"2022": (1, 1), "ytd": (1, 0)}


def test_a_segment_ending_on_new_years_eve_counts_in_that_year_only(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [_seg("a", "ressourceforloeb", "2021-12-01", "2021-12-31")],
            "wage_months": [_wage("a", "2021-12-01"), _wage("a", "2022-01-01")],
        },
    )
    counts = _wage_counts(store, ACTIVITY_READY, {"2021": year_of(2021), "2022": year_of(2022)})
    # 2022 has nobody in the group, so no row at all (the table shows 0 and ".").
    assert counts == {"2021": (1, 1)}


def test_several_wage_months_and_segments_count_a_person_once(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                _seg("a", "uddh_uddannelsesparat", "2022-01-01", "2022-02-28"),
                _seg("a", "uddh_aktivitetsparat", "2022-03-01", "2022-04-30"),
            ],
            "wage_months": [_wage("a", f"2022-0{m}-01") for m in (1, 2, 3, 4)],
        },
    )
    assert _wage_counts(store, YOUTH_BENEFIT, {"2022": year_of(2022)}) == {"2022": (1, 1)}


def _offer(person: str, offer: str, start: str, end: str | None) -> tuple:
    return (person, offer, d(start), d(end) if end else None, 37.0, None)


def _offer_counts(path: Path, periods: dict) -> dict[str, tuple]:
    rows = run(
        path,
        lambda t: company_offers(
            t("benefit_segments"), t("activation_spells"), YOUTH_BENEFIT, GENTOFTE, periods
        ),
    )
    return {r["period"]: (r["persons"], r["with_offer"]) for r in rows}


def test_company_offers_count_offers_overlapping_a_group_day_of_the_year(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                # a: in the group Dec 2021 – Jan 2022, praktik in December 2021 only:
                # counts in 2021, not in 2022 (the overlap day must lie in the year).
                _seg("a", "uddh_uddannelsesparat", "2021-12-01", "2022-01-31"),
                # b: løntilskud starting the day after the group ends: no overlap.
                _seg("b", "uddh_uddannelsesparat", "2022-01-01", "2022-03-31"),
                # f: mentor is not a company-directed offer.
                _seg("f", "uddh_aktivitetsparat", "2022-01-01", None),
                # g: an open løntilskud from 2020 overlapping an open segment from June 2022.
                _seg("g", "uddh_aabenlyst_uddannelsesparat", "2022-06-01", None),
            ],
            "activation_spells": [
                _offer("a", "virksomhedspraktik", "2021-12-01", "2021-12-31"),
                _offer("b", "loentilskud", "2022-04-01", "2022-06-30"),
                _offer("f", "mentor", "2022-01-01", None),
                _offer("g", "loentilskud", "2020-01-01", None),
            ],
        },
    )
    counts = _offer_counts(store, {"2021": year_of(2021), "2022": year_of(2022)})
    assert counts == {"2021": (1, 1), "2022": (4, 1)}


def test_docstring_example() -> None:
    failures, attempted = doctest.testmod(jobtal.measures.wages)
    assert attempted > 0
    assert failures == 0
