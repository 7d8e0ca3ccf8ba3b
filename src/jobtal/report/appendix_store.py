"""The appendix *Nøgletal* from the analytical store: the I/O around `appendix.build_appendix`.

`load_national` reads the whole country's series from `area_series`; `load_appendix` runs the
measure engine over the store for the three years and builds the appendix. Bad input (no
store, a year without data) raises `InputError`, so the command line exits with status 2.

A municipality's own figures come from person-level data when the store has any for it in
the year, otherwise from its `area_series` (e.g. imported from jobindsats.dk; see
`jobtal.report.appendix_area`). Table 2 of the report (long-term unemployed in the whole
country, the municipality's RAR and the municipality) comes with the appendix. Every figure
keeps its source, and `describe_store` tells them in Danish.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import duckdb
import pandas as pd

from jobtal import formatting
from jobtal.domain.municipalities import (
    WHOLE_COUNTRY,
    Municipality,
    all_municipalities,
    by_code,
)
from jobtal.domain.periods import Month
from jobtal.errors import InputError, Problem
from jobtal.published import AppendixRow
from jobtal.report.appendix import (
    NATIONAL_TABLES,
    SOURCE_AREA_SERIES,
    NationalFigures,
    annual_means,
    appendix_years,
    build_from_figures,
    municipality_years,
    national_annual,
    row_value,
)
from jobtal.report.appendix_area import (
    AREA_SERIES_COLUMNS,
    LONG_TERM_TOTAL,
    AreaFigure,
    AreaMeans,
    area_means,
    build_from_area,
    long_term_table,
)

AREA_COLUMNS = ["table_name", "row_key", "month", "measure", "value"]


SOURCE_PERSONS = "persondata"
SOURCE_MISSING = "mangler"


@dataclass(frozen=True)
class StoreAppendix:
    """The appendix rows and the national figures (with their sources) they were built from.

    own_source: SOURCE_PERSONS or SOURCE_AREA_SERIES; own_sources: for own figures from
    area_series, their `source` per (table, row key, year); national_sources: likewise for
    the national figures taken from area_series; long_term: table 2 of the report.
    """

    rows: list[AppendixRow]
    national: NationalFigures
    own_source: str = SOURCE_PERSONS
    own_sources: Mapping[tuple[str, str, int], str] = field(default_factory=dict)
    national_sources: Mapping[tuple[str, str, int], str] = field(default_factory=dict)
    long_term: tuple[AreaFigure, ...] = ()
    municipality: str = ""


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


def load_area_series(
    db_path: str | Path, areas: Iterable[str], years: Iterable[int]
) -> pd.DataFrame:
    """All area_series rows of the given areas in the given years (empty for an old store)."""
    wanted = sorted(years)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(
            f"""
            SELECT {", ".join(AREA_SERIES_COLUMNS)} FROM area_series
            WHERE list_contains(?, area) AND year(month) BETWEEN ? AND ?
            ORDER BY ALL
            """,
            [list(areas), wanted[0], wanted[-1]],
        ).df()
    except duckdb.CatalogException:
        return pd.DataFrame(columns=AREA_SERIES_COLUMNS)
    finally:
        con.close()


def load_appendix(
    db_path: str | Path, municipality: int, year: int, engine_name: str = "duckdb"
) -> StoreAppendix:
    """The appendix for a municipality (code) and year, computed from the store at `db_path`.

    `engine_name` is the measure engine (`jobtal.measures.engine`: "duckdb" or "spark").

    National figures: `area_series` for "Hele landet" where complete, else the sum over all
    municipalities in the store (see `appendix.national_annual`). Own figures: person-level
    data when the store has any for the municipality in the year, else its `area_series`.
    """
    return load_appendices(db_path, [municipality], year, engine_name)[municipality]


def load_appendices(
    db_path: str | Path,
    municipalities: Iterable[int] | None,
    year: int,
    engine_name: str = "duckdb",
) -> dict[int, StoreAppendix]:
    """The appendix for each municipality (all with person-level data in the store when None)
    from one engine run (`engine_name`, as in `load_appendix`).

    The monthly figures of every municipality come from a single pass of the measure engine,
    so the appendix for all 98 municipalities costs little more than the one for one of them.
    """
    # Imported here so that the pure appendix code works without the engine's dependencies.
    from jobtal.measures.monthly import compute_monthly

    path = Path(db_path)
    if not path.is_file():
        raise _missing_store(path)
    years = appendix_years(year)
    monthly = compute_monthly(path, Month(years[0], 1), Month(years[-1], 12), engine_name)
    wanted = (
        sorted(int(code) for code in monthly["municipality"].unique())
        if municipalities is None
        else list(municipalities)
    )
    places = [by_code(code) for code in wanted]
    areas = {WHOLE_COUNTRY} | {p.rar for p in places} | {p.name for p in places}
    means = area_means(load_area_series(path, sorted(areas), years), years)
    figures = national_annual(monthly, years, load_national(path, years))
    summed = {rar: _summed(monthly, rar, years) for rar in {None, *(p.rar for p in places)}}
    context = _Context(
        path, year, years, monthly, municipality_years(monthly), means, figures, summed
    )
    return {place.code: _appendix(context, place) for place in places}


@dataclass(frozen=True)
class _Context:
    path: Path
    year: int
    years: tuple[int, ...]
    monthly: pd.DataFrame
    # (municipality, year) pairs with person-level figures, found once for all municipalities.
    with_data: frozenset[tuple[int, int]]
    means: AreaMeans
    figures: NationalFigures
    # Long-term unemployed summed over the municipalities of a RAR (None: of the country).
    summed: dict[str | None, dict[int, tuple[float | None, str]]]


def _appendix(ctx: _Context, place: Municipality) -> StoreAppendix:
    """One municipality's appendix: own figures from person-level data, else area_series."""
    own_sources: dict[tuple[str, str, int], str] = {}
    if (place.code, ctx.year) in ctx.with_data:
        rows = build_from_figures(ctx.monthly, place.code, ctx.year, ctx.figures)
        own_source = SOURCE_PERSONS
    elif any(key[0] == place.name and key[3] == ctx.year for key in ctx.means):
        values = {key: figure.value for key, figure in ctx.figures.items()}
        rows, own_sources = build_from_area(ctx.means, place.name, ctx.year, values)
        own_source = SOURCE_AREA_SERIES
    else:
        raise _no_data(ctx.path, place.code, ctx.year)
    long_term = _long_term(ctx, place, rows, own_source)
    return StoreAppendix(
        rows,
        ctx.figures,
        own_source,
        own_sources,
        _national_sources(ctx.figures, ctx.means),
        tuple(long_term),
        place.name,
    )


