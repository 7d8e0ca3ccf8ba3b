"""Reading an input file (CSV or Parquet) into a DuckDB staging table of text columns.

Definitions:
- A file is Parquet when it starts with the magic bytes `PAR1`; otherwise it is CSV.
- A CSV file must be UTF-8 (a byte-order mark is allowed). A file that is not is refused
  with a message naming what it most likely is: UTF-16 (by its byte-order mark) or
  Windows-1252 (Excel's "CSV (semikolonsepareret)"; every byte decodes).
- The delimiter is `;` when the header line has at least as many `;` as `,`, else `,`.
- Column names are compared without case and surrounding spaces.
- The *line* of a data row is its line number as a spreadsheet shows it: the header is line 1,
  the first data row line 2. Empty lines, which DuckDB skips, are counted.
- The staging table `raw` has one VARCHAR column per input column, in file order, so that its
  rowid is the data row's index (0 = first data row).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import duckdb

from jobtal.errors import InputError, Problem

_CHUNK = 1 << 20
_PARQUET_MAGIC = b"PAR1"
_BOM = codecs.BOM_UTF8
_EMPTY_LINE = re.compile(rb"^\r?\n", re.MULTILINE)

NOT_UTF8 = (
    "filen er ikke gemt som UTF-8 (første ugyldige tegn i række {line}; {guess}); "
    "gem den igen som UTF-8, fx 'CSV UTF-8' i Excel"
)
GUESS_CP1252 = "den ser ud til at være Windows-1252 (ANSI)"
GUESS_UNKNOWN = "tegnsættet er ukendt"
UTF16 = "filen er gemt som UTF-16 (Unicode-tekst); gem den igen som UTF-8, fx 'CSV UTF-8' i Excel"


@dataclass(frozen=True)
class Scanned:
    """What one pass over the file found: checksum, format, header and empty lines."""

    file: str
    sha256: str
    is_parquet: bool
    delimiter: str = ","
    header: tuple[str, ...] = ()
    empty_lines: tuple[int, ...] = field(default=())

    def line_of(self, index: int) -> int:
        """The spreadsheet line of data row `index` (0 = the first data row)."""
        line = index + 2
        if self.is_parquet:
            return line
        # Empty lines before the row shift it down; they are sorted, so walk them once.
        for empty in self.empty_lines:
            if empty <= line:
                line += 1
            else:
                break
        return line


def problem(
    file: str, message: str, row: int | None = None, field: str | None = None
) -> InputError:
    """An InputError with a single problem."""
    return InputError([Problem(file, row, field, message)])


def scan(path: Path) -> Scanned:
    """Read the file once: its SHA-256, and for CSV check UTF-8 and find header and empty lines."""
    file = str(path)
    if not path.is_file():
        raise problem(file, "filen findes ikke")
    with path.open("rb") as stream:
        start = stream.read(4)
        stream.seek(0)
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise problem(file, UTF16, row=1)
        if start == _PARQUET_MAGIC:
            digest = hashlib.sha256()
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
            return Scanned(file, digest.hexdigest(), is_parquet=True)
        return _scan_csv(file, stream)


def _scan_csv(file: str, stream: BinaryIO) -> Scanned:
    """Checksum, UTF-8 check, header and empty lines of a CSV file, in one pass of chunks
    that always end at a line end (so no line is split between two chunks)."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines_before = 0  # complete lines in earlier chunks
    carry = b""
    first_line: str | None = None
    empty: list[int] = []
    while True:
        data = stream.read(_CHUNK)
        digest.update(data)
        block = carry + data
        cut = block.rfind(b"\n") + 1 if data else len(block)
        block, carry = block[:cut], block[cut:]
        if lines_before == 0 and block.startswith(_BOM):
            block = block[len(_BOM) :]
        try:
            decoder.decode(block, final=not data)
        except UnicodeDecodeError as error:
            line = lines_before + block.count(b"\n", 0, error.start) + 1
            message = NOT_UTF8.format(line=line, guess=_guess(block))
            raise problem(file, message, row=line) from None
        if first_line is None and block:
            first_line = block.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
        empty.extend(_empty_lines(block, lines_before))
        lines_before += block.count(b"\n")
        if not data:
            break
    if not first_line or not first_line.strip():
        raise problem(file, "filen er tom eller mangler en overskriftsrække", row=1)
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    header = next(csv.reader([first_line], delimiter=delimiter))
    names = tuple(name.strip().lower() for name in header)
    return Scanned(
        file, digest.hexdigest(), False, delimiter, names, tuple(e for e in empty if e > 1)
    )


