"""The figures of published reports, transcribed as machine-readable reference data.

Each published report is a folder under `data/` named `<municipality>-<yyyy>-<mm>` (the month
of the meeting). `noegletal.csv` holds the appendix *Nøgletal* as tidy rows in the same shape
as `jobtal keyfigures --format json` (table, label, parent, year, measure, value) plus the page
and section of the printed source; values are as printed (rounded), empty where the print
shows ".".

Every loader here and in `jobtal.published.tables` takes a *source*: the name of a transcribed
report (`"gentofte-2023-02"`) or a folder (a `Path`) in the same format, such as the `data/`
folder written by `jobtal report` (`jobtal.published.source`). A malformed file raises an
InputError naming file, line and field.
"""

from __future__ import annotations

from typing import TypedDict

from jobtal.domain.target_groups import MEASURE_DECIMALS
from jobtal.published.source import Row, Source, available, parse_all, read_rows

__all__ = ["AppendixRow", "Source", "appendix", "appendix_rows", "available"]

APPENDIX_FILE = "noegletal.csv"
APPENDIX_COLUMNS = ("table", "label", "parent", "year", "measure", "value")
# Where the row stands in the print; a generated report's folder may leave them out.
APPENDIX_PLACE = ("page", "section")


class AppendixRow(TypedDict):
    table: str
    label: str
    parent: str | None
    year: int
    measure: str
    value: float | None


def appendix_rows(source: Source) -> list[Row]:
    """The checked lines of `noegletal.csv`, with their file and line (for error messages)."""
    rows = read_rows(source, APPENDIX_FILE, APPENDIX_COLUMNS, optional_columns=APPENDIX_PLACE)
    assert rows is not None  # the file is required

    def check(row: Row) -> Row:
        row.required("table")
        row.required("label")
        row.integer("year")
        row.choice("measure", MEASURE_DECIMALS)
        row.number("value", empty=True)
        row.integer("page", empty=True)
        return row

    return parse_all(rows, check)


def appendix(source: Source) -> list[AppendixRow]:
    """The appendix *Nøgletal* as tidy rows (values as printed), of a transcribed report (by
    name) or of a folder in the same format (a Path)."""
    return [
        AppendixRow(
            table=row["table"],
            label=row["label"],
            parent=row["parent"] or None,
            year=int(row["year"]),
            measure=row["measure"],
            value=row.number("value", empty=True),
        )
        for row in appendix_rows(source)
    ]
