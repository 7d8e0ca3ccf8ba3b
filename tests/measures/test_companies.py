"""Tables 3 and 4: company contacts and recruitment requests (definitions 10 and 11)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from jobtal.measures.companies import company_contacts, recruitment_status

Y1, Y31 = date(2022, 1, 1), date(2022, 12, 31)


def _contacts(*rows: tuple[date, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["date", "cvr"])


def _offers(*rows: tuple[str, str | None, date]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["offer", "cvr", "start_date"])


def test_unique_companies_and_those_with_an_offer_started_in_the_period() -> None:
    contacts = _contacts(
        (date(2022, 3, 1), "11111111"),
        (date(2022, 9, 1), "11111111"),  # the same company again: counted once
        (date(2022, 12, 31), "22222222"),  # on the period's last day: counted
        (date(2023, 1, 1), "33333333"),  # the day after: not counted
        (date(2021, 12, 31), "44444444"),  # the day before: not counted
        (date(2022, 5, 1), "55555555"),
        (date(2022, 5, 2), "66666666"),
    )
    offers = _offers(
        ("loentilskud", "11111111", date(2022, 12, 31)),  # started on the last day
        ("virksomhedspraktik", "22222222", date(2022, 1, 1)),  # started on the first day
        ("virksomhedspraktik", "55555555", date(2021, 12, 31)),  # started before the year
        ("mentor", "66666666", date(2022, 6, 1)),  # not a company-directed offer
        ("loentilskud", "77777777", date(2022, 6, 1)),  # a company not contacted
        ("loentilskud", None, date(2022, 6, 1)),
    )
    figures = company_contacts(contacts, offers, Y1, Y31)
    assert figures.contacted == 4  # 1111, 2222, 5555, 6666
    assert figures.with_offer == 2  # 1111, 2222
    assert figures.share_pct == pytest.approx(50.0)


def test_a_contact_and_an_offer_in_different_periods_do_not_match() -> None:
    contacts = _contacts((date(2021, 6, 1), "11111111"))
    offers = _offers(("loentilskud", "11111111", date(2022, 2, 1)))
    figures = company_contacts(contacts, offers, date(2021, 1, 1), date(2021, 12, 31))
    assert (figures.contacted, figures.with_offer) == (1, 0)
    figures = company_contacts(contacts, offers, Y1, Y31)
    assert (figures.contacted, figures.with_offer, figures.share_pct) == (0, 0, None)


def _requests(*rows: tuple[date, date | None, str | None]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["created", "closed", "close_reason"])


REQUESTS = _requests(
    (date(2021, 1, 1), date(2021, 12, 31), "ordinaert_job"),  # closed on 31 December
    (date(2021, 3, 1), date(2022, 1, 1), "egne_kanaler"),  # closed on 1 January: open at end
    (date(2021, 4, 1), None, None),  # open
    (date(2021, 5, 1), date(2021, 6, 1), "ordinaert_job"),
    (date(2021, 6, 1), date(2021, 7, 1), "anden"),
    (date(2021, 7, 1), date(2021, 8, 1), None),  # closed without a reason: anden
    (date(2021, 12, 31), date(2021, 12, 31), "egne_kanaler"),
    (date(2022, 1, 1), date(2022, 2, 1), "ordinaert_job"),  # created in the next year
    (date(2022, 10, 1), None, None),  # created after the third quarter
    (date(2022, 5, 1), date(2022, 10, 5), "anden"),  # closed after the third quarter
)


def test_requests_of_a_year_open_and_closed_at_its_end_by_reason() -> None:
    figures = recruitment_status(REQUESTS, 2021, date(2021, 12, 31))
    assert figures.created == 7
    assert figures.still_open == 2
    assert figures.closed == 5
    assert figures.by_reason == {"ordinaert_job": 2, "egne_kanaler": 1, "anden": 2}
    assert figures.reason_share_pct == pytest.approx(
        {"ordinaert_job": 40.0, "egne_kanaler": 20.0, "anden": 40.0}
    )
    assert sum(figures.by_reason.values()) == figures.closed


def test_report_year_up_to_the_end_of_the_quarter() -> None:
    figures = recruitment_status(REQUESTS, 2022, date(2022, 9, 30))
    assert figures.created == 2  # 1 January and 1 May; 1 October is after the quarter
    assert figures.still_open == 1  # the May request closes on 5 October
    assert figures.by_reason == {"ordinaert_job": 1, "egne_kanaler": 0, "anden": 0}
    assert figures.reason_share_pct["ordinaert_job"] == 100.0


def test_no_closed_request_gives_undefined_shares() -> None:
    figures = recruitment_status(
        _requests((date(2020, 2, 1), None, None)), 2020, date(2020, 12, 31)
    )
    assert (figures.created, figures.still_open, figures.closed) == (1, 1, 0)
    assert all(share is None for share in figures.reason_share_pct.values())
