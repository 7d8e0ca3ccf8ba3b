"""Hand-made monthly and area_series tables for the appendix tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

ALL_MONTHS = range(1, 13)


def months_of(
    municipality: int,
    group: str,
    year: int,
    measure: str,
    value: float,
    months: Iterable[int] = ALL_MONTHS,
) -> list[dict]:
    """Engine rows: the same monthly `value` of one leaf group in the given months."""
    return [
        {
            "municipality": municipality,
            "target_group": group,
            "month": dt.date(year, m, 1),
            "measure": measure,
            "value": float(value),
        }
        for m in months
    ]


def monthly(*parts: list[dict]) -> pd.DataFrame:
    """A table shaped like `compute_monthly`'s from lists of rows."""
    rows = [row for part in parts for row in part]
    columns = ["municipality", "target_group", "month", "measure", "value"]
    return pd.DataFrame(rows, columns=columns)


def area(
    table: str,
    row_key: str,
    year: int,
    value: float,
    measure: str = "ftp",
    months: Iterable[int] = ALL_MONTHS,
) -> pd.DataFrame:
    """area_series rows for "Hele landet" as `load_national` returns them."""
    return pd.DataFrame(
        [
            {
                "table_name": table,
                "row_key": row_key,
                "month": dt.date(year, m, 1),
                "measure": measure,
                "value": float(value),
            }
            for m in months
        ]
    )
