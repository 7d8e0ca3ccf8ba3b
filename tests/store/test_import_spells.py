"""`import_spells`: formats, idempotence, replacement by key, and bad input leaving the store
exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jobtal import cli
from jobtal.errors import InputError
from jobtal.store import importers
from jobtal.store.importers import import_spells

D = date.fromisoformat
SPELLS_HEADER = "person_id,municipality,benefit,category,start,end"

GOOD = (
    SPELLS_HEADER,
    "p1,157,sygedagpenge,,2022-01-01,2022-03-31",
    "p1,157,dagpenge,,2022-03-01,2022-04-30",
    "p2,101,kontanthjaelp,jobparat,2022-01-01,",
    "p2,101,kontanthjaelp,jobparat,2022-01-01,",  # exact duplicate: one row
    "p3,0157,shy,,2022-02-01,2022-02-28",
)

STORED = [
    ("p1", 157, "dagpenge", "", D("2022-03-01"), D("2022-04-30")),
    ("p1", 157, "sygedagpenge", "", D("2022-01-01"), D("2022-03-31")),
    ("p2", 101, "kontanthjaelp", "jobparat", D("2022-01-01"), None),
    ("p3", 157, "shy", "", D("2022-02-01"), D("2022-02-28")),
]

SPELLS_SQL = "SELECT * FROM benefit_spells ORDER BY person_id, benefit"


def test_import_stores_spells_segments_and_overlaps(
    write: Callable[..., Path], db: Path, rows
) -> None:
    summary = import_spells(write("s.csv", *GOOD), db)
    assert (summary.rows_read, summary.rows_stored, summary.duplicates) == (5, 4, 1)
    assert (summary.persons, summary.overlaps, summary.rows_replaced) == (3, 1, 0)
    assert rows(db, SPELLS_SQL) == STORED
    assert rows(
        db, "SELECT target_group, start_date, end_date FROM benefit_segments ORDER BY 1"
    ) == [
        ("dagpenge", D("2022-04-01"), D("2022-04-30")),
        ("kh_jobparat", D("2022-01-01"), None),
        ("shy_oevrige", D("2022-02-01"), D("2022-02-28")),
        ("sygedagpenge", D("2022-01-01"), D("2022-03-31")),
    ]
    assert rows(db, "SELECT * FROM benefit_overlaps") == [
        ("p1", D("2022-03-01"), D("2022-03-31"), "sygedagpenge", "dagpenge")
    ]
    assert rows(db, "SELECT kind, rows FROM import_log") == [("spells", 5)]


def test_importing_twice_gives_the_same_store(
    write: Callable[..., Path], db: Path, contents
) -> None:
    path = write("s.csv", *GOOD)
    import_spells(path, db)
    first = contents(db)
    summary = import_spells(path, db)
    assert contents(db) == first
    assert summary.already_imported
    assert summary.rows_replaced == 4
    assert len(first["import_log"]) == 1


def test_a_later_file_closes_an_open_spell(write: Callable[..., Path], db: Path, rows) -> None:
    import_spells(write("a.csv", *GOOD), db)
    later = write(
        "b.csv",
        SPELLS_HEADER,
        "p2,101,kontanthjaelp,jobparat,2022-01-01,2022-06-30",
        "p4,101,dagpenge,jobparat,2022-05-01,",
    )
    summary = import_spells(later, db)
    assert (summary.rows_stored, summary.rows_replaced) == (2, 1)
    assert rows(db, "SELECT end_date FROM benefit_spells WHERE person_id = 'p2'") == [
        (D("2022-06-30"),)
    ]
    assert rows(db, "SELECT count(*) FROM benefit_spells") == [(5,)]
    assert rows(db, "SELECT end_date FROM benefit_segments WHERE person_id = 'p2'") == [
        (D("2022-06-30"),)
    ]
    assert rows(db, "SELECT count(*) FROM import_log") == [(2,)]


@pytest.mark.parametrize(
    ("delimiter", "bom", "newline"),
    [(";", False, "\n"), (",", True, "\n"), (";", True, "\r\n")],
)
def test_semicolon_bom_and_crlf_read_the_same(
    write: Callable[..., Path], db: Path, rows, delimiter: str, bom: bool, newline: str
) -> None:
    lines = [line.replace(",", delimiter) for line in GOOD]
    path = write("s.csv", *lines, bom=bom, newline=newline)
    import_spells(path, db)
    assert rows(db, SPELLS_SQL) == STORED


def test_parquet_with_typed_columns(tmp_path: Path, db: Path, rows) -> None:
    table = pa.table(
        {
            "person_id": ["p1", "p1", "p2", "p3"],
            "municipality": pa.array([157, 157, 101, 157], type=pa.int16()),
            "benefit": ["sygedagpenge", "dagpenge", "kontanthjaelp", "shy"],
            "category": ["", "", "jobparat", None],
            "start": [D("2022-01-01"), D("2022-03-01"), D("2022-01-01"), D("2022-02-01")],
            "end": [D("2022-03-31"), D("2022-04-30"), None, D("2022-02-28")],
        }
    )
    path = tmp_path / "s.parquet"
    pq.write_table(table, path)
    summary = import_spells(path, db)
    assert rows(db, SPELLS_SQL) == STORED
    assert summary.overlaps == 1


def test_parquet_problems_name_the_row(tmp_path: Path, db: Path) -> None:
    table = pa.table(
        {
            "person_id": ["p1", "p2"],
            "municipality": [157, 157],
            "benefit": ["dagpenge", "dagpenge"],
            "category": ["", ""],
            "start": ["2022-01-01", "2022-01-01"],
            "end": ["", "2021-12-31"],
        }
    )
    path = tmp_path / "s.parquet"
    pq.write_table(table, path)
    with pytest.raises(InputError) as raised:
        import_spells(path, db)
    assert [(p.row, p.field) for p in raised.value.problems] == [(3, "end")]


# Each bad file: its data lines and the (row, field, part of the message) of every problem.
BAD_FILES = {
    "unknown benefit": (["p,157,dagpenge2,,2022-01-01,"], [(2, "benefit", "ukendt ydelse")]),
    "category not allowed": (
        ["p,157,kontanthjaelp,,2022-01-01,"],
        [(2, "category", "ikke tilladt for kontanthjaelp (tilladt: jobparat, aktivitetsparat)")],
    ),
    "bad date": (["p,157,dagpenge,,2022-02-30,"], [(2, "start", "ugyldig dato '2022-02-30'")]),
    "not an iso date": (["p,157,dagpenge,,01-02-2022,"], [(2, "start", "ugyldig dato")]),
    "end before start": (
        ["p,157,dagpenge,,2022-02-01,2022-01-31"],
        [(2, "end", "slutdato ligger før startdato")],
    ),
    "bad municipality": (
        ["p,999,dagpenge,,2022-01-01,"],
        [(2, "municipality", "ukendt kommunekode")],
    ),
    "empty municipality": (["p,,dagpenge,,2022-01-01,"], [(2, "municipality", "mangler")]),
    "missing person": ([",157,dagpenge,,2022-01-01,"], [(2, "person_id", "person-id mangler")]),
    "missing start": (["p,157,dagpenge,,,"], [(2, "start", "startdato mangler")]),
    "same key, other values": (
        [
            "p,157,dagpenge,,2022-01-01,",
            "q,157,dagpenge,,2022-01-01,",
            "p,157,dagpenge,,2022-01-01,2022-05-31",
        ],
        [(4, "start", "som række 2, men andre værdier")],
    ),
    "several problems, counted after an empty line": (
        ["p,157,dagpenge,,2022-01-01,", "", "p,157,foo,,2022-01-01,", "q,157,shy,x,2022-01-01,"],
        [(4, "benefit", "ukendt ydelse 'foo'"), (5, "category", "kategorien 'x'")],
    ),
    "wrong number of fields": (["p,157,dagpenge,,2022-01-01"], [(2, None, "forkert antal felter")]),
}


@pytest.fixture
def filled(write: Callable[..., Path], db: Path, contents) -> dict:
    """A store with GOOD imported; returns its contents."""
    import_spells(write("good.csv", *GOOD), db)
    return contents(db)


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_input_names_row_and_field_and_leaves_the_store(
    write: Callable[..., Path], db: Path, contents, filled: dict, case: str
) -> None:
    lines, expected = BAD_FILES[case]
    path = write("bad.csv", SPELLS_HEADER, *lines)
    with pytest.raises(InputError) as raised:
        import_spells(path, db)
    problems = raised.value.problems
    assert [(p.row, p.field) for p in problems] == [(row, field) for row, field, _ in expected]
    for problem, (_, _, text) in zip(problems, expected, strict=True):
        assert text in problem.message
        assert problem.file == str(path)
    assert contents(db) == filled


@pytest.mark.parametrize(
    ("header", "field", "text"),
    [
        ("person_id,municipality,benefit,category,start", "end", "kolonnen mangler"),
        ("id,municipality,benefit,category,start,end", "person_id", "person_id eller cpr"),
        ("person_id,cpr,municipality,benefit,category,start,end", "person_id", "både"),
    ],
)
def test_bad_header_is_reported_on_line_1(
    write: Callable[..., Path], db: Path, contents, filled: dict, header: str, field: str, text: str
) -> None:
    with pytest.raises(InputError) as raised:
        import_spells(write("bad.csv", header, "p,157,dagpenge,,2022-01-01,,"), db)
    assert [(p.row, p.field) for p in raised.value.problems] == [(1, field)]
    assert text in raised.value.problems[0].message
    assert contents(db) == filled


def test_windows_1252_file_is_refused(
    write: Callable[..., Path], db: Path, contents, filled: dict
) -> None:
    path = write("ansi.csv", *GOOD, "p5,157,dagpenge,,2022-01-01,  # Ørestad", encoding="cp1252")
    with pytest.raises(InputError) as raised:
        import_spells(path, db)
    (problem,) = raised.value.problems
    assert problem.file == str(path)
    assert problem.row == 7
    assert "ikke gemt som UTF-8" in problem.message
    assert "gem den igen som UTF-8" in problem.message
    assert contents(db) == filled


def test_only_the_first_20_problems_are_listed_with_the_total(
    write: Callable[..., Path], db: Path
) -> None:
    path = write("bad.csv", SPELLS_HEADER, *[f"p{i},157,nope,,2022-01-01," for i in range(25)])
    with pytest.raises(InputError) as raised:
        import_spells(path, db)
    problems = raised.value.problems
    assert len(problems) == 21
    assert problems[-1].message == "25 fejl i alt; de første 20 er vist"
    assert not db.exists()


def test_a_failure_while_writing_rolls_everything_back(
    write: Callable[..., Path], db: Path, contents, filled: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(con, priority) -> int:
        raise RuntimeError("disk fuld")

    monkeypatch.setattr(importers, "rebuild_segments", broken)
    later = write("b.csv", SPELLS_HEADER, "p9,101,dagpenge,,2022-01-01,")
    with pytest.raises(RuntimeError):
        import_spells(later, db)
    assert contents(db) == filled


def test_cli_prints_a_danish_summary_and_writes_the_overlaps_report(
    write: Callable[..., Path], db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = [f"x{i},157,dagpenge,,2022-01-01," for i in range(1200)]
    report = tmp_path / "overlap.csv"
    path = write("s.csv", *GOOD, *many)
    status = cli.main(
        ["import", "spells", str(path), "--db", str(db), "--overlaps-report", str(report)]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "rækker i filen:        1.205" in out
    assert "overlap afgjort efter ydelsesprioritet: 1 " in out
    assert report.read_text("utf-8").splitlines() == [
        "person_id,start_date,end_date,kept_benefit,dropped_benefit",
        "p1,2022-03-01,2022-03-31,sygedagpenge,dagpenge",
    ]


def test_cli_uses_the_db_setting_and_exits_2_on_bad_input(
    write: Callable[..., Path],
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("JOBTAL_DB", str(db))
    assert cli.main(["import", "spells", str(write("s.csv", *GOOD))]) == 0
    assert db.exists()
    bad = write("bad.csv", SPELLS_HEADER, "p,157,dagpenge,,2022-02-01,2022-01-31")
    assert cli.main(["import", "spells", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}, række 2, felt 'end': slutdato ligger før startdato" in err


def test_missing_file_is_an_input_error(tmp_path: Path, db: Path) -> None:
    with pytest.raises(InputError, match="filen findes ikke"):
        import_spells(tmp_path / "nope.csv", db)
