"""Persons: linking spells by transitions between target groups, and person ids.

A transition links the end of a spell of leaf g to the start of a spell of leaf h in the same
municipality that starts in the week after the week of the end (1–13 days later), or for
recurrences some weeks later. Each spell gets at most one predecessor and one successor, so a
person's spells form a chain in time and never overlap. No transition leads from a
non-gross-unemployed leaf into a gross-unemployed one: the days before (activation in
particular) would count towards the 80 % rule and create long-term unemployment that the
construction did not plan; between gross-unemployed spells there is a long gap (below).
"""

from __future__ import annotations

import numpy as np

from jobtal.synth.calendar import LAST_DAY
from jobtal.synth.targets import GROSS, LEAF_INDEX

WEEK = 7
# Between two gross-unemployed spells of one person lie at least 11 whole weeks, so ≥ 78 days.
# Any 364-day window with ≥ 292 qualifying days would have to hold two spells (a filler has at
# most 290 days; a long-term stretch is preceded by exactly 291 lead-in days) and so a whole
# gap: at most 364 − 78 = 286 qualifying days. Hence recurrences create no long-term
# unemployment beyond the planned stretches.
GROSS_GAP_WEEKS = 11
FIRST_LINKABLE_START = WEEK  # spells starting at the grid start may have begun earlier

# (from leaf, to leaf, share of the ends of `from` spells that look for a successor, least
# and most whole weeks between the week of the end and the week of the start).
TRANSITIONS: tuple[tuple[str, str, float, int, int], ...] = (
    ("sygedagpenge", "jobafklaringsforloeb", 0.06, 0, 0),
    ("sygedagpenge", "foertidspension", 0.01, 0, 0),
    ("jobafklaringsforloeb", "ressourceforloeb", 0.35, 0, 0),
    ("jobafklaringsforloeb", "foertidspension", 0.15, 0, 0),
    ("jobafklaringsforloeb", "fleksjob", 0.15, 0, 0),
    ("ressourceforloeb", "fleksjob", 0.3, 0, 0),
    ("ressourceforloeb", "foertidspension", 0.3, 0, 0),
    ("kh_aktivitetsparat", "ressourceforloeb", 0.15, 0, 0),
    ("kh_jobparat", "kh_aktivitetsparat", 0.15, 0, 0),
    ("shy_jobparat", "shy_aktivitetsparat", 0.1, 0, 0),
    ("uddh_aktivitetsparat", "kh_aktivitetsparat", 0.1, 0, 0),
    ("uddh_aabenlyst_uddannelsesparat", "uddh_uddannelsesparat", 0.1, 0, 0),
    ("forrevalidering", "revalidering", 0.4, 0, 0),
    ("revalidering", "fleksjob", 0.3, 0, 0),
    ("ledighedsydelse", "fleksjob", 0.6, 0, 0),
    ("fleksjob", "ledighedsydelse", 0.3, 0, 0),
    ("dagpenge", "sygedagpenge", 0.05, 0, 0),
    # Recurrences: the same person comes back after a while.
    ("sygedagpenge", "sygedagpenge", 0.55, 4, 100),
    ("kh_aktivitetsparat", "kh_aktivitetsparat", 0.2, 4, 60),
    ("uddh_uddannelsesparat", "uddh_uddannelsesparat", 0.2, 4, 60),
    ("dagpenge", "dagpenge", 0.6, GROSS_GAP_WEEKS, 100),
    ("kh_jobparat", "kh_jobparat", 0.5, GROSS_GAP_WEEKS, 80),
    ("dagpenge", "kh_jobparat", 0.05, GROSS_GAP_WEEKS, 60),
    ("shy_jobparat", "shy_jobparat", 0.2, GROSS_GAP_WEEKS, 60),
    (
        "uddh_aabenlyst_uddannelsesparat",
        "uddh_aabenlyst_uddannelsesparat",
        0.2,
        GROSS_GAP_WEEKS,
        60,
    ),
)


def _ranked_keys(key: np.ndarray, tiebreak: np.ndarray) -> np.ndarray:
    """Key combined with the rank of each element among those with the same key."""
    order = np.lexsort((tiebreak, key))
    sorted_key = key[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = sorted_key[1:] != sorted_key[:-1]
    first = np.maximum.accumulate(np.where(new, np.arange(len(order)), 0))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - first
    return key * (1 << 24) + rank


def link(
    municipality: np.ndarray,
    leaf: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    draw: np.ndarray,
) -> np.ndarray:
    """The predecessor of every spell (−1 = none), by the transitions above."""
    pred = np.full(len(leaf), -1, dtype=np.int64)
    has_next = np.zeros(len(leaf), dtype=bool)
    closed = end < LAST_DAY - 2 * WEEK
    for source, target, share, least, most in TRANSITIONS:
        assert target not in GROSS or (source in GROSS and least >= GROSS_GAP_WEEKS)
        ends = np.flatnonzero((leaf == LEAF_INDEX[source]) & closed & ~has_next & (draw < share))
        starts = np.flatnonzero(
            (leaf == LEAF_INDEX[target]) & (pred < 0) & (start >= FIRST_LINKABLE_START)
        )
        gap = least + (draw[ends] / share * (most - least + 1)).astype(np.int64)
        key_e = municipality[ends] * 10_000 + end[ends] // WEEK + 1 + gap
        key_s = municipality[starts] * 10_000 + start[starts] // WEEK
        _, ie, i_s = np.intersect1d(
            _ranked_keys(key_e, draw[ends]),
            _ranked_keys(key_s, draw[starts]),
            assume_unique=True,
            return_indices=True,
        )
        pred[starts[i_s]] = ends[ie]
        has_next[ends[ie]] = True
    return pred


def persons(pred: np.ndarray, seed: int) -> tuple[np.ndarray, int]:
    """Person number (0-based, shuffled) of every spell, and the number of persons."""
    root = np.where(pred >= 0, pred, np.arange(len(pred)))
    while True:
        nxt = root[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    heads, number = np.unique(root, return_inverse=True)
    shuffle = np.random.default_rng([seed, 3]).permutation(len(heads))
    return shuffle[number], len(heads)


def person_ids(number: np.ndarray) -> np.ndarray:
    """Pseudonymous ids "P0000001" (1-based; more digits beyond 9,999,999)."""
    value = number + 1
    width = max(7, len(str(int(value.max())))) if len(value) else 7
    digits = (value[:, None] // 10 ** np.arange(width - 1, -1, -1)) % 10
    chars = np.empty((len(value), width + 1), dtype=np.uint8)
    chars[:, 0] = ord("P")
    chars[:, 1:] = digits + ord("0")
    return chars.view(f"S{width + 1}").ravel()
