"""The benchmark's pieces on a tiny size: the pandas baseline agrees with the engine, the
workloads run and report memory, and the runner's ratios and growth are computed right.
No timing is asserted (speed belongs in `make bench`)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import run  # noqa: E402
import workloads  # noqa: E402

from jobtal.synth import build_population, write_parquet  # noqa: E402


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    directory = tmp_path_factory.mktemp("bench")
    # Gentofte (157) is in the quarter workload, so it must be there.
    population = build_population(scale=0.005, municipalities=[157, 825])
    spells, activations = write_parquet(population, directory / "input")
    return directory / "jobtal.duckdb", spells, activations


def _json_line(capsys: pytest.CaptureFixture[str]) -> dict[str, float]:
    line: dict[str, float] = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    return line


def test_workloads_and_the_baseline_check(
    inputs: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, spells, activations = inputs
    assert workloads.main(["import", "duckdb", str(db), str(spells), str(activations)]) == 0
    imported = _json_line(capsys)
    assert imported["rows"] > 0 and imported["peak_mb"] > 0
    # The baseline computes the same monthly figures as the engine: 0 differences.
    assert workloads.main(["check", "duckdb", str(db)]) == 0
    assert _json_line(capsys)["rows"] == 0
    assert workloads.main(["quarter", "pandas", str(db)]) == 0
    pandas_rows = _json_line(capsys)["rows"]
    assert workloads.main(["quarter", "duckdb", str(db)]) == 0
    assert _json_line(capsys)["rows"] == pandas_rows > 0


def test_memory_of_the_process_tree() -> None:
    assert workloads._tree_rss_kb(os.getpid()) > 10_000


def _result(engine: str, spells: int, wall: float) -> run.Result:
    return run.Result("appendix", engine, spells // 2, spells, wall, 100.0)


def test_ratios_growth_and_targets() -> None:
    results = [
        _result("duckdb", 1_000_000, 2.0),
        _result("pandas", 1_000_000, 40.0),
        _result("duckdb", 2_000_000, 2.0),
        _result("duckdb", 4_000_000, 8.0),
    ]
    run._ratios(results)
    assert [r.ratio_to_baseline for r in results] == [0.05, 1.0, None, None]
    # Four times the spells, four times the time: linear overall; the last doubling of the
    # spells quadruples the time: quadratic there, so the target fails.
    assert run.growth(results)[("appendix", "duckdb")] == pytest.approx(1.0)
    assert run.growth(results, last_step=True)[("appendix", "duckdb")] == pytest.approx(2.0)
    text = run.render(results)
    assert "20.0×" in text and "b =  1.00, last step  2.00" in text
    assert "faster than the pandas baseline (needs ≥ 10×): met" in text
    assert "(≤ linear): NOT MET" in text
