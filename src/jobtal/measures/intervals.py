"""Day intervals: the common currency of the measures.

Every measure turns its input spells into *day intervals*: rows with integer day numbers
`s` and `e` (days since 1970-01-01, both inclusive) and a weight per day. Counting the
intervals per calendar month (`per_month`) then gives full-time persons (DOMAIN.md,
definition 1): the weighted days in the month divided by the days in the month.

Integer day numbers keep the arithmetic (lengths, overlaps, the 364-day window of the
long-term rule) portable: every Ibis backend can add and compare integers, while date
arithmetic differs from engine to engine.
"""

from __future__ import annotations

from datetime import date, timedelta

import ibis
import ibis.expr.types as ir

from jobtal.domain.periods import Month

EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970-01-01.

    >>> day_number(date(1970, 1, 2))
    1
    """
    return (day - EPOCH).days


def day_of(column: ir.DateValue) -> ir.IntegerValue:
    """A date column as a day number (NULL stays NULL)."""
    return column.epoch_days().cast("int64")


def months_between(first: Month, last: Month) -> list[Month]:
    """The months from `first` to `last`, both included."""
    if last < first:
        raise ValueError(f"sidste måned {last.code} ligger før første måned {first.code}")
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [first.shift(i) for i in range(count)]


def months_table(first: Month, last: Month) -> ir.Table:
    """One row per month: `month` (first day), `m_start`, `m_end` (day numbers), `days`."""
    months = months_between(first, last)
    return ibis.memtable(
        {
            "month": [m.first_day for m in months],
            "m_start": [day_number(m.first_day) for m in months],
            "m_end": [day_number(m.last_day) for m in months],
            "days": [m.days for m in months],
        },
        schema={"month": "date", "m_start": "int64", "m_end": "int64", "days": "int64"},
    )


def per_month(intervals: ir.Table, months: ir.Table) -> ir.Table:
    """Weighted full-time persons per municipality, target group, measure and month.

    `intervals` has columns municipality, target_group, measure, s, e, weight. Each interval
    contributes weight × (its days inside the month); the sum is divided by the days in the
    month. The join is a range join on day numbers, which DuckDB runs as an inequality join.
    """
    # A fresh reference: when `intervals` is itself the projection of a join, Ibis would
    # otherwise try to extend that join and reject predicates on the projected columns.
    intervals = intervals.view()
    joined = intervals.join(months, (intervals.s <= months.m_end) & (intervals.e >= months.m_start))
    overlap = ibis.least(joined.e, joined.m_end) - ibis.greatest(joined.s, joined.m_start) + 1
    weighted = joined.mutate(weighted_days=overlap.cast("float64") * joined.weight)
    grouped = weighted.group_by(["municipality", "target_group", "month", "measure"])
    return grouped.aggregate(
        value=weighted.weighted_days.sum() / weighted.days.max().cast("float64")
    )


KEY = ("municipality", "target_group", "measure")


def days_table(first: Month, last: Month) -> ir.Table:
    """Every day of the months first..last: its day number `t` and its `month`."""
    start, end = first.first_day, last.last_day
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return ibis.memtable(
        {"t": [day_number(d) for d in days], "month": [d.replace(day=1) for d in days]},
        schema={"t": "int64", "month": "date"},
    )


def days_per_month(intervals: ir.Table, first: Month, last: Month) -> ir.Table:
    """Full-time persons per municipality, target group, measure and month, unweighted.

    The same figure as `per_month` with weight 1, but the work does not grow with the
    length of the intervals (a førtidspension segment may span every month asked for):
    with the cumulative person-days F(d) = Σ |interval ∩ (−∞, d]|, a month's person-days
    are F(last day) − F(day before its first day). An interval [s, e] adds +1 to the count
    of running intervals from s and −1 from e + 1, so F(d) = (d + 1) × C(d) − M(d), where
    C and M are the running sums of the changes c and of c × day. Each change is put in its
    month; running sums over the months give C and M at each month's last day. Integer
    arithmetic throughout, so the result is exact.

    `intervals` (municipality, target_group, measure, s, e) must lie inside the months.
    """
    key = list(KEY)
    months = months_table(first, last)
    starts = intervals.select(*key, t=intervals.s, c=ibis.literal(1, "int64"))
    ends = intervals.select(*key, t=intervals.e + 1, c=ibis.literal(-1, "int64"))
    changes = ibis.union(starts, ends, distinct=False)
    # The month of each change by an equality join with the small table of days (a
    # broadcast hash join everywhere). A change after the last day drops out: it changes
    # nothing inside the months.
    days = days_table(first, last)
    changes = changes.join(days, "t")
    by_month = changes.group_by([*key, "month"]).aggregate(
        dc=changes.c.sum(), dm=(changes.c * changes.t).sum()
    )
    grid = by_month.select(*key).distinct().cross_join(months)
    filled = grid.left_join(by_month, [*key, "month"]).select(
        *key,
        "month",
        "m_end",
        "days",
        dc=ibis.coalesce(by_month.dc, 0),
        dm=ibis.coalesce(by_month.dm, 0),
    )
    running = ibis.cumulative_window(group_by=key, order_by=filled.month)
    cumulative = filled.mutate(
        f=(filled.m_end + 1) * filled.dc.sum().over(running) - filled.dm.sum().over(running)
    )
    previous = ibis.window(group_by=key, order_by=cumulative.month)
    person_days = cumulative.f - ibis.coalesce(cumulative.f.lag().over(previous), 0)
    return cumulative.select(
        *key,
        "month",
        value=person_days.cast("float64") / cumulative.days.cast("float64"),
    )


def merge_intervals(intervals: ir.Table) -> ir.Table:
    """Merge each person's overlapping or adjacent intervals (gaps and islands).

    Input and output columns: person_id, s, e. An interval starts a new island when it
    begins after the day following the latest end among the person's earlier intervals;
    the running count of island starts numbers the islands.

    Equal intervals (a benefit segment and an offer on the same days) are ties in both
    windows, and no engine promises to order ties alike in two windows. The count
    therefore runs over a RANGE frame, which gives equal intervals the same count, so they
    land in one island whichever of them the first window took for the island's start.
    (A ROWS frame split them into two equal islands, which the long-term rule then counted
    twice.)
    """
    order = [intervals.s, intervals.e]
    earlier = ibis.window(group_by=intervals.person_id, order_by=order, rows=(None, -1))
    previous_end = intervals.e.max().over(earlier)
    starts = intervals.mutate(
        new_island=ibis.ifelse(previous_end.isnull() | (intervals.s > previous_end + 1), 1, 0)
    )
    running = ibis.window(group_by=starts.person_id, order_by=[starts.s, starts.e], range=(None, 0))
    numbered = starts.mutate(island=starts.new_island.sum().over(running))
    return (
        numbered.group_by(["person_id", "island"])
        .aggregate(s=numbered.s.min(), e=numbered.e.max())
        .drop("island")
    )
