"""The appendix *Nøgletal*: four tables for a year and the two years before it, as tidy rows.

Every row is `{"table", "label", "parent", "year", "measure", "value"}` (the JSON contract of
`jobtal keyfigures --format json`, and the shape of `jobtal.published.appendix`):

- `table`: `target_groups`, `long_term`, `company_offers` or `activation_share`;
- `label`, `parent`: the Danish row labels of `jobtal.domain.target_groups` (parent None for a
  top row); rows come in the order of the domain tuples;
- `measure`: per `APPENDIX_MEASURES`; change measures only for the second and third year;
- `value`: unrounded, None where undefined (a change from 0, a share of 0).

Definitions (DOMAIN.md):

- `ftp`: annual average of full-time persons, the mean of the 12 monthly values of the row's
  leaf groups summed (definition 2); in `long_term` over the engine's `long_term_ftp`.
- `national_share_pct`: the municipality's `ftp` ÷ the whole country's × 100 (definition 6).
- `change_pct`: (this year ÷ previous year − 1) × 100 (definition 5); in `company_offers` of
  wage subsidy plus work placement.
- `wage_subsidy_ftp`, `work_placement_ftp`: annual averages of full-time activated in løntilskud
  and virksomhedspraktik (definition 4); `activated_ftp` is their sum.
- `activated_share_pct`: `activated_ftp` ÷ the row's full-time persons (`ftp`) × 100.
- `change_pp`: this year's `activated_share_pct` − last year's, in percentage points.

The national figures come from one of two sources, chosen per row and year by
`national_annual`: the store's `area_series` for "Hele landet" where it holds all 12 months,
otherwise the sum over every municipality in the monthly data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from jobtal.domain.target_groups import APPENDIX_TABLES, Row
from jobtal.measures.change import change_pct, change_pp, national_share_pct, share_pct
from jobtal.published import AppendixRow

# The monthly engine measure behind `ftp` in the two tables that have a national share.
FTP_MEASURE: dict[str, str] = {"target_groups": "ftp", "long_term": "long_term_ftp"}
NATIONAL_TABLES: tuple[str, ...] = tuple(FTP_MEASURE)
# Measure names accepted in area_series for each table's annual average. For long_term an
# importer may use either the appendix name or the engine's name of the figure.
AREA_MEASURES: dict[str, tuple[str, ...]] = {
    "target_groups": ("ftp",),
    "long_term": ("ftp", "long_term_ftp"),
}
SOURCE_AREA_SERIES = "area_series"
SOURCE_MUNICIPALITY_SUM = "sum_of_municipalities"

# (leaf group, year, measure) -> annual average
AnnualMeans = dict[tuple[str, int, str], float]


@dataclass(frozen=True)
class NationalFigure:
    """The whole country's annual average for one appendix row and year, and its source."""

    value: float
    source: str  # SOURCE_AREA_SERIES or SOURCE_MUNICIPALITY_SUM


# (table, row key, year) -> national figure
NationalFigures = dict[tuple[str, str, int], NationalFigure]


def appendix_years(year: int) -> tuple[int, int, int]:
    """The three years of the appendix for `year`: the two before it and itself."""
    return (year - 2, year - 1, year)


def annual_means(monthly: pd.DataFrame, years: Iterable[int]) -> AnnualMeans:
    """Annual average per (leaf group, year, measure): the sum of the monthly values ÷ 12.

    Months missing from `monthly` count as 0, because the engine leaves zero rows out. All
    municipalities in `monthly` are added together; filter first for one municipality.
    """
    wanted = list(years)
    if monthly.empty:
        return {}
    frame = monthly.assign(year=pd.to_datetime(monthly["month"]).dt.year)
    frame = frame[frame["year"].isin(wanted)]
    sums = frame.groupby(["target_group", "year", "measure"])["value"].sum() / 12
    return {(str(g), int(y), str(m)): float(v) for (g, y, m), v in sums.items()}


