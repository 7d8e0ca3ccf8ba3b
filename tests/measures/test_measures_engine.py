"""compute_monthly on a real store file, and the engine registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from ibis.backends import BaseBackend

from jobtal.domain.periods import Month
from jobtal.measures import engine
from jobtal.measures.monthly import compute_monthly, monthly_figures
from jobtal.store.schema import connect

from .tables import activations_table, segments_table


def _store(path: Path) -> Path:
    con = connect(path)
    con.execute(
        "INSERT INTO benefit_segments VALUES "
        "('a', 157, 'dagpenge', DATE '2021-01-01', NULL), "
        "('b', 157, 'sygedagpenge', DATE '2022-01-01', DATE '2022-01-15')"
    )
    con.execute(
        "INSERT INTO activation_spells VALUES "
        "('a', 'virksomhedspraktik', DATE '2022-01-01', DATE '2022-01-31', 18.5, '12345678')"
    )
    con.close()
    return path


def test_compute_monthly_reads_the_store(tmp_path: Path) -> None:
    df = compute_monthly(_store(tmp_path / "store.duckdb"), Month(2022, 1), Month(2022, 1))
    assert list(df.columns) == ["municipality", "target_group", "month", "measure", "value"]
    got = {(r.target_group, r.measure): r.value for r in df.itertuples()}
    assert got == pytest.approx(
        {
            ("dagpenge", "ftp"): 1.0,
            ("dagpenge", "long_term_ftp"): 1.0,
            ("dagpenge", "work_placement_ftp"): 0.5,
            ("sygedagpenge", "ftp"): 15 / 31,
        }
    )
    assert set(df.municipality) == {157}


def test_output_schema() -> None:
    expr = monthly_figures(
        segments_table([]), activations_table([]), Month(2022, 1), Month(2022, 2)
    )
    schema = expr.schema()
    assert list(schema) == ["municipality", "target_group", "month", "measure", "value"]
    assert schema["municipality"].is_int64()
    assert schema["target_group"].is_string()
    assert schema["month"].is_date()
    assert schema["measure"].is_string()
    assert schema["value"].is_float64()


def test_months_must_be_in_order() -> None:
    with pytest.raises(ValueError, match="før første måned"):
        monthly_figures(segments_table([]), activations_table([]), Month(2022, 2), Month(2022, 1))


def test_missing_store_and_unknown_engine(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="findes ikke"):
        engine.connect(tmp_path / "missing.duckdb")
    with pytest.raises(ValueError, match="ukendt motor"):
        engine.connect(tmp_path / "missing.duckdb", "spark-on-the-moon")


def test_registered_engine_is_used(tmp_path: Path) -> None:
    path = _store(tmp_path / "store.duckdb")
    seen: list[Path] = []

    def factory(p: Path) -> BaseBackend:
        seen.append(p)
        return engine.connect(p)

    engine.register_engine("test-engine", factory)
    try:
        compute_monthly(path, Month(2022, 1), Month(2022, 1), engine_name="test-engine")
    finally:
        engine.unregister_engine("test-engine")
    assert seen == [path]
    assert "test-engine" not in engine.engines()
