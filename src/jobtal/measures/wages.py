"""Ordinary wage hours (tables 7, 9, 11) and company-directed offers for young people
(table 8), per period: persons in a group and how many of them had wage hours or an offer.

Definitions (docs/figures.md, DOMAIN.md definition 7):

- The base of a period: the distinct persons with at least one day in the group's leaves
  (segments of the municipality) in the period.
- `wage_hours`: of the base, the persons with at least one month m of the period in which
  they both had a day in the group and a `wage_months` row for m. Wage hours in a month
  without a day in the group do not count.
- `company_offers`: of the base, the persons with a `loentilskud` or `virksomhedspraktik`
  activation that overlaps a day of the period on which they were in the group.

Both return one row per period that has a base: period (label), persons, and the count of
those with wage hours (`with_wage`) or an offer (`with_offer`). Pure: Ibis expressions.

Example: a young person on uddannelseshjælp in March and May 2022 with wage hours in March
and April counts in the base and with wage hours (March); with wage hours only in April,
in the base only.

>>> import datetime as dt, ibis
>>> seg = ibis.memtable({"person_id": ["p", "p"], "municipality": [157, 157],
...     "target_group": ["uddh_uddannelsesparat"] * 2,
...     "start_date": [dt.date(2022, 3, 1), dt.date(2022, 5, 1)],
...     "end_date": [dt.date(2022, 3, 31), dt.date(2022, 5, 31)]})
>>> wages = ibis.memtable({"person_id": ["p"], "month": [dt.date(2022, 4, 1)],
...     "wage_hours": [10.0]})
>>> year = {"2022": (dt.date(2022, 1, 1), dt.date(2022, 12, 31))}
>>> wage_hours(seg, wages, ("uddh_uddannelsesparat",), 157, year).to_pyarrow().to_pylist()
[{'period': '2022', 'persons': 1, 'with_wage': 0}]
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from jobtal.domain.periods import Month
from jobtal.domain.target_groups import COMPANY_OFFERS
from jobtal.measures.intervals import months_table
from jobtal.measures.spans import Periods, days_in_periods, persons_per_period, spell_days


def _with_counts(base: ir.Table, hits: ir.Table, name: str) -> ir.Table:
    """The base per period with the distinct persons of `hits` (0 where none)."""
    counted = persons_per_period(hits, name)
    joined = base.left_join(counted, "period")
    return joined.select(
        "period", "persons", **{name: ibis.coalesce(joined[name], 0).cast("int64")}
    ).order_by("period")


def wage_hours(
    segments: ir.Table,
    wage_months: ir.Table,
    leaves: Sequence[str],
    municipality: int,
    periods: Periods,
) -> ir.Table:
    """Persons in the group per period and those with ordinary wage hours in a month in
    which they were in the group (definition 7): (period, persons, with_wage)."""
    days = days_in_periods(segments, leaves, municipality, periods)
    base = persons_per_period(days, "persons")
    firsts = [first for first, _ in periods.values()]
    lasts = [last for _, last in periods.values()]
    months = months_table(Month.of(min(firsts)), Month.of(max(lasts)))
    in_month = days.join(months, (days.s <= months.m_end) & (days.e >= months.m_start))
    in_month = in_month.select(
        period=days.period, person_id=days.person_id, month=months.month
    ).view()
    wages = wage_months.select(
        person_id=wage_months.person_id, month=wage_months.month.cast("date")
    )
    hits = in_month.join(
        wages,
        (in_month.person_id == wages.person_id) & (in_month.month == wages.month),
    ).select(period=in_month.period, person_id=in_month.person_id)
    return _with_counts(base, hits, "with_wage")


def company_offers(
    segments: ir.Table,
    activations: ir.Table,
    leaves: Sequence[str],
    municipality: int,
    periods: Periods,
) -> ir.Table:
    """Persons in the group per period and those with a løntilskud or virksomhedspraktik
    overlapping a day of the period in the group (table 8): (period, persons, with_offer)."""
    days = days_in_periods(segments, leaves, municipality, periods)
    base = persons_per_period(days, "persons")
    offers = spell_days(activations.filter(activations.offer.isin(list(COMPANY_OFFERS))))
    hits = days.join(
        offers,
        (days.person_id == offers.person_id) & (offers.s <= days.e) & (offers.e >= days.s),
    ).select(period=days.period, person_id=days.person_id)
    return _with_counts(base, hits, "with_offer")