def _of_municipality(monthly: pd.DataFrame, municipality: int) -> pd.DataFrame:
    if monthly.empty:
        return monthly
    return monthly[monthly["municipality"] == municipality]


def row_value(means: AnnualMeans, row: Row, year: int, measure: str) -> float:
    """The annual average of a row: the sum over its leaf groups (absent leaves count 0)."""
    return sum(means.get((leaf, year, measure), 0.0) for leaf in row.leaves)


def has_data(monthly: pd.DataFrame, municipality: int, year: int) -> bool:
    """Whether `monthly` holds any value for the municipality in the year."""
    return (municipality, year) in municipality_years(monthly)


def municipality_years(monthly: pd.DataFrame) -> frozenset[tuple[int, int]]:
    """Every (municipality, year) for which `monthly` holds a value, found in one pass."""
    if monthly.empty:
        return frozenset()
    years = pd.to_datetime(monthly["month"]).dt.year
    pairs = pd.DataFrame({"m": monthly["municipality"], "y": years}).drop_duplicates()
    return frozenset(zip(pairs["m"].astype(int), pairs["y"].astype(int), strict=True))


def _area_rank(table: str, measure: str) -> float | None:
    """The preference of an area_series measure name for a table; None if not accepted."""
    accepted = AREA_MEASURES.get(table, ())
    return float(accepted.index(measure)) if measure in accepted else None


def area_annual(
    national: pd.DataFrame | None, years: Iterable[int]
) -> dict[tuple[str, str, int], float]:
    """Annual averages per (table, row key, year) from area_series rows, for complete years.

    A row and year is used only when all 12 months have a value: a mean over fewer months
    would not be an annual average (definition 2), so those fall back to the municipality sum.
    """
    if national is None or national.empty:
        return {}
    wanted = list(years)
    frame = national.dropna(subset=["value"])
    frame = frame.assign(
        year=pd.to_datetime(frame["month"]).dt.year,
        rank=[_area_rank(t, m) for t, m in zip(frame["table_name"], frame["measure"], strict=True)],
    )
    frame = frame[frame["rank"].notna() & frame["year"].isin(wanted)]
    # One value per month: where an importer wrote both names, the appendix's name wins.
    frame = frame.sort_values("rank", kind="stable").drop_duplicates(
        subset=["table_name", "row_key", "month"]
    )
    grouped = frame.groupby(["table_name", "row_key", "year"])["value"].agg(["count", "mean"])
    complete = grouped[grouped["count"] == 12]
    return {(str(t), str(k), int(y)): float(v) for (t, k, y), v in complete["mean"].items()}


def national_annual(
    monthly: pd.DataFrame, years: Iterable[int], national: pd.DataFrame | None
) -> NationalFigures:
    """The whole country's annual average for every row of the tables with a national share.

    Source per (table, row, year): `area_series` (the `national` rows, see `load_national`)
    when it has all 12 months; otherwise the sum over all municipalities in `monthly`.
    """
    wanted = list(years)
    from_area = area_annual(national, wanted)
    summed = annual_means(monthly, wanted)
    figures: NationalFigures = {}
    for table in NATIONAL_TABLES:
        for row in APPENDIX_TABLES[table]:
            for year in wanted:
                key = (table, row.key, year)
                if key in from_area:
                    figures[key] = NationalFigure(from_area[key], SOURCE_AREA_SERIES)
                else:
                    value = row_value(summed, row, year, FTP_MEASURE[table])
                    figures[key] = NationalFigure(value, SOURCE_MUNICIPALITY_SUM)
    return figures


