"""Economic status, variance explanation and Budgetændringer (definition 16)."""

from __future__ import annotations

from datetime import date

import pytest

from jobtal.measures.finance import (
    SUPPLEMENTARY,
    TECHNICAL,
    VARIANCE,
    Appropriation,
    EconomicStatus,
    Spending,
    Variance,
    budget_overview,
    economic_status,
    latest_spending,
    latest_variances,
)

END_Q4 = date(2022, 12, 31)
M = 1_000_000.0

APPROPRIATIONS = [
    Appropriation(date(2022, 4, 25), SUPPLEMENTARY, "overfoersler", "A", 1.1 * M, True),
    Appropriation(date(2022, 10, 31), SUPPLEMENTARY, "overfoersler", "B", -14.6 * M, True),
    Appropriation(date(2022, 10, 31), TECHNICAL, "overfoersler", "C", 0.3 * M, True),
    # requested, not approved: an expected change, not in the corrected budget
    Appropriation(date(2022, 11, 15), SUPPLEMENTARY, "overfoersler", "D", 2.0 * M, False),
    Appropriation(date(2022, 11, 20), TECHNICAL, "overfoersler", "E", -0.7 * M, False),
    # other years, and after the end of the quarter
    Appropriation(date(2021, 12, 31), SUPPLEMENTARY, "overfoersler", "F", 9.0 * M, True),
    Appropriation(date(2023, 1, 1), SUPPLEMENTARY, "overfoersler", "G", 9.0 * M, True),
    # the other expense type
    Appropriation(date(2022, 10, 31), SUPPLEMENTARY, "service", "H", -0.4 * M, True),
]
SPENDING = [
    Spending(date(2022, 9, 30), "overfoersler", 350.0 * M),
    Spending(date(2022, 12, 31), "overfoersler", 474.2 * M),  # the latest
    Spending(date(2022, 11, 30), "overfoersler", 430.0 * M),
    Spending(date(2023, 1, 31), "overfoersler", 40.0 * M),  # after the quarter
    Spending(date(2022, 12, 31), "service", 2.9 * M),
]
VARIANCES = [
    Variance(date(2022, 8, 31), "overfoersler", "Old forecast", -99.0 * M),  # older date
    Variance(date(2022, 11, 30), "overfoersler", "Danskuddannelse", -7.2 * M),
    Variance(date(2022, 11, 30), "overfoersler", "Øvrige", -3.4 * M),
    Variance(date(2023, 2, 28), "overfoersler", "Next year", -1.0 * M),
    Variance(date(2022, 8, 31), "service", "Forsikrede ledige", -0.5 * M),
]


def _transfers(until: date = END_Q4) -> EconomicStatus:
    return economic_status(
        "overfoersler", 578.3 * M, APPROPRIATIONS, SPENDING, VARIANCES, 2022, until
    )


def test_corrected_budget_adds_the_approved_appropriations_of_the_year() -> None:
    status = _transfers()
    assert status.corrected_budget_dkk == pytest.approx((578.3 + 1.1 - 14.6 + 0.3) * M)
    assert [a.topic for a in status.approved] == ["A", "B", "C"]


def test_requested_appropriations_are_expected_changes_b_and_c() -> None:
    status = _transfers()
    assert status.technical_transfers_dkk == pytest.approx(-0.7 * M)
    assert status.supplementary_dkk == pytest.approx(2.0 * M)
    assert status.expected_changes_dkk == pytest.approx(1.3 * M)


def test_spent_is_the_latest_row_up_to_the_end_of_the_quarter() -> None:
    assert _transfers().spent_dkk == pytest.approx(474.2 * M)
    assert _transfers(date(2022, 11, 30)).spent_dkk == pytest.approx(430.0 * M)
    assert latest_spending(SPENDING, "overfoersler", 2022, date(2022, 1, 31)) is None


def test_other_variances_are_those_of_the_latest_date_only() -> None:
    status = _transfers()
    assert [v.topic for v in status.other_variances] == ["Danskuddannelse", "Øvrige"]
    assert status.other_variances_dkk == pytest.approx(-10.6 * M)
    # As of the end of the third quarter the August forecast is the latest.
    q3 = latest_variances(VARIANCES, "overfoersler", 2022, date(2022, 9, 30))
    assert [v.topic for v in q3] == ["Old forecast"]
    # The latest date is the expense type's own: service's August rows still count.
    service = latest_variances(VARIANCES, "service", 2022, END_Q4)
    assert [v.topic for v in service] == ["Forsikrede ledige"]


def test_expected_outturn_is_a_plus_b_plus_c_plus_d_and_the_deviation_is_d() -> None:
    status = _transfers()
    a = (578.3 + 1.1 - 14.6 + 0.3) * M
    assert status.expected_outturn_dkk == pytest.approx(a - 0.7 * M + 2.0 * M - 10.6 * M)
    assert status.deviation_dkk == pytest.approx(-10.6 * M)


def test_a_type_without_records_is_its_original_budget() -> None:
    status = economic_status("service", 3.7 * M, [], [], [], 2022, END_Q4)
    assert status.corrected_budget_dkk == status.expected_outturn_dkk == 3.7 * M
    assert status.spent_dkk is None
    assert status.deviation_dkk == 0.0


def test_budget_overview_lists_both_types_by_date_and_adds_up() -> None:
    service = economic_status("service", 3.7 * M, APPROPRIATIONS, SPENDING, VARIANCES, 2022, END_Q4)
    transfers = _transfers()
    overview = budget_overview([service, transfers])
    assert overview.original_budget_dkk == pytest.approx((3.7 + 578.3) * M)
    assert [(c.date, c.expense_type, c.topic) for c in overview.approved] == [
        (date(2022, 4, 25), "overfoersler", "A"),
        (date(2022, 10, 31), "service", "H"),  # one date: service first
        (date(2022, 10, 31), "overfoersler", "B"),
        (date(2022, 10, 31), "overfoersler", "C"),
    ]
    assert overview.corrected_budget_dkk == pytest.approx(
        service.corrected_budget_dkk + transfers.corrected_budget_dkk
    )
    assert [(c.change_type, c.topic, c.approved) for c in overview.expected] == [
        (VARIANCE, "Forsikrede ledige", False),
        (SUPPLEMENTARY, "D", False),
        (TECHNICAL, "E", False),
        (VARIANCE, "Danskuddannelse", False),
        (VARIANCE, "Øvrige", False),
    ]
    # The expected outturn is the corrected budget plus every expected line.
    assert overview.expected_outturn_dkk == pytest.approx(
        overview.corrected_budget_dkk + sum(c.amount_dkk for c in overview.expected)
    )
    assert overview.expected_outturn_dkk == pytest.approx(
        service.expected_outturn_dkk + transfers.expected_outturn_dkk
    )
