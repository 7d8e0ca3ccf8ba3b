"""The synthetic population as tables, and its Parquet files (the importers' input format).

spells.parquet       person_id, municipality (int16 code), benefit, category, start, end
                     (date32; end null while the spell is open at 31 December 2022)
activations.parquet  person_id, offer, start, end (date32), hours_per_week, cvr (8 digits,
                     company-directed offers only)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from jobtal.domain.target_groups import COMPANY_OFFERS, LEAF_BY_CODE
from jobtal.synth import activation as act
from jobtal.synth.calendar import EPOCH_OFFSET, LAST_DAY
from jobtal.synth.generate import Generated, generate_municipality
from jobtal.synth.persons import link, person_ids, persons
from jobtal.synth.targets import GENTOFTE, LEAVES, monthly_targets

DEFAULT_SEED = 2023
CVR_LOW, CVR_HIGH = 10_000_000, 99_999_999


@dataclass(frozen=True)
class Population:
    """Spells and activations as columns; days count from 1 January 2018 (day 0)."""

    person: np.ndarray
    municipality: np.ndarray
    leaf: np.ndarray  # index into jobtal.synth.targets.LEAVES
    start: np.ndarray
    end: np.ndarray  # LAST_DAY and beyond = open
    act_person: np.ndarray
    act_offer: np.ndarray  # index into jobtal.synth.activation.OFFER_CODES
    act_start: np.ndarray
    act_end: np.ndarray
    act_hours: np.ndarray
    act_cvr: np.ndarray  # −1 = none
    n_persons: int
    shortfall: dict[tuple[int, str], float]

    @property
    def n_spells(self) -> int:
        return len(self.person)

    @property
    def n_activations(self) -> int:
        return len(self.act_person)


def _cat(parts: list[np.ndarray], dtype: type = np.int64) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


def build_population(
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    municipalities: Iterable[int] | None = None,
) -> Population:
    """Generate the population.

    `scale` is the size of the municipalities other than Gentofte as a fraction of their
    calibrated size (Gentofte is always full size); `municipalities` limits the run to these
    codes (default all 98). The same seed gives the same population.
    """
    targets = monthly_targets(seed, scale)
    codes = sorted(targets) if municipalities is None else sorted(set(municipalities))
    gen = Generated()
    for code in codes:
        generate_municipality(gen, targets[code], seed)
    return _assemble(gen, seed)


def _assemble(gen: Generated, seed: int) -> Population:
    municipality, leaf = _cat(gen.municipality), _cat(gen.leaf)
    start, end, draw = _cat(gen.start), _cat(gen.end), _cat(gen.draw, float)
    number, n_persons = persons(link(municipality, leaf, start, end, draw), seed)
    act_piece, act_offer = _cat(gen.act_piece), _cat(gen.act_offer)
    rng = np.random.default_rng([seed, 5])
    return Population(
        person=number,
        municipality=municipality,
        leaf=leaf,
        start=start,
        end=end,
        act_person=number[act_piece],
        act_offer=act_offer,
        act_start=_cat(gen.act_start),
        act_end=_cat(gen.act_end),
        act_hours=_cat(gen.act_hours, float),
        act_cvr=_cvr(_cat(gen.act_municipality), act_offer, rng),
        n_persons=n_persons,
        shortfall=dict(gen.shortfall),
    )


def _cvr(municipality: np.ndarray, offer: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A company (CVR number) per company-directed activation, from a pool of companies per
    municipality (a company takes several persons over the years)."""
    company = np.isin(offer, [act.OFFER_CODES.index(o) for o in COMPANY_OFFERS])
    codes, local = np.unique(municipality, return_inverse=True)
    pool_size = 200
    pool = rng.integers(CVR_LOW, CVR_HIGH, size=(len(codes), pool_size))
    pick = rng.integers(0, pool_size, size=len(offer))
    return np.where(company, pool[local, pick], -1) if len(offer) else np.zeros(0, np.int64)


def _dates(days: np.ndarray, open_: np.ndarray | None = None) -> pa.Array:
    values = (days + EPOCH_OFFSET).astype(np.int32)
    return pa.array(values, type=pa.int32(), mask=open_).cast(pa.date32())


def _strings(index: np.ndarray, labels: list[str]) -> pa.Array:
    return pa.array(labels, type=pa.string()).take(pa.array(index, type=pa.int64()))


def _ids(number: np.ndarray) -> pa.Array:
    return pa.array(person_ids(number), type=pa.binary()).cast(pa.string())


def spells_table(pop: Population) -> pa.Table:
    """The benefit spells in the importers' input format."""
    leaves = [LEAF_BY_CODE[code] for code in LEAVES]
    return pa.table(
        {
            "person_id": _ids(pop.person),
            "municipality": pa.array(pop.municipality.astype(np.int16)),
            "benefit": _strings(pop.leaf, [g.benefit for g in leaves]),
            "category": _strings(pop.leaf, [g.category for g in leaves]),
            "start": _dates(pop.start),
            "end": _dates(pop.end, pop.end >= LAST_DAY),
        }
    )


def activations_table(pop: Population) -> pa.Table:
    """The activation spells in the importers' input format."""
    cvr = pa.array(pop.act_cvr.astype(str), type=pa.string(), mask=pop.act_cvr < 0)
    return pa.table(
        {
            "person_id": _ids(pop.act_person),
            "offer": _strings(pop.act_offer, list(act.OFFER_CODES)),
            "start": _dates(pop.act_start),
            "end": _dates(pop.act_end),
            "hours_per_week": pa.array(pop.act_hours, type=pa.float64()),
            "cvr": cvr,
        }
    )


def write_parquet(pop: Population, directory: str | Path) -> tuple[Path, Path]:
    """Write spells.parquet and activations.parquet into `directory`; returns their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    spells, activations = directory / "spells.parquet", directory / "activations.parquet"
    pq.write_table(spells_table(pop), spells)
    pq.write_table(activations_table(pop), activations)
    return spells, activations


def gentofte_only(seed: int = DEFAULT_SEED) -> Population:
    """Gentofte's population alone (fast; identical to Gentofte's part of the full run)."""
    return build_population(seed, municipalities=[GENTOFTE])
