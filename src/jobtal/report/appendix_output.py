"""The appendix *Nøgletal* as a Danish text table, as CSV and JSON, and as files on disk.

The CSV has the columns and `;` separator of the published reference data
(`jobtal/published/data/*/noegletal.csv`): table;label;parent;year;measure;value, values
unrounded with a decimal point, empty where undefined. The JSON is the list of tidy rows.
The text table is for a Danish analyst: numbers rounded and written the Danish way.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from jobtal import formatting
from jobtal.domain.target_groups import APPENDIX_MEASURES, APPENDIX_TABLES
from jobtal.published import AppendixRow

FIELDS: tuple[str, ...] = ("table", "label", "parent", "year", "measure", "value")

TABLE_TITLES: dict[str, str] = {
    "target_groups": "Målgruppeoversigt (fuldtidspersoner, årsgennemsnit)",
    "long_term": "Langtidsledige (fuldtidspersoner, årsgennemsnit)",
    "company_offers": "Antal fuldtidsaktiverede i virksomhedsrettet tilbud",
    "activation_share": "Andel fuldtidsaktiverede i virksomhedsrettet tilbud",
}

MEASURE_HEADINGS: dict[str, str] = {
    "ftp": "Årsgns.",
    "national_share_pct": "Landsandel",
    "change_pct": "Udvikling",
    "wage_subsidy_ftp": "Løntilskud",
    "work_placement_ftp": "Virk.praktik",
    "activated_ftp": "Aktiverede",
    "activated_share_pct": "Andel af FTP",
    "change_pp": "Udv. pct.point",
}

# Changes compare a year with the one before; their column is headed "2021/2022".
CHANGE_MEASURES: frozenset[str] = frozenset({"change_pct", "change_pp"})

# How each measure is shown, with the decimals of the printed appendix.
MEASURE_FORMATS: dict[str, Callable[[float | None], str]] = {
    "ftp": lambda v: formatting.number(v, 0),
    "national_share_pct": lambda v: formatting.percent(v, 2),
    "change_pct": lambda v: formatting.percent(v, 1),
    "wage_subsidy_ftp": lambda v: formatting.number(v, 0),
    "work_placement_ftp": lambda v: formatting.number(v, 0),
    "activated_ftp": lambda v: formatting.number(v, 0),
    "activated_share_pct": lambda v: formatting.percent(v, 1),
    "change_pp": lambda v: formatting.points(v, 1),
}


CHILD_INDENT = "  - "
COLUMN_GAP = "  "


def format_value(measure: str, value: float | None) -> str:
    """One value as shown to a Danish reader, e.g. `1.097`, `1,05 %`, `-32,4 %`, `.`."""
    return MEASURE_FORMATS[measure](value)


def _columns(table: str, rows: Sequence[AppendixRow]) -> list[tuple[int, str]]:
    """The (year, measure) columns of a table that occur in `rows`, year by year."""
    present = {(r["year"], r["measure"]) for r in rows}
    years = sorted({r["year"] for r in rows})
    return [(y, m) for y in years for m in APPENDIX_MEASURES[table] if (y, m) in present]


def _heading(year: int, measure: str) -> tuple[str, str]:
    first = f"{year - 1}/{year}" if measure in CHANGE_MEASURES else str(year)
    return first, MEASURE_HEADINGS[measure]


def _label(row: AppendixRow) -> str:
    return row["label"] if row["parent"] is None else CHILD_INDENT + row["label"]


def render_table_section(table: str, rows: Sequence[AppendixRow]) -> str:
    """One table of the appendix as aligned text: rows under their parent, columns per year."""
    columns = _columns(table, rows)
    cells: dict[tuple[str, str | None], dict[tuple[int, str], str]] = {}
    labels: dict[tuple[str, str | None], str] = {}
    for r in rows:
        key = (r["label"], r["parent"])
        labels.setdefault(key, _label(r))
        cells.setdefault(key, {})[(r["year"], r["measure"])] = format_value(
            r["measure"], r["value"]
        )
    headings = [_heading(y, m) for y, m in columns]
    label_width = max([len(text) for text in labels.values()] + [0])
    widths = [
        max(len(h[0]), len(h[1]), *(len(c.get(col, "")) for c in cells.values()))
        for h, col in zip(headings, columns, strict=True)
    ]

    def line(label: str, values: Sequence[str]) -> str:
        parts = [label.ljust(label_width)] + [
            v.rjust(w) for v, w in zip(values, widths, strict=True)
        ]
        return COLUMN_GAP.join(parts).rstrip()

    out = [TABLE_TITLES[table], ""]
    out.append(line("", [h[0] for h in headings]))
    out.append(line("", [h[1] for h in headings]))
    for key, label in labels.items():
        out.append(line(label, [cells[key].get(col, "") for col in columns]))
    return "\n".join(out)


def render_table(rows: Sequence[AppendixRow], heading: str | None = None) -> str:
    """The whole appendix as text: each table that has rows, in the appendix's order."""
    sections = [heading] if heading else []
    for table in APPENDIX_TABLES:
        table_rows = [r for r in rows if r["table"] == table]
        if table_rows:
            sections.append(render_table_section(table, table_rows))
    return "\n\n".join(sections) + "\n"


def _csv_value(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def to_csv(rows: Sequence[AppendixRow]) -> str:
    """The tidy rows as CSV (`;`-separated, header first, decimal point, empty = undefined)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([_csv_cell(field, row[field]) for field in FIELDS])  # type: ignore[literal-required]
    return buffer.getvalue()


def to_json(rows: Sequence[AppendixRow]) -> str:
    """The tidy rows as a JSON list (UTF-8 text, Danish letters unescaped, null = undefined)."""
    return json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    # Write beside the target and rename, so a reader never sees a half-written file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_appendix(
    rows: Sequence[AppendixRow], out_dir: str | Path, stem: str
) -> tuple[Path, Path]:
    """Write the appendix as `<stem>.csv` and `<stem>.json` in `out_dir` (created if needed).

    Returns the two paths (CSV, JSON). Each file is written whole or not at all.
    """
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = directory / f"{stem}.csv", directory / f"{stem}.json"
    _write_atomically(csv_path, to_csv(rows))
    _write_atomically(json_path, to_json(rows))
    return csv_path, json_path


def write_appendices(
    appendices: Mapping[int, Sequence[AppendixRow]], out_dir: str | Path, stem: str
) -> tuple[Path, Path]:
    """Write many municipalities' appendices as one `<stem>.csv` and one `<stem>.json`.

    The same tidy rows as `write_appendix`, each with the municipality's code in front.
    """
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    flat = [
        {"municipality": code, **row} for code, rows in sorted(appendices.items()) for row in rows
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["municipality", *FIELDS])
    for row in flat:
        writer.writerow([row["municipality"], *(_csv_cell(field, row[field]) for field in FIELDS)])
    csv_path, json_path = directory / f"{stem}.csv", directory / f"{stem}.json"
    _write_atomically(csv_path, buffer.getvalue())
    _write_atomically(json_path, json.dumps(flat, ensure_ascii=False, indent=1) + "\n")
    return csv_path, json_path


def _csv_cell(field: str, value: object) -> object:
    if field == "value":
        return _csv_value(value)  # type: ignore[arg-type]
    return "" if value is None else value
