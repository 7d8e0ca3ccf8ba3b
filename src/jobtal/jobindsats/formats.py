"""Reading jobindsats replies and exports into tidy records: one value per row and measure.

Formats (detected from the content, not the file name):
- API v2 JSON: a list of `{"Variables": [{"Name", "Label"}, ...], "Data": [[...], ...]}`.
  Variable `area` is the area, `period` the period, names starting with `_` are dimensions,
  all others measures. Numbers may be strings with a decimal comma (`"5,80"`).
- API v3 JSON: `{"columns": [labels], "rows": [[...], ...]}`; several replies may be bundled
  as `{"name": {"columns": ..., "rows": ...}, ...}` (then each name is its table).
- The table of a single reply or export: the table id its file name begins with (`y01a02_...`,
  as `jobtal jobindsats fetch` names replies), else the one given (`--table`).
- CSV export: `;` (or `,`) between fields, decimal comma, labels as the header line.

Definitions:
- Columns `Område`/`Area` and `Periode`/`Period` are the area and the period. Any other
  column of a v3 reply or a CSV file is a *measure* when most of its non-empty cells are
  numbers, else a *dimension* (a label column such as `Ydelsesgrupper`).
- `dimensions` of a record: the dimension labels and values of its row as a JSON object with
  sorted keys (`{}` when there are none), so equal dimensions are equal strings.
- `null` (or an empty CSV cell) is stored as NULL: jobindsats writes it for 0 or for a value
  suppressed for being small, so it is never read as 0.
- A *row* is one data row (JSON: its position among the data rows, from 1; CSV: its line as
  a spreadsheet shows it, the header being line 1). A row is bad, and none of its values is
  used, when its area, period or a dimension is missing or unknown, a measure cell is not a
  number, it has the wrong number of cells, or it gives another value for a series and period
  that an earlier row already gave. Rows equal to an earlier row count once.
- Encoding: UTF-8 with or without byte-order mark; otherwise Windows-1252 (what Excel writes
  as "CSV (semikolonsepareret)"); UTF-16 is refused with a message that names it.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jobtal.errors import InputError, Problem
from jobtal.jobindsats import periods

AREA_LABELS = frozenset({"område", "omraade", "area"})
PERIOD_LABELS = frozenset({"periode", "period"})
_NUMBER = re.compile(r"^-?(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?$")
_TABLE_IN_NAME = re.compile(r"^([a-z]{1,4}\d{2}[a-z]\d{2}|[a-z]{3,5}\d{2})(?=[_.\-]|$)", re.I)
NO_TABLE = (
    "kan ikke se, hvilken jobindsats-tabel filen er fra (filnavnet begynder ikke med et "
    "tabel-id som y01a02); angiv den med --table"
)


@dataclass(frozen=True)
class Record:
    """One value of a series in a period, as jobindsats gives its labels."""

    row: int
    source_table: str
    area: str
    period: str
    period_kind: str
    first_month: date
    last_month: date
    measure: str
    dimensions: str
    value: float | None

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """The series (table, area, measure, dimensions) and the period."""
        return (self.source_table, self.area, self.period, self.measure, self.dimensions)


@dataclass(frozen=True)
class BadRow:
    """A row that was not used: where and why, and its cells as read (for quarantine)."""

    row: int | None
    field: str | None
    reason: str
    content: str


@dataclass
class Parsed:
    """Everything read from one file."""

    file: str
    sha256: str
    format: str
    encoding: str
    rows_read: int = 0
    records: list[Record] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    duplicates: int = 0

    def problems(self) -> list[Problem]:
        return [Problem(self.file, bad.row, bad.field, bad.reason) for bad in self.bad]


@dataclass(frozen=True)
class _Column:
    label: str
    role: str  # "area", "period", "dimension" or "measure"


@dataclass(frozen=True)
class _Part:
    table: str
    columns: tuple[_Column, ...]
    rows: list[tuple[int, Any]]  # (row number, the row as read)


def _fail(file: str, message: str, row: int | None = None, field: str | None = None) -> InputError:
    return InputError([Problem(file, row, field, message)])


def read(path: str | Path, table: str | None = None) -> Parsed:
    """Read a v2/v3 JSON reply or a CSV export. Problems with the whole file (not readable,
    not a jobindsats format, an error reply, no table) raise InputError; bad rows are listed
    in `Parsed.bad` and left out of `Parsed.records`."""
    path = Path(path)
    file = str(path)
    if not path.is_file():
        raise _fail(file, "filen findes ikke")
    data = path.read_bytes()
    text, encoding = decode(file, data)
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        parts, kind = _json_parts(file, stripped, path.name, table)
    else:
        parts, kind = [_csv_part(file, text, _table(file, path.name, table))], "csv"
    parsed = Parsed(file, hashlib.sha256(data).hexdigest(), kind, encoding)
    _records(parsed, parts)
    return parsed


def decode(file: str, data: bytes) -> tuple[str, str]:
    """The text of a file and the name of its encoding (see the module docstring)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fail(file, "filen er gemt som UTF-16 (Unicode-tekst); gem den som UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            line = data[: error.start + 3].count(b"\n") + 1
            raise _fail(file, "filen har UTF-8-mærke, men er ikke gyldig UTF-8", line) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _fail(
            file, "filen er hverken UTF-8 eller Windows-1252; gem den som UTF-8", line
        ) from None


def _table(file: str, name: str, given: str | None) -> str:
    """The table of a file: the table id its name begins with (as `jobtal jobindsats fetch`
    names its replies), else the given one."""
    match = _TABLE_IN_NAME.match(name)
    if match:
        return match.group(1).lower()
    if given:
        return given.strip().lower()
    raise _fail(file, NO_TABLE)


def error_reply(reply: object) -> str | None:
    """jobindsats' own error message when a reply is an error, else None: v2 answers a bad
    key with `{"Forkert nøgle eller nøglen er udløbet.": ""}`, v3 with `{"code", "cause"}`."""
    if not isinstance(reply, dict):
        return None
    if "cause" in reply and "code" in reply:
        return f"jobindsats svarede {reply['code']}: {reply['cause']}"
    if len(reply) == 1:
        (only,) = reply
        if "nøgle" in str(only).lower():
            return f"jobindsats afviste nøglen: {only}"
    return None


def _json_parts(file: str, text: str, name: str, table: str | None) -> tuple[list[_Part], str]:
    try:
        reply = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"ugyldig JSON: {error.msg} (kolonne {error.colno})"
        raise _fail(file, message, error.lineno) from None
    refused = error_reply(reply)
    if refused:
        raise _fail(file, f"filen er et fejlsvar, ikke data: {refused}")
    if isinstance(reply, list):
        return _v2_parts(file, reply, _table(file, name, table)), "v2"
    if isinstance(reply, dict) and "columns" in reply:
        return [_v3_part(file, reply, _table(file, name, table), 1)], "v3"
    if (
        isinstance(reply, dict)
        and reply
        and all(isinstance(v, dict) and "columns" in v for v in reply.values())
    ):
        parts, start = [], 1
        for key, value in reply.items():
            part = _v3_part(file, value, str(key).strip().lower(), start)
            start += len(part.rows)
            parts.append(part)
        return parts, "v3"
    raise _fail(file, "JSON-filen er hverken et svar fra API version 2 eller version 3")


def _v2_parts(file: str, reply: list[Any], table: str) -> list[_Part]:
    parts, start = [], 1
    for block in reply:
        if not (isinstance(block, dict) and isinstance(block.get("Variables"), list)):
            raise _fail(file, "v2-svaret mangler 'Variables'")
        columns = tuple(_v2_column(file, variable) for variable in block["Variables"])
        data = block.get("Data")
        if not isinstance(data, list):
            raise _fail(file, "v2-svaret mangler 'Data'")
        parts.append(_Part(table, _checked(file, columns), _numbered(data, start)))
        start += len(data)
    return parts


def _v2_column(file: str, variable: object) -> _Column:
    if not (isinstance(variable, dict) and isinstance(variable.get("Name"), str)):
        raise _fail(file, "en variabel i 'Variables' mangler 'Name'")
    name = variable["Name"]
    label = str(variable.get("Label") or name)
    role = {"area": "area", "period": "period"}.get(name.lower())
    return _Column(label, role or ("dimension" if name.startswith("_") else "measure"))


def _v3_part(file: str, reply: dict[str, Any], table: str, start: int) -> _Part:
    labels, rows = reply.get("columns"), reply.get("rows")
    if not isinstance(labels, list) or not isinstance(rows, list):
        raise _fail(file, "v3-svaret skal have 'columns' og 'rows' som lister")
    cells = [row for row in rows if isinstance(row, list)]
    columns = tuple(
        _Column(str(label), _role(str(label), [row[i] for row in cells if i < len(row)]))
        for i, label in enumerate(labels)
    )
    return _Part(table, _checked(file, columns), _numbered(rows, start))


def _csv_part(file: str, text: str, table: str) -> _Part:
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        raise _fail(file, "filen er tom eller mangler en overskriftsrække", 1)
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise _fail(file, f"filen kan ikke læses som CSV: {error}", reader.line_num) from None
    (_, header), data = rows[0], rows[1:]
    labels = [label.strip() for label in header]
    columns = tuple(
        _Column(label, _role(label, [row[i] for _, row in data if i < len(row)]))
        for i, label in enumerate(labels)
    )
    return _Part(table, _checked(file, columns), data)


def _numbered(rows: list[Any], start: int) -> list[tuple[int, Any]]:
    return [(start + offset, row) for offset, row in enumerate(rows)]


def _role(label: str, cells: list[Any]) -> str:
    """area, period, or by the majority of the cells: measure (numbers) or dimension."""
    folded = label.strip().casefold()
    if folded in AREA_LABELS:
        return "area"
    if folded in PERIOD_LABELS:
        return "period"
    filled = [cell for cell in cells if cell is not None and cell != ""]
    numeric = sum(1 for cell in filled if _is_number(cell))
    return "measure" if 2 * numeric >= len(filled) else "dimension"


def _checked(file: str, columns: tuple[_Column, ...]) -> tuple[_Column, ...]:
    roles = [column.role for column in columns]
    for role, label in (("area", "Område"), ("period", "Periode")):
        if roles.count(role) != 1:
            raise _fail(file, f"filen skal have præcis én kolonne '{label}'", 1, label)
    labels = [column.label for column in columns]
    for label in labels:
        if labels.count(label) > 1:
            raise _fail(file, f"kolonnen '{label}' forekommer flere gange", 1, label)
    if "measure" not in roles:
        raise _fail(file, "filen har ingen kolonne med tal (måltal)", 1)
    return columns


def _is_number(cell: object) -> bool:
    try:
        return parse_value(cell) is not None
    except ValueError:
        return False


def parse_value(cell: object) -> float | None:
    """A measure cell as a number: JSON numbers as they are, text with a decimal comma
    (`5,80`, `-0,06`, `1.097`), None for null or an empty cell. ValueError otherwise."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise ValueError("ikke et tal")
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            raise ValueError("ikke et endeligt tal")
        return float(cell)
    text = str(cell).strip()
    if text == "":
        return None
    if not _NUMBER.match(text):
        raise ValueError("ikke et tal (skrives med decimalkomma, fx 5,80)")
    return float(text.replace(".", "").replace(",", "."))


def _records(parsed: Parsed, parts: list[_Part]) -> None:
    """Fill records and bad rows of `parsed` from the parts, row by row."""
    seen: dict[tuple[str, str, str, str, str], tuple[float | None, int]] = {}
    for part in parts:
        for number, row in part.rows:
            parsed.rows_read += 1
            try:
                records = list(_row_records(part, number, row))
                fresh = _new_records(records, seen)
            except _BadCell as bad:
                parsed.bad.append(BadRow(number, bad.field, bad.reason, _content(row)))
                continue
            if not fresh and records:
                parsed.duplicates += 1
            parsed.records.extend(fresh)


class _BadCell(Exception):
    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field, self.reason = field, reason


def _content(row: object) -> str:
    return json.dumps(row, ensure_ascii=False)


def _row_records(part: _Part, number: int, row: object) -> Iterator[Record]:
    if not isinstance(row, list):
        raise _BadCell(None, "rækken er ikke en liste af celler")
    if len(row) != len(part.columns):
        raise _BadCell(None, f"rækken har {len(row)} felter, men der er {len(part.columns)}")
    labels: dict[str, str] = {}
    values: list[tuple[str, float | None]] = []
    for column, cell in zip(part.columns, row, strict=True):
        if column.role == "measure":
            values.append((column.label, _value(column.label, cell)))
        else:
            labels[column.role if column.role != "dimension" else column.label] = _label(
                column.label, cell
            )
    area, code = labels.pop("area"), labels.pop("period")
    try:
        period = periods.parse(code)
    except ValueError as error:
        raise _BadCell(_period_label(part), str(error)) from None
    dimensions = json.dumps(labels, ensure_ascii=False, sort_keys=True)
    for measure, value in values:
        yield Record(
            number,
            part.table,
            area,
            code,
            period.kind,
            period.first.first_day,
            period.last.first_day,
            measure,
            dimensions,
            value,
        )


def _period_label(part: _Part) -> str:
    return next(column.label for column in part.columns if column.role == "period")


def _label(field: str, cell: object) -> str:
    if cell is None or isinstance(cell, bool | list | dict) or str(cell).strip() == "":
        raise _BadCell(field, "mangler" if cell is None or str(cell).strip() == "" else "ugyldig")
    return str(cell).strip()


def _value(field: str, cell: object) -> float | None:
    try:
        return parse_value(cell)
    except ValueError as error:
        shown = str(cell)[:40]
        raise _BadCell(field, f"{error}: {shown!r}") from None


def _new_records(
    records: list[Record], seen: dict[tuple[str, str, str, str, str], tuple[float | None, int]]
) -> list[Record]:
    """The records not given before; a different value for a key given before is a bad row."""
    fresh = []
    for record in records:
        earlier = seen.get(record.key)
        if earlier is None:
            fresh.append(record)
        elif earlier[0] != record.value:
            raise _BadCell(
                record.measure,
                f"samme serie og periode som række {earlier[1]}, men en anden værdi",
            )
    for record in fresh:
        seen[record.key] = (record.value, record.row)
    return fresh
