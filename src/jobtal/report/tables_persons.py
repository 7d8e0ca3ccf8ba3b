"""The report's tables and charts from person-level data: tables 2, 5–9, 11, 12 and figures 1,
2, 4, 5 (definitions: docs/figures.md, last section).

`person_tables` reads the municipality's persons once (`jobtal.report.persons_inputs`),
computes the monthly engine figures once, and builds every table from them and from the
measures of `jobtal.measures` (wages, education, upskilling, cases). Labels, captions,
sources, decimals and units are those of the seed (for 2022Q4 identical to the transcription
in `jobtal/published/data/gentofte-2023-02/report_tables.csv`; for other quarters the years
shift). Values are unrounded; None is an undefined figure (printed ".").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from pathlib import Path

import pandas as pd

from jobtal.domain.municipalities import WHOLE_COUNTRY, all_municipalities
from jobtal.domain.periods import Month, Period, year, year_to_date
from jobtal.domain.periods import quarter as quarter_period
from jobtal.domain.target_groups import (
    COMPANY_OFFER_ROWS,
    DAGPENGE_LEAVES,
    LONG_TERM_ROWS,
    TARGET_GROUP_ROWS,
)
from jobtal.formatting import MONTH_NAMES
from jobtal.measures.cases import average_cases, case_durations, staff_years
from jobtal.measures.change import change_pct, period_mean, share_pct
from jobtal.measures.education import education_after_courses
from jobtal.measures.groups import (
    ACTIVITY_READY,
    CASE_CATEGORIES,
    INTEGRATION_PROGRAMME,
    UPSKILLING_GROUPS,
    YOUTH_BENEFIT,
)
from jobtal.measures.monthly import compute_monthly
from jobtal.measures.upskilling import upskilling_starts
from jobtal.measures.wages import company_offers, wage_hours
from jobtal.report.appendix_area import AreaFigure, area_means, long_term_table
from jobtal.report.appendix_store import load_area_series
from jobtal.report.model import Cell, ReportTable
from jobtal.report.persons_inputs import (
    Inputs,
    Monthly,
    NoPersonData,
    load_inputs,
    monthly_sum,
)
from jobtal.report.published_report import (
    FIGURE_TITLES,
    JOBINDSATS,
    OWN_SYSTEM,
    SEED_CAPTIONS,
)

# The source lines of the charts (the tables' come with their captions).
FIGURE_SOURCES: dict[str, str] = {
    "figur 1": JOBINDSATS,
    "figur 2": JOBINDSATS,
    "figur 4": JOBINDSATS,
    "figur 5": OWN_SYSTEM,
}

# The base quarter of table 12: the investment runs 2019–2024, measured from 2018's Q4.
CASES_BASE_YEAR = 2018
LONG_TERM_DAGPENGE = next(row for row in LONG_TERM_ROWS if row.leaves == DAGPENGE_LEAVES)


def person_tables(
    store: Path, municipality: int, quarter: Period, engine: str = "duckdb"
) -> tuple[ReportTable, ...]:
    """Tables 2, 5, 6, 7, 8, 9, 11, 12 and the chart tables figures 1, 2, 4, 5 for the
    municipality (code) and report quarter, from the store at `store`.

    `engine` runs the monthly engine figures (and, where the store's area_series lacks
    them, the national long-term figures of table 2); the other queries run on DuckDB over
    the municipality's persons, held in memory.

    No tables (an empty tuple) when the store has no benefit segment in the municipality:
    the report then says that there are no data, as for a missing appendix. InputError when
    there is no store.
    """
    try:
        inputs = load_inputs(Path(store), municipality, quarter, engine)
    except NoPersonData:
        return ()
    try:
        return (
            figure_1(inputs),
            figure_2(inputs),
            figure_4(inputs),
            table_2(inputs, engine),
            table_5(inputs),
            table_6(inputs),
            wage_table(inputs, "tabel 7", YOUTH_BENEFIT, "", ""),
            table_8(inputs),
            wage_table(inputs, "tabel 9", INTEGRATION_PROGRAMME, "*", "* "),
            wage_table(inputs, "tabel 11", ACTIVITY_READY, "*", "* "),
            figure_5(inputs),
            table_12(inputs),
        )
    finally:
        inputs.close()


# --- helpers -------------------------------------------------------------------------------


def _cut(period: Period, last: Month) -> Period:
    """The period up to `last` (a period of the report year ends with the quarter)."""
    if period.last <= last:
        return period
    return Period(period.kind, period.first, last, period.code)


def _days(period: Period) -> tuple[date, date]:
    return (period.first_day, period.last_day)


def _table(
    name: str,
    rows: Iterable[str],
    columns: Iterable[str],
    cells: Iterable[Cell],
    notes: tuple[str, ...] = (),
) -> ReportTable:
    """A table with the seed's caption, source line and row header (one declaration of
    them, `jobtal.report.published_report`, for the published and the computed report)."""
    if name in FIGURE_TITLES:
        title, source, row_header = FIGURE_TITLES[name], FIGURE_SOURCES[name], ""
    else:
        title, source, row_header = SEED_CAPTIONS[name]
    return ReportTable(
        name=name,
        title=title,
        rows=tuple(rows),
        columns=tuple(columns),
        cells=tuple(cells),
        source=source,
        notes=notes,
        row_header=row_header,
    )


def _months_words(last: Month) -> str:
    return MONTH_NAMES[0] if last.month == 1 else f"januar-{MONTH_NAMES[last.month - 1]}"


def _and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} og {words[-1]}"


def ytd_note(last: Month, marker: str = "* ") -> str:
    """The note naming the months of the year-to-date columns of tables 7, 9, 11 (in the
    words of the seed's text).

    >>> ytd_note(Month(2022, 10))
    '* År-til-dato er for januar-oktober måned.'
    """
    return f"{marker}År-til-dato er for {_months_words(last)} måned."


def upskilling_note(last: Month, years: list[int]) -> str:
    """The footnote of table 5: the months and years of its year-to-date columns.

    >>> upskilling_note(Month(2021, 4), [2019, 2020, 2021])
    '* År-til-dato er for perioden januar-april i hhv. 2019, 2020 og 2021'
    """
    if len(years) == 1:
        return f"* År-til-dato er for perioden {_months_words(last)} {years[0]}"
    return (
        f"* År-til-dato er for perioden {_months_words(last)} i hhv. "
        f"{_and_list([str(y) for y in years])}"
    )


def lagged_columns(
    report_year: int, data_last: Month
) -> tuple[list[tuple[int, Period]], list[tuple[int, Period]]]:
    """The whole years and year-to-date periods of a table whose source lags (docs/figures.md,
    lagging sources): whole years Y−3 … Y−1 whose December is not after `data_last`, and year
    to date Y−3 … `data_last`'s year, January to `data_last`'s month.

    >>> whole, ytd = lagged_columns(2022, Month(2021, 4))
    >>> [y for y, _ in whole], [(y, p.last.code) for y, p in ytd]
    ([2019, 2020], [(2019, '2019M04'), (2020, '2020M04'), (2021, '2021M04')])
    """
    first = report_year - 3
    whole = [(y, year(y)) for y in range(first, report_year) if Month(y, 12) <= data_last]
    ytd = [(y, year_to_date(Month(y, data_last.month))) for y in range(first, data_last.year + 1)]
    return whole, ytd


def _last_month_with(months: Iterable[date], first: Month, last: Month) -> Month:
    """The last of `months` from `first` to `last`; `last` when there is none."""
    found = [Month.of(pd.Timestamp(m).date()) for m in months]
    found = [m for m in found if first <= m <= last]
    return max(found) if found else last


def _share_cells(
    row_count: str,
    row_share: str,
    column: str,
    count: float,
    base: float,
    share_decimals: int = 1,
) -> list[Cell]:
    return [
        Cell(row_count, column, float(count), "count", 0),
        Cell(row_share, column, share_pct(float(count), float(base)), "pct", share_decimals),
    ]


# --- charts --------------------------------------------------------------------------------


def _year_periods(inputs: Inputs) -> list[Period]:
    """Y−2 … Y, the report year up to the end of the quarter."""
    return [_cut(year(y), inputs.last) for y in range(inputs.year - 2, inputs.year + 1)]


def figure_1(inputs: Inputs) -> ReportTable:
    """Annual averages of full-time persons of the top rows of *Målgruppeoversigt*."""
    rows = [row for row in TARGET_GROUP_ROWS if row.parent is None and row.key != "i_alt"]
    periods = _year_periods(inputs)
    cells = [
        Cell(
            row.label,
            str(p.first.year),
            period_mean(monthly_sum(inputs.monthly, row.leaves, "ftp"), p),
            "ftp",
            0,
        )
        for row in rows
        for p in periods
    ]
    return _table(
        "figur 1", (row.label for row in rows), (str(p.first.year) for p in periods), cells
    )


def _chart_months(inputs: Inputs) -> list[Month]:
    return Period("range", Month(inputs.year - 2, 1), inputs.last, "").months()


def _monthly_chart(
    inputs: Inputs,
    name: str,
    rows: list[tuple[str, tuple[str, ...]]],
    measures: tuple[str, ...],
) -> ReportTable:
    months = _chart_months(inputs)
    cells = []
    for label, leaves in rows:
        sums = [monthly_sum(inputs.monthly, leaves, measure) for measure in measures]
        cells += [
            Cell(label, m.code, sum(values.get(m, 0.0) for values in sums), "ftp", 0)
            for m in months
        ]
    return _table(name, (label for label, _ in rows), (m.code for m in months), cells)


def figure_2(inputs: Inputs) -> ReportTable:
    """Monthly full-time activated in løntilskud plus virksomhedspraktik per group."""
    rows = [(row.label, row.leaves) for row in COMPANY_OFFER_ROWS if row.parent is not None]
    return _monthly_chart(inputs, "figur 2", rows, ("wage_subsidy_ftp", "work_placement_ftp"))


def figure_4(inputs: Inputs) -> ReportTable:
    """Monthly long-term unemployed full-time persons: dagpenge, kh and S&H, total."""
    total, dagpenge, kh_shy = LONG_TERM_ROWS
    rows = [
        ("Dagpengemodtagere", dagpenge.leaves),
        ("Kontanthjælp og S&H-ydelse", kh_shy.leaves),
        ("I alt", total.leaves),
    ]
    return _monthly_chart(inputs, "figur 4", rows, ("long_term_ftp",))


# --- table 2 -------------------------------------------------------------------------------


def rar_label(rar: str) -> str:
    """A RAR as printed in table 2.

    >>> rar_label("RAR Hovedstaden")
    'RAR hovedstaden'
    """
    prefix, _, rest = rar.partition(" ")
    return f"{prefix} {rest[:1].lower()}{rest[1:]}" if rest else rar


def _long_term_by_year(
    monthly: Monthly, periods: list[Period], source: str
) -> dict[int, tuple[float | None, str]]:
    values = monthly_sum(monthly, DAGPENGE_LEAVES, "long_term_ftp")
    return {p.first.year: (period_mean(values, p), source) for p in periods}


def _summed_long_term(
    frame: pd.DataFrame, codes: Iterable[int], periods: list[Period]
) -> dict[int, tuple[float | None, str]]:
    """The long-term unemployed on dagpenge per year summed over municipalities."""
    wanted = set(codes)
    part = frame[
        frame["municipality"].isin(wanted)
        & (frame["target_group"].isin(DAGPENGE_LEAVES))
        & (frame["measure"] == "long_term_ftp")
    ]
    values: dict[Month, float] = {}
    for stamp, value in zip(pd.to_datetime(part["month"]), part["value"], strict=True):
        month = Month(stamp.year, stamp.month)
        values[month] = values.get(month, 0.0) + float(value)
    return {p.first.year: (period_mean(values, p), "sum_of_municipalities") for p in periods}


def table_2(inputs: Inputs, engine: str = "duckdb") -> ReportTable:
    """Long-term unemployed on dagpenge: whole country, the RAR, the municipality (annual
    averages Y−2 … Y, changes in percent) and the municipality's national share."""
    place = inputs.place
    periods = _year_periods(inputs)
    years = [p.first.year for p in periods]
    means = area_means(load_area_series(inputs.store, [WHOLE_COUNTRY, place.rar], years), years)

    def from_area(area: str) -> dict[int, tuple[float | None, str]] | None:
        found: dict[int, tuple[float | None, str]] = {}
        for y in years:
            hit = means.get((area, "long_term", LONG_TERM_DAGPENGE.key, y, "ftp")) or means.get(
                (area, "long_term", LONG_TERM_DAGPENGE.key, y, "long_term_ftp")
            )
            if hit is None:
                return None
            found[y] = (hit.value, hit.source)
        return found

    whole, regional = from_area(WHOLE_COUNTRY), from_area(place.rar)
    if whole is None or regional is None:
        # Summed over the store's municipalities: the engine's figures for every
        # municipality, the same run (same months) as the appendix's, which
        # `compute_monthly` then returns without computing them again.
        national = compute_monthly(
            inputs.store, Month(inputs.year - 2, 1), Month(inputs.year, 12), engine
        )
        everyone = [m.code for m in all_municipalities()]
        in_rar = [m.code for m in all_municipalities() if m.rar == place.rar]
        whole = whole or _summed_long_term(national, everyone, periods)
        regional = regional or _summed_long_term(national, in_rar, periods)
    own = _long_term_by_year(inputs.monthly, periods, "persondata")
    figures = long_term_table(
        [(WHOLE_COUNTRY, whole), (place.rar, regional), (place.name, own)], place.name
    )
    return _table_2_cells(figures, place.rar, place.name, years)


def _table_2_cells(figures: list[AreaFigure], rar: str, name: str, years: list[int]) -> ReportTable:
    labels = {WHOLE_COUNTRY: WHOLE_COUNTRY, rar: rar_label(rar)}
    changes = {y: f"{a}/{b}" for a, b in pairwise(years) for y in [b]}
    cells = []
    for figure in figures:
        row = labels.get(figure.area, figure.area)
        if figure.measure == "ftp":
            cells.append(Cell(row, str(figure.year), figure.value, "ftp", 0))
        elif figure.measure == "change_pct":
            cells.append(Cell(row, changes[figure.year], figure.value, "pct", 1))
        else:
            cells.append(Cell(row, str(figure.year), figure.value, "pct", 2))
    return _table(
        "tabel 2",
        (WHOLE_COUNTRY, rar_label(rar), name, f"{name}s landsandel"),
        [str(y) for y in years] + list(changes.values()),
        cells,
    )


# --- table 5 -------------------------------------------------------------------------------

UPSKILLING_COUNT = "Gns. antal personer, der månedligt har påbegyndt et opkvalificeringsforløb"
UPSKILLING_SHARE = "Gns. andel personer, der månedligt har påbegyndt et opkvalificeringsforløb"


def table_5(inputs: Inputs) -> ReportTable:
    """Upskilling starts per month (mean) and their share of the groups' full-time persons;
    whole years and year to date up to the last month with starts."""
    frame = inputs.run(
        upskilling_starts(
            inputs.tables["benefit_segments"],
            inputs.tables["activation_spells"],
            inputs.place.code,
            inputs.first,
            inputs.last,
        )
    )
    starts = {
        Month(stamp.year, stamp.month): float(count)
        for stamp, count in zip(pd.to_datetime(frame["month"]), frame["starts"], strict=True)
        if count
    }
    data_last = max(starts) if starts else inputs.last
    ftp = monthly_sum(inputs.monthly, UPSKILLING_GROUPS, "ftp")
    whole, ytd = lagged_columns(inputs.year, data_last)
    columns = [(f"Årsgns. (hele året) {y}", p) for y, p in whole]
    columns += [(f"Årsgns. (år-til-dato)* {y}", p) for y, p in ytd]
    cells = []
    for label, period in columns:
        mean = period_mean(starts, period)
        cells.append(Cell(UPSKILLING_COUNT, label, mean, "count", 0))
        cells.append(
            Cell(UPSKILLING_SHARE, label, share_pct(mean, period_mean(ftp, period)), "pct", 1)
        )
    return _table(
        "tabel 5",
        (UPSKILLING_COUNT, UPSKILLING_SHARE),
        (label for label, _ in columns),
        cells,
        notes=(upskilling_note(data_last, [y for y, _ in ytd]),),
    )


# --- table 6 -------------------------------------------------------------------------------

COURSES_ENDED = "Afsluttede forløb i perioden"
COURSES_EDUCATION = "Antal personer i ordinær uddannelse 1 mdr. efter afsluttet ledighedsforløb"
COURSES_SHARE = "Andel i pct."


def _quarter_of(month: Month) -> Period:
    return quarter_period(month.year, (month.month - 1) // 3 + 1)


def rolling_label(last_quarter: Period) -> str:
    """The label of the rolling year ending with a quarter.

    >>> rolling_label(quarter_period(2022, 3))
    'Rullende år 4kv21-3kv22'
    """
    first = _quarter_of(last_quarter.first.shift(-9))

    def short(q: Period) -> str:
        return f"{(q.first.month - 1) // 3 + 1}kv{q.first.year % 100:02d}"

    return f"Rullende år {short(first)}-{short(last_quarter)}"


def table_6(inputs: Inputs) -> ReportTable:
    """Unemployment courses ended, those followed by ordinary education 28 days later, and
    their share: years Y−3 … Y−1 and the rolling year ending with the quarter before Q."""
    previous = _quarter_of(inputs.quarter.first.shift(-1))
    rolling = Period("rolling_year", previous.first.shift(-9), previous.last, "")
    periods = {str(y): _days(year(y)) for y in range(inputs.year - 3, inputs.year)}
    periods[rolling_label(previous)] = _days(rolling)
    frame = inputs.run(
        education_after_courses(
            inputs.tables["benefit_segments"],
            inputs.tables["education_spells"],
            inputs.place.code,
            periods,
        )
    )
    found = {str(p): (c, e) for p, c, e in frame.itertuples(index=False)}
    cells = []
    for label in periods:
        courses, in_education = found.get(label, (0, 0))
        cells.append(Cell(COURSES_ENDED, label, float(courses), "count", 0))
        cells += _share_cells(COURSES_EDUCATION, COURSES_SHARE, label, in_education, courses)
    return _table("tabel 6", (COURSES_ENDED, COURSES_EDUCATION, COURSES_SHARE), periods, cells)


# --- tables 7, 9, 11 and 8 -----------------------------------------------------------------

WAGE_COUNT = "Antal personer med ordinære løntimer"
WAGE_SHARE = "Andel med ordinære løntimer"


def _last_wage_month(inputs: Inputs) -> Month:
    wages = inputs.tables["wage_months"]
    frame = inputs.run(wages.select("month").distinct())
    return _last_month_with(frame["month"], inputs.first, inputs.last)


def wage_table(
    inputs: Inputs, name: str, leaves: tuple[str, ...], marker: str, note_marker: str
) -> ReportTable:
    """Persons in a group with ordinary wage hours, count and share: whole years and year
    to date up to the last month with wage data (tables 7, 9, 11)."""
    data_last = _last_wage_month(inputs)
    whole, ytd = lagged_columns(inputs.year, data_last)
    columns = {f"hele året {y}": _days(p) for y, p in whole}
    columns |= {f"år-til-dato{marker} {y}": _days(p) for y, p in ytd}
    frame = inputs.run(
        wage_hours(
            inputs.tables["benefit_segments"],
            inputs.tables["wage_months"],
            leaves,
            inputs.place.code,
            columns,
        )
    )
    found = {str(p): (n, w) for p, n, w in frame.itertuples(index=False)}
    cells = []
    for label in columns:
        persons, with_wage = found.get(label, (0, 0))
        cells += _share_cells(WAGE_COUNT, WAGE_SHARE, label, with_wage, persons)
    return _table(
        name, (WAGE_COUNT, WAGE_SHARE), columns, cells, notes=(ytd_note(data_last, note_marker),)
    )


OFFER_COUNT = "Antal personer i løntilskud og praktik"
OFFER_SHARE = "Andel personer i løntilskud og praktik"


def table_8(inputs: Inputs) -> ReportTable:
    """Young people on uddannelseshjælp in løntilskud or virksomhedspraktik, count and
    share, years Y−3 … Y (the last up to the end of the quarter)."""
    periods = {
        str(y): _days(_cut(year(y), inputs.last)) for y in range(inputs.year - 3, inputs.year + 1)
    }
    frame = inputs.run(
        company_offers(
            inputs.tables["benefit_segments"],
            inputs.tables["activation_spells"],
            YOUTH_BENEFIT,
            inputs.place.code,
            periods,
        )
    )
    found = {str(p): (n, w) for p, n, w in frame.itertuples(index=False)}
    cells = []
    for label in periods:
        persons, with_offer = found.get(label, (0, 0))
        cells += _share_cells(OFFER_COUNT, OFFER_SHARE, label, with_offer, persons)
    return _table("tabel 8", (OFFER_COUNT, OFFER_SHARE), periods, cells)


# --- figure 5 and table 12 -----------------------------------------------------------------

DURATION = "Gns. varighed (uger)"
PERSONS = "Antal personer"


def quarter_code(period: Period) -> str:
    """A quarter as `2022Q4` (the code of `staffing` and of figure 5's columns)."""
    return f"{period.first.year}Q{(period.first.month - 1) // 3 + 1}"


def figure_5(inputs: Inputs) -> ReportTable:
    """Mean weeks since case start and persons, at the end of each quarter from Q1 of Y−2
    to the quarter before Q."""
    quarters = []
    current = quarter_period(inputs.year - 2, 1)
    while current.first < inputs.quarter.first:
        quarters.append(current)
        current = _quarter_of(current.last.shift(1))
    ends = {quarter_code(q): q.last_day for q in quarters}
    frame = inputs.run(
        case_durations(
            inputs.tables["benefit_segments"], inputs.tables["cases"], inputs.place.code, ends
        )
    )
    found = {str(q): (n, w) for q, n, w in frame.itertuples(index=False)}
    cells = []
    for code in ends:
        persons, weeks = found.get(code, (0, None))
        cells.append(Cell(DURATION, code, None if weeks is None else float(weeks), "weeks", 0))
        cells.append(Cell(PERSONS, code, float(persons), "count", 0))
    return _table("figur 5", (DURATION, PERSONS), ends, cells)


CASES_TOTAL = "Antal sager i alt"


def table_12(inputs: Inputs) -> ReportTable:
    """Average cases, staff-years and cases per staff-year per group category in Q4 of the
    base year and in Q; change in percent of cases per staff-year."""
    base = quarter_period(CASES_BASE_YEAR, 4)
    now = inputs.quarter
    codes = {quarter_code(base): base, quarter_code(now): now}
    cases_frame = inputs.run(
        average_cases(
            inputs.tables["cases"],
            inputs.tables["staffing"],
            inputs.place.code,
            {code: _days(q) for code, q in codes.items()},
        )
    )
    staff_frame = inputs.run(staff_years(inputs.tables["staffing"], inputs.place.code, codes))
    cases = {(str(q), str(c)): float(v) for q, c, v in cases_frame.itertuples(index=False)}
    staff = {(str(q), str(c)): float(v) for q, c, v in staff_frame.itertuples(index=False)}
    n = inputs.quarter_number
    labels = {
        quarter_code(base): (
            f"{CASES_BASE_YEAR} Gns. antal sager (4 kvt.)",
            f"{CASES_BASE_YEAR} Antal årsværk",
            f"{CASES_BASE_YEAR} Gns. antal sager pr. årsværk",
        ),
        quarter_code(now): (
            f"{inputs.year} Gns. antal sager ({n}. kvt.)",
            f"{inputs.year} Antal årsværk",
            f"{inputs.year} Gns. antal sager pr. årsværk",
        ),
    }
    change = f"Udvikling i pct. Gns. antal sager pr. årsværk {CASES_BASE_YEAR}-{inputs.year}"
    rows: list[tuple[str, list[str], int]] = [
        (label, [category], 1) for category, label in CASE_CATEGORIES.items()
    ]
    rows.append((CASES_TOTAL, list(CASE_CATEGORIES), 0))
    cells = []
    for label, categories, ratio_decimals in rows:
        ratios = []
        for code, (count_col, staff_col, ratio_col) in labels.items():
            count = sum(cases.get((code, c), 0.0) for c in categories)
            years = sum(staff.get((code, c), 0.0) for c in categories)
            ratio = count / years if years else None
            ratios.append(ratio)
            cells += [
                Cell(label, count_col, count, "count", 0),
                Cell(label, staff_col, years, "staff_years", 1),
                Cell(label, ratio_col, ratio, "count", ratio_decimals),
            ]
        cells.append(Cell(label, change, change_pct(ratios[-1], ratios[0]), "pct", 1))
    return _table(
        "tabel 12",
        (label for label, _, _ in rows),
        [*(col for cols in labels.values() for col in cols), change],
        cells,
    )
