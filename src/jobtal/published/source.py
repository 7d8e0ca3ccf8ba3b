"""Where a report's reference data comes from: a transcribed report by name, or a folder.

A *source* is either the name of a report transcribed in `jobtal/published/data/` (a `str`,
e.g. `"gentofte-2023-02"`) or a folder (a `pathlib.Path`) holding files in the same format
(`noegletal.csv`, `report_tables.csv`, `statements.csv`, optionally `relations.csv`; see the
README.md of the transcribed report), such as the `data/` folder that `jobtal report` writes.

Every file is read the same way, as `;`-separated UTF-8 with a header line, into numbered rows
that know their file and line, so that a malformed value is reported as an `InputError`
naming file, line and field. An unknown report name raises a KeyError with a Danish message
(the name is not input from a file).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypeVar

from jobtal.errors import InputError, Problem

Source = str | Path

T = TypeVar("T")


def available() -> list[str]:
    """Names of the published reports that are transcribed."""
    root = resources.files("jobtal.published").joinpath("data")
    return sorted(entry.name for entry in root.iterdir() if entry.is_dir())


def file_label(source: Source, filename: str) -> str:
    """How a file of a source is named in an error message."""
    return f"{source}/{filename}" if isinstance(source, str) else str(source / filename)


def read_text(source: Source, filename: str, *, optional: bool = False) -> str | None:
    """The text of one file of a source; None for a missing optional file.

    A missing folder or required file in a folder, or a file that is not UTF-8, is an
    InputError; an unknown report name, or a transcribed report without the file, a KeyError.
    """
    if isinstance(source, str):
        return _read_packaged(source, filename, optional=optional)
    if not source.is_dir():
        raise InputError([Problem(str(source), None, None, "mappen findes ikke")])
    path = source / filename
    if not path.is_file():
        if optional:
            return None
        raise InputError([Problem(str(path), None, None, "filen findes ikke")])
    try:
        # utf-8-sig: a file saved by a spreadsheet may start with a byte-order mark.
        return path.read_text("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise InputError([Problem(str(path), line, None, "filen er ikke UTF-8")]) from None


def _read_packaged(name: str, filename: str, *, optional: bool) -> str | None:
    if name not in available():
        raise KeyError(f"ukendt publiceret rapport: {name!r} (findes: {', '.join(available())})")
    entry = resources.files("jobtal.published").joinpath("data", name, filename)
    if not entry.is_file():
        if optional:
            return None
        raise KeyError(f"ingen {filename} for den publicerede rapport {name!r}")
    return entry.read_text("utf-8")


@dataclass(frozen=True)
class Row:
    """One data line of a file: its fields by column, and where it stands."""

    file: str
    line: int
    fields: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.fields.get(column) or ""

    def problem(self, field: str | None, message: str) -> InputError:
        """An InputError naming this row's file and line and the field."""
        return InputError([Problem(self.file, self.line, field, message)])

    def number(self, field: str, *, empty: bool = False) -> float | None:
        """The field as a number written with `.` as decimal separator (None if empty and
        `empty` allows it)."""
        text = self[field].strip()
        if text == "":
            if empty:
                return None
            raise self.problem(field, "feltet er tomt; der skal stå et tal")
        try:
            return float(text)
        except ValueError:
            raise self.problem(
                field, f"{text!r} er ikke et tal (skrives med punktum som decimaltegn, fx 32.4)"
            ) from None

    def integer(self, field: str, *, empty: bool = False) -> int | None:
        """The field as a whole number (None if empty and `empty` allows it)."""
        text = self[field].strip()
        if text == "" and empty:
            return None
        try:
            return int(text)
        except ValueError:
            raise self.problem(field, f"{text!r} er ikke et helt tal") from None

    def choice(self, field: str, allowed: Iterable[str]) -> str:
        """The field, which must be one of `allowed`."""
        text = self[field]
        options = sorted(allowed)
        if text not in options:
            raise self.problem(field, f"ukendt værdi {text!r} (tilladt: {', '.join(options)})")
        return text

    def required(self, field: str) -> str:
        """The field, which must not be empty."""
        text = self[field]
        if text.strip() == "":
            raise self.problem(field, "feltet er tomt")
        return text


def read_rows(
    source: Source,
    filename: str,
    columns: Sequence[str],
    *,
    optional_columns: Sequence[str] = (),
    optional: bool = False,
) -> list[Row] | None:
    """The data rows of a `;`-separated file with a header; None for a missing optional file.

    The header must name every column in `columns`; each line must have as many fields as the
    header. Line numbers count the header as line 1.
    """
    text = read_text(source, filename, optional=optional)
    if text is None:
        return None
    label = file_label(source, filename)
    reader = csv.reader(text.splitlines(), delimiter=";")
    header = next(reader, [])
    if not any(header):
        expected = ";".join(columns)
        raise InputError(
            [Problem(label, 1, None, f"ingen overskrift; første linje skal være {expected}")]
        )
    missing = [column for column in columns if column not in header]
    if missing:
        raise InputError(
            [
                Problem(label, 1, column, "kolonnen mangler i overskriften (skilletegn er ;)")
                for column in missing
            ]
        )
    known = set(columns) | set(optional_columns)
    rows = []
    for values in reader:
        if not values:
            continue  # a blank line
        if len(values) != len(header):
            message = f"{len(values)} felter, men overskriften har {len(header)} (skilletegn er ;)"
            raise InputError([Problem(label, reader.line_num, None, message)])
        fields = {k: v for k, v in zip(header, values, strict=True) if k in known}
        rows.append(Row(label, reader.line_num, fields))
    return rows


def parse_all(rows: Iterable[Row], parse: Callable[[Row], T]) -> list[T]:
    """`parse` applied to every row; the problems of all rows together in one InputError."""
    parsed, problems = [], []
    for row in rows:
        try:
            parsed.append(parse(row))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return parsed
