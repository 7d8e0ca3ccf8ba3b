"""Long-term unemployed full-time persons of some leaf groups, per municipality and month.

The same figure as `long_term_ftp` of `jobtal.measures.monthly.monthly_figures` (definition
3, counted like definition 1), computed from the gross-unemployed segments and active offers
alone: table 2 of the report needs it for every municipality of the country or a RAR when
the store's area_series lacks those areas, and the other measures of the monthly engine
would only cost time there.

Example: a person on dagpenge from 1 January 2021 qualifies on their 292nd day (19
October 2021), so in October 2021 they are long-term unemployed 13 of 31 days:

>>> import datetime as dt, ibis
>>> from jobtal.domain.periods import Month
>>> seg = ibis.memtable({"person_id": ["p"], "municipality": [157],
...     "target_group": ["dagpenge"], "start_date": [dt.date(2021, 1, 1)],
...     "end_date": [None]}, schema={"person_id": "string", "municipality": "int16",
...     "target_group": "string", "start_date": "date", "end_date": "date"})
>>> act = ibis.memtable({"person_id": ["p"], "offer": ["mentor"],
...     "start_date": [dt.date(2021, 1, 1)], "end_date": [None], "hours_per_week": [None],
...     "cvr": [None]}, schema={"person_id": "string", "offer": "string",
...     "start_date": "date", "end_date": "date", "hours_per_week": "float64", "cvr": "string"})
>>> rows = long_term_monthly(seg, act, Month(2021, 10), Month(2021, 10), ("dagpenge",))
>>> [round(r["value"] * 31) for r in rows.to_pyarrow().to_pylist()]
[13]
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import ibis
import ibis.expr.types as ir

from jobtal.domain.periods import Month
from jobtal.domain.target_groups import ACTIVE_OFFERS, GROSS_UNEMPLOYED_LEAVES
from jobtal.measures.intervals import day_number, days_per_month
from jobtal.measures.long_term import WINDOW_DAYS, long_term_intervals
from jobtal.measures.monthly import activation_days, segment_days


def long_term_monthly(
    segments: ir.Table, activations: ir.Table, first: Month, last: Month, leaves: Sequence[str]
) -> ir.Table:
    """Long-term unemployed full-time persons in `leaves` (gross-unemployed leaf codes) per
    municipality, leaf group and month first..last: (municipality, target_group, month,
    measure = "long_term_ftp", value). Months without any are left out."""
    start = day_number(first.first_day)
    horizon = day_number(last.last_day)
    history = day_number(first.first_day - timedelta(days=WINDOW_DAYS - 1))
    gross = segments.filter(segments.target_group.isin(list(GROSS_UNEMPLOYED_LEAVES)))
    active = activations.filter(activations.offer.isin(list(ACTIVE_OFFERS)))
    days = long_term_intervals(
        segment_days(gross, history, horizon),
        activation_days(active, history, horizon),
        start,
        horizon,
    )
    days = days.filter(days.target_group.isin(list(leaves)))
    counted = days.select(
        "municipality", "target_group", measure=ibis.literal("long_term_ftp"), s=days.s, e=days.e
    )
    figures = days_per_month(counted, first, last)
    return figures.filter(figures.value != 0)
