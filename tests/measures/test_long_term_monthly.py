"""`long_term_monthly` gives the monthly engine's long-term figures for the groups asked
for (an independent route: `monthly_figures` over all segments and activations)."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import jobtal.measures.long_term_monthly
from jobtal.domain.periods import Month
from jobtal.measures.long_term_monthly import long_term_monthly
from jobtal.measures.monthly import monthly_figures

from .person_store import GENTOFTE, OTHER, d, make_store, run


def test_same_figures_as_the_monthly_engine(tmp_path: Path) -> None:
    store = make_store(
        tmp_path / "s.duckdb",
        {
            "benefit_segments": [
                ("a", GENTOFTE, "dagpenge", d("2020-03-01"), d("2021-08-31")),
                ("a", OTHER, "dagpenge", d("2021-09-01"), None),
                ("b", GENTOFTE, "kh_jobparat", d("2020-01-01"), d("2020-06-30")),
                ("b", GENTOFTE, "dagpenge", d("2020-07-15"), d("2022-02-28")),
                ("c", OTHER, "sygedagpenge", d("2020-01-01"), d("2020-12-31")),
                ("c", OTHER, "dagpenge", d("2021-01-01"), None),
            ],
            "activation_spells": [
                ("b", "opkvalificering", d("2020-07-01"), d("2020-07-14"), None, None),
                ("c", "virksomhedspraktik", d("2020-06-01"), d("2020-12-31"), 20.0, None),
            ],
        },
    )
    first, last = Month(2021, 1), Month(2022, 12)
    leaves = ("dagpenge",)
    mine = run(
        store,
        lambda t: long_term_monthly(
            t("benefit_segments"), t("activation_spells"), first, last, leaves
        ),
    )

    def engine(t):  # type: ignore[no-untyped-def]
        figures = monthly_figures(t("benefit_segments"), t("activation_spells"), first, last)
        return figures.filter(
            (figures.measure == "long_term_ftp") & figures.target_group.isin(leaves)
        )

    expected = run(store, engine)
    assert len(mine) > 12

    def key(row: dict) -> tuple:
        return (row["municipality"], row["target_group"], row["month"])

    assert {key(r): pytest.approx(r["value"]) for r in mine} == {
        key(r): r["value"] for r in expected
    }


def test_docstring_example() -> None:
    failures, attempted = doctest.testmod(jobtal.measures.long_term_monthly)
    assert attempted > 0
    assert failures == 0
