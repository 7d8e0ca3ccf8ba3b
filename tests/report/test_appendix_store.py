"""The store-backed loader of national figures (area_series for "Hele landet")."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from jobtal.report.appendix import SOURCE_AREA_SERIES, SOURCE_MUNICIPALITY_SUM, NationalFigure
from jobtal.report.appendix_output import write_appendices
from jobtal.report.appendix_store import (
    describe_sources,
    load_appendices,
    load_appendix,
    load_national,
)
from jobtal.store.schema import connect


def _store(path: Path) -> Path:
    con = connect(path)
    rows = [
        ("Hele landet", "target_groups", "forsikrede", dt.date(2022, m, 1), "ftp", 100.0, "test")
        for m in range(1, 13)
    ]
    rows += [
        ("Gentofte", "target_groups", "forsikrede", dt.date(2022, 1, 1), "ftp", 5.0, "test"),
        ("Hele landet", "target_groups", "forsikrede", dt.date(2019, 1, 1), "ftp", 7.0, "test"),
        ("Hele landet", "other_table", "x", dt.date(2022, 1, 1), "ftp", 7.0, "test"),
    ]
    con.executemany("INSERT INTO area_series VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    con.close()
    return path


def test_load_national_reads_the_whole_country_for_the_years_and_tables(tmp_path: Path) -> None:
    frame = load_national(_store(tmp_path / "s.duckdb"), (2020, 2021, 2022))
    assert list(frame.columns) == ["table_name", "row_key", "month", "measure", "value"]
    assert len(frame) == 12
    assert set(frame["value"]) == {100.0}


def test_sources_are_described_in_danish() -> None:
    figures = {
        ("target_groups", "a", 2022): NationalFigure(1.0, SOURCE_AREA_SERIES),
        ("target_groups", "b", 2022): NationalFigure(1.0, SOURCE_MUNICIPALITY_SUM),
        ("target_groups", "c", 2022): NationalFigure(1.0, SOURCE_MUNICIPALITY_SUM),
    }
    text = describe_sources(figures)
    assert "1 fra databasens serier for Hele landet" in text
    assert "2 summeret over kommunerne" in text


def _two_municipalities(path: Path) -> Path:
    """Gentofte: one person on dagpenge all of 2022 and one half of it (1.5 full-time persons
    in every month of the first half, 1 in the second); København: one person all of 2022."""
    con = connect(path)
    con.executemany(
        "INSERT INTO benefit_segments VALUES (?, ?, ?, ?, ?)",
        [
            ("a", 157, "dagpenge", dt.date(2020, 1, 1), None),
            ("b", 157, "dagpenge", dt.date(2022, 1, 1), dt.date(2022, 6, 30)),
            ("c", 101, "dagpenge", dt.date(2020, 1, 1), dt.date(2022, 12, 31)),
        ],
    )
    con.close()
    return path


def _value(rows: list, label: str, year: int, measure: str) -> float | None:
    (value,) = [
        r["value"]
        for r in rows
        if r["table"] == "target_groups"
        and r["label"] == label
        and r["year"] == year
        and r["measure"] == measure
    ]
    return value


def test_load_appendices_builds_every_municipality_from_one_run(tmp_path: Path) -> None:
    store = _two_municipalities(tmp_path / "s.duckdb")
    appendices = load_appendices(store, None, 2022)
    assert sorted(appendices) == [101, 157]
    gentofte, copenhagen = appendices[157].rows, appendices[101].rows
    assert _value(gentofte, "Forsikrede ledige", 2022, "ftp") == pytest.approx(1.5)
    assert _value(copenhagen, "Forsikrede ledige", 2022, "ftp") == pytest.approx(1.0)
    # National = the sum over both municipalities: 2.5 in 2022, 2 in 2021.
    assert _value(gentofte, "Forsikrede ledige", 2022, "national_share_pct") == pytest.approx(60)
    assert _value(copenhagen, "Forsikrede ledige", 2021, "national_share_pct") == pytest.approx(50)
    assert _value(gentofte, "Forsikrede ledige", 2022, "change_pct") == pytest.approx(50)
    assert load_appendix(store, 157, 2022).rows == gentofte


def test_all_appendices_are_written_with_their_municipality(tmp_path: Path) -> None:
    store = _two_municipalities(tmp_path / "s.duckdb")
    rows = {code: a.rows for code, a in load_appendices(store, None, 2022).items()}
    csv_path, json_path = write_appendices(rows, tmp_path / "out", "alle")
    written = json.loads(json_path.read_text("utf-8"))
    assert len(written) == len(rows[101]) + len(rows[157])
    assert {r["municipality"] for r in written} == {101, 157}
    lines = csv_path.read_text("utf-8").splitlines()
    assert lines[0] == "municipality;table;label;parent;year;measure;value"
    assert "157;target_groups;Forsikrede ledige;;2022;ftp;1.5" in lines
