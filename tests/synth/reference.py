"""An independent reference computation of the figures on generated files (not the measure
engine): monthly full-time persons per leaf (definition 1), long-term unemployed full-time
persons by the 80 %-of-364-days rule (definition 3) and full-time activated (definition 4),
computed with plain numpy/pandas day arrays from the Parquet tables."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa

from jobtal.domain.target_groups import ACTIVE_OFFERS, GROSS_UNEMPLOYED_LEAVES, leaf_group

START = date(2018, 1, 1)
END = date(2022, 12, 31)
N_DAYS = (END - START).days + 1
HISTORY = 364  # days before START in the 364-day window of the first day
MONTH_BOUNDS = np.array(
    [(date(2018 + i // 12, i % 12 + 1, 1) - START).days for i in range(60)] + [N_DAYS]
)
MONTH_DAYS = np.diff(MONTH_BOUNDS)


def _days(values: pd.Series, open_value: int) -> np.ndarray:
    dates = pd.to_datetime(values)
    days = (dates - pd.Timestamp(START)).dt.days
    return days.fillna(open_value).to_numpy(dtype=np.int64)


def frames(spells: pa.Table, activations: pa.Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Spells with leaf and day numbers; activations with day numbers."""
    s = spells.to_pandas()
    s["leaf"] = [leaf_group(b, c) for b, c in zip(s["benefit"], s["category"], strict=True)]
    s["s"] = _days(s["start"], 0)
    s["e"] = _days(s["end"], N_DAYS - 1)
    a = activations.to_pandas()
    a["s"] = _days(a["start"], 0)
    a["e"] = _days(a["end"], N_DAYS - 1)
    return s, a


def _monthly(daily: np.ndarray) -> np.ndarray:
    return np.add.reduceat(daily, MONTH_BOUNDS[:-1], axis=-1) / MONTH_DAYS


def _coverage(
    starts: np.ndarray, ends: np.ndarray, weights: np.ndarray | None = None
) -> np.ndarray:
    """Sum of weights of the intervals covering each grid day."""
    w = np.ones(len(starts)) if weights is None else weights
    s = np.clip(starts, 0, N_DAYS)
    e = np.clip(ends + 1, 0, N_DAYS)
    diff = np.zeros(N_DAYS + 1)
    np.add.at(diff, s, w)
    np.add.at(diff, e, -w)
    return np.cumsum(diff[:-1])


def ftp(spells: pd.DataFrame) -> dict[str, np.ndarray]:
    """Monthly full-time persons (60 months from January 2018) per leaf."""
    return {
        leaf: _monthly(_coverage(g["s"].to_numpy(), g["e"].to_numpy()))
        for leaf, g in spells.groupby("leaf")
    }


def _grid(frame: pd.DataFrame, people: pd.Index, width: int) -> np.ndarray:
    """Per person and day (from HISTORY days before the grid): covered by a row of frame."""
    rows = people.get_indexer(frame["person_id"])
    diff = np.zeros((len(people), width + 1), dtype=np.int16)
    np.add.at(diff, (rows, np.clip(frame["s"].to_numpy() + HISTORY, 0, width)), 1)
    np.add.at(diff, (rows, np.clip(frame["e"].to_numpy() + HISTORY + 1, 0, width)), -1)
    return np.cumsum(diff, axis=1, dtype=np.int16)[:, :width] > 0


def long_term(spells: pd.DataFrame, activations: pd.DataFrame) -> dict[str, np.ndarray]:
    """Monthly long-term unemployed full-time persons per gross-unemployed leaf.

    Long-term on a day: gross unemployed that day, and gross unemployed or in an active offer
    on at least 80 % of the 364 days ending that day (≥ 291.2, so ≥ 292 days).
    """
    gross = spells[spells["leaf"].isin(GROSS_UNEMPLOYED_LEAVES)]
    people = pd.Index(gross["person_id"].unique())
    width = HISTORY + N_DAYS
    active = activations[activations["offer"].isin(ACTIVE_OFFERS)]
    active = active[active["person_id"].isin(people)]
    qualifying = _grid(gross, people, width) | _grid(active, people, width)
    csum = np.cumsum(qualifying, axis=1, dtype=np.int16)
    window = csum[:, HISTORY:] - csum[:, HISTORY - 364 : width - 364]  # days HISTORY.. width
    long = window.astype(np.int32) * 5 >= 364 * 4
    del csum, window, qualifying
    result = {}
    for leaf in GROSS_UNEMPLOYED_LEAVES:
        on_leaf = _grid(gross[gross["leaf"] == leaf], people, width)[:, HISTORY:]
        result[leaf] = _monthly((on_leaf & long).sum(axis=0).astype(float))
    return result


def activated(spells: pd.DataFrame, activations: pd.DataFrame, offer: str) -> dict[str, np.ndarray]:
    """Monthly full-time activated in `offer` per leaf: activation days inside a benefit
    spell of the person, weighted by hours ÷ 37 capped at 1, attributed to that spell's leaf."""
    a = activations[activations["offer"] == offer]
    both = a.merge(spells, on="person_id", suffixes=("_a", ""))
    s = np.maximum(both["s_a"].to_numpy(), both["s"].to_numpy())
    e = np.minimum(both["e_a"].to_numpy(), both["e"].to_numpy())
    keep = s <= e
    hours = both["hours_per_week"].fillna(37.0).to_numpy()
    weight = np.minimum(hours / 37.0, 1.0)
    result = {}
    leaves = both["leaf"].to_numpy()
    for leaf in np.unique(leaves[keep]):
        m = keep & (leaves == leaf)
        result[str(leaf)] = _monthly(_coverage(s[m], e[m], weight[m]))
    return result


def annual(monthly: np.ndarray, year: int) -> float:
    """Mean of the 12 monthly values of a year (definition 2)."""
    i = (year - 2018) * 12
    return float(np.mean(monthly[i : i + 12]))
