"""Company contacts and recruitment requests: tables 3 and 4 of the quarterly report.

**Company contacts** (table 3; definition 10, docs/figures.md): the unique companies (CVR)
with at least one contact dated in the period; of those, the companies where at least one
company-directed offer (løntilskud or virksomhedspraktik, `activation_spells.cvr`) of the
municipality's citizens *started* in the same period; and their share of the contacted
companies. An offer that started before the period does not count, even if it runs on.

**Recruitment requests** (table 4; definition 11): for a year, the requests created in it; of
those, the ones still open at the end of the period (the year's 31 December, or the end of
the report's quarter in the report year: not closed, or closed later) and the ones closed by
then, by reason: `ordinaert_job` (the jobcentre recruited to an ordinary job),
`egne_kanaler` (the company recruited through its own channels) and `anden` (any other
reason, also a missing one); each reason's share of the closed requests.

>>> import pandas as pd, datetime as dt
>>> contacts = pd.DataFrame({"date": [dt.date(2022, 3, 1), dt.date(2022, 5, 1)],
...     "cvr": ["11111111", "22222222"]})
>>> offers = pd.DataFrame({"offer": ["loentilskud"], "cvr": ["22222222"],
...     "start_date": [dt.date(2022, 6, 1)]})
>>> company_contacts(contacts, offers, dt.date(2022, 1, 1), dt.date(2022, 12, 31))
ContactFigures(contacted=2, with_offer=1, share_pct=50.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from jobtal.domain.target_groups import COMPANY_OFFERS
from jobtal.measures.change import share_pct

# Close reasons in the order of table 4; any other (or no) reason counts as `anden`.
CLOSE_REASONS: tuple[str, ...] = ("ordinaert_job", "egne_kanaler", "anden")
OTHER_REASON = "anden"


@dataclass(frozen=True)
class ContactFigures:
    """Table 3 for one period."""

    contacted: int
    with_offer: int
    share_pct: float | None


@dataclass(frozen=True)
class RecruitmentFigures:
    """Table 4 for one year: counts, and each close reason's count and share of the closed."""

    created: int
    still_open: int
    closed: int
    by_reason: dict[str, int]
    reason_share_pct: dict[str, float | None]


def _dates(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column)


def _within(column: pd.Series, first: date, last: date) -> pd.Series:
    days = _dates(column)
    return (days >= pd.Timestamp(first)) & (days <= pd.Timestamp(last))


def company_contacts(
    contacts: pd.DataFrame, offers: pd.DataFrame, first: date, last: date
) -> ContactFigures:
    """Unique contacted companies in first..last and those with an offer started then.

    `contacts` has the columns date and cvr (one row per contact); `offers` the columns
    offer, cvr and start_date of the municipality's activation spells (other offers and
    spells without a CVR are ignored).
    """
    contacted = set(contacts.loc[_within(contacts["date"], first, last), "cvr"])
    started = offers[
        offers["offer"].isin(COMPANY_OFFERS)
        & offers["cvr"].notna()
        & _within(offers["start_date"], first, last)
    ]
    with_offer = contacted & set(started["cvr"])
    return ContactFigures(
        contacted=len(contacted),
        with_offer=len(with_offer),
        share_pct=share_pct(float(len(with_offer)), float(len(contacted))),
    )


def recruitment_status(requests: pd.DataFrame, year: int, period_end: date) -> RecruitmentFigures:
    """The requests created in `year` (up to `period_end`) and their status at `period_end`.

    `requests` has the columns created, closed (missing = open) and close_reason. A request
    closed after `period_end` is still open at `period_end`.
    """
    created = requests[_within(requests["created"], date(year, 1, 1), period_end)]
    closed_on = _dates(created["closed"])
    is_closed = closed_on.notna() & (closed_on <= pd.Timestamp(period_end))
    closed = created[is_closed]
    reasons = closed["close_reason"].where(closed["close_reason"].isin(CLOSE_REASONS), OTHER_REASON)
    by_reason = {reason: int((reasons == reason).sum()) for reason in CLOSE_REASONS}
    return RecruitmentFigures(
        created=len(created),
        still_open=int((~is_closed).sum()),
        closed=len(closed),
        by_reason=by_reason,
        reason_share_pct={
            reason: share_pct(float(count), float(len(closed)))
            for reason, count in by_reason.items()
        },
    )
