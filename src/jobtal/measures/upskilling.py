"""Upskilling starts per month (table 5; DOMAIN.md definition 9).

Definition (docs/figures.md): in each month, the distinct persons who start an
`opkvalificering` or `ordinaer_uddannelse` activation on a day on which they are in
`UPSKILLING_GROUPS` (a segment of the municipality covers the start day). A person with
several starts in a month counts once that month. The table's figure for a period is the
mean of the monthly counts over its months (`jobtal.measures.change.period_mean`), and its
share that mean ÷ the mean full-time persons of `UPSKILLING_GROUPS` over the same months
× 100.

Example: a person on dagpenge who starts ordinary education on the segment's last day
counts in that month; a start the day after the segment does not count:

>>> import datetime as dt, ibis
>>> from jobtal.domain.periods import Month
>>> seg = ibis.memtable({"person_id": ["p"], "municipality": [157],
...     "target_group": ["dagpenge"], "start_date": [dt.date(2022, 1, 1)],
...     "end_date": [dt.date(2022, 3, 31)]})
>>> act = ibis.memtable({"person_id": ["p", "p"],
...     "offer": ["ordinaer_uddannelse", "opkvalificering"],
...     "start_date": [dt.date(2022, 3, 31), dt.date(2022, 4, 1)],
...     "end_date": [None, None], "hours_per_week": [None, None], "cvr": [None, None]},
...     schema={"person_id": "string", "offer": "string", "start_date": "date",
...             "end_date": "date", "hours_per_week": "float64", "cvr": "string"})
>>> upskilling_starts(seg, act, 157, Month(2022, 1), Month(2022, 4)).to_pyarrow().to_pylist()
[{'month': datetime.date(2022, 3, 1), 'starts': 1}]
"""

from __future__ import annotations

import ibis.expr.types as ir

from jobtal.domain.periods import Month
from jobtal.measures.groups import UPSKILLING_GROUPS, UPSKILLING_OFFERS
from jobtal.measures.intervals import day_of, months_table
from jobtal.measures.spans import group_days


def upskilling_starts(
    segments: ir.Table, activations: ir.Table, municipality: int, first: Month, last: Month
) -> ir.Table:
    """Persons starting upskilling per month first..last: (month, starts); months without
    a start are left out."""
    offers = activations.filter(activations.offer.isin(list(UPSKILLING_OFFERS)))
    starts = offers.select(person_id=offers.person_id, t=day_of(offers.start_date))
    days = group_days(segments, UPSKILLING_GROUPS, municipality)
    in_group = starts.semi_join(
        days, (starts.person_id == days.person_id) & (days.s <= starts.t) & (days.e >= starts.t)
    ).view()
    months = months_table(first, last)
    dated = in_group.join(months, (in_group.t >= months.m_start) & (in_group.t <= months.m_end))
    dated = dated.select(month=months.month, person_id=in_group.person_id)
    counted = dated.group_by("month").aggregate(starts=dated.person_id.nunique().cast("int64"))
    return counted.order_by("month")
