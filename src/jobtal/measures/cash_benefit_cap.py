"""The cash-benefit cap (kontanthjælpsloftet), table 1 of the quarterly report.

Definition 15 (DOMAIN.md, docs/figures.md): Udbetaling Danmark's monthly statistics give, per
month, the persons covered by the cap, the persons whose support is reduced, and the total
reduction in kroner. The report shows the first month of the statistics and the last month up
to the end of the report's quarter, each with

* persons covered,
* persons with a reduction,
* their share of those covered (reduced ÷ covered × 100),
* the total reduction in kroner,
* the average reduction per person reduced (total ÷ reduced),

and the change in percent of each figure from the first month to the last (of the share too:
a relative change, as the seed prints it, not percentage points).

>>> import pandas as pd, datetime as dt
>>> rows = pd.DataFrame({"month": [dt.date(2017, 1, 1), dt.date(2022, 12, 1)],
...     "persons_covered": [1000, 400], "persons_reduced": [200, 50],
...     "total_reduction_dkk": [240000.0, 70000.0]})
>>> first, last, change = cap_comparison(rows, dt.date(2022, 12, 31))
>>> first.average_reduction_dkk, last.share_pct, change["persons_reduced"]
(1200.0, 12.5, -75.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from jobtal.domain.periods import Month
from jobtal.measures.change import change_pct, share_pct

# The figures of a month, in the order of the table's columns.
FIGURES: tuple[str, ...] = (
    "persons_covered",
    "persons_reduced",
    "share_pct",
    "total_reduction_dkk",
    "average_reduction_dkk",
)


@dataclass(frozen=True)
class CapMonth:
    """The cap's figures for one month; None where a ratio has a zero base."""

    month: Month
    persons_covered: float
    persons_reduced: float
    share_pct: float | None
    total_reduction_dkk: float
    average_reduction_dkk: float | None

    def figure(self, name: str) -> float | None:
        value: float | None = getattr(self, name)
        return value


def cap_month(
    month: Month, persons_covered: float, persons_reduced: float, total_reduction_dkk: float
) -> CapMonth:
    """The month's figures: share = reduced ÷ covered × 100, average = total ÷ reduced."""
    average = float(total_reduction_dkk) / float(persons_reduced) if persons_reduced else None
    return CapMonth(
        month=month,
        persons_covered=float(persons_covered),
        persons_reduced=float(persons_reduced),
        share_pct=share_pct(float(persons_reduced), float(persons_covered)),
        total_reduction_dkk=float(total_reduction_dkk),
        average_reduction_dkk=average,
    )


def cap_comparison(
    rows: pd.DataFrame, until: date
) -> tuple[CapMonth, CapMonth, dict[str, float | None]] | None:
    """The first month of the statistics, the last month up to `until`, and the change in
    percent of each figure (`FIGURES`) between them; None when no month is up to `until`.

    `rows` has the columns month (a date in the month; the first day by convention),
    persons_covered, persons_reduced and total_reduction_dkk of one municipality. A change
    from a zero figure is undefined (None).
    """
    known = rows.assign(month=pd.to_datetime(rows["month"]))
    known = known[known["month"] <= pd.Timestamp(until)].sort_values("month")
    if known.empty:
        return None
    first, last = (_month_of(known.iloc[0]), _month_of(known.iloc[-1]))
    change = {name: change_pct(last.figure(name), first.figure(name)) for name in FIGURES}
    return first, last, change


def _month_of(row: pd.Series) -> CapMonth:
    stamp = row["month"]
    return cap_month(
        Month(stamp.year, stamp.month),
        row["persons_covered"],
        row["persons_reduced"],
        row["total_reduction_dkk"],
    )
