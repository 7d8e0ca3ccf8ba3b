"""One definition, two engines: every measure on DuckDB and on Spark gives the same result.

The shared suite runs the same Ibis expressions on each backend (DuckDB in memory, Spark in
local mode with one SparkSession for the module) and requires equal results: integers and
texts equal, floats within 1e-9. Spark tests are marked slow; `make test` runs them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import ibis
import pandas as pd
import pytest
from ibis.backends import BaseBackend

from jobtal.cli import main
from jobtal.domain.periods import Month
from jobtal.measures.intervals import merge_intervals
from jobtal.measures.long_term import qualifying_windows
from jobtal.measures.monthly import MEASURES, compute_monthly, monthly_figures
from jobtal.store.importers import import_activations, import_spells
from jobtal.synth import build_population, write_parquet

from .bruteforce import brute_force
from .tables import Activation, Segment, activations_table, segments_table

TOLERANCE = 1e-9
ENGINES = ["duckdb", pytest.param("spark", marks=pytest.mark.slow)]
KEY = ["municipality", "target_group", "month", "measure"]
D = date
KBH, GEN = 101, 157


@pytest.fixture(scope="module")
def spark_session() -> Iterator[object]:
    """One local SparkSession for the module (starting one costs seconds)."""
    from jobtal.measures import spark

    yield spark.session()
    spark.stop_session()


@pytest.fixture(params=ENGINES)
def backend(request: pytest.FixtureRequest) -> BaseBackend:
    """An Ibis backend for in-memory tables: DuckDB or Spark."""
    if request.param == "duckdb":
        return ibis.duckdb.connect()
    session = request.getfixturevalue("spark_session")
    # Not disconnected: that would stop the module's session.
    return ibis.pyspark.connect(session)


def _figures(frame: pd.DataFrame) -> dict[tuple[int, str, date, str], float]:
    return {
        (int(r.municipality), str(r.target_group), pd.Timestamp(r.month).date(), str(r.measure)): (
            float(r.value)
        )
        for r in frame.itertuples()
    }


# Hand-made spells for the corners of the definitions: month, year and leap-day boundaries,
# open spells, two municipalities, the 80 % rule at 291 and 292 days, activation weights
# (unknown, part-time, capped), overlapping offers, an offer outside every segment.
SEGMENTS: list[Segment] = [
    ("a", GEN, "dagpenge", D(2020, 1, 1), D(2020, 10, 17)),  # 291 days: not long-term yet
    ("a", GEN, "dagpenge", D(2020, 12, 1), None),
    ("b", GEN, "dagpenge", D(2019, 12, 1), D(2020, 9, 17)),
    ("b", KBH, "kh_jobparat", D(2020, 9, 18), D(2021, 2, 28)),
    ("c", KBH, "sygedagpenge", D(2020, 2, 15), D(2020, 3, 1)),
    ("c", KBH, "fleksjob", D(2020, 3, 2), None),
    ("d", GEN, "kh_aktivitetsparat", D(2020, 6, 1), D(2020, 12, 31)),
]
ACTIVATIONS: list[Activation] = [
    ("a", "opkvalificering", D(2020, 10, 18), D(2020, 11, 30), None),
    ("a", "loentilskud", D(2020, 12, 10), D(2021, 1, 20), 18.5),
    ("a", "virksomhedspraktik", D(2021, 1, 1), None, 50.0),
    ("b", "virksomhedspraktik", D(2020, 9, 1), D(2020, 10, 15), None),
    ("b", "virksomhedspraktik", D(2020, 10, 1), D(2020, 10, 31), 10.0),
    ("d", "loentilskud", D(2021, 1, 5), D(2021, 2, 5), 37.0),
]
FIRST, LAST = Month(2020, 2), Month(2021, 2)


def test_monthly_figures_match_the_day_by_day_reference(backend: BaseBackend) -> None:
    expr = monthly_figures(segments_table(SEGMENTS), activations_table(ACTIVATIONS), FIRST, LAST)
    got = _figures(backend.execute(expr))
    expected = brute_force(SEGMENTS, ACTIVATIONS, FIRST, LAST)
    assert {key[3] for key in expected} == set(MEASURES)
    assert got == pytest.approx(expected, abs=TOLERANCE)


def test_qualifying_windows(backend: BaseBackend) -> None:
    # p: counted on days 0..399, so from day 291 (its 292nd day) on. q: days 0..290 (291
    # days) and day 300, which makes 292 in every window that still holds day 0: 300..363.
    merged = ibis.memtable(
        {"person_id": ["p", "q", "q"], "s": [0, 0, 300], "e": [399, 290, 300]},
        schema={"person_id": "string", "s": "int64", "e": "int64"},
    )
    rows = backend.execute(qualifying_windows(merged, horizon=399))
    days = {(r.person_id, d) for r in rows.itertuples() for d in range(int(r.s), int(r.e) + 1)}
    assert days == {("p", d) for d in range(291, 400)} | {("q", d) for d in range(300, 364)}


def test_merge_intervals(backend: BaseBackend) -> None:
    intervals = ibis.memtable(
        {
            "person_id": ["p", "p", "p", "p", "q"],
            "s": [1, 5, 11, 3, 1],
            "e": [4, 10, 12, 3, 2],
        },
        schema={"person_id": "string", "s": "int64", "e": "int64"},
    )
    rows = backend.execute(merge_intervals(intervals))
    # Adjacent (4, 5), nested (3) and following (11) intervals merge; q stays alone.
    assert sorted(rows.itertuples(index=False, name=None)) == [("p", 1, 12), ("q", 1, 2)]


def test_equal_intervals_merge_into_one_island(backend: BaseBackend) -> None:
    # Benefit segments and offers on the same days (the union of two tables, as in the
    # long-term rule), for enough persons that the engine sorts in parallel. Each person has
    # exactly the islands 0..9 and 20..29. With a ROWS frame DuckDB split a pair now and then.
    persons = [f"p{i}" for i in range(200_000)]
    schema = {"person_id": "string", "s": "int64", "e": "int64"}
    n = len(persons)
    segments = ibis.memtable(
        {"person_id": persons * 2, "s": [0] * n + [20] * n, "e": [9] * n + [29] * n}, schema=schema
    )
    offers = ibis.memtable({"person_id": persons, "s": [0] * n, "e": [9] * n}, schema=schema)
    merged = merge_intervals(ibis.union(segments, offers, distinct=False))
    islands = merged.group_by(["s", "e"]).aggregate(n=merged.count())
    for _ in range(3 if backend.name == "duckdb" else 1):
        counts = backend.execute(islands)
        assert sorted(counts.itertuples(index=False, name=None)) == [(0, 9, n), (20, 29, n)]


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of synthetic spells for two municipalities, filled by the real importers."""
    directory = tmp_path_factory.mktemp("engines")
    population = build_population(scale=0.01, municipalities=[KBH, 825])
    spells, activations = write_parquet(population, directory / "input")
    db = directory / "jobtal.duckdb"
    import_spells(spells, db)
    import_activations(activations, db)
    return db


