"""The body (the municipality) and its legislative terms: not modelled, constants.

jobtal serves one municipality's committees, so there is exactly one Body; its legislative
terms are the municipal council's four-year election periods."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

# When these constants were last changed: their `created` and `modified`.
_SINCE = timezone.make_aware(datetime.datetime(2026, 11, 27, 12, 0))


@dataclass(frozen=True)
class Body:
    """The municipality (OParl: Body)."""

    pk: int
    name: str
    short_name: str
    website: str
    created: datetime.datetime = _SINCE
    modified: datetime.datetime = _SINCE
    deleted_at: datetime.datetime | None = None


@dataclass(frozen=True)
class LegislativeTerm:
    """An election period of the municipal council (OParl: LegislativeTerm)."""

    pk: int
    name: str
    start_date: datetime.date
    end_date: datetime.date
    created: datetime.datetime = _SINCE
    modified: datetime.datetime = _SINCE
    deleted_at: datetime.datetime | None = None


BODY = Body(pk=1, name="Gentofte Kommune", short_name="Gentofte", website="https://gentofte.dk/")

LEGISLATIVE_TERMS = (
    LegislativeTerm(
        pk=1,
        name="Valgperioden 2022–2025",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    ),
)
