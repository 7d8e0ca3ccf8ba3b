"""Refugees and family-reunified persons in employment: table 10 of the quarterly report.

Definition (docs/figures.md): jobindsats.dk's monthly count of refugees and family-reunified
persons (18–66 years) living in the municipality (`persons`) and of those of them in
unsubsidised employment (`employed`). For a period: the average of `employed` over the
period's months, and its share of the average of `persons` (mean employed ÷ mean persons ×
100). Whole years for the years before the report year; for the report year, January to the
last month with data up to the end of the report's quarter.

These are aggregated counts, so a month without a row is *unknown*, not zero: a period with a
missing month has no average (None, printed ".").

>>> import pandas as pd, datetime as dt
>>> from jobtal.domain.periods import year_to_date, Month
>>> rows = pd.DataFrame({"month": [dt.date(2022, 1, 1), dt.date(2022, 2, 1)],
...     "persons": [500.0, 520.0], "employed": [250.0, 260.0]})
>>> employment(rows, year_to_date(Month(2022, 2)))
EmploymentFigures(employed=255.0, share_pct=50.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jobtal.domain.periods import Month, Period
from jobtal.measures.change import share_pct


@dataclass(frozen=True)
class EmploymentFigures:
    """Average employed and their share of the average persons; None where undefined."""

    employed: float | None
    share_pct: float | None


def _by_month(rows: pd.DataFrame) -> pd.DataFrame:
    stamps = pd.to_datetime(rows["month"])
    keys = [Month(s.year, s.month) for s in stamps]
    return rows.assign(key=keys).set_index("key")


def employment(rows: pd.DataFrame, period: Period) -> EmploymentFigures:
    """Table 10's figures for `period` from `rows` (columns month, persons, employed)."""
    indexed = _by_month(rows)
    months = period.months()
    if any(m not in indexed.index for m in months):
        return EmploymentFigures(employed=None, share_pct=None)
    chosen = indexed.loc[months]
    employed = float(chosen["employed"].sum()) / len(months)
    persons = float(chosen["persons"].sum()) / len(months)
    return EmploymentFigures(employed=employed, share_pct=share_pct(employed, persons))


def last_month_with_data(rows: pd.DataFrame, year: int, until: Month) -> Month | None:
    """The last month of `year`, not after `until`, that has a row; None if there is none."""
    months = [m for m in _by_month(rows).index if m.year == year and m <= until]
    return max(months) if months else None