def _defined(value: float | None) -> float | None:
    """None for an undefined figure (None, NaN or infinite), the value otherwise."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def _row(table: str, row: Row, year: int, measure: str, value: float | None) -> AppendixRow:
    return AppendixRow(
        table=table,
        label=row.label,
        parent=row.parent,
        year=year,
        measure=measure,
        value=_defined(value),
    )


@dataclass(frozen=True)
class _Context:
    table: str
    years: tuple[int, ...]
    own: AnnualMeans
    national: NationalFigures


def _ftp_rows(ctx: _Context, row: Row) -> list[AppendixRow]:
    """target_groups and long_term: ftp, national_share_pct, change_pct."""
    measure = FTP_MEASURE[ctx.table]
    out: list[AppendixRow] = []
    previous: float | None = None
    for year in ctx.years:
        ftp = row_value(ctx.own, row, year, measure)
        national = ctx.national[(ctx.table, row.key, year)].value
        out.append(_row(ctx.table, row, year, "ftp", ftp))
        out.append(
            _row(ctx.table, row, year, "national_share_pct", national_share_pct(ftp, national))
        )
        if previous is not None:
            out.append(_row(ctx.table, row, year, "change_pct", change_pct(ftp, previous)))
        previous = ftp
    return out


def _offer_rows(ctx: _Context, row: Row) -> list[AppendixRow]:
    """company_offers: wage_subsidy_ftp, work_placement_ftp, change_pct of their sum."""
    out: list[AppendixRow] = []
    previous: float | None = None
    for year in ctx.years:
        wage = row_value(ctx.own, row, year, "wage_subsidy_ftp")
        placement = row_value(ctx.own, row, year, "work_placement_ftp")
        out.append(_row(ctx.table, row, year, "wage_subsidy_ftp", wage))
        out.append(_row(ctx.table, row, year, "work_placement_ftp", placement))
        if previous is not None:
            out.append(
                _row(ctx.table, row, year, "change_pct", change_pct(wage + placement, previous))
            )
        previous = wage + placement
    return out


def _activation_rows(ctx: _Context, row: Row) -> list[AppendixRow]:
    """activation_share: activated_ftp, activated_share_pct, change_pp of the share."""
    out: list[AppendixRow] = []
    previous: float | None = None
    for index, year in enumerate(ctx.years):
        activated = row_value(ctx.own, row, year, "wage_subsidy_ftp") + row_value(
            ctx.own, row, year, "work_placement_ftp"
        )
        share = share_pct(activated, row_value(ctx.own, row, year, "ftp"))
        out.append(_row(ctx.table, row, year, "activated_ftp", activated))
        out.append(_row(ctx.table, row, year, "activated_share_pct", share))
        if index > 0:
            out.append(_row(ctx.table, row, year, "change_pp", change_pp(share, previous)))
        previous = share
    return out


_BUILDERS: dict[str, Callable[[_Context, Row], list[AppendixRow]]] = {
    "target_groups": _ftp_rows,
    "long_term": _ftp_rows,
    "company_offers": _offer_rows,
    "activation_share": _activation_rows,
}


def build_appendix(
    monthly: pd.DataFrame,
    municipality: int,
    year: int,
    national: pd.DataFrame | None = None,
) -> list[AppendixRow]:
    """The four tables of *Nøgletal* for `year` and the two years before it (see module doc).

    `monthly` is the engine's tidy monthly table (`jobtal.measures.monthly.compute_monthly`)
    for all municipalities, so that national figures can be summed where `national` (the
    area_series rows of `load_national`, or None) lacks a row or year.
    """
    years = appendix_years(year)
    return build_from_figures(
        monthly, municipality, year, national_annual(monthly, years, national)
    )


def build_from_figures(
    monthly: pd.DataFrame, municipality: int, year: int, figures: NationalFigures
) -> list[AppendixRow]:
    """`build_appendix` with the national figures already chosen (see `national_annual`)."""
    years = appendix_years(year)
    own = annual_means(_of_municipality(monthly, municipality), years)
    rows: list[AppendixRow] = []
    for table, table_rows in APPENDIX_TABLES.items():
        ctx = _Context(table, years, own, figures)
        for row in table_rows:
            rows.extend(_BUILDERS[table](ctx, row))
    return rows
