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
   "slope", always −1, 0 or 1 because Q is disjoint) from one event to the next, and with
   the running sum of change × event day (the "moment"), W(d) = (d + 1) × slope − moment.
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


def qualifying_spells(segments: ir.Table, activations: ir.Table, first_day: int) -> ir.Table:
    """Per person the merged days counting toward the 80 % (person_id, s, e).

    Inputs are day intervals (see `jobtal.measures.intervals`): segments with target_group,
    activations with offer. Only persons gross unemployed on some day from `first_day` on
    can be long-term unemployed then, so only their spells are merged.
    """
    gross = segments.filter(segments.target_group.isin(GROSS_UNEMPLOYED_LEAVES))
    active = activations.filter(activations.offer.isin(ACTIVE_OFFERS))
    spells = ibis.union(
        gross.select("person_id", "s", "e"), active.select("person_id", "s", "e"), distinct=False
    )
    persons = gross.filter(gross.e >= first_day).select("person_id").distinct()
    return merge_intervals(spells.semi_join(persons, "person_id"))


def _events(merged: ir.Table, horizon: int) -> ir.Table:
    """The changes of the daily increment of W (person_id, t, delta).

    Several events may fall on one day; they are not summed first (that would cost a
    grouping of all events): see `_pieces`.
    """

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
    return events.filter(events.t <= horizon)


def _pieces(events: ir.Table, horizon: int) -> ir.Table:
    """Pieces [a, b] between consecutive events with the slope and moment on them.

    W(d) = Σ over events t_j ≤ d of delta_j × (d − t_j + 1) = (d + 1) × slope − moment,
    with slope = Σ delta_j and moment = Σ delta_j × t_j over the events up to the piece.
    Both are running sums in one window, so no window is nested in another. Where several
    events share a day, every row but the last of them gets an empty piece (its following
    event is on the same day, so b = a − 1), whatever their order. The sums run over a
    RANGE frame, so every event of a day carries the sums of all of them: with a ROWS
    frame the rows of one day would hold partial sums, and which of them `lead` sees as
    the last depends on how each window orders ties, which no engine promises to keep
    (DuckDB's result then changed with the other persons in the table).
    """
    by_day = ibis.window(group_by=events.person_id, order_by=events.t)
    running = ibis.window(group_by=events.person_id, order_by=events.t, range=(None, 0))
    pieces = events.mutate(
        slope=events.delta.sum().over(running),
        moment=(events.delta * events.t).sum().over(running),
        following=events.t.lead().over(by_day),
    )
    # The last piece runs to the horizon (its slope is 0; W is 0 there unless cut short).
    return pieces.select(
        "person_id",
        "slope",
        "moment",
        a=pieces.t,
        b=ibis.coalesce(pieces.following - 1, horizon),
    )


def qualifying_windows(merged: ir.Table, horizon: int) -> ir.Table:
    """The days d ≤ horizon with W(d) ≥ REQUIRED_DAYS, as intervals (person_id, s, e).

    On a piece [a, b], W(d) = (d + 1) × slope − moment ≥ R holds for
    slope 1: d ≥ R + moment − 1; slope −1: d ≤ −moment − R − 1;
    slope 0: every day of the piece when −moment ≥ R, else none.

    Qualifying days are split at the events, so one run of days may come in several rows.
    A person counted on days 0..399 qualifies from day 291, their 292nd day:

    >>> import ibis
    >>> merged = ibis.memtable({"person_id": ["p"], "s": [0], "e": [399]})
    >>> sorted(qualifying_windows(merged, horizon=399).to_pyarrow().to_pylist(),
    ...        key=lambda row: row["s"])
    [{'person_id': 'p', 's': 291, 'e': 363}, {'person_id': 'p', 's': 364, 'e': 399}]
    """
    p = _pieces(_events(merged, horizon), horizon)
    r = REQUIRED_DAYS
    lo = ibis.cases((p.slope == 1, ibis.greatest(p.a, r + p.moment - 1)), else_=p.a)
    hi = ibis.cases(
        (p.slope == -1, ibis.least(p.b, -p.moment - r - 1)),
        (p.slope == 0, ibis.ifelse(-p.moment >= r, p.b, p.a - 1)),
        else_=p.b,
    )
    # Running sums of integers are HUGEINT on DuckDB, which would slow every later join
    # on s and e. Ibis drops a cast to int64 (it already types the sums as int64), so the
    # day numbers pass through int32, which holds any day number.
    windows = p.select(
        person_id=p.person_id, s=lo.cast("int32").cast("int64"), e=hi.cast("int32").cast("int64")
    )
    return windows.filter(windows.s <= windows.e)


def long_term_intervals(
    segments: ir.Table, activations: ir.Table, first_day: int, horizon: int
) -> ir.Table:
    """Days of long-term unemployment from first_day to horizon.

    Columns: person_id, municipality, target_group, s, e. `segments` and `activations` are
    day intervals ending no later than `horizon` and reaching back at least 363 days before
    `first_day`.
    """
    merged = qualifying_spells(segments, activations, first_day)
    windows = qualifying_windows(merged, horizon)
    windows = windows.filter(windows.e >= first_day)
    gross = segments.filter(
        segments.target_group.isin(GROSS_UNEMPLOYED_LEAVES) & (segments.e >= first_day)
    )
    joined = gross.join(
        windows,
        (gross.person_id == windows.person_id) & (gross.s <= windows.e) & (gross.e >= windows.s),
    )
    return joined.select(
        person_id=gross.person_id,
        municipality=gross.municipality,
        target_group=gross.target_group,
        s=ibis.greatest(gross.s, windows.s, first_day),
        e=ibis.least(gross.e, windows.e),
    )
