"""Ordinary education after an unemployment course (table 6; DOMAIN.md definition 8).

Definitions (docs/figures.md):

- An unemployment course is a maximal run of consecutive days in the gross-unemployed leaves
  (`GROSS_UNEMPLOYED`): a person's overlapping or adjacent segments of these leaves are one
  course, whatever the leaf. An open course (open last segment) has not ended.
- A course ends in a period when its last day lies in the period; it belongs to the
  municipality of the segment of its last day.
- A course leads to ordinary education when its person, on the day 28 days after its last
  day, is covered by an `education_spells` row of kind `su`, or of kind `laerling` with
  `age_at_start` below 30 (an unknown age does not count).

`education_after_courses` returns per period: period, courses (ended in the period) and
in_education (of those, the courses followed by education). Pure: Ibis expressions.

Example: a course of two adjacent spells ending 30 June 2022, with SU from 28 July (day +28):

>>> import datetime as dt, ibis
>>> seg = ibis.memtable({"person_id": ["p", "p"], "municipality": [157, 157],
...     "target_group": ["dagpenge", "kh_jobparat"],
...     "start_date": [dt.date(2022, 1, 1), dt.date(2022, 4, 1)],
...     "end_date": [dt.date(2022, 3, 31), dt.date(2022, 6, 30)]})
>>> edu = ibis.memtable({"person_id": ["p"], "kind": ["su"],
...     "start_date": [dt.date(2022, 7, 28)], "end_date": [None], "age_at_start": [25]},
...     schema={"person_id": "string", "kind": "string", "start_date": "date",
...             "end_date": "date", "age_at_start": "int16"})
>>> year = {"2022": (dt.date(2022, 1, 1), dt.date(2022, 12, 31))}
>>> education_after_courses(seg, edu, 157, year).to_pyarrow().to_pylist()
[{'period': '2022', 'courses': 1, 'in_education': 1}]
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from jobtal.measures.groups import GROSS_UNEMPLOYED
from jobtal.measures.intervals import merge_intervals
from jobtal.measures.spans import Periods, periods_table, spell_days

DAYS_AFTER = 28
APPRENTICE_AGE_LIMIT = 30


def unemployment_courses(segments: ir.Table, municipality: int) -> ir.Table:
    """The unemployment courses that belong to `municipality`: (person_id, s, e).

    Courses are merged over all of a person's gross-unemployed segments (in any
    municipality); the course's municipality is that of the segment holding its last day.
    """
    gross = spell_days(segments.filter(segments.target_group.isin(list(GROSS_UNEMPLOYED))))
    gross = gross.select("person_id", "municipality", "s", "e")
    merged = merge_intervals(gross.select("person_id", "s", "e")).view()
    last_segment = merged.join(
        gross,
        (merged.person_id == gross.person_id) & (gross.s <= merged.e) & (gross.e >= merged.e),
    )
    mine = last_segment.filter(gross.municipality == municipality)
    return mine.select(person_id=merged.person_id, s=merged.s, e=merged.e).view()


def _in_education(education: ir.Table) -> ir.Table:
    """Education spells that count as ordinary education: (person_id, s, e)."""
    counted = (education.kind == "su") | (
        (education.kind == "laerling") & (education.age_at_start < APPRENTICE_AGE_LIMIT)
    )
    # A NULL age makes the condition NULL, which a filter drops: unknown age does not count.
    return spell_days(education.filter(counted)).select("person_id", "s", "e")


def education_after_courses(
    segments: ir.Table, education: ir.Table, municipality: int, periods: Periods
) -> ir.Table:
    """Courses ended per period and those followed by ordinary education 28 days after
    their last day: (period, courses, in_education)."""
    courses = unemployment_courses(segments, municipality)
    bounds = periods_table(periods)
    ended = courses.join(bounds, (courses.e >= bounds.lo) & (courses.e <= bounds.hi))
    ended = ended.select(period=bounds.period, person_id=courses.person_id, e=courses.e).view()
    spells = _in_education(education)
    day = ended.e + DAYS_AFTER
    followed = ended.semi_join(
        spells,
        (ended.person_id == spells.person_id) & (spells.s <= day) & (spells.e >= day),
    )
    counts = ended.group_by("period").aggregate(courses=ended.count().cast("int64"))
    hits = followed.group_by("period").aggregate(in_education=followed.count().cast("int64"))
    joined = counts.left_join(hits, "period")
    return joined.select(
        "period", "courses", in_education=ibis.coalesce(joined.in_education, 0).cast("int64")
    ).order_by("period")
