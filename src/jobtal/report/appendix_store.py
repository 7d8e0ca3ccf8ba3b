"""The appendix *Nøgletal* from the analytical store: the I/O around `appendix.build_appendix`.

`load_national` reads the whole country's series from `area_series`; `load_appendix` runs the
measure engine over the store for the three years and builds the appendix. Bad input (no
store, a year without data) raises `InputError`, so the command line exits with status 2.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from jobtal.domain.municipalities import WHOLE_COUNTRY, by_code
from jobtal.domain.periods import Month
from jobtal.errors import InputError, Problem
from jobtal.published import AppendixRow
from jobtal.report.appendix import (
    NATIONAL_TABLES,
    SOURCE_AREA_SERIES,
    NationalFigures,
    appendix_years,
    build_from_figures,
    has_data,
    national_annual,
)

AREA_COLUMNS = ["table_name", "row_key", "month", "measure", "value"]


@dataclass(frozen=True)
class StoreAppendix:
    """The appendix rows and the national figures (with their sources) they were built from."""

    rows: list[AppendixRow]
    national: NationalFigures


def load_national(db_path: str | Path, years: Iterable[int]) -> pd.DataFrame:
    """The whole country's monthly series for the appendix from the store's `area_series`.

    Columns `table_name`, `row_key`, `month`, `measure`, `value`: rows of area "Hele landet"
    for the tables with a national share, in the given years. Empty when the store has none.
    """
    wanted = sorted(years)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(
            f"""
            SELECT {", ".join(AREA_COLUMNS)}
            FROM area_series
            WHERE area = ? AND year(month) BETWEEN ? AND ? AND list_contains(?, table_name)
            ORDER BY table_name, row_key, month
            """,
            [WHOLE_COUNTRY, wanted[0], wanted[-1], list(NATIONAL_TABLES)],
        ).df()
    except duckdb.CatalogException:
        # A store written before area_series existed simply has no national series.
        return pd.DataFrame(columns=AREA_COLUMNS)
    finally:
        con.close()


def _missing_store(db_path: Path) -> InputError:
    return InputError(
        [
            Problem(
                str(db_path),
                None,
                None,
                "databasen findes ikke; angiv den med --db eller JOBTAL_DB, "
                "eller importér data først",
            )
        ]
    )


def _no_data(db_path: Path, municipality: int, year: int) -> InputError:
    name = by_code(municipality).name
    return InputError(
        [Problem(str(db_path), None, "--year", f"ingen data for {name} ({municipality}) i {year}")]
    )


def load_appendix(db_path: str | Path, municipality: int, year: int) -> StoreAppendix:
    """The appendix for a municipality (code) and year, computed from the store at `db_path`.

    National figures: `area_series` for "Hele landet" where complete, else the sum over all
    municipalities in the store (see `appendix.national_annual`).
    """
    return load_appendices(db_path, [municipality], year)[municipality]


def load_appendices(
    db_path: str | Path, municipalities: Iterable[int] | None, year: int
) -> dict[int, StoreAppendix]:
    """The appendix for each municipality (all in the store when None) from one engine run.

    The monthly figures of every municipality come from a single pass of the measure engine,
    so the appendix for all 98 municipalities costs little more than the one for one of them.
    """
    # Imported here so that the pure appendix code works without the engine's dependencies.
    from jobtal.measures.monthly import compute_monthly

    path = Path(db_path)
    if not path.is_file():
        raise _missing_store(path)
    years = appendix_years(year)
    monthly = compute_monthly(path, Month(years[0], 1), Month(years[-1], 12))
    wanted = (
        sorted(int(code) for code in monthly["municipality"].unique())
        if municipalities is None
        else list(municipalities)
    )
    for municipality in wanted:
        if not has_data(monthly, municipality, year):
            raise _no_data(path, municipality, year)
    figures = national_annual(monthly, years, load_national(path, years))
    return {
        municipality: StoreAppendix(
            build_from_figures(monthly, municipality, year, figures), figures
        )
        for municipality in wanted
    }


def describe_sources(national: NationalFigures) -> str:
    """A Danish note on where the national figures behind the national shares came from."""
    counts = Counter(figure.source for figure in national.values())
    from_area = counts.get(SOURCE_AREA_SERIES, 0)
    summed = sum(counts.values()) - from_area
    return (
        f"Landstal bag landsandelene: {from_area} fra databasens serier for {WHOLE_COUNTRY}, "
        f"{summed} summeret over kommunerne i databasen."
    )
