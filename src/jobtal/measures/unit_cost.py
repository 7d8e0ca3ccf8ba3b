"""Unit cost per full-time person: table 13 of the quarterly report (the steering model).

Definition 14 (DOMAIN.md, docs/figures.md): the operating expenses of a year (`operating_
costs`: guidance and upskilling, ordinary education, mentor) divided by the annual average
full-time persons (definition 2) of the unit-cost groups together (`UNIT_COST_GROUPS`):
dagpenge, kontanthjælp, uddannelseshjælp, sygedagpenge, jobafklaringsforløb, ressourceforløb
and ledighedsydelse. The base year is 2018 (the investment runs 2019–2024); the change from
it is shown in kroner and in percent. A year's cost is *expected* (forventet) when any of its
rows is not closed. For the report year before its fourth quarter, the average runs over the
months up to the end of the quarter (year to date).

>>> import pandas as pd
>>> costs = pd.DataFrame({"year": [2022, 2022], "amount_dkk": [600.0, 400.0],
...     "expected": [False, True]})
>>> unit_cost(costs, 2022, 4.0)
UnitCost(year=2022, cost_dkk=1000.0, ftp=4.0, per_ftp_dkk=250.0, expected=True)
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pandas as pd

from jobtal.domain.periods import Month, Period
from jobtal.measures.change import change_pct
from jobtal.measures.groups import UNIT_COST_GROUPS
from jobtal.measures.monthly import monthly_figures

BASE_YEAR = 2018

# UNIT_COST_GROUPS (imported above, declared once for the whole report in
# jobtal.measures.groups): dagpenge, kontanthjælp and uddannelseshjælp of every category,
# sygedagpenge, jobafklaringsforløb, ressourceforløb and ledighedsydelse.
__all__ = [
    "BASE_YEAR",
    "UNIT_COST_GROUPS",
    "UnitCost",
    "average_ftp",
    "unit_cost",
    "unit_cost_change",
    "unit_cost_ftp",
]


@dataclass(frozen=True)
class UnitCost:
    """A year's operating cost, full-time persons and cost per full-time person."""

    year: int
    cost_dkk: float | None
    ftp: float
    per_ftp_dkk: float | None
    expected: bool


def unit_cost_ftp(
    segments: ir.Table, activations: ir.Table, municipality: int, first: Month, last: Month
) -> ir.Table:
    """Monthly full-time persons of `UNIT_COST_GROUPS` in `municipality`, first..last.

    An Ibis expression over the store's benefit_segments and activation_spells with the
    columns month (first day) and value: the `ftp` of `jobtal.measures.monthly` summed over
    the groups. Only the municipality's segments in the groups go into the monthly engine,
    and no activations (full-time persons do not depend on them), so the work is that of
    one municipality.
    """
    mine = segments.filter(
        (segments.municipality == municipality) & segments.target_group.isin(UNIT_COST_GROUPS)
    )
    no_activations = activations.filter(ibis.literal(False))
    figures = monthly_figures(mine, no_activations, first, last)
    ftp = figures.filter(figures.measure == "ftp")
    return ftp.group_by("month").aggregate(value=ftp.value.sum())


def average_ftp(monthly: pd.DataFrame, period: Period) -> float:
    """Mean over the period's months of the monthly full-time persons (columns month,
    value); a month without a row counts as 0 (no person-days in the groups)."""
    stamps = pd.to_datetime(monthly["month"])
    by_month = {
        Month(s.year, s.month): float(v) for s, v in zip(stamps, monthly["value"], strict=True)
    }
    months = period.months()
    return sum(by_month.get(m, 0.0) for m in months) / len(months)


def unit_cost(costs: pd.DataFrame, year: int, ftp: float) -> UnitCost:
    """The year's cost (sum of `amount_dkk` of its rows; None without rows) ÷ `ftp`.

    `costs` has the columns year, amount_dkk and expected of one municipality. The cost per
    full-time person is None when there is no cost or no full-time person.
    """
    rows = costs[costs["year"] == year]
    cost = float(rows["amount_dkk"].sum()) if len(rows) else None
    per_ftp = cost / ftp if cost is not None and ftp else None
    return UnitCost(
        year=year,
        cost_dkk=cost,
        ftp=ftp,
        per_ftp_dkk=per_ftp,
        expected=bool(rows["expected"].any()),
    )


def unit_cost_change(base: UnitCost, current: UnitCost) -> tuple[float | None, float | None]:
    """The change of the cost per full-time person from `base`: in kroner and in percent."""
    if base.per_ftp_dkk is None or current.per_ftp_dkk is None:
        return None, None
    return (
        current.per_ftp_dkk - base.per_ftp_dkk,
        change_pct(current.per_ftp_dkk, base.per_ftp_dkk),
    )
