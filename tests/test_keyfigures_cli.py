"""`jobtal keyfigures`: formats, the published appendix, and exit status 2 on bad input."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from jobtal.cli import main
from jobtal.store.schema import connect

NBSP = "\u00a0"
HAS_ENGINE = importlib.util.find_spec("jobtal.measures.monthly") is not None
needs_engine = pytest.mark.skipif(not HAS_ENGINE, reason="jobtal.measures.monthly findes ikke")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_published_table_shows_the_printed_figures(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "keyfigures", "--published", "gentofte-2023-02")
    assert status == 0
    line = next(line for line in out.splitlines() if line.startswith("Forsikrede ledige"))
    assert "1.097" in line and f"1,05{NBSP}%" in line and f"-32,4{NBSP}%" in line
    # 2022: 649 full-time persons, 1,05 % of the country, -32,4 % since 2021.
    assert re.split(r" {2,}", line)[-3:] == ["649", f"1,05{NBSP}%", f"-32,4{NBSP}%"]


def test_published_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(
        capsys, "keyfigures", "--published", "gentofte-2023-02", "--format", "json"
    )
    assert status == 0
    rows = json.loads(out)
    wanted = {
        "table": "target_groups",
        "label": "Forsikrede ledige",
        "parent": None,
        "year": 2022,
        "measure": "ftp",
        "value": 649.0,
    }
    assert wanted in rows
    assert "Selvforsørgelse" in out  # Danish letters are not escaped
    status, out, _ = _run(
        capsys, "keyfigures", "--published", "gentofte-2023-02", "--format", "csv"
    )
    assert status == 0
    assert out.splitlines()[0] == "table;label;parent;year;measure;value"
    assert "target_groups;Forsikrede ledige;;2022;ftp;649.0" in out.splitlines()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--published", "aarhus-1999-01"], "ukendt publiceret rapport"),
        (["--municipality", "Atlantis", "--year", "2022"], "ukendt kommune"),
        (["--municipality", "999", "--year", "2022"], "ukendt kommune"),
        (["--municipality", "157"], "--year"),
        (["--year", "2022"], "--municipality"),
        (
            ["--municipality", "157", "--year", "2022", "--db", "/nonexistent/x.duckdb"],
            "findes ikke",
        ),
    ],
)
def test_bad_input_exits_with_status_2_and_a_danish_message(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = _run(capsys, "keyfigures", *argv)
    assert status == 2
    assert out == ""
    assert message in err


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A tiny store: one person on dagpenge in Gentofte all of 2022, one in København in
    2021–2022, and the whole country's dagpenge from area_series for 2022."""
    path = tmp_path / "jobtal.duckdb"
    con = connect(path)
    con.executemany(
        "INSERT INTO benefit_segments VALUES (?, ?, ?, ?, ?)",
        [
            ("a", 157, "dagpenge", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
            ("b", 101, "dagpenge", dt.date(2021, 1, 1), None),
        ],
    )
    con.executemany(
        "INSERT INTO area_series VALUES "
        "('Hele landet', 'target_groups', 'forsikrede', ?, 'ftp', 400, 'test')",
        [(dt.date(2022, m, 1),) for m in range(1, 13)],
    )
    con.close()
    return path


def _json_rows(out: str) -> dict:
    return {
        (r["table"], r["label"], r["parent"], r["year"], r["measure"]): r["value"]
        for r in json.loads(out)
    }


FTP_2022 = ("target_groups", "Forsikrede ledige", None, 2022, "ftp")
SHARE_2022 = ("target_groups", "Forsikrede ledige", None, 2022, "national_share_pct")
CHILD_SHARE_2022 = (
    "target_groups",
    "Dagpengemodtagere",
    "Forsikrede ledige",
    2022,
    "national_share_pct",
)


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's monthly table for the `store` fixture, computed by hand: Gentofte 1
    full-time person on dagpenge every month of 2022, København 1 in 2021 and 2022."""
    monthly = pytest.importorskip("jobtal.measures.monthly")
    frame = pd.DataFrame(
        [
            (municipality, "dagpenge", dt.date(year, m, 1), "ftp", 1.0)
            for municipality, years in ((157, (2022,)), (101, (2021, 2022)))
            for year in years
            for m in range(1, 13)
        ],
        columns=["municipality", "target_group", "month", "measure", "value"],
    )
    monkeypatch.setattr(
        monthly, "compute_monthly", lambda db_path, first, last, engine_name="duckdb": frame
    )


@pytest.mark.usefixtures("fake_engine")
def test_computed_appendix_from_the_store_with_its_national_series(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBTAL_DB", str(store))
    argv = ["keyfigures", "--municipality", "Gentofte", "--year", "2022", "--format", "json"]
    status, out, err = _run(capsys, *argv)
    assert status == 0, err
    rows = _json_rows(out)
    assert rows[FTP_2022] == 1.0
    # National from area_series (400) for the top row, from the municipalities' sum (1 + 1)
    # for the row area_series lacks.
    assert rows[SHARE_2022] == pytest.approx(0.25)
    assert rows[CHILD_SHARE_2022] == pytest.approx(50.0)
    assert rows[("target_groups", "Forsikrede ledige", None, 2022, "change_pct")] is None

    status, out, _ = _run(capsys, "keyfigures", "--municipality", "157", "--year", "2022")
    assert status == 0
    assert out.startswith("Nøgletal – Gentofte (157), 2020–2022")
    assert "1 fra databasens serier for Hele landet" in out


@pytest.mark.usefixtures("fake_engine")
def test_a_year_without_data_exits_with_status_2(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["keyfigures", "--municipality", "157", "--year", "2019", "--db", str(store)]
    status, _, err = _run(capsys, *argv)
    assert status == 2
    assert "ingen data for Gentofte (157) i 2019" in err


@needs_engine
def test_end_to_end_through_the_measure_engine(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["keyfigures", "--municipality", "157", "--year", "2022", "--db", str(store)]
    status, out, err = _run(capsys, *argv, "--format", "json")
    assert status == 0, err
    rows = _json_rows(out)
    assert rows[FTP_2022] == pytest.approx(1.0)
    assert rows[SHARE_2022] == pytest.approx(0.25)
    assert rows[CHILD_SHARE_2022] == pytest.approx(50.0)


def test_engine_option_reaches_the_measures(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monthly = pytest.importorskip("jobtal.measures.monthly")
    engines: list[str] = []

    def compute(db_path: object, first: object, last: object, engine_name: str) -> pd.DataFrame:
        engines.append(engine_name)
        return pd.DataFrame(columns=["municipality", "target_group", "month", "measure", "value"])

    monkeypatch.setattr(monthly, "compute_monthly", compute)
    argv = ["keyfigures", "--municipality", "157", "--year", "2022", "--db", str(store)]
    status, _, err = _run(capsys, *argv, "--engine", "spark")
    assert engines == ["spark"]
    # The fake engine has no data, so the command stops with the usual error.
    assert status == 2 and "ingen data" in err
    with pytest.raises(SystemExit):
        main([*argv, "--engine", "spark-on-the-moon"])
