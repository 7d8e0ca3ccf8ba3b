"""The day grid of the synthetic population: 1 January 2018 to 31 December 2022.

Days are integers counted from GRID_START (day 0); they may be negative for spells that began
before the grid (history). Months are indexed 0..59 from January 2018.
"""

from __future__ import annotations

from datetime import date

import numpy as np

YEARS: tuple[int, ...] = (2018, 2019, 2020, 2021, 2022)
MONTHS_PER_YEAR = 12
GRID_START = date(YEARS[0], 1, 1)
GRID_END = date(YEARS[-1], 12, 31)
# Day numbers of the grid relative to the Unix epoch, for Arrow date32 values.
EPOCH_OFFSET = (GRID_START - date(1970, 1, 1)).days
LAST_DAY = (GRID_END - GRID_START).days


def _month_starts() -> np.ndarray:
    firsts = [date(y, m, 1) for y in YEARS for m in range(1, 13)]
    firsts.append(date(YEARS[-1] + 1, 1, 1))
    return np.array([(d - GRID_START).days for d in firsts], dtype=np.int64)


_BOUNDS = _month_starts()
MONTH_START: np.ndarray = _BOUNDS[:-1]
MONTH_DAYS: np.ndarray = np.diff(_BOUNDS)
N_MONTHS = len(MONTH_START)
N_DAYS = LAST_DAY + 1


def month_index(year: int, month: int) -> int:
    """Index of a calendar month in the grid (January 2018 = 0)."""
    return (year - YEARS[0]) * MONTHS_PER_YEAR + month - 1


def monthly_from_daily(daily: np.ndarray) -> np.ndarray:
    """Full-time persons per month from a count of persons per day (last axis = days)."""
    return np.add.reduceat(daily, MONTH_START, axis=-1) / MONTH_DAYS
