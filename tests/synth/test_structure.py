"""Structure of the generated population: determinism, no overlaps, pseudonymous ids,
realistic spells and transitions, the Parquet contract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from jobtal.domain.target_groups import OFFERS, leaf_group
from jobtal.synth import Population, build_population, write_parquet
from jobtal.synth.calendar import LAST_DAY

from .conftest import GENTOFTE

SPELL_COLUMNS = ["person_id", "municipality", "benefit", "category", "start", "end"]
ACTIVATION_COLUMNS = ["person_id", "offer", "start", "end", "hours_per_week", "cvr"]


def test_same_seed_gives_identical_files(tmp_path: Path, gentofte: Population) -> None:
    first = write_parquet(gentofte, tmp_path / "a")
    second = write_parquet(build_population(municipalities=[GENTOFTE]), tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    other = build_population(seed=7, municipalities=[GENTOFTE])
    assert not np.array_equal(other.start[:1000], gentofte.start[:1000])


def test_files_follow_the_import_contract(tmp_path: Path, gentofte: Population) -> None:
    spells_path, activations_path = write_parquet(gentofte, tmp_path)
    spells = pq.read_table(spells_path)
    activations = pq.read_table(activations_path)
    assert spells.column_names == SPELL_COLUMNS
    assert activations.column_names == ACTIVATION_COLUMNS
    s = spells.to_pandas()
    pairs = set(zip(s["benefit"], s["category"], strict=True))
    assert all(leaf_group(b, c) for b, c in pairs)
    assert set(activations.column("offer").to_pylist()) <= set(OFFERS)
    assert s["end"].isna().any(), "spells still running at the end of 2022 are open"
    assert (s.loc[s["end"].notna(), "end"] >= s.loc[s["end"].notna(), "start"]).all()


def test_ids_are_pseudonymous_and_cvr_has_8_digits(
    gentofte_frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    spells, activations = gentofte_frames
    ids = pd.concat([spells["person_id"], activations["person_id"]])
    assert ids.str.fullmatch(r"P\d{7}").all()
    assert not ids.str.contains(r"\d{10}|\d{6}-\d{4}").any(), "CPR-like id"
    company = activations["offer"].isin(["loentilskud", "virksomhedspraktik"])
    assert activations.loc[company, "cvr"].str.fullmatch(r"[1-9]\d{7}").all()
    assert activations.loc[~company, "cvr"].isna().all()


def _overlapping(frame: pd.DataFrame) -> int:
    f = frame.sort_values(["person_id", "s"])
    same = f["person_id"].to_numpy()[1:] == f["person_id"].to_numpy()[:-1]
    return int((same & (f["s"].to_numpy()[1:] <= f["e"].to_numpy()[:-1])).sum())


def test_spells_and_activations_of_a_person_never_overlap(
    gentofte_frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    spells, activations = gentofte_frames
    assert _overlapping(spells) == 0
    assert _overlapping(activations) == 0


def test_every_activation_lies_inside_a_benefit_spell(
    gentofte_frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    spells, activations = gentofte_frames
    a = activations.reset_index(names="a")
    both = a.merge(spells, on="person_id", suffixes=("", "_spell"))
    inside = both[(both["s"] >= both["s_spell"]) & (both["e"] <= both["e_spell"])]
    assert inside["a"].nunique() == len(activations)


def test_spells_look_real(gentofte_frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    spells, activations = gentofte_frames
    length = spells["e"] - spells["s"] + 1
    mean = length.groupby(spells["leaf"]).mean()
    assert mean["foertidspension"] > 3 * 365
    assert 30 < mean["sygedagpenge"] < 180
    closed = spells["e"] < LAST_DAY
    assert length[closed & (spells["leaf"] == "dagpenge")].max() <= 291 + 440
    f = spells.sort_values(["person_id", "s"])
    same = f["person_id"].to_numpy()[1:] == f["person_id"].to_numpy()[:-1]
    leaves = f["leaf"].to_numpy()
    steps = pd.Series(list(zip(leaves[:-1][same], leaves[1:][same], strict=True)))
    counts = steps.value_counts()
    for step in [
        ("sygedagpenge", "jobafklaringsforloeb"),
        ("jobafklaringsforloeb", "ressourceforloeb"),
        ("dagpenge", "sygedagpenge"),
        ("dagpenge", "dagpenge"),
    ]:
        assert counts.get(step, 0) > 0, step
    months = (activations["e"] - activations["s"] + 1) / 30.4
    assert 1 <= months.mean() <= 12
    assert spells["person_id"].nunique() < len(spells)


def test_gentofte_does_not_depend_on_the_other_municipalities(
    gentofte: Population, country: Population
) -> None:
    def key(p: Population) -> np.ndarray:
        g = p.municipality == GENTOFTE
        return np.sort(p.leaf[g] * 10**8 + (p.start[g] + 10**4) * 10**4 + p.end[g] - p.start[g])

    assert np.array_equal(key(gentofte), key(country))


def test_full_population_size_is_realistic(country: Population) -> None:
    # At scale 0.03 the 97 other municipalities hold ~3 % of the country; the full run holds
    # well over one million persons.
    others = country.municipality != GENTOFTE
    persons = np.unique(country.person[others]).size
    assert persons / 0.03 > 1_000_000
