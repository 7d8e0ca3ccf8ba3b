"""The store-backed loader of national figures (area_series for "Hele landet")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jobtal.report.appendix import SOURCE_AREA_SERIES, SOURCE_MUNICIPALITY_SUM, NationalFigure
from jobtal.report.appendix_store import describe_sources, load_national
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