def _assert_same(duck: pd.DataFrame, spark: pd.DataFrame) -> None:
    """Equal keys, integers and texts; floats within TOLERANCE."""
    assert list(spark.columns) == list(duck.columns)
    merged = duck.merge(spark, on=KEY, how="outer", suffixes=("_duckdb", "_spark"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    difference = (merged["value_duckdb"] - merged["value_spark"]).abs()
    assert difference.max() <= TOLERANCE


@pytest.mark.slow
@pytest.mark.usefixtures("spark_session")
def test_store_figures_equal_on_both_engines(synthetic_store: Path) -> None:
    first, last = Month(2020, 1), Month(2022, 12)
    duck = compute_monthly(synthetic_store, first, last, "duckdb")
    spark = compute_monthly(synthetic_store, first, last, "spark")
    # Every measure is exercised by the synthetic data, in both municipalities.
    assert set(duck["measure"]) == set(MEASURES)
    assert set(duck["municipality"]) == {KBH, 825}
    assert dict(spark.dtypes) == dict(duck.dtypes)
    assert str(duck["municipality"].dtype) == "int64"
    assert str(duck["month"].dtype) == "datetime64[ns]"
    _assert_same(duck, spark)


def _appendix_json(capsys: pytest.CaptureFixture[str], db: Path, engine: str) -> list[dict]:
    argv = ["keyfigures", "--municipality", "101", "--year", "2022", "--db", str(db)]
    status = main([*argv, "--format", "json", "--engine", engine])
    out, err = capsys.readouterr()
    assert status == 0, err
    rows: list[dict] = json.loads(out)
    return rows


@pytest.mark.slow
@pytest.mark.usefixtures("spark_session")
def test_keyfigures_equal_on_both_engines(
    synthetic_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    duck = _appendix_json(capsys, synthetic_store, "duckdb")
    spark = _appendix_json(capsys, synthetic_store, "spark")
    assert [{k: v for k, v in r.items() if k != "value"} for r in spark] == [
        {k: v for k, v in r.items() if k != "value"} for r in duck
    ]
    assert any(r["value"] for r in duck)
    for d, s in zip(duck, spark, strict=True):
        if d["value"] is None:
            assert s["value"] is None, d
        else:
            assert math.isclose(s["value"], d["value"], rel_tol=0, abs_tol=TOLERANCE), d