def _guess(block: bytes) -> str:
    """What a block that is not UTF-8 most likely is (Danish exports: Windows-1252)."""
    try:
        block.decode("cp1252")
    except UnicodeDecodeError:
        return GUESS_UNKNOWN
    return GUESS_CP1252


def _empty_lines(block: bytes, lines_before: int) -> list[int]:
    """Line numbers (1-based) of the empty lines in a block of complete lines."""
    found = []
    line, position = lines_before + 1, 0
    for match in _EMPTY_LINE.finditer(block):
        line += block.count(b"\n", position, match.start())
        position = match.start()
        found.append(line)
    return found


def load_raw(con: duckdb.DuckDBPyConnection, path: Path, scanned: Scanned) -> tuple[str, ...]:
    """Create the staging table `raw` from the file; return its (normalised) column names."""
    if scanned.is_parquet:
        return _load_parquet(con, path, scanned)
    _check_names(scanned.file, scanned.header)
    columns = {f"c{i}": "VARCHAR" for i in range(len(scanned.header))}
    select = ", ".join(f'c{i} AS "{name}"' for i, name in enumerate(scanned.header))
    try:
        con.execute(
            f"CREATE TABLE raw AS SELECT {select} FROM read_csv(?, delim = ?, header = true, "
            "auto_detect = false, columns = ?, quote = '\"', escape = '\"', all_varchar = true)",
            [str(path), scanned.delimiter, columns],
        )
    except duckdb.Error as error:
        raise _csv_error(scanned, error) from None
    return scanned.header


def _csv_error(scanned: Scanned, error: duckdb.Error) -> InputError:
    """A CSV that DuckDB cannot parse. DuckDB's message quotes the offending line, which may
    hold a CPR number, so only the line number is taken from it."""
    match = re.search(r"CSV Error on Line: (\d+)", str(error))
    line = int(match.group(1)) if match else None
    return problem(
        scanned.file,
        "rækken kan ikke læses: forkert antal felter eller fejl i anførselstegn",
        row=line,
    )


def _load_parquet(con: duckdb.DuckDBPyConnection, path: Path, scanned: Scanned) -> tuple[str, ...]:
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    except duckdb.Error:
        raise problem(scanned.file, "filen kan ikke læses som Parquet") from None
    names = tuple(str(row[0]).strip().lower() for row in described)
    _check_names(scanned.file, names)
    select = ", ".join(
        f'{_as_text(str(row[0]), str(row[1]))} AS "{name}"'
        for row, name in zip(described, names, strict=True)
    )
    con.execute(f"CREATE TABLE raw AS SELECT {select} FROM read_parquet(?)", [str(path)])
    return names


def _as_text(column: str, type_name: str) -> str:
    """A Parquet column as text, as it would be written in a CSV file: dates and timestamps as
    ISO dates; integer CPR numbers get back their leading zero."""
    quoted = '"' + column.replace('"', '""') + '"'
    if type_name.startswith("TIMESTAMP"):
        return f"CAST(CAST({quoted} AS DATE) AS VARCHAR)"
    if column.strip().lower() == "cpr" and type_name in ("BIGINT", "INTEGER", "UBIGINT", "HUGEINT"):
        return f"lpad(CAST({quoted} AS VARCHAR), 10, '0')"
    return f"CAST({quoted} AS VARCHAR)"


def _check_names(file: str, names: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise problem(file, f"kolonnen '{name}' forekommer flere gange", row=1, field=name)
        if '"' in name:
            raise problem(file, "ugyldigt kolonnenavn", row=1)
        seen.add(name)


def first_missing(file: str, names: tuple[str, ...], required: tuple[str, ...]) -> list[Problem]:
    """One problem per required column that the file lacks."""
    return [Problem(file, 1, name, "kolonnen mangler") for name in required if name not in names]
