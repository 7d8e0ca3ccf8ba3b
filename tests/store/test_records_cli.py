"""`jobtal import <report input> FILE` and `jobtal import report-inputs DIR`: exit status,
messages, the one-line summary and the quarantine file."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from jobtal import cli
from jobtal.store.records import COMMAND_NAMES

CAP = "municipality,month,persons_covered,persons_reduced,total_reduction_dkk"
CAP_GOOD = ("157,2020-04,120,35,45678", "157,2022-12,98,20,30100")
CAP_BAD = "157,2022-11,10,11,0"  # more reduced than covered


def test_a_good_file_exits_0_with_the_summary(
    write: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("cap.csv", CAP, *CAP_GOOD)
    assert cli.main(["import", "cash-benefit-cap", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Indlæst kontanthjælpsloft fra {path}"
    assert "personer" not in "\n".join(out)  # aggregated: no persons
    assert out[-1] == "I alt: 2 rækker læst, 2 gemt, 0 sprunget over, periode 2020-04-01–2022-12-31"


def test_a_bad_file_exits_2_naming_line_and_field(
    write: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str], contents
) -> None:
    path = write("cap.csv", CAP, *CAP_GOOD, CAP_BAD)
    assert cli.main(["import", "cash-benefit-cap", str(path), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"{path}, række 4, felt 'persons_reduced': flere personer med nedsættelse" in err
    assert contents(db) == {}


def test_skip_bad_rows_writes_the_quarantine_without_cpr(
    write: Callable[..., Path],
    db: Path,
    key: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(
        "cases.csv",
        "cpr;municipality;team;start;end",
        "0101901234;157;Team Job;2022-01-01;",
        "0202901234;157;Team Job;2022-03-01;2022-02-01",  # line 3: ends before it starts
    )
    out = tmp_path / "afvist.csv"
    argv = ["import", "cases", str(path), "--db", str(db), "--skip-bad-rows", "--quarantine"]
    assert cli.main([*argv, str(out)]) == 0
    printed = capsys.readouterr().out
    assert "personer:              1" in printed
    assert printed.splitlines()[-1] == f"Fejlrækker skrevet til {out}: 1"
    with out.open(encoding="utf-8-sig") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows == [
        ["fil", "række", "felt", "årsag", "cpr", "municipality", "team", "start", "end"],
        [
            str(path),
            "3",
            "end",
            "slutdato ligger før startdato",
            "",
            "157",
            "Team Job",
            "2022-03-01",
            "2022-02-01",
        ],
    ]
    assert b"0202901234" not in out.read_bytes()


def test_report_inputs_imports_a_directory(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "in"
    directory.mkdir()
    (directory / "cash_benefit_cap.csv").write_text("\n".join([CAP, *CAP_GOOD]) + "\n", "utf-8")
    (directory / "spending.csv").write_text(
        "municipality;date;expense_type;amount_dkk\n157;2022-09-30;service;1\n", "utf-8"
    )
    assert cli.main(["import", "report-inputs", str(directory), "--db", str(db)]) == 0
    totals = [line for line in capsys.readouterr().out.splitlines() if line.startswith("I alt")]
    assert totals == [
        "I alt: 2 rækker læst, 2 gemt, 0 sprunget over, periode 2020-04-01–2022-12-31",
        "I alt: 1 rækker læst, 1 gemt, 0 sprunget over, periode 2022-09-30–2022-09-30",
    ]


def test_report_inputs_exits_2_and_stores_nothing(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str], contents
) -> None:
    directory = tmp_path / "in"
    directory.mkdir()
    (directory / "cash_benefit_cap.csv").write_text("\n".join([CAP, *CAP_GOOD]) + "\n", "utf-8")
    (directory / "notes.txt").write_text("x\n", "utf-8")
    assert cli.main(["import", "report-inputs", str(directory), "--db", str(db)]) == 2
    assert f"{directory / 'notes.txt'}: ukendt fil" in capsys.readouterr().err
    assert contents(db) == {}


def test_every_kind_has_a_command_with_danish_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["import", "--help"])
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps the help lines
    for name, table in COMMAND_NAMES.items():
        assert name in text and f"(tabellen {table})" in text
    assert "report-inputs" in text and "alle filer eller ingen" in text
