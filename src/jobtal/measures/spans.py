"""Day intervals of the person-level report figures: a group's days, periods and persons.

Like `jobtal.measures.intervals`, dates become integer day numbers (days since 1970-01-01),
so lengths and overlaps are integer arithmetic on every engine. An open end (NULL) becomes
`OPEN_END`, a day far beyond any data, so an open spell covers every later day and an open
unemployment course never ends inside a period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import ibis
import ibis.expr.types as ir

from jobtal.measures.intervals import day_number, day_of

OPEN_END = day_number(date(9999, 12, 31))

# A period of a table: its column label and its first and last day (both inclusive).
Periods = Mapping[str, tuple[date, date]]


def periods_table(periods: Periods) -> ir.Table:
    """One row per period: `period` (label), `lo`, `hi` (day numbers, inclusive)."""
    return ibis.memtable(
        {
            "period": list(periods),
            "lo": [day_number(first) for first, _ in periods.values()],
            "hi": [day_number(last) for _, last in periods.values()],
        },
        schema={"period": "string", "lo": "int64", "hi": "int64"},
    )


def spell_days(table: ir.Table) -> ir.Table:
    """A spell table with its dates as day numbers `s`, `e` (open end: `OPEN_END`)."""
    return table.mutate(
        s=day_of(table.start_date),
        e=ibis.coalesce(day_of(table.end_date), ibis.literal(OPEN_END, "int64")),
    )


def group_days(segments: ir.Table, leaves: Sequence[str], municipality: int) -> ir.Table:
    """The days in the leaf groups `leaves` in `municipality`: (person_id, s, e)."""
    days = spell_days(segments)
    days = days.filter(days.target_group.isin(list(leaves)) & (days.municipality == municipality))
    return days.select("person_id", "s", "e")


def days_in_periods(
    segments: ir.Table, leaves: Sequence[str], municipality: int, periods: Periods
) -> ir.Table:
    """Each period's days in the group: (period, person_id, s, e), cut to the period."""
    days = group_days(segments, leaves, municipality)
    bounds = periods_table(periods)
    joined = days.join(bounds, (days.s <= bounds.hi) & (days.e >= bounds.lo))
    # A fresh reference (`view`): a later join on the projection of a join would otherwise
    # extend that join, and Ibis rejects predicates on its projected columns.
    return joined.select(
        period=bounds.period,
        person_id=days.person_id,
        s=ibis.greatest(days.s, bounds.lo),
        e=ibis.least(days.e, bounds.hi),
    ).view()


def persons_per_period(days: ir.Table, name: str) -> ir.Table:
    """Distinct persons per period of a (period, person_id, ...) table, as column `name`."""
    return days.group_by("period").aggregate(**{name: days.person_id.nunique().cast("int64")})


def municipality_persons(segments: ir.Table, municipality: int) -> ir.Table:
    """The persons with at least one segment in `municipality`: (person_id)."""
    return segments.filter(segments.municipality == municipality).select("person_id").distinct()
