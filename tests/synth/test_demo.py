"""`jobtal demo` end to end on a small population (the other municipalities at 1 %)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from jobtal.cli import main


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One demo run over an old demo store (which it must replace): its folder and output."""
    out = tmp_path_factory.mktemp("run") / "demo"
    out.mkdir()
    (out / "jobtal.duckdb").write_text("an old demo store is replaced")
    capture = io.StringIO()
    with contextlib.redirect_stdout(capture):
        status = main(["demo", "--out", str(out), "--serve", "0", "--scale", "0.01"])
    assert status == 0
    return out, capture.getvalue()


@pytest.mark.slow
def test_demo_builds_imports_and_compares(demo_run: tuple[Path, str]) -> None:
    out, printed = demo_run
    assert "stemmer overens med det publicerede" in printed
    assert (out / "web.sqlite3").is_file()  # the web application's database, not served
    for name in ("input/spells.parquet", "input/activations.parquet"):
        assert (out / name).is_file()
    names = ["noegletal_beregnet", "noegletal_publiceret"]
    for stem in names:
        assert (out / "output" / f"{stem}.csv").is_file()
    comparison = json.loads((out / "output" / "sammenligning.json").read_text("utf-8"))
    dagpenge = [
        row
        for row in comparison
        if row["table"] == "target_groups"
        and row["label"] == "Dagpengemodtagere"
        and row["measure"] == "ftp"
    ]
    assert len(dagpenge) == 3 and all(row["agrees"] for row in dagpenge)


@pytest.mark.slow
def test_demo_calibration_through_the_whole_pipeline(demo_run: tuple[Path, str]) -> None:
    """Gentofte's level figures, computed by the importers and the measure engine from the
    synthetic population, are within 2 % (or 2 full-time persons) of the published ones."""
    out, _ = demo_run
    computed = json.loads((out / "output" / "noegletal_beregnet.json").read_text("utf-8"))
    printed = {
        (r["table"], r["label"], r["parent"], r["year"], r["measure"]): r["value"]
        for r in json.loads((out / "output" / "noegletal_publiceret.json").read_text("utf-8"))
    }
    levels = {"ftp", "wage_subsidy_ftp", "work_placement_ftp"}
    checked, failures = 0, []
    for row in computed:
        key = (row["table"], row["label"], row["parent"], row["year"], row["measure"])
        if row["measure"] not in levels or row["table"] == "activation_share":
            continue
        published = printed[key]
        checked += 1
        if abs(row["value"] - published) > max(0.02 * abs(published), 2.0):
            failures.append((key, row["value"], published))
    assert checked == 3 * (27 + 3 + 2 * 9)
    assert not failures, failures
