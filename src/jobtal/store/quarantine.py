"""Rows left out by `--skip-bad-rows`, and the quarantine file they are written to.

The quarantine file is CSV (`;`, UTF-8 with byte-order mark, so Excel opens it as Danish CSV)
with the columns `fil;række;felt;årsag` followed by the row's own cells, so the rows can be
corrected and imported again. A CPR number is never written: the `cpr` cell is left empty;
the line number finds the row in the original file. It is written only after the import
has been committed, and atomically (a temporary file renamed into place).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HEADER = ("fil", "række", "felt", "årsag")


@dataclass(frozen=True)
class Rejected:
    """A bad row that was left out: where, why, and its cells as read."""

    file: str
    row: int | None
    field: str | None
    reason: str
    values: tuple[str, ...]


def default_path(source: str | Path) -> Path:
    """`<name of the input without suffix>.afviste.csv` in the current directory (the input's
    own directory may be read-only)."""
    return Path(f"{Path(source).stem}.afviste.csv")


def write(path: str | Path, columns: Sequence[str], rejected: Sequence[Rejected]) -> Path:
    """Write the rejected rows; return the path."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow([*HEADER, *columns])
    for r in rejected:
        writer.writerow(
            [r.file, "" if r.row is None else r.row, r.field or "", r.reason, *r.values]
        )
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
            stream.write(buffer.getvalue())
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return target
