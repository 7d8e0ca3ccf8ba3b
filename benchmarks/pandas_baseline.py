"""The baseline: the appendix's monthly figures in plain pandas, the way an analyst would.

Not part of jobtal. It reads the store's tables into pandas and computes the same monthly
figures as `jobtal.measures.monthly.monthly_figures` (DOMAIN.md definitions 1, 3 and 4) by
expansion, as in a notebook:

- full-time persons: every benefit segment is expanded into one row per calendar month it
  touches, with the days it covers in that month; summed and divided by the month's days;
- full-time activated: company-offer spells merged with the same person's segments on
  person_id, the overlaps clipped and expanded into months like the segments, each day
  weighted by hours ÷ 37 (capped at 1, 1 when unknown);
- long-term unemployed: for persons gross unemployed in the period, every day they were
  gross unemployed or in an active offer becomes a row (one per person and day); a
  rolling 364-day count per person gives the days counted in the window ending on each day;
  the gross-unemployed days with a count of at least 292 (80 % of 364) are long-term.

The appendix itself is then assembled from this monthly table by the same code as jobtal's
(`jobtal.report.appendix`), so that the benchmark compares the computation of the figures,
not the cheap assembly of the rows.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from jobtal.domain.periods import Month
from jobtal.domain.target_groups import ACTIVE_OFFERS, COMPANY_OFFERS, GROSS_UNEMPLOYED_LEAVES

OFFER_MEASURE = {"loentilskud": "wage_subsidy_ftp", "virksomhedspraktik": "work_placement_ftp"}
WINDOW_DAYS = 364
REQUIRED_DAYS = 292  # the smallest whole number of days ≥ 80 % of 364
COLUMNS = ["municipality", "target_group", "month", "measure", "value"]


def _day(values: pd.Series) -> pd.Series:
    """Dates as day numbers since 1970-01-01 (NaT stays NaN)."""
    return (pd.to_datetime(values) - pd.Timestamp("1970-01-01")).dt.days


def _number(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def read_store(db_path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The store's benefit segments and activation spells as pandas DataFrames."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        segments = con.execute("SELECT * FROM benefit_segments").df()
        activations = con.execute("SELECT * FROM activation_spells").df()
    finally:
        con.close()
    return segments, activations


def _clip(frame: pd.DataFrame, lo: int, hi: int) -> pd.DataFrame:
    """Spells as day numbers s..e cut to lo..hi (an open end runs to hi)."""
    frame = frame.assign(s=_day(frame["start_date"]), e=_day(frame["end_date"]).fillna(hi))
    frame = frame[(frame["s"] <= hi) & (frame["e"] >= lo)].copy()
    frame["s"] = frame["s"].clip(lower=lo).astype("int64")
    frame["e"] = frame["e"].clip(upper=hi).astype("int64")
    return frame


def _by_month(spells: pd.DataFrame) -> pd.DataFrame:
    """One row per spell and calendar month it touches, with the days inside that month."""
    first = pd.to_datetime(spells["s"], unit="D").dt.to_period("M")
    last = pd.to_datetime(spells["e"], unit="D").dt.to_period("M")
    count = (last - first).apply(lambda offset: offset.n) + 1
    rows = spells.loc[spells.index.repeat(count)].copy()
    step = rows.groupby(level=0).cumcount()
    period = first.loc[rows.index] + step.to_numpy()
    month_start = _day(period.dt.start_time)
    month_end = _day(period.dt.end_time.dt.normalize())
    rows["month"] = period.dt.start_time.to_numpy()
    rows["days_in_month"] = (month_end - month_start + 1).to_numpy()
    inside = np.minimum(rows["e"], month_end) - np.maximum(rows["s"], month_start) + 1
    rows["days"] = inside.to_numpy()
    return rows


def full_time_persons(segments: pd.DataFrame) -> pd.DataFrame:
    """Definition 1 per municipality, group and month from clipped segments."""
    rows = _by_month(segments)
    rows["value"] = rows["days"] / rows["days_in_month"]
    out = rows.groupby(["municipality", "target_group", "month"], as_index=False)["value"].sum()
    return out.assign(measure="ftp")


def full_time_activated(segments: pd.DataFrame, activations: pd.DataFrame) -> pd.DataFrame:
    """Definition 4: company-offer days inside the person's segments, weighted."""
    offers = activations[activations["offer"].isin(COMPANY_OFFERS)]
    pairs = offers.merge(segments, on="person_id", suffixes=("_a", ""))
    pairs = pairs[(pairs["s_a"] <= pairs["e"]) & (pairs["e_a"] >= pairs["s"])].copy()
    pairs["s"] = np.maximum(pairs["s"], pairs["s_a"])
    pairs["e"] = np.minimum(pairs["e"], pairs["e_a"])
    pairs["weight"] = (pairs["hours_per_week"] / 37.0).fillna(1.0).clip(upper=1.0)
    rows = _by_month(pairs.reset_index(drop=True))
    rows["value"] = rows["days"] * rows["weight"] / rows["days_in_month"]
    keys = ["municipality", "target_group", "month", "offer"]
    out = rows.groupby(keys, as_index=False)["value"].sum()
    return out.assign(measure=out["offer"].map(OFFER_MEASURE)).drop(columns="offer")


