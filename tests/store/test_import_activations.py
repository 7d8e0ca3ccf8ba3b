"""`import_activations`: optional columns, hours and CVR, idempotence, bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from jobtal import cli
from jobtal.errors import InputError
from jobtal.store.importers import import_activations

D = date.fromisoformat
HEADER = "person_id;offer;start;end;hours_per_week;cvr"

GOOD = (
    HEADER,
    "p1;loentilskud;2022-01-01;2022-03-31;37;12345678",
    "p1;mentor;2022-02-01;;;",
    "p2;Virksomhedspraktik;2022-01-10;2022-02-06;18,5;",
    "p2;Virksomhedspraktik;2022-01-10;2022-02-06;18,5;",
)

STORED = [
    ("p1", "loentilskud", D("2022-01-01"), D("2022-03-31"), 37.0, "12345678"),
    ("p1", "mentor", D("2022-02-01"), None, None, None),
    ("p2", "virksomhedspraktik", D("2022-01-10"), D("2022-02-06"), 18.5, None),
]

SQL = "SELECT * FROM activation_spells ORDER BY person_id, offer"


def test_import_activations(write: Callable[..., Path], db: Path, rows) -> None:
    summary = import_activations(write("a.csv", *GOOD), db)
    assert (summary.rows_read, summary.rows_stored, summary.persons) == (4, 3, 2)
    assert summary.overlaps == 0
    assert rows(db, SQL) == STORED
    assert rows(db, "SELECT count(*) FROM benefit_segments") == [(0,)]


def test_optional_columns_may_be_left_out(write: Callable[..., Path], db: Path, rows) -> None:
    import_activations(write("a.csv", "person_id,offer,start,end", "p,smaajob,2022-01-01,"), db)
    assert rows(db, SQL) == [("p", "smaajob", D("2022-01-01"), None, None, None)]


def test_importing_twice_gives_the_same_store(
    write: Callable[..., Path], db: Path, contents
) -> None:
    path = write("a.csv", *GOOD)
    import_activations(path, db)
    first = contents(db)
    assert import_activations(path, db).already_imported
    assert contents(db) == first


def test_a_later_file_replaces_by_key(write: Callable[..., Path], db: Path, rows) -> None:
    import_activations(write("a.csv", *GOOD), db)
    import_activations(write("b.csv", HEADER, "p1;mentor;2022-02-01;2022-02-28;5;"), db)
    assert rows(
        db, "SELECT end_date, hours_per_week FROM activation_spells WHERE offer = 'mentor'"
    ) == [(D("2022-02-28"), 5.0)]


@pytest.mark.parametrize(
    ("line", "field", "text"),
    [
        ("p;loentilskud;2022-01-01;;abc;", "hours_per_week", "ugyldigt timetal 'abc'"),
        ("p;loentilskud;2022-01-01;;0;", "hours_per_week", "over 0 og højst 168"),
        ("p;loentilskud;2022-01-01;;200;", "hours_per_week", "over 0 og højst 168"),
        ("p;loentilskud;2022-01-01;;37;1234567", "cvr", "ugyldigt CVR-nummer (skal være 8 cifre)"),
        ("p;jobsøgning;2022-01-01;;37;", "offer", "ukendt tilbud 'jobsøgning'"),
        ("p;loentilskud;2022-01-01;2021-01-01;;", "end", "slutdato ligger før startdato"),
        ("p;loentilskud;;;;", "start", "startdato mangler"),
    ],
)
def test_bad_input_leaves_the_store(
    write: Callable[..., Path], db: Path, contents, line: str, field: str, text: str
) -> None:
    import_activations(write("a.csv", *GOOD), db)
    before = contents(db)
    with pytest.raises(InputError) as raised:
        import_activations(write("bad.csv", HEADER, line), db)
    (problem,) = raised.value.problems
    assert (problem.row, problem.field) == (2, field)
    assert text in problem.message
    assert contents(db) == before


def test_cli_exits_2_on_bad_input(
    write: Callable[..., Path], db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write("bad.csv", HEADER, "p;loentilskud;2022-01-01;;x;")
    assert cli.main(["import", "activations", str(bad), "--db", str(db)]) == 2
    assert "felt 'hours_per_week': ugyldigt timetal" in capsys.readouterr().err
    assert not db.exists()
