"""build_appendix against hand-computed answers on small hand-made monthly tables."""

from __future__ import annotations

import pandas as pd
import pytest

from jobtal.report.appendix import (
    SOURCE_AREA_SERIES,
    SOURCE_MUNICIPALITY_SUM,
    annual_means,
    build_appendix,
    has_data,
    national_annual,
)

from .frames import area, monthly, months_of

GENTOFTE, KBH = 157, 101


def value(
    rows: list, table: str, label: str, year: int, measure: str, parent: object = ...
) -> object:
    """The value of the one row matching; `parent` narrows when a label repeats."""
    found = [
        r["value"]
        for r in rows
        if (r["table"], r["label"], r["year"], r["measure"]) == (table, label, year, measure)
        and (parent is ... or r["parent"] == parent)
    ]
    assert len(found) == 1, found
    return found[0]


def test_annual_average_is_the_mean_of_twelve_months_missing_months_count_zero() -> None:
    # 12 full-time persons in 6 months of 2022, none in the other 6: annual average 6.
    data = monthly(months_of(GENTOFTE, "dagpenge", 2022, "ftp", 12, months=range(1, 7)))
    rows = build_appendix(data, GENTOFTE, 2022, None)
    assert value(rows, "target_groups", "Forsikrede ledige", 2022, "ftp") == 6.0
    assert value(rows, "target_groups", "Dagpengemodtagere", 2022, "ftp") == 6.0
    assert value(rows, "target_groups", "Forsikrede ledige", 2021, "ftp") == 0.0


def test_totals_are_sums_of_their_leaves() -> None:
    data = monthly(
        months_of(GENTOFTE, "kh_jobparat", 2022, "ftp", 10),
        months_of(GENTOFTE, "kh_aktivitetsparat", 2022, "ftp", 20),
        months_of(GENTOFTE, "dagpenge", 2022, "ftp", 5),
        months_of(GENTOFTE, "forrevalidering", 2022, "ftp", 3),
    )
    rows = build_appendix(data, GENTOFTE, 2022, None)
    assert value(rows, "target_groups", "Jobparate", 2022, "ftp", "Kontanthjælp") == 10.0
    assert value(rows, "target_groups", "Kontanthjælp", 2022, "ftp") == 30.0
    assert value(rows, "target_groups", "Revalidering", 2022, "ftp") == 3.0
    assert value(rows, "target_groups", "I alt", 2022, "ftp") == 38.0


def test_only_the_municipalitys_own_figures_count() -> None:
    data = monthly(
        months_of(GENTOFTE, "dagpenge", 2022, "ftp", 10),
        months_of(KBH, "dagpenge", 2022, "ftp", 30),
    )
    rows = build_appendix(data, GENTOFTE, 2022, None)
    assert value(rows, "target_groups", "Forsikrede ledige", 2022, "ftp") == 10.0


def test_change_in_percent_and_undefined_from_zero() -> None:
    data = monthly(
        months_of(GENTOFTE, "dagpenge", 2020, "ftp", 100),
        months_of(GENTOFTE, "dagpenge", 2021, "ftp", 50),
        months_of(GENTOFTE, "sygedagpenge", 2022, "ftp", 8),
    )
    rows = build_appendix(data, GENTOFTE, 2022, None)
    assert value(rows, "target_groups", "Forsikrede ledige", 2021, "change_pct") == -50.0
    assert value(rows, "target_groups", "Forsikrede ledige", 2022, "change_pct") == -100.0
    # Sygedagpenge: 0 in 2021, so the change to 2022 is undefined.
    assert value(rows, "target_groups", "Sygedagpenge", 2022, "change_pct") is None


def test_national_share_from_the_sum_of_all_municipalities() -> None:
    data = monthly(
        months_of(GENTOFTE, "dagpenge", 2022, "ftp", 10),
        months_of(KBH, "dagpenge", 2022, "ftp", 30),
    )
    rows = build_appendix(data, GENTOFTE, 2022, None)
    assert value(rows, "target_groups", "Forsikrede ledige", 2022, "national_share_pct") == 25.0
    # No one in the country: the share is undefined, not 0.
    assert value(rows, "target_groups", "Sygedagpenge", 2022, "national_share_pct") is None


def test_national_figures_from_area_series_take_precedence_over_the_sum() -> None:
    data = monthly(
        months_of(GENTOFTE, "dagpenge", 2022, "ftp", 10),
        months_of(KBH, "dagpenge", 2022, "ftp", 30),
    )
    national = area("target_groups", "forsikrede", 2022, 1000)
    rows = build_appendix(data, GENTOFTE, 2022, national)
    assert value(rows, "target_groups", "Forsikrede ledige", 2022, "national_share_pct") == 1.0
    # A row area_series lacks falls back to the municipalities' sum.
    share = value(rows, "target_groups", "Dagpengemodtagere", 2022, "national_share_pct")
    assert share == 25.0

    figures = national_annual(data, (2020, 2021, 2022), national)
    assert figures[("target_groups", "forsikrede", 2022)].source == SOURCE_AREA_SERIES
    assert figures[("target_groups", "forsikrede", 2022)].value == 1000.0
    assert figures[("target_groups", "forsikrede.dagpenge", 2022)].source == SOURCE_MUNICIPALITY_SUM
    assert figures[("target_groups", "forsikrede", 2021)].source == SOURCE_MUNICIPALITY_SUM


