"""The loaders read a report by name or from a folder in the same format, and a malformed
folder is an InputError naming file, line and field."""

from __future__ import annotations

import shutil
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest

from jobtal import published
from jobtal.errors import InputError
from jobtal.published import consistency, tables
from jobtal.published.consistency import Interval, divide, references

NAME = "gentofte-2023-02"
SEED = Path(str(resources.files("jobtal.published").joinpath("data", NAME)))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(SEED, copy)
    return copy


def problems(error: pytest.ExceptionInfo[InputError]) -> list[tuple[str, int | None, str | None]]:
    return [(Path(p.file).name, p.row, p.field) for p in error.value.problems]


def test_a_folder_reads_like_the_name(folder: Path) -> None:
    assert published.appendix(folder) == published.appendix(NAME)
    assert tables.report_tables(folder) == tables.report_tables(NAME)
    assert tables.statements(folder) == tables.statements(NAME)
    assert tables.relations(folder) == tables.relations(NAME)
    assert tables.budget_changes(folder) == tables.budget_changes(NAME)
    assert consistency.check(folder, include_rounding=True) == consistency.check(
        NAME, include_rounding=True
    )


def test_a_generated_folder_may_leave_out_pages_notes_and_relations(tmp_path: Path) -> None:
    (tmp_path / "report_tables.csv").write_text(
        "\ufefftable;row;column;value;unit\ntabel 3;Kontaktede;2022;40.0;count\n", "utf-8"
    )
    (cell,) = tables.report_tables(tmp_path)
    assert (cell["value"], cell["decimals"], cell["page"], cell["note"]) == (40.0, 1, None, None)
    assert tables.relations(tmp_path) == []


def test_every_problem_of_a_file_is_named(folder: Path) -> None:
    path = folder / "noegletal.csv"
    lines = path.read_text("utf-8").splitlines()
    # Line 2 gets a year that is not a number, line 4 an unknown measure.
    lines[1] = lines[1].replace(";2020;", ";tyve;")
    lines[3] = lines[3].replace(";ftp;", ";fuldtid;")
    path.write_text("\n".join(lines), "utf-8")
    with pytest.raises(InputError) as raised:
        published.appendix(folder)
    assert problems(raised) == [("noegletal.csv", 2, "year"), ("noegletal.csv", 4, "measure")]
    assert "ukendt værdi 'fuldtid'" in str(raised.value)


def test_a_line_with_too_few_fields(folder: Path) -> None:
    path = folder / "statements.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[4] = ";".join(lines[4].split(";")[:3])
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InputError) as raised:
        tables.statements(folder)
    assert problems(raised) == [("statements.csv", 5, None)]
    assert "3 felter, men overskriften har 5" in str(raised.value)


def test_a_file_that_is_not_utf8(folder: Path) -> None:
    path = folder / "report_tables.csv"
    path.write_bytes(path.read_bytes() + "tabel 1;Ø;x;1;count;1;\n".encode("latin-1"))
    with pytest.raises(InputError) as raised:
        tables.report_tables(folder)
    assert problems(raised) == [("report_tables.csv", 230, None)]


def test_a_cell_printed_twice_or_named_but_not_printed(folder: Path) -> None:
    path = folder / "report_tables.csv"
    text = path.read_text("utf-8")
    path.write_text(text + "tabel 2;Gentofte;2021;361;count;6;\n", "utf-8")
    with pytest.raises(InputError) as raised:
        consistency.check(folder)
    assert problems(raised) == [("report_tables.csv", 230, None)]
    assert "findes to gange" in str(raised.value)
    path.write_text(text, "utf-8")
    statements = folder / "statements.csv"
    lines = statements.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace("Dagpengemodtagere:2022", "Dagpengemodtagere:2023")
    lines[2] = lines[2].rsplit(";", 1)[0] + ";diff(noegletal:target_groups:I alt:2022:ftp)"
    statements.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InputError) as raised:
        consistency.check(folder)
    assert problems(raised) == [
        ("statements.csv", 2, "refers_to"),
        ("statements.csv", 3, "refers_to"),
    ]
    assert "diff(…) skal have 2 argumenter, ikke 1" in str(raised.value)


def test_references_name_the_cells_of_an_expression() -> None:
    assert references("share(a (x)|sum(b|12.5))") == ["a (x)", "b"]
    assert references("42") == []
    with pytest.raises(ValueError, match="tomt argument"):
        references("sum(a||b)")


def test_division_by_a_divisor_that_cannot_be_positive() -> None:
    # [2; 4] ÷ [−2; −1] = [−4; −1] (by hand: 2 ÷ −2 = −1, 4 ÷ −1 = −4).
    quotient, may_be_zero = divide(
        Interval(Fraction(2), Fraction(4)), Interval(Fraction(-2), Fraction(-1))
    )
    assert (quotient.lo, quotient.hi, may_be_zero) == (-4, -1, False)
    # A divisor of either sign lets the quotient be any number.
    anything, may_be_zero = divide(
        Interval(Fraction(1), Fraction(2)), Interval(Fraction(-1), Fraction(1))
    )
    assert (anything.lo, anything.hi, may_be_zero) == (None, None, True)
