"""One municipality's part of the synthetic population as day arrays, for the report inputs.

Days count from 1 January 2018 (day 0) as in `jobtal.synth.calendar`; a spell whose end is on
or after LAST_DAY is open (written without end) and is treated as ending on LAST_DAY. The
named groups are those of docs/figures.md (`jobtal.measures.groups`), as leaf indices of
`jobtal.synth.targets.LEAVES`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from jobtal.published.tables import ReportCell, report_table
from jobtal.synth.calendar import EPOCH_OFFSET, GRID_START, LAST_DAY
from jobtal.synth.persons import person_ids
from jobtal.synth.population import Population
from jobtal.synth.targets import LEAF_INDEX, REPORT

__all__ = ["REPORT", "Local", "cells", "day", "leaf_mask", "local", "to_dates"]


def day(year: int, month: int = 1, dom: int = 1) -> int:
    """The day number of a calendar date."""
    return (date(year, month, dom) - GRID_START).days


def month_bounds(year: int, month: int) -> tuple[int, int]:
    """First and last day number of a calendar month."""
    first = day(year, month)
    following = day(year + month // 12, month % 12 + 1)
    return first, following - 1


def to_dates(days: np.ndarray, open_: np.ndarray | None = None) -> pa.Array:
    """Day numbers as Arrow dates; `open_` marks values written empty."""
    values = (np.asarray(days, dtype=np.int64) + EPOCH_OFFSET).astype(np.int32)
    return pa.array(values, type=pa.int32(), mask=open_).cast(pa.date32())


def leaf_mask(leaf: np.ndarray, codes: Iterable[str]) -> np.ndarray:
    """Which entries of `leaf` (indices into LEAVES) are one of the leaf codes."""
    return np.isin(leaf, [LEAF_INDEX[code] for code in codes])


def cells(table: str) -> dict[tuple[str, str], float]:
    """The published cells of a report table as {(row, column): value} (printed cells only)."""
    found: list[ReportCell] = report_table(REPORT, table)
    return {(c["row"], c["column"]): c["value"] for c in found if c["value"] is not None}


@dataclass(frozen=True)
class Local:
    """The spells and activations of one municipality's persons.

    Spells are sorted by (person, start); `end` is capped at LAST_DAY and `open_` says which
    spells are open. Activations are those of the same persons.
    """

    code: int
    person: np.ndarray
    leaf: np.ndarray
    start: np.ndarray
    end: np.ndarray
    open_: np.ndarray
    act_index: np.ndarray  # indices into the population's activation arrays
    id_width_max: int  # the largest person number of the population (fixes the id width)

    def ids(self, number: np.ndarray) -> pa.Array:
        """Person ids exactly as `jobtal.synth.population` writes them."""
        padded = np.append(np.asarray(number, dtype=np.int64), self.id_width_max)
        return pa.array(person_ids(padded)[:-1], type=pa.binary()).cast(pa.string())

    def in_groups(self, codes: Iterable[str]) -> np.ndarray:
        return leaf_mask(self.leaf, codes)


def local(population: Population, municipality: int) -> Local:
    """The municipality's persons: every spell of a person with a spell in the municipality."""
    persons = np.unique(population.person[population.municipality == municipality])
    keep = np.isin(population.person, persons)
    order = np.lexsort((population.start[keep], population.person[keep]))
    person = population.person[keep][order]
    end = population.end[keep][order]
    acts = np.flatnonzero(np.isin(population.act_person, persons))
    return Local(
        code=municipality,
        person=person,
        leaf=population.leaf[keep][order],
        start=population.start[keep][order],
        end=np.minimum(end, LAST_DAY),
        open_=end >= LAST_DAY,
        act_index=acts,
        id_width_max=max(int(population.person.max()) if population.n_spells else 0, 0),
    )
