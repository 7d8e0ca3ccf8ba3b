"""Long-term unemployment (DOMAIN.md, definition 3), set-based and exact.

A person is long-term unemployed on day d when on d they are gross unemployed (a leaf in
GROSS_UNEMPLOYED_LEAVES) and, in the 364 days d−363 … d, they were gross unemployed or in an
active offer (ACTIVE_OFFERS) on at least 80 % of the days. 80 % of 364 is 291.2 days, so
292 whole days are needed; 291 days (79.9 %) are not enough.

Method, without expanding person-days:

1. Q: per person, the gross-unemployed segments and active-offer spells, merged into
   disjoint intervals (gaps and islands).
2. W(d) = |Q ∩ [d−363, d]| is piecewise linear in d. A merged interval [s, e] changes the
   daily increment W(d) − W(d−1) by +1 at s, −1 at e+1, −1 at s+364 and +1 at e+365. With
   the events sorted per person, the running sum of the changes is the increment (the
   "slope", always −1, 0 or 1 because Q is disjoint) from one event to the next, and the
   running sum of slope × gap is W just before each event.
3. On each piece between events, W(d) ≥ 292 holds on one sub-interval, solved exactly.
4. Those qualifying days intersected with the gross-unemployed segments are the days of
   long-term unemployment, attributed to the segment's municipality and leaf group.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from jobtal.domain.target_groups import ACTIVE_OFFERS, GROSS_UNEMPLOYED_LEAVES
from jobtal.measures.intervals import merge_intervals

WINDOW_DAYS = 364
# The smallest whole number of days that is at least 80 % of 364 (= 291.2), in integers.
REQUIRED_DAYS = -(-80 * WINDOW_DAYS // 100)


def qualifying_spells(segments: ir.Table, activations: ir.Table) -> ir.Table:
    """Per person the merged days counting toward the 80 % (person_id, s, e).

    Inputs are day intervals (see `jobtal.measures.intervals`): segments with target_group,
    activations with offer.
    """
    gross = segments.filter(segments.target_group.isin(GROSS_UNEMPLOYED_LEAVES))
    active = activations.filter(activations.offer.isin(ACTIVE_OFFERS))
    spells = ibis.union(
        gross.select("person_id", "s", "e"), active.select("person_id", "s", "e"), distinct=False
    )
    return merge_intervals(spells)


def _events(merged: ir.Table, horizon: int) -> ir.Table:
    """The changes of the daily increment of W (person_id, t, delta), one row per day."""

    def event(day: ir.IntegerValue, delta: int) -> ir.Table:
        return merged.select(person_id=merged.person_id, t=day, delta=ibis.literal(delta, "int64"))

    events = ibis.union(
        event(merged.s, 1),
        event(merged.e + 1, -1),
        event(merged.s + WINDOW_DAYS, -1),
        event(merged.e + WINDOW_DAYS + 1, 1),
        distinct=False,
    )
    # Changes after the horizon cannot affect W on days up to the horizon.
    events = events.filter(events.t <= horizon)
    return events.group_by(["person_id", "t"]).aggregate(delta=events.delta.sum())


def _pieces(events: ir.Table, horizon: int) -> ir.Table:
    """Pieces [a, b] between events with W just before a (`before`) and the slope on them."""
    by_day = ibis.window(group_by=events.person_id, order_by=events.t)
    running = ibis.cumulative_window(group_by=events.person_id, order_by=events.t)
    with_slope = events.mutate(
        slope=events.delta.sum().over(running), following=events.t.lead().over(by_day)
    )
    # The last piece ends at the horizon; its slope is 0 and W is 0 there unless cut short.
    b = ibis.coalesce(with_slope.following - 1, horizon)
    pieces = with_slope.mutate(a=with_slope.t, b=b, gain=with_slope.slope * (b - with_slope.t + 1))
    earlier = ibis.window(group_by=pieces.person_id, order_by=pieces.t, rows=(None, -1))
    return pieces.mutate(before=ibis.coalesce(pieces.gain.sum().over(earlier), 0)).select(
        "person_id", "a", "b", "slope", "before"
    )


def qualifying_windows(merged: ir.Table, horizon: int) -> ir.Table:
    """The days d ≤ horizon with W(d) ≥ REQUIRED_DAYS, as intervals (person_id, s, e).

    On a piece [a, b], W(d) = before + slope × (d − a + 1):
    slope 1: W(d) ≥ R ⇔ d ≥ a + R − 1 − before; slope −1: ⇔ d ≤ a + before − R − 1;
    slope 0: the whole piece when before ≥ R.
    """
    p = _pieces(_events(merged, horizon), horizon)
    r = REQUIRED_DAYS
    lo = ibis.cases(
        (p.slope == 1, ibis.greatest(p.a, p.a + r - 1 - p.before)),
        else_=p.a,
    )
    hi = ibis.cases(
        (p.slope == -1, ibis.least(p.b, p.a + p.before - r - 1)),
        (p.slope == 0, ibis.ifelse(p.before >= r, p.b, p.a - 1)),
        else_=p.b,
    )
    windows = p.select(person_id=p.person_id, s=lo, e=hi)
    return windows.filter(windows.s <= windows.e)


def long_term_intervals(segments: ir.Table, activations: ir.Table, horizon: int) -> ir.Table:
    """Days of long-term unemployment (person_id, municipality, target_group, s, e).

    `segments` and `activations` are day intervals ending no later than `horizon` and
    reaching back at least 363 days before the first day of interest.
    """
    windows = qualifying_windows(qualifying_spells(segments, activations), horizon)
    gross = segments.filter(segments.target_group.isin(GROSS_UNEMPLOYED_LEAVES))
    joined = gross.join(
        windows,
        (gross.person_id == windows.person_id) & (gross.s <= windows.e) & (gross.e >= windows.s),
    )
    return joined.select(
        person_id=gross.person_id,
        municipality=gross.municipality,
        target_group=gross.target_group,
        s=ibis.greatest(gross.s, windows.s),
        e=ibis.least(gross.e, windows.e),
    )
