"""Hand-computed cases for ftp and full-time activated (definitions 1 and 4)."""

from __future__ import annotations

from datetime import date

import pytest

from jobtal.domain.periods import Month

from .tables import figures

D = date
KBH, GEN = 101, 157


def test_spell_across_month_boundary() -> None:
    segs = [("a", GEN, "dagpenge", D(2022, 1, 17), D(2022, 2, 13))]
    got = figures(segs, [], Month(2022, 1), Month(2022, 3))
    assert got == pytest.approx(
        {
            (GEN, "dagpenge", D(2022, 1, 1), "ftp"): 15 / 31,
            (GEN, "dagpenge", D(2022, 2, 1), "ftp"): 13 / 28,
        }
    )


def test_spell_across_year_boundary() -> None:
    segs = [("a", GEN, "sygedagpenge", D(2022, 12, 17), D(2023, 1, 10))]
    got = figures(segs, [], Month(2022, 12), Month(2023, 1))
    assert got == pytest.approx(
        {
            (GEN, "sygedagpenge", D(2022, 12, 1), "ftp"): 15 / 31,
            (GEN, "sygedagpenge", D(2023, 1, 1), "ftp"): 10 / 31,
        }
    )


def test_open_spell_runs_to_the_last_month() -> None:
    segs = [("a", GEN, "fleksjob", D(2022, 3, 10), None)]
    got = figures(segs, [], Month(2022, 2), Month(2022, 4))
    assert got == pytest.approx(
        {
            (GEN, "fleksjob", D(2022, 3, 1), "ftp"): 22 / 31,
            (GEN, "fleksjob", D(2022, 4, 1), "ftp"): 1.0,
        }
    )


def test_leap_year_february_has_29_days() -> None:
    segs = [
        ("a", GEN, "fleksjob", D(2020, 2, 1), D(2020, 2, 29)),
        ("b", GEN, "fleksjob", D(2020, 2, 15), D(2020, 3, 1)),
    ]
    got = figures(segs, [], Month(2020, 2), Month(2020, 3))
    assert got == pytest.approx(
        {
            (GEN, "fleksjob", D(2020, 2, 1), "ftp"): 1 + 15 / 29,
            (GEN, "fleksjob", D(2020, 3, 1), "ftp"): 1 / 31,
        }
    )


def test_two_half_persons_make_one_and_groups_stay_apart() -> None:
    segs = [
        ("a", GEN, "dagpenge", D(2022, 4, 1), D(2022, 4, 15)),
        ("a", GEN, "kh_jobparat", D(2022, 4, 16), D(2022, 4, 30)),
        ("b", GEN, "dagpenge", D(2022, 4, 16), D(2022, 4, 30)),
        ("c", KBH, "dagpenge", D(2022, 1, 1), None),
    ]
    got = figures(segs, [], Month(2022, 4), Month(2022, 4))
    assert got == pytest.approx(
        {
            (GEN, "dagpenge", D(2022, 4, 1), "ftp"): 1.0,
            (GEN, "kh_jobparat", D(2022, 4, 1), "ftp"): 0.5,
            (KBH, "dagpenge", D(2022, 4, 1), "ftp"): 1.0,
        }
    )


def test_only_the_requested_months() -> None:
    segs = [("a", GEN, "fleksjob", D(2021, 1, 1), D(2023, 12, 31))]
    got = figures(segs, [], Month(2022, 6), Month(2022, 6))
    assert list(got) == [(GEN, "fleksjob", D(2022, 6, 1), "ftp")]


def test_activation_weights() -> None:
    jan = D(2022, 1, 1)
    segs = [
        ("a", GEN, "sygedagpenge", D(2022, 1, 1), D(2022, 1, 31)),
        ("b", GEN, "sygedagpenge", D(2022, 1, 1), D(2022, 1, 31)),
        ("c", GEN, "sygedagpenge", D(2022, 1, 1), D(2022, 1, 31)),
    ]
    acts = [
        ("a", "loentilskud", D(2022, 1, 1), D(2022, 1, 31), 18.5),  # 0.5 a day
        ("b", "loentilskud", D(2022, 1, 1), D(2022, 1, 31), 50.0),  # capped at 1
        ("c", "virksomhedspraktik", D(2022, 1, 1), D(2022, 1, 10), None),  # unknown: 1
        ("c", "mentor", D(2022, 1, 1), D(2022, 1, 31), 37.0),  # not a company offer
    ]
    got = figures(segs, acts, Month(2022, 1), Month(2022, 1))
    assert got == pytest.approx(
        {
            (GEN, "sygedagpenge", jan, "ftp"): 3.0,
            (GEN, "sygedagpenge", jan, "wage_subsidy_ftp"): 1.5,
            (GEN, "sygedagpenge", jan, "work_placement_ftp"): 10 / 31,
        }
    )


def test_activation_outside_benefit_counts_nowhere() -> None:
    segs = [
        ("a", GEN, "kh_aktivitetsparat", D(2022, 1, 11), D(2022, 1, 20)),
        ("a", KBH, "ressourceforloeb", D(2022, 1, 21), D(2022, 2, 10)),
    ]
    acts = [
        ("a", "loentilskud", D(2021, 12, 1), D(2022, 2, 28), 37.0),
        ("z", "loentilskud", D(2022, 1, 1), D(2022, 1, 31), 37.0),  # no benefit at all
    ]
    got = figures(segs, acts, Month(2022, 1), Month(2022, 2))
    wage = {k: v for k, v in got.items() if k[3] == "wage_subsidy_ftp"}
    assert wage == pytest.approx(
        {
            (GEN, "kh_aktivitetsparat", D(2022, 1, 1), "wage_subsidy_ftp"): 10 / 31,
            (KBH, "ressourceforloeb", D(2022, 1, 1), "wage_subsidy_ftp"): 11 / 31,
            (KBH, "ressourceforloeb", D(2022, 2, 1), "wage_subsidy_ftp"): 10 / 28,
        }
    )


def test_empty_input_gives_no_rows() -> None:
    assert figures([], [], Month(2022, 1), Month(2022, 12)) == {}
