"""The appendix from aggregated series (`area_series`): a municipality's own figures when the
store has no person-level data for it, and table 2 of the report (long-term unemployed in the
whole country, the RAR, the municipality, and its national share).

Definitions:
- A row's annual average from `area_series` is the mean of its 12 monthly values of the
  year; a year with a month missing or NULL (jobindsats: 0 or suppressed) has no annual
  average, and its figures are undefined (shown ".") rather than guessed.
- The figures follow `jobtal.report.appendix` (DOMAIN.md definitions 2, 4, 5, 6); in
  `activation_share` a row's full-time activated are those of the `company_offers` row with
  the same groups, and its full-time persons those of the `target_groups` row with exactly
  the same leaf groups (undefined where there is none).
- The source of each own figure is the `source` of its `area_series` rows (e.g.
  `jobindsats:y01a02`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from jobtal.domain.target_groups import APPENDIX_TABLES, LONG_TERM_ROWS, Row
from jobtal.measures.change import change_pct, change_pp, national_share_pct, share_pct
from jobtal.published import AppendixRow
from jobtal.report.appendix import appendix_years

AREA_SERIES_COLUMNS = ["area", "table_name", "row_key", "month", "measure", "value", "source"]
# Measure names accepted for the annual average of each appendix measure, first preferred.
MEASURE_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("long_term", "ftp"): ("ftp", "long_term_ftp"),
}


@dataclass(frozen=True)
class Mean:
    """An annual average from area_series and the sources of its months."""

    value: float
    source: str


# (area, table, row key, year, measure) -> annual average
AreaMeans = dict[tuple[str, str, str, int, str], Mean]


def area_means(frame: pd.DataFrame, years: Iterable[int]) -> AreaMeans:
    """Annual averages of complete years (12 monthly values, none NULL) per area and row."""
    wanted = set(years)
    if frame.empty:
        return {}
    data = frame.assign(year=pd.to_datetime(frame["month"]).dt.year)
    data = data[data["year"].isin(wanted)]
    keys = ["area", "table_name", "row_key", "year", "measure"]
    found: AreaMeans = {}
    for key, group in data.groupby(keys):
        months = group.drop_duplicates(subset=["month"])
        if len(months) == 12 and months["value"].notna().all():
            sources = ", ".join(sorted(set(months["source"])))
            area, table, row_key, year, measure = key
            found[(str(area), str(table), str(row_key), int(year), str(measure))] = Mean(
                float(months["value"].mean()), sources
            )
    return found


@dataclass(frozen=True)
class _Own:
    means: AreaMeans
    area: str

    def get(self, table: str, row_key: str, year: int, measure: str) -> Mean | None:
        for name in MEASURE_NAMES.get((table, measure), (measure,)):
            found = self.means.get((self.area, table, row_key, year, name))
            if found is not None:
                return found
        return None

    def value(self, table: str, row_key: str, year: int, measure: str) -> float | None:
        found = self.get(table, row_key, year, measure)
        return None if found is None else found.value


def _row(table: str, row: Row, year: int, measure: str, value: float | None) -> AppendixRow:
    return AppendixRow(
        table=table, label=row.label, parent=row.parent, year=year, measure=measure, value=value
    )


def _plus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b


def _same_groups(row: Row) -> str | None:
    """The target_groups row with exactly the leaf groups of `row`, if there is one."""
    leaves = set(row.leaves)
    return next((r.key for r in APPENDIX_TABLES["target_groups"] if set(r.leaves) == leaves), None)


def build_from_area(
    means: AreaMeans, area: str, year: int, national: Mapping[tuple[str, str, int], float]
) -> tuple[list[AppendixRow], dict[tuple[str, str, int], str]]:
    """The four appendix tables of `area` from area_series means, with the source of each
    own figure per (table, row key, year). `national` gives the whole country's annual
    average per (table, row key, year) for the tables with a national share."""
    own = _Own(means, area)
    rows: list[AppendixRow] = []
    sources: dict[tuple[str, str, int], str] = {}
    years = appendix_years(year)
    for table, table_rows in APPENDIX_TABLES.items():
        for row in table_rows:
            previous: float | None = None
            for index, y in enumerate(years):
                previous, found = _figures(table, row, y, own, national, previous, index)
                rows.extend(_row(table, row, y, m, v) for m, v in found)
                used = {
                    hit.source
                    for t, key in _source_rows(table, row)
                    for m in ("ftp", "wage_subsidy_ftp", "work_placement_ftp")
                    if (hit := own.get(t, key, y, m)) is not None
                }
                if used:
                    sources[(table, row.key, y)] = ", ".join(sorted(used))
    return rows, sources


def _source_rows(table: str, row: Row) -> list[tuple[str, str]]:
    if table != "activation_share":
        return [(table, row.key)]
    same = _same_groups(row)
    offers = ("company_offers", row.key.replace("andel", "tilbud", 1))
    return [offers] + ([("target_groups", same)] if same else [])


def _figures(
    table: str,
    row: Row,
    year: int,
    own: _Own,
    national: Mapping[tuple[str, str, int], float],
    previous: float | None,
    index: int,
) -> tuple[float | None, list[tuple[str, float | None]]]:
    """(the value the next year's change compares with, the row's figures for the year)."""
    if table in ("target_groups", "long_term"):
        ftp = own.value(table, row.key, year, "ftp")
        share = national_share_pct(ftp, national.get((table, row.key, year)))
        found = [("ftp", ftp), ("national_share_pct", share)]
        return ftp, found + ([("change_pct", change_pct(ftp, previous))] if index else [])
    offers_key = row.key.replace("andel", "tilbud", 1)
    wage = own.value("company_offers", offers_key, year, "wage_subsidy_ftp")
    placement = own.value("company_offers", offers_key, year, "work_placement_ftp")
    activated = _plus(wage, placement)
    if table == "company_offers":
        found = [("wage_subsidy_ftp", wage), ("work_placement_ftp", placement)]
        return activated, found + (
            [("change_pct", change_pct(activated, previous))] if index else []
        )
    same = _same_groups(row)
    ftp = own.value("target_groups", same, year, "ftp") if same else None
    share = share_pct(activated, ftp) if activated is not None and ftp is not None else None
    found = [("activated_ftp", activated), ("activated_share_pct", share)]
    return share, found + ([("change_pp", change_pp(share, previous))] if index else [])


@dataclass(frozen=True)
class AreaFigure:
    """One figure of table 2: an area's long-term unemployed (annual average), their change
    from the year before, or the municipality's national share; and its source."""

    area: str
    year: int
    measure: str  # "ftp", "change_pct" or "national_share_pct"
    value: float | None
    source: str


LONG_TERM_TOTAL = LONG_TERM_ROWS[0]


def long_term_table(
    areas: list[tuple[str, dict[int, tuple[float | None, str]]]], municipality: str
) -> list[AreaFigure]:
    """Table 2 from each area's annual long-term figures {year: (value, source)}, in order
    whole country, RAR, municipality; then the municipality's national share."""
    figures: list[AreaFigure] = []
    for area, by_year in areas:
        previous: float | None = None
        for index, (year, (value, source)) in enumerate(sorted(by_year.items())):
            figures.append(AreaFigure(area, year, "ftp", value, source))
            if index:
                figures.append(
                    AreaFigure(area, year, "change_pct", change_pct(value, previous), source)
                )
            previous = value
    whole, own = areas[0][1], areas[-1][1]
    for year in sorted(own):
        share = national_share_pct(own[year][0], whole.get(year, (None, ""))[0])
        figures.append(
            AreaFigure(f"{municipality}s landsandel", year, "national_share_pct", share, "")
        )
    return figures
