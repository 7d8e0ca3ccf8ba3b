"""Importing jobindsats files: real replies, repeatability, replacement of periods, all or
nothing, bad rows and the quarantine file, and reading back with `jobtal series`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from jobtal.cli import main
from jobtal.errors import InputError
from jobtal.jobindsats.importer import import_files
from jobtal.store.schema import contents

from .conftest import REFERENCE, rows

HEADER = "Område;Periode;Antal fuldtidspersoner"


def _csv(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def _series(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    assert main(["series", *argv, "--format", "json"]) == 0
    return list(json.loads(capsys.readouterr().out))


def test_real_replies_import_and_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.duckdb")
    real = REFERENCE / "real"
    assert main(["import", "jobindsats", str(real / "y30r21_v2.json"), "--db", db]) == 0
    files = [str(real / "v3_activation.json"), str(REFERENCE / "v3-sample-responses.json")]
    assert main(["import", "jobindsats", *files, "--table", "y01c01", "--db", db]) == 0
    longterm = str(real / "v3_longterm_akasser.json")
    assert main(["import", "jobindsats", longterm, "--table", "y25i09", "--db", db]) == 0
    capsys.readouterr()
    found = _series(capsys, "--db", db, "--table", "y30r21", "--area", "Gentofte")
    found = [r for r in found if r["period"] == "2020QMAT02" and r["measure"].endswith("antal")]
    wanted = {
        "source_table": "y30r21",
        "area": "Gentofte",
        "period": "2020QMAT02",
        "measure": "Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse: "
        "Forventet antal",
        "dimensions": {"Ydelsesgrupper": "Ydelsesgrupper i alt"},
        "value": 2690.0,
    }
    assert wanted in found
    # v3 null stays missing: "Nytteindsats, stat" in 2025M06 has no full-time activated.
    nulls = _series(capsys, "--db", db, "--period", "2025M06", "--measure", "Antal aktiverede")
    stat = [r for r in nulls if r["dimensions"]["Tilbud"] == "Nytteindsats, stat"]
    assert [r["value"] for r in stat] == [None]
    # The long-term unemployed of the whole country reach area_series for the appendix, once
    # although two files give them (the sample bundle's table name sorts first).
    assert rows(
        Path(db),
        "SELECT value, source FROM area_series WHERE table_name = 'long_term' "
        "AND area = 'Hele landet' AND month = DATE '2026-05-01'",
    ) == [(17357.0, "jobindsats:longterm_total")]


def test_second_import_of_the_same_file_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    path = REFERENCE / "real" / "v3_activation.json"
    import_files([path], db, table="y01c01")
    before = contents(db)
    [summary] = import_files([path], db, table="y01c01")
    assert (summary.stored, summary.unchanged, summary.already_imported) == (0, 1086, True)
    assert contents(db) == before


def test_newer_version_replaces_exactly_the_periods_it_covers(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    old = _csv(
        tmp_path,
        "y01a02_old.csv",
        "Gentofte;2022M01;10",
        "Gentofte;2022M02;20",
        "Gentofte;2022M03;30",
    )
    new = _csv(tmp_path, "y01a02_new.csv", "Gentofte;2022M02;21", "Gentofte;2022M03;30")
    import_files([old], db)
    [summary] = import_files([new], db)
    assert (summary.stored, summary.replaced, summary.unchanged) == (1, 1, 1)
    stored = rows(db, "SELECT period, value, source_file FROM jobindsats_series ORDER BY period")
    assert stored == [
        ("2022M01", 10.0, str(old)),
        ("2022M02", 21.0, str(new)),
        ("2022M03", 30.0, str(old)),
    ]
    [record] = rows(
        db,
        "SELECT period, old_value, old_source_file, new_value, new_source_file, "
        "old_sha256 <> new_sha256, replaced_at IS NOT NULL FROM series_replacements",
    )
    assert record == ("2022M02", 20.0, str(old), 21.0, str(new), True, True)
    # area_series follows: dagpenge (y01a02) fills the two dagpenge rows of target_groups.
    assert rows(
        db,
        "SELECT row_key, value FROM area_series WHERE month = DATE '2022-02-01' ORDER BY 1",
    ) == [("forsikrede", 21.0), ("forsikrede.dagpenge", 21.0)]


def test_a_bad_row_in_any_file_leaves_the_store_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    import_files([_csv(tmp_path, "y01a02_a.csv", "Gentofte;2022M01;10")], db)
    before = contents(db)
    good = _csv(tmp_path, "y01a02_b.csv", "Gentofte;2022M01;11")
    bad = _csv(tmp_path, "y07a02_c.csv", "Gentofte;2022M01;11", "Gentofte;2022M14;3")
    with pytest.raises(InputError) as raised:
        import_files([good, bad], db)
    [problem] = raised.value.problems
    assert (problem.file, problem.row, problem.field) == (str(bad), 3, "Periode")
    assert contents(db) == before


def test_skip_bad_rows_quarantines_them_and_counts_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "s.duckdb")
    bad = _csv(
        tmp_path, "y07a02_c.csv", "Gentofte;2022M01;11", "Gentofte;2022M14;3", "Gentofte;2022M02;x"
    )
    assert main(["import", "jobindsats", str(bad), "--db", db]) == 2
    assert "række 3, felt 'Periode'" in capsys.readouterr().err
    assert main(["import", "jobindsats", str(bad), "--db", db, "--skip-bad-rows"]) == 0
    out = capsys.readouterr().out
    assert "3 rækker læst, 1 værdier gemt" in out and "2 rækker sprunget over" in out
    quarantined = tmp_path / "y07a02_c.afviste.csv"
    with quarantined.open(encoding="utf-8-sig") as stream:
        lines = list(csv.reader(stream, delimiter=";"))
    assert lines[0] == ["fil", "række", "felt", "årsag", "indhold"]
    assert [(line[1], line[2], json.loads(line[4])) for line in lines[1:]] == [
        ("3", "Periode", ["Gentofte", "2022M14", "3"]),
        ("4", "Antal fuldtidspersoner", ["Gentofte", "2022M02", "x"]),
    ]
    assert rows(Path(db), "SELECT period, value FROM jobindsats_series") == [("2022M01", 11.0)]


def test_series_as_csv_keeps_null_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.duckdb"
    import_files([_csv(tmp_path, "y01a02_x.csv", "Gentofte;2022M01;", "Gentofte;2022M02;2,5")], db)
    assert main(["series", "--db", str(db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "source_table;area;period;measure;dimensions;value",
        "y01a02;Gentofte;2022M01;Antal fuldtidspersoner;{};",
        "y01a02;Gentofte;2022M02;Antal fuldtidspersoner;{};2.5",
    ]


def test_many_bad_rows_are_listed_up_to_20_with_the_total(tmp_path: Path) -> None:
    path = _csv(tmp_path, "y01a02_x.csv", *[f"Gentofte;2022M{m};1" for m in range(13, 38)])
    with pytest.raises(InputError) as raised:
        import_files([path], tmp_path / "s.duckdb")
    problems = raised.value.problems
    assert [p.row for p in problems[:20]] == list(range(2, 22))
    assert problems[20].message == "25 fejl i alt; de første 20 er vist"
