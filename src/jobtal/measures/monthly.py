"""Monthly figures per municipality and leaf target group, in full-time persons.

`monthly_figures` returns one tidy table with the columns municipality (int64),
target_group (leaf code), month (date, first day), measure (str), value (float64). Rows
with value 0 are left out. The measures (DOMAIN.md):

ftp                 full-time persons (definition 1): per segment the days of the month it
                    covers, summed and divided by the days of the month.
long_term_ftp       the same, counting only the days on which the person is long-term
                    unemployed (definition 3, see `jobtal.measures.long_term`), attributed
                    to the leaf group of that day.
wage_subsidy_ftp    full-time activated in løntilskud (definition 4): the days of an
                    activation spell that fall inside a benefit segment, each weighted by
                    hours_per_week ÷ 37 capped at 1 (1 when hours are unknown), divided by
                    the days of the month; attributed to the municipality and leaf group of
                    the segment covering the day. Activation days outside every segment count
                    nowhere. Overlapping spells of one person each count.
work_placement_ftp  the same for virksomhedspraktik.

Example: a person on dagpenge from 16 to 30 November 2022 (15 of 30 days) is half a
full-time person in November.

>>> import datetime as dt, ibis
>>> from jobtal.domain.periods import Month
>>> seg = ibis.memtable({"person_id": ["p"], "municipality": [157],
...     "target_group": ["dagpenge"], "start_date": [dt.date(2022, 11, 16)],
...     "end_date": [dt.date(2022, 11, 30)]})
>>> act = ibis.memtable({"person_id": ["p"], "offer": ["loentilskud"],
...     "start_date": [dt.date(2022, 11, 1)], "end_date": [dt.date(2022, 11, 30)],
...     "hours_per_week": [18.5], "cvr": [None]})
>>> df = monthly_figures(seg, act, Month(2022, 11), Month(2022, 11)).to_pandas()
>>> [(r.measure, r.value) for r in df.itertuples()]
[('ftp', 0.5), ('wage_subsidy_ftp', 0.25)]
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from jobtal.domain.periods import Month
from jobtal.domain.target_groups import COMPANY_OFFERS
from jobtal.measures import engine
from jobtal.measures.intervals import (
    day_number,
    day_of,
    days_per_month,
    months_table,
    per_month,
)
from jobtal.measures.long_term import WINDOW_DAYS, long_term_intervals

if TYPE_CHECKING:
    import pandas as pd

MEASURES: tuple[str, ...] = ("ftp", "long_term_ftp", "wage_subsidy_ftp", "work_placement_ftp")
# The measure of each company-directed offer (definition 4).
OFFER_MEASURES: dict[str, str] = {
    "loentilskud": "wage_subsidy_ftp",
    "virksomhedspraktik": "work_placement_ftp",
}
FULL_TIME_HOURS = 37.0
OUTPUT_COLUMNS: tuple[str, ...] = ("municipality", "target_group", "month", "measure", "value")


def _clipped(table: ir.Table, lo: int, hi: int) -> ir.Table:
    """Spells as day intervals s..e cut to lo..hi; an open end runs to hi."""
    days = table.mutate(s=day_of(table.start_date), e=ibis.coalesce(day_of(table.end_date), hi))
    days = days.filter((days.s <= hi) & (days.e >= lo))
    return days.mutate(s=ibis.greatest(days.s, lo), e=ibis.least(days.e, hi))


def segment_days(segments: ir.Table, lo: int, hi: int) -> ir.Table:
    """Benefit segments as day intervals (person_id, municipality, target_group, s, e)."""
    days = _clipped(segments, lo, hi)
    # Explicit (nullable) types: the store declares NOT NULL columns, and set operations
    # need equal schemas whatever the source.
    return days.select(
        person_id=days.person_id.cast("string"),
        municipality=days.municipality.cast("int64"),
        target_group=days.target_group.cast("string"),
        s=days.s.cast("int64"),
        e=days.e.cast("int64"),
    )


def activation_days(activations: ir.Table, lo: int, hi: int) -> ir.Table:
    """Activation spells as day intervals (person_id, offer, s, e, hours_per_week)."""
    days = _clipped(activations, lo, hi)
    return days.select(
        person_id=days.person_id.cast("string"),
        offer=days.offer.cast("string"),
        s=days.s.cast("int64"),
        e=days.e.cast("int64"),
        hours_per_week=days.hours_per_week.cast("float64"),
    )


def _full_time(segments: ir.Table, measure: str) -> ir.Table:
    """Intervals counted day for day under `measure` (definition 1)."""
    return segments.select(
        "municipality", "target_group", measure=ibis.literal(measure), s=segments.s, e=segments.e
    )


def activation_weight(hours_per_week: ir.FloatingValue) -> ir.FloatingValue:
    """hours ÷ 37, capped at 1; 1 when the hours are unknown (definition 4)."""
    return ibis.least(ibis.coalesce(hours_per_week / FULL_TIME_HOURS, 1.0), 1.0)


def _activated(segments: ir.Table, activations: ir.Table) -> ir.Table:
    """Company-offer days inside benefit segments, weighted (definition 4)."""
    offers = activations.filter(activations.offer.isin(COMPANY_OFFERS))
    joined = offers.join(
        segments,
        (offers.person_id == segments.person_id)
        & (offers.s <= segments.e)
        & (offers.e >= segments.s),
    )
    return joined.select(
        municipality=segments.municipality,
        target_group=segments.target_group,
        measure=offers.offer.substitute(OFFER_MEASURES),
        s=ibis.greatest(offers.s, segments.s),
        e=ibis.least(offers.e, segments.e),
        weight=activation_weight(offers.hours_per_week),
    )


def monthly_figures(
    segments: ir.Table, activations: ir.Table, first: Month, last: Month
) -> ir.Table:
    """All monthly measures for the months first..last (see the module docstring).

    `segments` has the columns of the store's benefit_segments, `activations` those of
    activation_spells. Pure: builds an Ibis expression, runs nothing.
    """
    months = months_table(first, last)
    start = day_number(first.first_day)
    horizon = day_number(last.last_day)
    # The long-term rule looks back 363 days before the first day counted.
    history = day_number(first.first_day - timedelta(days=WINDOW_DAYS - 1))
    segs = segment_days(segments, history, horizon)
    acts = activation_days(activations, history, horizon)
    current = segs.filter(segs.e >= start).mutate(s=ibis.greatest(segs.s, start))
    unweighted = ibis.union(
        _full_time(current, "ftp"),
        _full_time(long_term_intervals(segs, acts, start, horizon), "long_term_ftp"),
        distinct=False,
    )
    figures = ibis.union(
        days_per_month(unweighted, first, last),
        per_month(_activated(current, acts.filter(acts.e >= start)), months),
        distinct=False,
    )
    figures = figures.filter(figures.value != 0)
    return figures.select(*OUTPUT_COLUMNS).order_by(
        ["municipality", "target_group", "month", "measure"]
    )


# The last results of `compute_monthly`, by store file (its size and time of change, and
# those of its write-ahead log), months and engine: the quarterly report needs the whole
# country's figures for table 2 and for the appendix, and computes them once.
_RESULTS: dict[tuple[object, ...], pd.DataFrame] = {}
_RESULTS_KEPT = 2


def _result_key(db_path: Path, first: Month, last: Month, engine_name: str) -> tuple[object, ...]:
    # The inode and change time too: a store deleted and made again at the same path within
    # the file system's timestamp granularity must not look unchanged.
    def stamp(path: Path) -> tuple[int, ...] | None:
        try:
            found = path.stat()
        except FileNotFoundError:
            return None
        return (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)

    wal = db_path.with_name(db_path.name + ".wal")
    return (str(db_path.resolve()), stamp(db_path), stamp(wal), first, last, engine_name)


def compute_monthly(
    db_path: str | Path, first: Month, last: Month, engine_name: str = "duckdb"
) -> pd.DataFrame:
    """Run `monthly_figures` on the store at `db_path` (opened read-only).

    Returns a pandas DataFrame with the columns of `monthly_figures`; pandas holds `month`
    as datetime64[ns] (midnight of the first day of the month). `engine_name` selects a
    registered engine (`jobtal.measures.engine`). A second call for the same unchanged
    store, months and engine returns a copy of the first result.
    """
    key = _result_key(Path(db_path), first, last, engine_name)
    if key not in _RESULTS:
        while len(_RESULTS) >= _RESULTS_KEPT:
            _RESULTS.pop(next(iter(_RESULTS)))
        _RESULTS[key] = _compute_monthly(db_path, first, last, engine_name)
    return _RESULTS[key].copy()


def _compute_monthly(
    db_path: str | Path, first: Month, last: Month, engine_name: str
) -> pd.DataFrame:
    con = engine.connect(db_path, engine_name)
    try:
        expr = monthly_figures(
            con.table("benefit_segments"), con.table("activation_spells"), first, last
        )
        frame = con.to_pandas(expr)
    finally:
        con.disconnect()
    # One unit whatever the engine (DuckDB's gives seconds): the appendix converts `month`
    # once per municipality, and pandas does that many times faster from nanoseconds.
    return frame.assign(month=frame["month"].astype("datetime64[ns]"))