def _national_sources(
    figures: NationalFigures, means: AreaMeans
) -> dict[tuple[str, str, int], str]:
    """The area_series source of each national figure taken from area_series."""
    found = {}
    for (table, row_key, year), figure in figures.items():
        if figure.source != SOURCE_AREA_SERIES:
            continue
        for measure in ("ftp", "long_term_ftp"):
            hit = means.get((WHOLE_COUNTRY, table, row_key, year, measure))
            if hit is not None:
                found[(table, row_key, year)] = hit.source
                break
    return found


def _long_term(
    ctx: _Context, place: Municipality, rows: list[AppendixRow], own_source: str
) -> list[AreaFigure]:
    """Table 2: whole country, RAR and municipality; each from area_series or summed."""
    key = LONG_TERM_TOTAL.key
    national_sources = _national_sources(ctx.figures, ctx.means)
    whole: dict[int, tuple[float | None, str]] = {}
    regional: dict[int, tuple[float | None, str]] = {}
    for year in ctx.years:
        figure = ctx.figures[("long_term", key, year)]
        if figure.source == SOURCE_AREA_SERIES:
            detail = national_sources.get(("long_term", key, year), SOURCE_AREA_SERIES)
            whole[year] = (figure.value, detail)
        else:
            whole[year] = ctx.summed[None][year]
        hit = ctx.means.get((place.rar, "long_term", key, year, "ftp"))
        regional[year] = (hit.value, hit.source) if hit else ctx.summed[place.rar][year]
    own: dict[int, tuple[float | None, str]] = {
        r["year"]: (r["value"], own_source)
        for r in rows
        if r["table"] == "long_term" and r["parent"] is None and r["measure"] == "ftp"
    }
    areas = [(WHOLE_COUNTRY, whole), (place.rar, regional), (place.name, own)]
    return long_term_table(areas, place.name)


