"""The key figures of one municipality and year from the analytical store, cached on disk.

Computing them runs the measure engine over the whole national store (seconds), so each
(municipality, year) is computed once and kept as JSON in the web files folder (setting
JOBTAL_KEYFIGURES_CACHE, by default `noegletal-cache/` there), keyed by the store's path,
modification time and size: a new import changes the key, and the old entries are simply
never read again.

What is kept: the appendix rows (`load_appendix`) and the municipality's monthly figures of
the year (as `compute_monthly` gives them; measures `ftp` and `long_term_ftp`), from which a
group's 12 months are summed over its leaf groups (the appendix's annual figure is their
mean).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from django.conf import settings

from jobtal.domain.periods import Month
from jobtal.domain.target_groups import LONG_TERM_ROWS, TARGET_GROUP_ROWS, Row
from jobtal.errors import InputError
from jobtal.published import AppendixRow

# Raise when what is cached changes shape, so old entries are not read.
CACHE_VERSION = 1
MONTHLY_MEASURES = ("ftp", "long_term_ftp")

# The rows a reader can drill into, by key, with the monthly measure that makes them: the
# target groups in full-time persons, the long-term unemployed in long-term full-time persons.
DRILL_ROWS: dict[str, tuple[Row, str, str]] = {
    **{row.key: (row, "ftp", "target_groups") for row in TARGET_GROUP_ROWS},
    **{row.key: (row, "long_term_ftp", "long_term") for row in LONG_TERM_ROWS},
}


class StoreUnavailable(Exception):
    """The store is missing, empty or cannot be read; `message` is Danish for the reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoData(Exception):
    """The store has no figures for the municipality and year."""


@dataclass(frozen=True)
class KeyFigures:
    """One municipality's appendix rows for a year and its monthly figures in that year.

    monthly: (target_group, month "YYYY-MM-DD", measure, value) with value ≠ 0, as
    `compute_monthly` returns them for the municipality.
    """

    municipality: int
    year: int
    rows: list[AppendixRow]
    monthly: list[tuple[str, str, str, float]]
    own_source: str

    def group_months(self, group: str) -> list[tuple[Month, float]]:
        """The 12 monthly values of a drill-down row: the sum over its leaf groups of its
        measure in each month (absent = 0)."""
        row, measure, _ = DRILL_ROWS[group]
        totals = {month: 0.0 for month in range(1, 13)}
        for leaf, day, name, value in self.monthly:
            if name == measure and leaf in row.leaves:
                totals[date.fromisoformat(day).month] += value
        return [(Month(self.year, m), totals[m]) for m in range(1, 13)]


def store_path() -> Path:
    """The analytical store the pages read (setting JOBTAL_KEYFIGURES_DB)."""
    return Path(settings.JOBTAL_KEYFIGURES_DB)


def _fingerprint(path: Path) -> str:
    """Path, modification time and size of the store (and of its write-ahead log)."""
    parts = [str(path.resolve())]
    for file in (path, path.with_name(path.name + ".wal")):
        if file.exists():
            stat = file.stat()
            parts += [str(stat.st_mtime_ns), str(stat.st_size)]
    return "|".join(parts)


def _require_store(path: Path) -> None:
    if not path.is_file():
        raise StoreUnavailable(
            "Der er endnu ingen nøgletal: databasen med data er ikke fundet på serveren."
        )


def store_years(path: Path | None = None) -> list[int]:
    """The years the store has person-level or area data in, oldest first (gaps filled)."""
    path = path or store_path()
    _require_store(path)
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise StoreUnavailable("Databasen med data kan ikke læses lige nu.") from error
    try:
        found: set[int] = set()
        for sql in (
            "SELECT DISTINCT year(start_date) FROM benefit_segments "
            "UNION SELECT DISTINCT year(end_date) FROM benefit_segments "
            "WHERE end_date IS NOT NULL",
            "SELECT DISTINCT year(month) FROM area_series",
        ):
            try:
                found |= {int(y) for (y,) in con.execute(sql).fetchall() if y is not None}
            except duckdb.CatalogException:
                continue  # a store without that table simply has no such years
    finally:
        con.close()
    if not found:
        raise StoreUnavailable("Databasen med data er tom: der er endnu ingen nøgletal.")
    return list(range(min(found), max(found) + 1))


def _cache_file(path: Path, municipality: int, year: int) -> Path:
    key = f"{CACHE_VERSION}|{_fingerprint(path)}|{municipality}|{year}"
    name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return Path(settings.JOBTAL_KEYFIGURES_CACHE) / f"{municipality}-{year}-{name}.json"


def _compute(path: Path, municipality: int, year: int) -> dict[str, Any]:
    # Imported here: the measure engine is only needed when a figure is computed.
    from jobtal.report.appendix_store import load_appendix

    try:
        appendix = load_appendix(path, municipality, year)
    except InputError as error:
        raise NoData(str(error)) from error
    frame = municipality_monthly(path, municipality, year)
    frame = frame[frame["measure"].isin(MONTHLY_MEASURES)]
    monthly = [
        (str(r.target_group), r.month.date().isoformat(), str(r.measure), float(r.value))
        for r in frame.itertuples()
    ]
    return {
        "rows": [dict(r) for r in appendix.rows],
        "monthly": monthly,
        "source": appendix.own_source,
    }


def municipality_monthly(path: Path, municipality: int, year: int) -> pd.DataFrame:
    """`compute_monthly`'s rows of one municipality in the year, computed from the segments
    and activations of only the persons who were ever in the municipality.

    The same figures as filtering the whole country's afterwards: a person's days count in
    the municipality of the segment covering them, and the long-term rule looks only at the
    person's own history, so other persons change nothing; the engine is spared them."""
    from jobtal.measures import engine
    from jobtal.measures.monthly import monthly_figures

    con = engine.connect(path)
    try:
        segments = con.table("benefit_segments")
        activations = con.table("activation_spells")
        persons = segments.filter(segments.municipality == municipality).select("person_id")
        persons = persons.distinct()
        expr = monthly_figures(
            segments.semi_join(persons, "person_id"),
            activations.semi_join(persons, "person_id"),
            Month(year, 1),
            Month(year, 12),
        )
        frame = con.to_pandas(expr.filter(expr.municipality == municipality))
    finally:
        con.disconnect()
    return frame.assign(month=frame["month"].astype("datetime64[ns]"))


def _write(file: Path, data: dict[str, Any]) -> None:
    # Beside the target and renamed: a concurrent reader never sees half a file.
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def key_figures(municipality: int, year: int, path: Path | None = None) -> KeyFigures:
    """The municipality's key figures for the year, from the cache or computed and cached.

    Raises StoreUnavailable when the store is missing or unreadable, NoData when it has no
    figures for the municipality in the year."""
    path = path or store_path()
    _require_store(path)
    file = _cache_file(path, municipality, year)
    if file.is_file():
        data = json.loads(file.read_text("utf-8"))
    else:
        try:
            data = _compute(path, municipality, year)
        except duckdb.Error as error:
            raise StoreUnavailable("Databasen med data kan ikke læses lige nu.") from error
        _write(file, data)
    return KeyFigures(
        municipality=municipality,
        year=year,
        rows=[AppendixRow(**row) for row in data["rows"]],  # type: ignore[typeddict-item]
        monthly=[(g, m, name, float(v)) for g, m, name, v in data["monthly"]],
        own_source=data["source"],
    )
