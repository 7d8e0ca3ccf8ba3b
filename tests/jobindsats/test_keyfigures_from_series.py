"""`jobtal keyfigures` from jobindsats series alone (no person-level data): own figures,
national shares, table 2 with the whole country and the RAR, and the source of the figures.
Hand-made v2, v3 and CSV files; every expected value is computed by hand in the comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobtal.cli import main

NBSP = "\u00a0"
YEARS = (2020, 2021, 2022)
MONTHS = [f"{y}M{m:02d}" for y in YEARS for m in range(1, 13)]
# Monthly values, the same every month of a year: {area: {year: value}}.
DAGPENGE = {
    "Gentofte": {2020: 100, 2021: 120, 2022: 90},
    "Hele landet": {2020: 10000, 2021: 10000, 2022: 9000},
}
LONG_TERM = {
    "Gentofte": {2020: 20, 2021: 30, 2022: 15},
    "Hele landet": {2020: 2000, 2021: 3000, 2022: 1500},
    "RAR Hovedstaden": {2020: 800, 2021: 1000, 2022: 500},
}


def _v3_dagpenge(path: Path) -> Path:
    rows = [
        [month, area, by_year[int(month[:4])]]
        for area, by_year in DAGPENGE.items()
        for month in MONTHS
    ]
    reply = {"columns": ["Periode", "Område", "Antal fuldtidspersoner"], "rows": rows}
    path.write_text(json.dumps(reply, ensure_ascii=False), encoding="utf-8")
    return path


def _v2_long_term(path: Path) -> Path:
    data = [
        # One month of the RAR is null (0 or suppressed): its year 2020 has no average.
        [
            area,
            month,
            "Ydelsesgrupper i alt",
            None if (area, month) == ("RAR Hovedstaden", "2020M03") else v,
        ]
        for area, by_year in LONG_TERM.items()
        for month in MONTHS
        for v in [str(by_year[int(month[:4])])]
    ]
    variables = [
        {"Name": "area", "Label": "Område"},
        {"Name": "period", "Label": "Periode"},
        {"Name": "_ygrp", "Label": "Ydelsesgrupper"},
        {"Name": "m1", "Label": "Antal langtidsledige fuldtidspersoner"},
    ]
    path.write_text(json.dumps([{"Variables": variables, "Data": data}]), encoding="utf-8")
    return path


def _csv_activation(path: Path) -> Path:
    lines = ["Område;Periode;Tilbud;Antal fuldtidsaktiverede"]
    for month in MONTHS[24:]:  # 2022 only
        lines.append(f"Gentofte;{month};Ansættelse med løntilskud i alt;5,0")
        lines.append(f"Gentofte;{month};Virksomhedspraktik i alt;10")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    files = [
        _v3_dagpenge(tmp_path / "y01a02_dagpenge.json"),
        _v2_long_term(tmp_path / "y25i09_langtid.json"),
        _csv_activation(tmp_path / "y01c01_aktivering.csv"),
    ]
    assert main(["import", "jobindsats", *map(str, files), "--db", str(db)]) == 0
    return db


def _rows(out: str) -> dict[tuple[str, str, int, str], object]:
    return {(r["table"], r["label"], r["year"], r["measure"]): r["value"] for r in json.loads(out)}


def test_appendix_from_series_alone(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    argv = ["keyfigures", "--municipality", "Gentofte", "--year", "2022", "--db", str(store)]
    assert main([*argv, "--format", "json"]) == 0
    rows = _rows(capsys.readouterr().out)
    top = ("target_groups", "Forsikrede ledige")
    assert rows[(*top, 2022, "ftp")] == 90.0
    assert rows[(*top, 2022, "national_share_pct")] == pytest.approx(1.0)  # 90 / 9000
    assert rows[(*top, 2022, "change_pct")] == pytest.approx(-25.0)  # 90 / 120 - 1
    assert rows[("target_groups", "Dagpengemodtagere", 2022, "ftp")] == 90.0
    # No series for kontanthjælp: missing, not 0.
    assert rows[("target_groups", "Kontanthjælp", 2022, "ftp")] is None
    long_term = ("long_term", "Langtidsledigheden")
    assert rows[(*long_term, 2021, "national_share_pct")] == pytest.approx(1.0)  # 30 / 3000
    assert rows[(*long_term, 2021, "change_pct")] == pytest.approx(50.0)  # 30 / 20 - 1
    offers = ("company_offers", "Dagpengemodtagere")
    assert (
        rows[(*offers, 2022, "wage_subsidy_ftp")],
        rows[(*offers, 2022, "work_placement_ftp")],
    ) == (5.0, 10.0)
    assert rows[(*offers, 2022, "change_pct")] is None  # no 2021 series
    share = ("activation_share", "Dagpengemodtagere")
    assert rows[(*share, 2022, "activated_share_pct")] == pytest.approx(100 * 15 / 90)

    assert main(argv) == 0
    text = capsys.readouterr().out
    assert (
        "Kommunens egne tal: fra databasens serier for Gentofte "
        "(jobindsats:y01a02, jobindsats:y01c01, jobindsats:y25i09)" in text
    )
    assert "Landstal fra serierne: jobindsats:y01a02, jobindsats:y25i09." in text
    table2 = text[text.index("Tabel 2.") :].split("\n\n")[0].splitlines()
    cells = {line[:32].strip(): line[32:].split("  ") for line in table2[2:]}
    cells = {area: [c.strip() for c in found if c.strip()] for area, found in cells.items()}
    assert cells["Hele landet"] == [
        "2.000",
        "3.000",
        "1.500",
        f"50,0{NBSP}%",
        f"-50,0{NBSP}%",
        "jobindsats:y25i09",
    ]
    # 2020 of the RAR has a null month: no annual average, so no change into 2021 either.
    assert cells["RAR Hovedstaden"] == [
        ".",
        "1.000",
        "500",
        ".",
        f"-50,0{NBSP}%",
        "jobindsats:y25i09, mangler",
    ]
    assert cells["Gentofte"] == [
        "20",
        "30",
        "15",
        f"50,0{NBSP}%",
        f"-50,0{NBSP}%",
        "databasens serier",
    ]
    assert cells["Gentoftes landsandel"] == [f"1,00{NBSP}%"] * 3


def test_table_2_sums_the_municipalities_without_series(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without area_series, the whole country is the sum of all municipalities and the RAR
    the sum of its own: long-term unemployed 2, 3 and 5 a month in Gentofte, København (RAR
    Hovedstaden) and Aarhus (RAR Østjylland) in 2022."""
    import datetime as dt

    import pandas as pd

    from jobtal.report.appendix_store import load_appendix
    from jobtal.store.schema import connect

    monthly_module = pytest.importorskip("jobtal.measures.monthly")
    frame = pd.DataFrame(
        [
            (code, "dagpenge", dt.date(2022, m, 1), measure, value)
            for code, value in ((157, 2.0), (101, 3.0), (751, 5.0))
            for m in range(1, 13)
            for measure in ("ftp", "long_term_ftp")
        ],
        columns=["municipality", "target_group", "month", "measure", "value"],
    )
    monkeypatch.setattr(monthly_module, "compute_monthly", lambda *args, **kwargs: frame)
    db = tmp_path / "s.duckdb"
    connect(db).close()
    appendix = load_appendix(db, 157, 2022)
    found = {(f.area, f.measure): (f.value, f.source) for f in appendix.long_term if f.year == 2022}
    assert found[("Hele landet", "ftp")] == (10.0, "sum_of_municipalities")
    assert found[("RAR Hovedstaden", "ftp")] == (5.0, "sum_of_municipalities")
    assert found[("Gentofte", "ftp")] == (2.0, "persondata")
    assert found[("Gentoftes landsandel", "national_share_pct")][0] == pytest.approx(20.0)
    assert appendix.own_source == "persondata"
