"""Slots: turning a monthly series of full-time persons into non-overlapping day intervals.

For a monthly series y_t, slot k (k = 0..ceil(max y)−1) is occupied in month t on its first
round(f·days) days, with f = clamp(y_t − k, 0, 1). Since Σ_k f = y_t, the occupied days of
all slots give y_t full-time persons per month, up to the rounding of days. A slot's occupied
days form *runs*; runs are cut into *pieces* of random duration, and each piece is one
benefit spell of one person. Pieces of one slot never overlap, so a person who holds one
piece never has two spells at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jobtal.synth.calendar import MONTH_DAYS, MONTH_START, MONTHS_PER_YEAR

# Shape of the gamma distribution of piece durations: more regular than exponential, so that
# few spells last only a few days.
DURATION_SHAPE = 1.5


@dataclass(frozen=True)
class Intervals:
    """Day intervals [start, end] (inclusive) in slots; sorted by (slot, start)."""

    slot: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.slot)


def empty() -> Intervals:
    z = np.zeros(0, dtype=np.int64)
    return Intervals(z, z.copy(), z.copy())


def fractional_days(y: np.ndarray) -> np.ndarray:
    """Occupied days per slot and month (slot, month) for the series y (month,)."""
    n_slots = int(np.ceil(y.max() - 1e-9)) if len(y) and y.max() > 0 else 0
    k = np.arange(n_slots)[:, None]
    fraction = np.clip(y[None, :] - k, 0.0, 1.0)
    return np.rint(fraction * MONTH_DAYS[None, :]).astype(np.int64)


def integer_counts(y: np.ndarray) -> np.ndarray:
    """Whole persons per month whose yearly means match y's to within 1/24.

    Rounds each month, then adds or removes one person in the months closest to rounding
    the other way until the year's sum of rounding errors is below ½, so that few slots
    switch on and off.
    """
    counts = np.rint(y).astype(np.int64)
    years = len(y) // MONTHS_PER_YEAR
    for i in range(years):
        sl = slice(i * MONTHS_PER_YEAR, (i + 1) * MONTHS_PER_YEAR)
        residual = y[sl] - counts[sl]
        missing = int(np.rint(residual.sum()))
        order = np.argsort(-residual, kind="stable")
        if missing > 0:
            counts[sl][order[:missing]] += 1
        elif missing < 0:
            counts[sl][order[missing:]] -= 1
    return np.clip(counts, 0, None)


def full_days(counts: np.ndarray) -> np.ndarray:
    """Occupied days per slot and month for whole persons per month (full months)."""
    n_slots = int(counts.max()) if len(counts) else 0
    k = np.arange(n_slots)[:, None]
    return np.where(k < counts[None, :], MONTH_DAYS[None, :], 0).astype(np.int64)


def runs(days: np.ndarray) -> Intervals:
    """The runs of occupied days of each slot (first `days[k, t]` days of month t).

    A run continues into the next month only when the month is fully occupied.
    """
    if days.size == 0:
        return empty()
    occupied = days > 0
    full = days == MONTH_DAYS[None, :]
    prev_full = np.zeros_like(full)
    prev_full[:, 1:] = full[:, :-1]
    next_occ = np.zeros_like(occupied)
    next_occ[:, :-1] = occupied[:, 1:]
    starts = occupied & ~prev_full
    ends = occupied & ~(full & next_occ)
    k_s, t_s = np.nonzero(starts)
    k_e, t_e = np.nonzero(ends)
    return Intervals(k_s, MONTH_START[t_s], MONTH_START[t_e] + days[k_e, t_e] - 1)


def cut(
    r: Intervals, mean_days: float, max_days: int | None, rng: np.random.Generator
) -> Intervals:
    """Cut runs into pieces of gamma-distributed duration (mean `mean_days`), then split
    pieces longer than `max_days` into equal parts."""
    if len(r) == 0:
        return r
    length = r.end - r.start + 1
    draws = np.ceil(length / mean_days * 1.5 + 3).astype(np.int64)
    owner = np.repeat(np.arange(len(r)), draws)
    scale = mean_days / DURATION_SHAPE
    duration = np.maximum(1, np.rint(rng.gamma(DURATION_SHAPE, scale, len(owner)))).astype(np.int64)
    first = np.cumsum(draws) - draws
    csum = np.cumsum(duration)
    before = np.repeat(csum[first] - duration[first], draws)
    offset = csum - before  # days of the run covered up to and including this piece
    keep = offset < length[owner]
    cut_owner = owner[keep]
    cut_day = r.start[cut_owner] + offset[keep] - 1  # a piece ends here
    start = np.concatenate([r.start, cut_day + 1])
    end = np.concatenate([cut_day, r.end])
    key_s = np.concatenate([np.arange(len(r)), cut_owner])
    key_e = np.concatenate([cut_owner, np.arange(len(r))])
    order_s = np.lexsort((start, key_s))
    order_e = np.lexsort((end, key_e))
    slot = r.slot[key_s[order_s]]
    pieces = Intervals(slot, start[order_s], end[order_e])
    return split_long(pieces, max_days) if max_days else pieces


def split_long(p: Intervals, max_days: int) -> Intervals:
    """Split every interval longer than max_days into equal consecutive parts."""
    length = p.end - p.start + 1
    parts = np.maximum(1, -(-length // max_days))
    owner = np.repeat(np.arange(len(p)), parts)
    index = np.arange(len(owner)) - np.repeat(np.cumsum(parts) - parts, parts)
    start = p.start[owner] + (length[owner] * index) // parts[owner]
    end = p.start[owner] + (length[owner] * (index + 1)) // parts[owner] - 1
    return Intervals(p.slot[owner], start, end)


def daily_count(start: np.ndarray, end: np.ndarray, n_days: int) -> np.ndarray:
    """Number of intervals covering each grid day 0..n_days−1 (intervals may stick out)."""
    s = np.clip(start, 0, n_days)
    e = np.clip(end + 1, 0, n_days)
    keep = s < e
    diff = np.zeros(n_days + 1, dtype=np.int64)
    np.add.at(diff, s[keep], 1)
    np.add.at(diff, e[keep], -1)
    return np.cumsum(diff[:-1])
