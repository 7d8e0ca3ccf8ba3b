"""Generation of the synthetic population, one (municipality, leaf group) at a time.

Non-gross-unemployed leaves: the monthly target y_t is realised by slots (see
`jobtal.synth.slots`) whose runs are cut into spells of a leaf-specific mean duration.

Gross-unemployed leaves (long-term unemployment, definition 3): the long-term target L_t is
realised in whole persons by *long-term stretches* [a, b]; the person holding a stretch has
one benefit spell [a − 291, b] of the same leaf, so day a is the first day with 292 of 364
qualifying days (≥ 80 %). The 291 lead-in days count as ordinary full-time persons of the
leaf, so the rest y_t − L_t − lead-in_t is filled with *filler* spells of at most 290 days,
which can never become long-term. No person ever moves into a gross-unemployed leaf (see
`jobtal.synth.persons`), so no other spell adds qualifying days.

Every (municipality, leaf) has its own random stream, so Gentofte's population does not
depend on which other municipalities are generated or on their scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from jobtal.synth import activation as act
from jobtal.synth import slots
from jobtal.synth.calendar import N_DAYS, monthly_from_daily
from jobtal.synth.targets import COMPANY, GROSS, LEAVES, MonthlyTargets

LEAD_IN_DAYS = 291  # day a − 291 .. a: 292 qualifying days, the first ≥ 0.8 × 364
FILLER_MAX_DAYS = 290  # a filler spell never reaches 292 qualifying days
HISTORY_MAX_DAYS = 4000  # spells running at the grid start began at most this long before

# Mean duration in days of an ordinary (or filler) spell per leaf.
MEAN_DAYS: dict[str, float] = {
    "dagpenge": 110,
    "kh_jobparat": 150,
    "kh_aktivitetsparat": 900,
    "shy_jobparat": 150,
    "shy_aktivitetsparat": 700,
    "shy_aabenlyst_uddannelsesparat": 200,
    "shy_uddannelsesparat": 300,
    "shy_oevrige": 400,
    "revalidering": 500,
    "forrevalidering": 200,
    "sygedagpenge": 90,
    "seniorpension": 3000,
    "foertidspension": 6000,
    "fleksjob": 1800,
    "ledighedsydelse": 150,
    "ressourceforloeb": 600,
    "jobafklaringsforloeb": 300,
    "uddh_aabenlyst_uddannelsesparat": 120,
    "uddh_uddannelsesparat": 200,
    "uddh_aktivitetsparat": 500,
}
# Mean and maximum duration in days of a long-term stretch (after its 291 lead-in days);
# dagpenge runs out after two years.
LONG_TERM_DAYS: dict[str, tuple[float, int | None]] = {
    "dagpenge": (330, 440),
    "kh_jobparat": (700, None),
    "shy_jobparat": (600, None),
    "uddh_aabenlyst_uddannelsesparat": (400, None),
}


@dataclass
class Generated:
    """Benefit pieces (spells before persons are assigned) and activations of a run."""

    municipality: list[np.ndarray] = field(default_factory=list)
    leaf: list[np.ndarray] = field(default_factory=list)
    start: list[np.ndarray] = field(default_factory=list)
    end: list[np.ndarray] = field(default_factory=list)
    draw: list[np.ndarray] = field(default_factory=list)
    act_piece: list[np.ndarray] = field(default_factory=list)
    act_offer: list[np.ndarray] = field(default_factory=list)
    act_start: list[np.ndarray] = field(default_factory=list)
    act_end: list[np.ndarray] = field(default_factory=list)
    act_hours: list[np.ndarray] = field(default_factory=list)
    act_municipality: list[np.ndarray] = field(default_factory=list)
    # Full-time persons (summed over months) the construction could not place.
    shortfall: dict[tuple[int, str], float] = field(default_factory=dict)
    n_pieces: int = 0

    def add_spells(self, code: int, leaf: int, p: slots.Intervals, rng: np.random.Generator) -> int:
        """Append pieces as spells; returns the index of the first."""
        first = self.n_pieces
        self.municipality.append(np.full(len(p), code, dtype=np.int64))
        self.leaf.append(np.full(len(p), leaf, dtype=np.int64))
        self.start.append(p.start)
        self.end.append(p.end)
        self.draw.append(rng.random(len(p)))
        self.n_pieces += len(p)
        return first

    def add_activations(self, code: int, a: act.Activations, index: np.ndarray) -> None:
        """Append activations; `index` maps their piece numbers to spell indices."""
        self.act_piece.append(index[a.piece])
        self.act_offer.append(a.offer)
        self.act_start.append(a.start)
        self.act_end.append(a.end)
        self.act_hours.append(a.hours)
        self.act_municipality.append(np.full(len(a.piece), code, dtype=np.int64))


def _backdate(p: slots.Intervals, limit: np.ndarray, rng: np.random.Generator) -> slots.Intervals:
    """Let pieces that run at the grid start begin up to `limit` days earlier (history)."""
    at_start = p.start <= 0
    back = np.floor(rng.random(len(p)) * np.clip(limit, 0, HISTORY_MAX_DAYS)).astype(np.int64)
    return slots.Intervals(p.slot, np.where(at_start, p.start - back, p.start), p.end)


def _long_term(
    leaf: str, target: np.ndarray, rng: np.random.Generator
) -> tuple[slots.Intervals, np.ndarray, np.ndarray]:
    """Long-term stretches for the target, the whole persons per month they realise, and the
    full-time persons they occupy per month (stretches plus lead-in days)."""
    counts = slots.integer_counts(target)
    mean, longest = LONG_TERM_DAYS[leaf]
    stretches = slots.cut(slots.runs(slots.full_days(counts)), mean, longest, rng)
    lead_in = slots.daily_count(stretches.start - LEAD_IN_DAYS, stretches.start - 1, N_DAYS)
    return stretches, counts, counts + monthly_from_daily(lead_in)


def _fit_long_term(
    gen: Generated,
    code: int,
    leaf: str,
    y: np.ndarray,
    target: np.ndarray,
    rng: np.random.Generator,
) -> tuple[slots.Intervals, np.ndarray, np.ndarray]:
    """Long-term stretches that fit into y together with their lead-in days.

    In small groups (a small municipality, or a small `scale`) whole long-term persons and
    their 291 lead-in days can exceed y in some month; the long-term target is then lowered
    (at most RETRIES times) so that the full-time persons stay right. What could not be
    placed is recorded in `gen.shortfall` (in full-time-person months): long-term under
    "<leaf>:langtid", full-time persons over the target under "<leaf>".
    """
    wanted = target
    for _ in range(RETRIES):
        stretches, counts, used = _long_term(leaf, target, rng)
        if (used - y).max() <= 1e-6:
            break
        ratio = float((y / np.maximum(used, 1e-9)).min())
        target = target * max(0.0, 0.95 * ratio)
    lost = float(np.clip(wanted - counts, 0, None).sum())
    if lost > 0.5:
        gen.shortfall[(code, f"{leaf}:langtid")] = lost
    over = float(np.clip(used - y, 0, None).sum())
    if over > 1e-6:
        gen.shortfall[(code, leaf)] = over
    return stretches, counts, used


def _activations(
    gen: Generated,
    code: int,
    leaf: str,
    system: System,
    company: np.ndarray,
    rng: np.random.Generator,
) -> None:
    """Activation spells inside the pieces of `system`; company offers first, other offers
    only where room is left."""
    others = [
        (act.OFFER_CODES.index(offer), np.rint(rate * system.series).astype(np.int64), hours)
        for (lf, offer), (rate, hours) in act.OTHER_OFFERS.items()
        if lf == leaf
    ]
    hours, offer = act.slot_hours(company, others)
    full = system.full_slots(hours.sum(axis=0) > 0)
    if hours.shape[0] > len(full):
        hours, offer = act.slot_hours(company, [])
        full = system.full_slots(hours.sum(axis=0) > 0)
    if hours.shape[0] > len(full):
        need = np.ceil(company.max(axis=1) - 1e-9).sum()
        squeezed = company * max(len(full) - len(COMPANY), 0) / max(need, 1)
        gen.shortfall[(code, f"{leaf}:tilbud")] = float((company - squeezed).sum())
        hours, offer = act.slot_hours(squeezed, [])
    placed = act.place(hours, offer, system.pieces, full, rng)
    gen.add_activations(code, placed, system.index)


@dataclass(frozen=True)
class System:
    """Benefit pieces that can carry activation: their intervals (slots numbered so that
    different slot systems never clash), their global spell index, and per slot system the
    number of whole persons per month (slots k < that number are fully occupied)."""

    pieces: slots.Intervals
    index: np.ndarray
    whole: list[tuple[int, np.ndarray]]  # (first slot id, whole persons per month)
    series: np.ndarray

    def full_slots(self, months: np.ndarray) -> np.ndarray:
        """Slot ids fully occupied in all the given months."""
        if not months.any():
            return np.zeros(0, dtype=np.int64)
        return np.concatenate([base + np.arange(int(w[months].min())) for base, w in self.whole])


LONG_TERM_SLOTS = 1 << 20  # slot ids of long-term stretches start here
RETRIES = 4


def _whole(series: np.ndarray) -> np.ndarray:
    """Whole persons per month: slots below this are occupied every day of the month."""
    return np.floor(series + 1e-9).astype(np.int64)


def _gross_leaf(
    gen: Generated, targets: MonthlyTargets, leaf_index: int, rng: np.random.Generator
) -> System:
    """Long-term stretches (with lead-in) and fillers of at most 290 days."""
    leaf, code, y = LEAVES[leaf_index], targets.code, targets.ftp[leaf_index]
    stretches, counts, used = _fit_long_term(gen, code, leaf, y, targets.long_term[leaf_index], rng)
    series = np.clip(y - used, 0, None)
    spells = slots.Intervals(stretches.slot, stretches.start - LEAD_IN_DAYS, stretches.end)
    first_ltu = gen.add_spells(code, leaf_index, spells, rng)
    runs = slots.runs(slots.fractional_days(series))
    pieces = slots.cut(runs, MEAN_DAYS[leaf], FILLER_MAX_DAYS, rng)
    pieces = _backdate(pieces, FILLER_MAX_DAYS - (pieces.end - pieces.start + 1), rng)
    first = gen.add_spells(code, leaf_index, pieces, rng)
    # Activation may lie on fillers and on long-term stretches (not on lead-in days, which
    # are not part of the stretch slots); both are gross-unemployed days already.
    return System(
        slots.Intervals(
            np.concatenate([pieces.slot, stretches.slot + LONG_TERM_SLOTS]),
            np.concatenate([pieces.start, stretches.start]),
            np.concatenate([pieces.end, stretches.end]),
        ),
        np.concatenate([first + np.arange(len(pieces)), first_ltu + np.arange(len(stretches))]),
        [(0, _whole(series)), (LONG_TERM_SLOTS, counts)],
        series,
    )


def _plain_leaf(
    gen: Generated, targets: MonthlyTargets, leaf_index: int, rng: np.random.Generator
) -> System:
    """Spells of a leaf outside the gross unemployed: slots cut at the leaf's mean duration;
    spells running at the grid start began up to one mean duration earlier."""
    leaf, code, y = LEAVES[leaf_index], targets.code, targets.ftp[leaf_index]
    pieces = slots.cut(slots.runs(slots.fractional_days(y)), MEAN_DAYS[leaf], None, rng)
    pieces = _backdate(pieces, np.full(len(pieces), int(MEAN_DAYS[leaf])), rng)
    first = gen.add_spells(code, leaf_index, pieces, rng)
    return System(pieces, first + np.arange(len(pieces)), [(0, _whole(y))], y)


def generate_leaf(gen: Generated, targets: MonthlyTargets, leaf_index: int, seed: int) -> None:
    """Spells and activations of one leaf group in one municipality."""
    leaf = LEAVES[leaf_index]
    rng = np.random.default_rng([seed, targets.code, leaf_index])
    build = _gross_leaf if leaf in GROSS else _plain_leaf
    system = build(gen, targets, leaf_index, rng)
    _activations(gen, targets.code, leaf, system, targets.offers[leaf_index], rng)


def generate_municipality(gen: Generated, targets: MonthlyTargets, seed: int) -> None:
    """Spells and activations of all leaf groups of one municipality."""
    for leaf_index in range(len(LEAVES)):
        generate_leaf(gen, targets, leaf_index, seed)