def _person_days(spells: pd.DataFrame) -> pd.DataFrame:
    """One row per person and day covered by a spell."""
    rows = spells.loc[spells.index.repeat(spells["e"] - spells["s"] + 1)]
    day = rows["s"] + rows.groupby(level=0).cumcount()
    return pd.DataFrame({"person_id": rows["person_id"].to_numpy(), "day": day.to_numpy()})


def long_term_days(segments: pd.DataFrame, activations: pd.DataFrame, start: int) -> pd.DataFrame:
    """Definition 3: the long-term gross-unemployed days from `start` on, as segment rows."""
    gross = segments[segments["target_group"].isin(GROSS_UNEMPLOYED_LEAVES)].reset_index(drop=True)
    persons = gross.loc[gross["e"] >= start, "person_id"].unique()
    active = activations[
        activations["offer"].isin(ACTIVE_OFFERS) & activations["person_id"].isin(persons)
    ]
    own_gross = gross[gross["person_id"].isin(persons)]
    columns = ["person_id", "s", "e"]
    counted = pd.concat([own_gross[columns], active[columns]], ignore_index=True)
    days = _person_days(counted).drop_duplicates().sort_values(["person_id", "day"])
    days["date"] = pd.to_datetime(days["day"], unit="D")
    # Days counted in the 364 days ending on each counted day (pandas' '364D' window is
    # the half-open (d − 364 days, d], i.e. d − 363 … d).
    rolling = days.set_index("date").groupby("person_id")["day"].rolling("364D").count()
    days["in_window"] = rolling.to_numpy()
    qualifying = days.loc[(days["in_window"] >= REQUIRED_DAYS) & (days["day"] >= start)]
    current = gross[gross["e"] >= start]
    gross_days = _person_days(current.assign(s=current["s"].clip(lower=start)))
    gross_days["segment"] = np.repeat(
        current.index.to_numpy(), (current["e"] - current["s"].clip(lower=start) + 1).to_numpy()
    )
    long_term = gross_days.merge(qualifying[["person_id", "day"]], on=["person_id", "day"])
    return long_term


def long_term_ftp(segments: pd.DataFrame, activations: pd.DataFrame, start: int) -> pd.DataFrame:
    """Long-term unemployed in full-time persons per municipality, group and month."""
    days = long_term_days(segments, activations, start)
    gross = segments[segments["target_group"].isin(GROSS_UNEMPLOYED_LEAVES)].reset_index(drop=True)
    days = days.join(gross[["municipality", "target_group"]], on="segment")
    stamp = pd.to_datetime(days["day"], unit="D")
    days["month"] = stamp.dt.to_period("M").dt.start_time
    days["value"] = 1.0 / stamp.dt.days_in_month
    out = days.groupby(["municipality", "target_group", "month"], as_index=False)["value"].sum()
    return out.assign(measure="long_term_ftp")


def monthly(db_path: str | Path, first: Month, last: Month) -> pd.DataFrame:
    """The monthly figures for first..last, columns as `compute_monthly`."""
    segments, activations = read_store(db_path)
    return monthly_from_frames(segments, activations, first, last)


def of_persons_in(
    segments: pd.DataFrame, activations: pd.DataFrame, municipality: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The spells of the persons with any segment in the municipality (their whole history,
    which the long-term rule needs)."""
    persons = segments.loc[segments["municipality"] == municipality, "person_id"].unique()
    return (
        segments[segments["person_id"].isin(persons)],
        activations[activations["person_id"].isin(persons)],
    )


def monthly_from_frames(
    segments: pd.DataFrame, activations: pd.DataFrame, first: Month, last: Month
) -> pd.DataFrame:
    """`monthly` on tables already read (columns of benefit_segments, activation_spells)."""
    start, horizon = _number(first.first_day), _number(last.last_day)
    history = _number(first.first_day - timedelta(days=WINDOW_DAYS - 1))
    segs = _clip(segments, history, horizon).reset_index(drop=True)
    acts = _clip(activations, history, horizon).reset_index(drop=True)
    current = segs[segs["e"] >= start].assign(s=lambda f: f["s"].clip(lower=start))
    current_acts = acts[acts["e"] >= start]
    parts = [
        full_time_persons(current.reset_index(drop=True)),
        long_term_ftp(segs, acts, start),
        full_time_activated(current.reset_index(drop=True), current_acts.reset_index(drop=True)),
    ]
    out = pd.concat(parts, ignore_index=True)[COLUMNS]
    out = out[out["value"] != 0]
    out["municipality"] = out["municipality"].astype("int64")
    return out.sort_values(COLUMNS[:4]).reset_index(drop=True)
