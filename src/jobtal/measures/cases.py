"""Cases (sagsforløb): duration per case (figure 5) and cases per staff-year (table 12).

Definitions (docs/figures.md, DOMAIN.md definitions 12 and 13):

- `case_durations`: on the last day d of each quarter, the persons with an open case of the
  municipality (a `cases` row with start ≤ d ≤ end, an open end covering every later day;
  with several, the earliest start) who are in `REHABILITATION` on d (a segment of the
  municipality covers d). Per quarter: the number of persons and the mean of
  (d − case start + 1) ÷ 7, in weeks.
- `average_cases`: a case belongs to the group category of its team in `staffing` for the
  quarter (a team without staffing that quarter: no category). The average number of cases
  in a quarter is the case-days in the quarter ÷ the days of the quarter.
- `staff_years`: the sum of `staffing.staff_years` per quarter and category.

Quarters are given by their code (`2022Q4`, as in `staffing`). Pure: Ibis expressions.

Example: a case of team A open all of 2022Q4 and one of team B for its last 46 days; team
A is ledighedsrelateret, B has no staffing:

>>> import datetime as dt, ibis
>>> cases = ibis.memtable({"person_id": ["p", "q"], "municipality": [157, 157],
...     "team": ["A", "B"], "start_date": [dt.date(2022, 1, 1), dt.date(2022, 11, 16)],
...     "end_date": [None, None]}, schema={"person_id": "string", "municipality": "int16",
...     "team": "string", "start_date": "date", "end_date": "date"})
>>> staffing = ibis.memtable({"municipality": [157], "quarter": ["2022Q4"], "team": ["A"],
...     "group_category": ["ledighedsrelateret"], "staff_years": [2.0]})
>>> q4 = {"2022Q4": (dt.date(2022, 10, 1), dt.date(2022, 12, 31))}
>>> average_cases(cases, staffing, 157, q4).to_pyarrow().to_pylist()
[{'quarter': '2022Q4', 'group_category': 'ledighedsrelateret', 'cases': 1.0}]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import ibis
import ibis.expr.types as ir

from jobtal.measures.groups import REHABILITATION
from jobtal.measures.intervals import day_number
from jobtal.measures.spans import Periods, group_days, spell_days

DAYS_PER_WEEK = 7.0


def _quarter_ends(ends: Mapping[str, date]) -> ir.Table:
    return ibis.memtable(
        {"quarter": list(ends), "d": [day_number(day) for day in ends.values()]},
        schema={"quarter": "string", "d": "int64"},
    )


def case_durations(
    segments: ir.Table, cases: ir.Table, municipality: int, quarter_ends: Mapping[str, date]
) -> ir.Table:
    """Persons in rehabilitation with an open case at each quarter's end, and the mean
    weeks since their case started: (quarter, persons, mean_weeks)."""
    days = spell_days(cases.filter(cases.municipality == municipality))
    ends = _quarter_ends(quarter_ends)
    open_cases = days.join(ends, (days.s <= ends.d) & (days.e >= ends.d))
    open_cases = open_cases.select(
        quarter=ends.quarter, d=ends.d, person_id=days.person_id, s=days.s
    )
    earliest = open_cases.group_by(["quarter", "d", "person_id"]).aggregate(
        start=open_cases.s.min()
    )
    rehab = group_days(segments, REHABILITATION, municipality)
    counted = earliest.semi_join(
        rehab,
        (earliest.person_id == rehab.person_id) & (rehab.s <= earliest.d) & (rehab.e >= earliest.d),
    )
    weeks = (counted.d - counted.start + 1).cast("float64") / DAYS_PER_WEEK
    return (
        counted.group_by("quarter")
        .aggregate(persons=counted.count().cast("int64"), mean_weeks=weeks.mean())
        .order_by("quarter")
    )


def _quarters_table(quarters: Periods) -> ir.Table:
    return ibis.memtable(
        {
            "quarter": list(quarters),
            "lo": [day_number(first) for first, _ in quarters.values()],
            "hi": [day_number(last) for _, last in quarters.values()],
            "days": [(last - first).days + 1 for first, last in quarters.values()],
        },
        schema={"quarter": "string", "lo": "int64", "hi": "int64", "days": "int64"},
    )


def average_cases(
    cases: ir.Table, staffing: ir.Table, municipality: int, quarters: Periods
) -> ir.Table:
    """The average number of cases per quarter and group category (case-days ÷ days of the
    quarter): (quarter, group_category, cases). Categories without cases are left out."""
    days = spell_days(cases.filter(cases.municipality == municipality))
    bounds = _quarters_table(quarters)
    in_quarter = days.join(bounds, (days.s <= bounds.hi) & (days.e >= bounds.lo))
    in_quarter = in_quarter.select(
        quarter=bounds.quarter,
        team=days.team,
        days=bounds.days,
        overlap=ibis.least(days.e, bounds.hi) - ibis.greatest(days.s, bounds.lo) + 1,
    ).view()
    teams = staffing.filter(staffing.municipality == municipality)
    teams = teams.select("quarter", "team", "group_category")
    joined = in_quarter.join(
        teams, (in_quarter.quarter == teams.quarter) & (in_quarter.team == teams.team)
    )
    joined = joined.select(
        quarter=in_quarter.quarter,
        group_category=teams.group_category,
        days=in_quarter.days,
        overlap=in_quarter.overlap,
    )
    grouped = joined.group_by(["quarter", "group_category"]).aggregate(
        cases=joined.overlap.sum().cast("float64") / joined.days.max().cast("float64")
    )
    return grouped.order_by(["quarter", "group_category"])


def staff_years(staffing: ir.Table, municipality: int, quarters: Iterable[str]) -> ir.Table:
    """Staff-years per quarter and group category: (quarter, group_category, staff_years)."""
    mine = staffing.filter(
        (staffing.municipality == municipality) & staffing.quarter.isin(list(quarters))
    )
    grouped = mine.group_by(["quarter", "group_category"]).aggregate(
        staff_years=mine.staff_years.sum().cast("float64")
    )
    return grouped.order_by(["quarter", "group_category"])
