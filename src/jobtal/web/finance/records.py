"""The finance records as CSV files in the store's input format (docs/input-formats.md).

`import_files` reads the six files of the finance and steering records from a folder and
validates them with exactly the store importers' rules: each file is first imported with
`jobtal.store.records.import_records` into a temporary DuckDB store, and the typed rows are
read back from there. Any bad row in any file is an InputError naming file, line and field,
and then nothing is written to the web database. A row whose key (the store's key,
`jobtal.store.records.KINDS[table].key`) matches a record replaces it (its history keeps the
old values); the others are added. Amounts are kept in kroner with øre (finer amounts are
rounded to øre).

`export_files` writes the records back as the same six files, in the order they were
recorded (the report orders records of one date by that order), so that
`jobtal.store.records.import_directory` puts them into the analytical store.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from jobtal.errors import InputError, Problem
from jobtal.store.records import FILE_COLUMNS, KINDS, import_records
from jobtal.store.schema import connect
from jobtal.web.finance.models import MODELS

# The files, by store table, in the order of the report's inputs.
TABLES: tuple[str, ...] = tuple(MODELS)
FILE_NAMES: dict[str, str] = {table: f"{table}.csv" for table in TABLES}


def import_files(directory: Path) -> dict[str, int]:
    """Import the finance files of `directory` (any of FILE_NAMES; at least one); returns
    the number of rows per imported table. InputError, with nothing written, on any bad
    row."""
    found = {t: Path(directory) / name for t, name in FILE_NAMES.items()}
    found = {t: path for t, path in found.items() if path.is_file()}
    if not found:
        names = ", ".join(FILE_NAMES.values())
        raise InputError([Problem(str(directory), None, None, f"ingen af filerne {names}")])
    rows = validated_rows(found)
    with transaction.atomic():
        for table, table_rows in rows.items():
            for line, row in enumerate(table_rows, start=2):
                _replace(MODELS[table], row, found[table], line)
    return {table: len(table_rows) for table, table_rows in rows.items()}


def validated_rows(files: dict[str, Path]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each file (by store table) as the store's importer types them, in file
    order; every file's problems together in one InputError."""
    problems: list[Problem] = []
    result: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="jobtal-oekonomi-") as folder:
        for table, path in files.items():
            store = Path(folder) / f"{table}.duckdb"
            try:
                import_records(table, path, store)
            except InputError as error:
                problems.extend(error.problems)
                continue
            result[table] = _read_back(store, table)
    if problems:
        raise InputError(problems)
    return result


def _read_back(store: Path, table: str) -> list[dict[str, Any]]:
    columns = KINDS[table].store_columns
    con = connect(store, read_only=True)
    try:
        quoted = ", ".join(f'"{c}"' for c in columns)
        found = con.execute(f"SELECT {quoted} FROM {table} ORDER BY rowid").fetchall()
    finally:
        con.close()
    return [dict(zip(columns, row, strict=True)) for row in found]


def _field_value(field: models.Field, value: Any) -> Any:
    if isinstance(field, models.DecimalField):
        return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-field.decimal_places))
    return value


def _replace(model: type[models.Model], row: dict[str, Any], path: Path, line: int) -> None:
    """Update the live record with the row's key, or create one (saved one by one, so the
    history records each change). The line is the row's line in the file when the file has
    no duplicate rows (the store counts equal rows once)."""
    values = {name: _field_value(model._meta.get_field(name), value) for name, value in row.items()}
    key = {name: values[name] for name in model.KEY}
    record = model.objects.filter(**key).first()
    if record is None:
        record = model(**values)
    else:
        for name, value in values.items():
            setattr(record, name, value)
    try:
        record.full_clean()
    except ValidationError as error:
        raise InputError(
            [
                Problem(str(path), line, field, message)
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        ) from None
    record.save()


def export_files(directory: Path, municipality: int = 157) -> list[Path]:
    """Write the municipality's live records as the six files in the store's input format
    (FILE_COLUMNS), in the order they were recorded; returns the files written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = directory / FILE_NAMES[table]
        records = MODELS[table].objects.filter(municipality=municipality).order_by("pk")
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(FILE_COLUMNS[table])
            for record in records:
                writer.writerow([_text(getattr(record, c)) for c in FILE_COLUMNS[table]])
        written.append(path)
    return written


def _text(value: Any) -> str:
    """A value as the store's importer reads it: ISO dates, `true`/`false`, plain decimals."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
