"""The figures of published reports, transcribed as machine-readable reference data.

Each published report is a folder under `data/` named `<municipality>-<yyyy>-<mm>` (the month
of the meeting). `noegletal.csv` holds the appendix *Nøgletal* as tidy rows in the same shape
as `jobtal keyfigures --format json` (table, label, parent, year, measure, value) plus the page
and section of the printed source; values are as printed (rounded), empty where the print
shows ".".
"""

from __future__ import annotations

import csv
from importlib import resources
from typing import TypedDict


class AppendixRow(TypedDict):
    table: str
    label: str
    parent: str | None
    year: int
    measure: str
    value: float | None


def available() -> list[str]:
    """Names of the published reports that are transcribed."""
    root = resources.files("jobtal.published").joinpath("data")
    return sorted(entry.name for entry in root.iterdir() if entry.is_dir())


def _read(name: str, filename: str) -> str:
    if name not in available():
        raise KeyError(f"ukendt publiceret rapport: {name!r} (findes: {', '.join(available())})")
    return resources.files("jobtal.published").joinpath("data", name, filename).read_text("utf-8")


def appendix(name: str) -> list[AppendixRow]:
    """The published appendix *Nøgletal* as tidy rows (values as printed)."""
    rows = csv.DictReader(_read(name, "noegletal.csv").splitlines(), delimiter=";")
    return [
        AppendixRow(
            table=row["table"],
            label=row["label"],
            parent=row["parent"] or None,
            year=int(row["year"]),
            measure=row["measure"],
            value=float(row["value"]) if row["value"] != "" else None,
        )
        for row in rows
    ]
