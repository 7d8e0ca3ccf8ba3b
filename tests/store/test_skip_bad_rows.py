"""`--skip-bad-rows` for the person-level importers: bad rows are left out, written to the
quarantine file (never with a CPR number) and counted; the good rows are imported exactly
as a file without the bad rows would be. Also: the encodings of Danish exports are named."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from jobtal import cli
from jobtal.errors import InputError
from jobtal.store.importers import import_activations, import_spells

SPELLS_HEADER = "person_id,municipality,benefit,category,start,end"
GOOD = [
    "p1,157,sygedagpenge,,2022-01-01,2022-03-31",
    "p2,101,kontanthjaelp,jobparat,2022-01-01,",
]
BAD = [
    "p3,999,dagpenge,,2022-01-01,",  # line 4: unknown municipality
    "p4,157,dagpenge,,2022-13-01,",  # line 5: bad date
    "p1,157,sygedagpenge,,2022-01-01,2022-02-28",  # line 6: contradicts line 2
]


def _quarantine(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig") as stream:
        return list(csv.reader(stream, delimiter=";"))


def test_skipped_rows_give_the_store_of_the_good_rows(
    write: Callable[..., Path], tmp_path: Path, contents
) -> None:
    with_bad = write("all.csv", SPELLS_HEADER, *GOOD, *BAD)
    only_good = write("good.csv", SPELLS_HEADER, *GOOD)
    summary = import_spells(with_bad, tmp_path / "a.duckdb", skip_bad_rows=True)
    import_spells(only_good, tmp_path / "b.duckdb")
    assert [(r.row, r.field) for r in summary.rejected] == [
        (4, "municipality"),
        (5, "start"),
        (6, "start"),
    ]
    assert "samme person, ydelse, kategori og startdato som række 2" in summary.rejected[2].reason
    assert (summary.rows_read, summary.rows_stored, summary.skipped) == (5, 2, 3)
    assert summary.duplicates == 0
    a, b = contents(tmp_path / "a.duckdb"), contents(tmp_path / "b.duckdb")
    assert {t: v for t, v in a.items() if t != "import_log"} == {
        t: v for t, v in b.items() if t != "import_log"
    }


def test_without_skip_the_same_file_is_refused(
    write: Callable[..., Path], db: Path, contents
) -> None:
    with pytest.raises(InputError) as raised:
        import_spells(write("all.csv", SPELLS_HEADER, *GOOD, *BAD), db)
    assert [(p.row, p.field) for p in raised.value.problems] == [(4, "municipality"), (5, "start")]
    assert contents(db) == {}


def test_command_writes_quarantine_without_cpr_and_exits_0(
    write: Callable[..., Path],
    db: Path,
    key: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(
        "cpr.csv",
        "cpr,municipality,benefit,category,start,end",
        "0101901234,157,dagpenge,,2022-01-01,",
        "0202901234,157,dagpenge,,2022-01-01,2021-01-01",  # line 3: ends before it starts
    )
    out = tmp_path / "afvist.csv"
    argv = ["import", "spells", str(path), "--db", str(db)]
    assert cli.main(argv) == 2
    assert "række 3, felt 'end': slutdato ligger før startdato" in capsys.readouterr().err
    assert cli.main([*argv, "--skip-bad-rows", "--quarantine", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "I alt: 2 rækker læst, 1 gemt, 1 sprunget over, periode 2022-01-01–(åben)" in printed
    assert f"Fejlrækker skrevet til {out}: 1" in printed
    lines = _quarantine(out)
    assert lines == [
        [
            "fil",
            "række",
            "felt",
            "årsag",
            "cpr",
            "municipality",
            "benefit",
            "category",
            "start",
            "end",
        ],
        [
            str(path),
            "3",
            "end",
            "slutdato ligger før startdato",
            "",
            "157",
            "dagpenge",
            "",
            "2022-01-01",
            "2021-01-01",
        ],
    ]
    assert "0202901234" not in out.read_text(encoding="utf-8-sig")


def test_activations_skip_bad_rows(write: Callable[..., Path], db: Path) -> None:
    path = write(
        "a.csv",
        "person_id,offer,start,end,hours_per_week",
        "p1,loentilskud,2022-01-01,2022-02-28,37",
        "p2,ukendt,2022-01-01,,",
        "p3,mentor,2022-01-01,,200",
    )
    summary = import_activations(path, db, skip_bad_rows=True)
    assert [(r.row, r.field) for r in summary.rejected] == [(3, "offer"), (4, "hours_per_week")]
    assert (summary.rows_stored, summary.first_day, summary.last_day) == (
        1,
        date(2022, 1, 1),
        date(2022, 2, 28),
    )


@pytest.mark.parametrize(
    ("encoding", "named"),
    [("cp1252", "Windows-1252"), ("utf-16", "UTF-16")],
)
def test_encodings_of_danish_exports_are_named(
    write: Callable[..., Path], db: Path, encoding: str, named: str
) -> None:
    path = write(
        "x.csv", SPELLS_HEADER, "p1,157,dagpenge,,2022-01-01,  # Ørestad", encoding=encoding
    )
    with pytest.raises(InputError, match=named):
        import_spells(path, db)


def test_utf8_with_bom_imports(write: Callable[..., Path], db: Path) -> None:
    summary = import_spells(write("x.csv", SPELLS_HEADER, *GOOD, bom=True), db)
    assert summary.rows_stored == 2
