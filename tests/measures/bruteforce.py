"""An independent, day-by-day reference implementation of the monthly measures.

Deliberately naive: it walks every day of every person and applies DOMAIN.md literally.
Only for small test data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache

from jobtal.domain.periods import Month
from jobtal.domain.target_groups import ACTIVE_OFFERS, GROSS_UNEMPLOYED_LEAVES

from .tables import Activation, Key, Segment

OFFER_MEASURE = {"loentilskud": "wage_subsidy_ftp", "virksomhedspraktik": "work_placement_ftp"}


def _covers(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or day <= end)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def brute_force(
    segments: Sequence[Segment],
    activations: Sequence[Activation],
    first: Month,
    last: Month,
) -> dict[Key, float]:
    """{(municipality, target_group, month, measure): value}, zero values left out."""
    result: dict[Key, float] = defaultdict(float)
    persons = {s[0] for s in segments}
    for person in persons:
        own = [s for s in segments if s[0] == person]
        acts = [a for a in activations if a[0] == person]

        def segment_on(day: date, own: list[Segment] = own) -> Segment | None:
            hits = [s for s in own if _covers(s[3], s[4], day)]
            assert len(hits) <= 1, "segments of a person must not overlap"
            return hits[0] if hits else None

        @cache
        def counts(day: date, acts: tuple[Activation, ...] = tuple(acts)) -> bool:
            seg = segment_on(day)
            if seg is not None and seg[2] in GROSS_UNEMPLOYED_LEAVES:
                return True
            return any(a[1] in ACTIVE_OFFERS and _covers(a[2], a[3], day) for a in acts)

        for day in _days(first.first_day, last.last_day):
            seg = segment_on(day)
            if seg is None:
                continue
            month = Month.of(day)
            base = (seg[1], seg[2], month.first_day)
            result[(*base, "ftp")] += 1 / month.days
            if seg[2] in GROSS_UNEMPLOYED_LEAVES:
                window = _days(day - timedelta(days=363), day)
                # At least 80 %: counted * 100 >= 80 * 364, in integers.
                if sum(counts(d) for d in window) * 100 >= 80 * 364:
                    result[(*base, "long_term_ftp")] += 1 / month.days
            for a in acts:
                if a[1] in OFFER_MEASURE and _covers(a[2], a[3], day):
                    weight = 1.0 if a[4] is None else min(a[4] / 37, 1.0)
                    result[(*base, OFFER_MEASURE[a[1]])] += weight / month.days
    return {k: v for k, v in result.items() if v != 0}
