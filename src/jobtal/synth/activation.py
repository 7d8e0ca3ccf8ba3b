"""Activation spells placed inside benefit spells by an injective slot mapping.

Definitions: an *activation slot* is active in a month with some weekly hours. Company offer
o with target a_t full-time activated (definition 4) has n_t slots at 37 hours, whole persons
whose yearly mean equals that of a_t to within 1/24 (`slots.integer_counts`); whole persons
rather than a fractional person at reduced hours, so that months merge into activation spells
of realistic length. Other offers have round(rate·y_t) slots at fixed hours.

Each activation slot is mapped, per *episode* (a run of months between random boundaries),
to a benefit slot that is fully occupied in every month (k < min ⌊y_t⌋). The map
b = π((j + g·J) mod J·R), with J activation slots, R = ⌊K/J⌋, g the slot's episode number
and π a random permutation of the K full benefit slots, is injective within every month, so
no benefit slot (and no person) carries two activations at once, and løntilskud and
virksomhedspraktik are always on different persons at any time. The activation days of a
month then lie on the pieces (persons) of that benefit slot, which tile the month; consecutive
months on one piece merge into one activation spell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jobtal.synth.calendar import MONTH_DAYS, MONTH_START
from jobtal.synth.slots import Intervals, integer_counts

FULL_TIME_HOURS = 37.0
# Offers of the activation spells, in the order of their code in the generated arrays.
OFFER_CODES: tuple[str, ...] = (
    "loentilskud",
    "virksomhedspraktik",
    "opkvalificering",
    "ordinaer_uddannelse",
    "mentor",
)
# Mean length in months of an activation episode on one benefit slot.
EPISODE_MONTHS: dict[str, float] = {
    "loentilskud": 8.0,
    "virksomhedspraktik": 3.0,
    "opkvalificering": 2.0,
    "ordinaer_uddannelse": 6.0,
    "mentor": 4.0,
}
# Non-company offers: (leaf, offer) → (share of the group's full-time persons, weekly hours).
# They do not enter the company-offer figures. Inside gross-unemployed spells they add no
# qualifying days for long-term unemployment (those days qualify already), and no person
# moves from another group into a gross-unemployed group, so they never create any.
OTHER_OFFERS: dict[tuple[str, str], tuple[float, float]] = {
    ("dagpenge", "opkvalificering"): (0.03, 30.0),
    ("kh_jobparat", "opkvalificering"): (0.03, 25.0),
    ("kh_aktivitetsparat", "opkvalificering"): (0.03, 20.0),
    ("kh_aktivitetsparat", "mentor"): (0.04, 5.0),
    ("uddh_uddannelsesparat", "ordinaer_uddannelse"): (0.05, 30.0),
    ("uddh_aktivitetsparat", "mentor"): (0.05, 5.0),
    ("ressourceforloeb", "mentor"): (0.10, 5.0),
    ("jobafklaringsforloeb", "mentor"): (0.05, 5.0),
    ("shy_aktivitetsparat", "opkvalificering"): (0.04, 20.0),
}


@dataclass(frozen=True)
class Activations:
    """Activation spells: the index of the benefit piece they lie in, offer code, days,
    weekly hours."""

    piece: np.ndarray
    offer: np.ndarray
    start: np.ndarray
    end: np.ndarray
    hours: np.ndarray


def empty() -> Activations:
    z = np.zeros(0, dtype=np.int64)
    return Activations(z, z.copy(), z.copy(), z.copy(), np.zeros(0))


def slot_hours(
    company: np.ndarray, others: list[tuple[int, np.ndarray, float]]
) -> tuple[np.ndarray, np.ndarray]:
    """Hours per activation slot and month (slot, month), 0 = inactive, and each slot's offer.

    `company` is (2, month) full-time activated per company offer; `others` lists
    (offer code, whole persons per month, hours).
    """
    blocks: list[np.ndarray] = []
    offers: list[np.ndarray] = []
    persons = [(code, integer_counts(a), FULL_TIME_HOURS) for code, a in enumerate(company)]
    for code, counts, h in [*persons, *others]:
        n = int(counts.max()) if len(counts) else 0
        blocks.append(np.where(np.arange(n)[:, None] < counts, h, 0.0))
        offers.append(np.full(n, code))
    return np.vstack(blocks), np.concatenate(offers)


def place(
    hours: np.ndarray,
    offer: np.ndarray,
    pieces: Intervals,
    full: np.ndarray,
    rng: np.random.Generator,
) -> Activations:
    """Place activation slots on the benefit slots `full` of `pieces`, which are fully
    occupied in every month with activation."""
    n_slots, capacity = hours.shape[0], len(full)
    if n_slots == 0 or capacity < n_slots:
        return empty()
    rounds = capacity // n_slots
    p = 1.0 / np.array([EPISODE_MONTHS[OFFER_CODES[o]] for o in offer])
    boundary = rng.random(hours.shape) < p[:, None]
    boundary[:, 0] = False
    episode = np.cumsum(boundary, axis=1)
    perm = rng.permutation(full)
    slot_j = np.arange(n_slots)[:, None]
    target = perm[(slot_j + episode * n_slots) % (n_slots * rounds)]
    j, t = np.nonzero(hours > 0)
    b, h = target[j, t], hours[j, t]
    cont = np.zeros(len(j), dtype=bool)
    cont[1:] = (j[1:] == j[:-1]) & (t[1:] == t[:-1] + 1) & (b[1:] == b[:-1]) & (h[1:] == h[:-1])
    first = np.flatnonzero(~cont)
    last = np.append(first[1:] - 1, len(j) - 1)
    u = MONTH_START[t[first]]
    v = MONTH_START[t[last]] + MONTH_DAYS[t[last]] - 1
    return _on_pieces(pieces, b[first], u, v, offer[j[first]], h[first])


def _on_pieces(
    pieces: Intervals,
    slot: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    offer: np.ndarray,
    hours: np.ndarray,
) -> Activations:
    """Cut activation intervals [u, v] on benefit slots at the piece boundaries."""
    big = np.int64(1 << 24)
    shift = 1 << 12  # days may be negative (history) down to −4096
    keys = pieces.slot * big + pieces.start + shift
    i0 = np.searchsorted(keys, slot * big + u + shift, side="right") - 1
    i1 = np.searchsorted(keys, slot * big + v + shift, side="right") - 1
    count = i1 - i0 + 1
    owner = np.repeat(np.arange(len(u)), count)
    piece = (
        np.repeat(i0, count) + np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
    )
    start = np.maximum(u[owner], pieces.start[piece])
    end = np.minimum(v[owner], pieces.end[piece])
    return Activations(piece, offer[owner], start, end, hours[owner])