def test_area_series_with_missing_months_is_not_an_annual_average() -> None:
    data = monthly(months_of(GENTOFTE, "dagpenge", 2022, "ftp", 10))
    national = area("target_groups", "forsikrede", 2022, 1000, months=range(1, 12))
    figures = national_annual(data, (2022,), national)
    assert figures[("target_groups", "forsikrede", 2022)].source == SOURCE_MUNICIPALITY_SUM
    assert figures[("target_groups", "forsikrede", 2022)].value == 10.0


def test_long_term_uses_long_term_ftp_and_its_national_series() -> None:
    data = monthly(
        months_of(GENTOFTE, "dagpenge", 2022, "ftp", 50),
        months_of(GENTOFTE, "dagpenge", 2022, "long_term_ftp", 6),
        months_of(GENTOFTE, "kh_jobparat", 2022, "long_term_ftp", 4),
        months_of(
            GENTOFTE, "kh_aktivitetsparat", 2022, "long_term_ftp", 99
        ),  # not gross unemployed
    )
    national = area("long_term", "langtid", 2022, 400, measure="long_term_ftp")
    rows = build_appendix(data, GENTOFTE, 2022, national)
    assert value(rows, "long_term", "Langtidsledigheden", 2022, "ftp") == 10.0
    assert value(rows, "long_term", "Dagpengemodtagere", 2022, "ftp") == 6.0
    assert value(rows, "long_term", "Langtidsledigheden", 2022, "national_share_pct") == 2.5
    assert value(rows, "long_term", "Dagpengemodtagere", 2022, "national_share_pct") == 100.0


def test_company_offers_and_the_change_of_their_sum() -> None:
    data = monthly(
        months_of(GENTOFTE, "dagpenge", 2021, "wage_subsidy_ftp", 4),
        months_of(GENTOFTE, "dagpenge", 2021, "work_placement_ftp", 4),
        months_of(GENTOFTE, "dagpenge", 2022, "wage_subsidy_ftp", 2),
        months_of(GENTOFTE, "kh_jobparat", 2022, "work_placement_ftp", 10),
    )
    rows = build_appendix(data, GENTOFTE, 2022, None)
    table, total = "company_offers", "Virksomhedsrettet tilbud fordelt på målgrupper"
    assert value(rows, table, "Dagpengemodtagere", 2022, "wage_subsidy_ftp") == 2.0
    assert value(rows, table, "Kontanthjælp", 2022, "work_placement_ftp") == 10.0
    assert value(rows, table, total, 2022, "wage_subsidy_ftp") == 2.0
    assert value(rows, table, total, 2022, "work_placement_ftp") == 10.0
    assert value(rows, table, "Dagpengemodtagere", 2022, "change_pct") == -75.0  # 8 -> 2
    assert value(rows, table, total, 2022, "change_pct") == 50.0  # 8 -> 12
    assert value(rows, table, "Kontanthjælp", 2022, "change_pct") is None  # 0 -> 10


def test_activation_share_of_the_groups_full_time_persons() -> None:
    data = monthly(
        months_of(GENTOFTE, "dagpenge", 2021, "ftp", 100),
        months_of(GENTOFTE, "dagpenge", 2021, "wage_subsidy_ftp", 2),
        months_of(GENTOFTE, "dagpenge", 2022, "ftp", 50),
        months_of(GENTOFTE, "dagpenge", 2022, "wage_subsidy_ftp", 1),
        months_of(GENTOFTE, "dagpenge", 2022, "work_placement_ftp", 1),
    )
    rows = build_appendix(data, GENTOFTE, 2022, None)
    table = "activation_share"
    assert value(rows, table, "Dagpengemodtagere", 2022, "activated_ftp") == 2.0
    assert value(rows, table, "Dagpengemodtagere", 2021, "activated_share_pct") == 2.0
    assert value(rows, table, "Dagpengemodtagere", 2022, "activated_share_pct") == 4.0
    assert value(rows, table, "Dagpengemodtagere", 2022, "change_pp") == pytest.approx(2.0)
    # No full-time persons in Sygedagpenge: share and its change are undefined.
    assert value(rows, table, "Sygedagpenge", 2022, "activated_share_pct") is None
    assert value(rows, table, "Sygedagpenge", 2022, "change_pp") is None


def test_annual_means_and_has_data() -> None:
    data = monthly(months_of(GENTOFTE, "dagpenge", 2022, "ftp", 3, months=[1, 2]))
    assert annual_means(data, [2022]) == {("dagpenge", 2022, "ftp"): 0.5}
    assert has_data(data, GENTOFTE, 2022)
    assert not has_data(data, GENTOFTE, 2021)
    assert not has_data(data, KBH, 2022)
    assert not has_data(pd.DataFrame(), GENTOFTE, 2022)


def test_an_empty_monthly_table_gives_zeros_and_undefined_shares() -> None:
    rows = build_appendix(monthly(), GENTOFTE, 2022, None)
    assert value(rows, "target_groups", "I alt", 2022, "ftp") == 0.0
    assert value(rows, "target_groups", "I alt", 2022, "national_share_pct") is None


def test_area_series_under_both_names_prefers_the_appendix_name() -> None:
    data = monthly(months_of(GENTOFTE, "dagpenge", 2022, "long_term_ftp", 10))
    national = pd.concat(
        [
            area("long_term", "langtid", 2022, 999, measure="long_term_ftp"),
            area("long_term", "langtid", 2022, 200, measure="ftp"),
            area("long_term", "langtid.dagpenge", 2022, 50, measure="other_measure"),
        ]
    )
    figures = national_annual(data, (2022,), national)
    assert figures[("long_term", "langtid", 2022)].value == 200.0
    assert figures[("long_term", "langtid.dagpenge", 2022)].source == SOURCE_MUNICIPALITY_SUM
