"""Shared, session-scoped synthetic populations (generation is the slow part of the tests)."""

from __future__ import annotations

import pandas as pd
import pytest

from jobtal.synth import Population, activations_table, build_population, spells_table

from . import reference as ref

GENTOFTE = 157
SMALL_SCALE = 0.03


@pytest.fixture(scope="session")
def gentofte() -> Population:
    return build_population(municipalities=[GENTOFTE])


@pytest.fixture(scope="session")
def gentofte_frames(gentofte: Population) -> tuple[pd.DataFrame, pd.DataFrame]:
    return ref.frames(spells_table(gentofte), activations_table(gentofte))


@pytest.fixture(scope="session")
def country() -> Population:
    """All 98 municipalities, the 97 others at a small scale."""
    return build_population(scale=SMALL_SCALE)


@pytest.fixture(scope="session")
def country_frames(country: Population) -> tuple[pd.DataFrame, pd.DataFrame]:
    return ref.frames(spells_table(country), activations_table(country))