def _summed(
    monthly: pd.DataFrame, rar: str | None, years: tuple[int, ...]
) -> dict[int, tuple[float | None, str]]:
    """The long-term unemployed per year summed over the municipalities (of a RAR, or all)
    in the monthly data; missing when none of them has data."""
    missing: dict[int, tuple[float | None, str]] = {y: (None, SOURCE_MISSING) for y in years}
    if monthly.empty:
        return missing
    codes = [m.code for m in all_municipalities() if rar is None or m.rar == rar]
    part = monthly[monthly["municipality"].isin(codes)]
    if part.empty:
        return missing
    means = annual_means(part, years)
    return {
        y: (row_value(means, LONG_TERM_TOTAL, y, "long_term_ftp"), "sum_of_municipalities")
        for y in years
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


SOURCE_NAMES = {
    SOURCE_PERSONS: "persondata",
    SOURCE_AREA_SERIES: "databasens serier",
    "sum_of_municipalities": "sum over kommunerne",
    SOURCE_MISSING: "mangler",
}


def describe_store(appendix: StoreAppendix) -> str:
    """A Danish note on the sources of every figure, followed by table 2 of the report."""
    lines = [describe_sources(appendix.national)]
    if appendix.national_sources:
        used = ", ".join(_distinct(appendix.national_sources.values()))
        lines.append(f"Landstal fra serierne: {used}.")
    if appendix.own_source == SOURCE_PERSONS:
        lines.append("Kommunens egne tal: beregnet fra persondata i databasen.")
    else:
        used = ", ".join(_distinct(appendix.own_sources.values())) or "ingen"
        lines.append(
            f"Kommunens egne tal: fra databasens serier for {appendix.municipality} ({used}); "
            "rækker uden serie er vist som '.'."
        )
    if appendix.long_term:
        lines += ["", render_long_term(appendix.long_term)]
    return "\n".join(lines)


def _distinct(sources: Iterable[str]) -> list[str]:
    """The distinct sources in texts that may each list several (`a, b`), sorted."""
    return sorted({part for text in sources for part in text.split(", ") if part})


def render_long_term(figures: Iterable[AreaFigure]) -> str:
    """Table 2 as Danish text: annual averages, changes, the national share and sources."""
    figures = list(figures)
    areas = list(dict.fromkeys(f.area for f in figures))
    years = sorted({f.year for f in figures})
    head = [str(y) for y in years] + [f"{a}/{b}" for a, b in pairwise(years)]
    out = ["Tabel 2. Langtidsledige fuldtidspersoner (årsgennemsnit)"]
    out.append(f"{'':<32}" + "".join(f"{h:>12}" for h in head) + "  Kilde")
    for area in areas:
        mine = [f for f in figures if f.area == area]
        cells = [_cell(mine, y, "ftp", "national_share_pct") for y in years]
        cells += [_cell(mine, y, "change_pct") for y in years[1:]]
        sources = sorted({SOURCE_NAMES.get(f.source, f.source) for f in mine if f.source})
        out.append(f"{area:<32}" + "".join(f"{c:>12}" for c in cells) + "  " + ", ".join(sources))
    return "\n".join(out)


def _cell(figures: list[AreaFigure], year: int, *measures: str) -> str:
    for f in figures:
        if f.year == year and f.measure in measures:
            if f.measure == "ftp":
                return formatting.number(f.value)
            decimals = 2 if f.measure == "national_share_pct" else 1
            return formatting.percent(f.value, decimals)
    return ""
