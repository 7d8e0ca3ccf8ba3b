"""Derived figures on plain numbers: changes, national shares and period means.

All take and return unrounded floats (DOMAIN.md: derived figures are computed from
unrounded values and rounded only when shown). None means "undefined" and is shown as "."
in the report.
"""

from __future__ import annotations

from collections.abc import Mapping

from jobtal.domain.periods import Month, Period


def change_pct(this: float | None, previous: float | None) -> float | None:
    """Change in percent (definition 5): (this ÷ previous − 1) × 100.

    Undefined (None) when the previous value is 0 or either value is missing.

    >>> change_pct(110.0, 100.0)
    10.000000000000009
    >>> change_pct(5.0, 0.0) is None
    True
    """
    if this is None or previous is None or previous == 0:
        return None
    return (this / previous - 1) * 100


def change_pp(this_share: float | None, previous_share: float | None) -> float | None:
    """Change in percentage points (definition 5): the difference of two shares in percent.

    >>> change_pp(32.5, 30.0)
    2.5
    """
    if this_share is None or previous_share is None:
        return None
    return this_share - previous_share


def national_share_pct(
    municipality_value: float | None, national_value: float | None
) -> float | None:
    """National share (definition 6): municipality ÷ whole country × 100.

    Undefined (None) when the national value is 0 or either value is missing.

    >>> national_share_pct(25.0, 1000.0)
    2.5
    """
    if municipality_value is None or national_value is None or national_value == 0:
        return None
    return municipality_value / national_value * 100


def share_pct(part: float | None, whole: float | None) -> float | None:
    """A part as a percentage of a whole (e.g. full-time activated ÷ full-time persons).

    >>> share_pct(1.0, 4.0)
    25.0
    """
    return national_share_pct(part, whole)


def period_mean(monthly_values: Mapping[Month, float], period: Period) -> float:
    """Mean of the monthly values over the months of `period` (definition 2).

    A month missing from the mapping counts as 0: the measures leave out rows whose value
    is 0, so a missing month means no person-days in that group that month. Choose the
    period accordingly: for year-to-date pass `year_to_date(last month with data)`, so
    that months without data yet are not counted as zeros.

    >>> from jobtal.domain.periods import year_to_date
    >>> period_mean({Month(2023, 1): 3.0, Month(2023, 3): 6.0}, year_to_date(Month(2023, 3)))
    3.0
    """
    months = period.months()
    return sum(monthly_values.get(m, 0.0) for m in months) / len(months)
