"""`jobtal demo` end to end on a small population (the other municipalities at 1 %)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobtal.cli import main


@pytest.mark.slow
def test_demo_builds_imports_and_compares(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "demo"
    (out).mkdir()
    (out / "jobtal.duckdb").write_text("an old demo store is replaced")
    assert main(["demo", "--out", str(out), "--serve", "0", "--scale", "0.01"]) == 0
    printed = capsys.readouterr().out
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
