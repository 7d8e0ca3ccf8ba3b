"""The appendix as accessible tables and Vega-Lite charts (Altair), with Danish numbers.

Tables keep the appendix's layout (`jobtal.report.appendix_output`): a caption, one column
per year and measure, a change column headed `2021/2022`, child rows under their parent.
Charts are Vega-Lite specifications as dicts, drawn in the page by `static/keyfigures/
charts.js`; each comes with a sentence for readers who cannot see it, and the same numbers
are always in a table on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
from babel.dates import format_date

from jobtal import formatting
from jobtal.domain.periods import Month
from jobtal.domain.target_groups import APPENDIX_MEASURES, APPENDIX_TABLES
from jobtal.published import AppendixRow
from jobtal.report.appendix_output import (
    CHANGE_MEASURES,
    MEASURE_HEADINGS,
    TABLE_TITLES,
    format_value,
)
from jobtal.web.keyfigures.data import DRILL_ROWS

# The key of each appendix row, by (table, label, parent label).
ROW_KEYS: dict[tuple[str, str, str | None], str] = {
    (table, row.label, row.parent): row.key
    for table, rows in APPENDIX_TABLES.items()
    for row in rows
}
TOTAL_KEY = "i_alt"


@dataclass(frozen=True)
class TableRow:
    """One row: its label, whether it is a child row, the drill-down key (None: none)."""

    label: str
    is_child: bool
    group: str | None
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One appendix table as the page shows it: caption, column headings, rows."""

    key: str
    caption: str
    headings: tuple[tuple[str, str], ...]  # (year or "2021/2022", measure heading)
    rows: tuple[TableRow, ...]


def _columns(table: str, rows: Sequence[AppendixRow]) -> list[tuple[int, str]]:
    present = {(r["year"], r["measure"]) for r in rows}
    years = sorted({r["year"] for r in rows})
    return [(y, m) for y in years for m in APPENDIX_MEASURES[table] if (y, m) in present]


def _heading(year: int, measure: str) -> tuple[str, str]:
    first = f"{year - 1}/{year}" if measure in CHANGE_MEASURES else str(year)
    return first, MEASURE_HEADINGS[measure]


def appendix_tables(rows: Sequence[AppendixRow]) -> list[Table]:
    """The appendix's tables that have rows, in the appendix's order, values formatted."""
    tables = []
    for table in APPENDIX_TABLES:
        mine = [r for r in rows if r["table"] == table]
        if not mine:
            continue
        columns = _columns(table, mine)
        values: dict[tuple[str, str | None], dict[tuple[int, str], str]] = {}
        for r in mine:
            cells = values.setdefault((r["label"], r["parent"]), {})
            cells[(r["year"], r["measure"])] = format_value(r["measure"], r["value"])
        table_rows = []
        for (label, parent), cells in values.items():
            key = ROW_KEYS.get((table, label, parent))
            group = key if key in DRILL_ROWS and DRILL_ROWS[key][2] == table else None
            table_rows.append(
                TableRow(label, parent is not None, group, tuple(cells.get(c, "") for c in columns))
            )
        tables.append(
            Table(
                table,
                TABLE_TITLES[table],
                tuple(_heading(y, m) for y, m in columns),
                tuple(table_rows),
            )
        )
    return tables


def month_name(month: Month) -> str:
    """The Danish name of the month, e.g. `januar`."""
    return format_date(month.first_day, "MMMM", locale="da_DK")


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite specification with its text alternative."""

    spec: dict[str, Any]
    description: str


def _main_groups(rows: Sequence[AppendixRow]) -> list[AppendixRow]:
    """The target-group overview's top rows in full-time persons, without the total."""
    return [
        r
        for r in rows
        if r["table"] == "target_groups"
        and r["parent"] is None
        and r["measure"] == "ftp"
        and ROW_KEYS.get(("target_groups", r["label"], None)) != TOTAL_KEY
    ]


def appendix_chart(
    rows: Sequence[AppendixRow],
    municipality: str,
    group_url: Callable[[str], str] | None,
) -> Chart | None:
    """Bars of full-time persons per main target group and year; a click on a bar opens the
    group's months (`group_url`; None: no links, when there are no months), a click on a
    year in the legend highlights that year. None when the appendix has no target-group
    figures."""
    groups = [r for r in _main_groups(rows) if r["value"] is not None]
    if not groups:
        return None
    records = [
        {
            "group": r["label"],
            "year": str(r["year"]),
            "value": r["value"],
            "text": formatting.number(r["value"]),
        }
        for r in groups
    ]
    if group_url is not None:
        for record, r in zip(records, groups, strict=True):
            record["url"] = group_url(ROW_KEYS[("target_groups", r["label"], None)])
    years = sorted({r["year"] for r in groups})
    order: list[str] = list(dict.fromkeys(r["label"] for r in groups))
    title = f"Fuldtidspersoner pr. målgruppe, {municipality} ({years[0]}–{years[-1]})"
    picked = alt.selection_point(fields=["year"], bind="legend")
    chart = (
        alt.Chart(alt.Data(values=records), title=title)
        .mark_bar()
        .encode(
            y=alt.Y("group:N", title=None, sort=order),
            x=alt.X(
                "value:Q",
                title="Fuldtidspersoner (årsgennemsnit)",
                axis=alt.Axis(format=",d", tickCount=8),
            ),
            yOffset=alt.YOffset("year:N"),
            color=alt.Color("year:N", title="År"),
            opacity=alt.condition(picked, alt.value(1.0), alt.value(0.3)),
            tooltip=[
                alt.Tooltip("group:N", title="Målgruppe"),
                alt.Tooltip("year:N", title="År"),
                alt.Tooltip("text:N", title="Fuldtidspersoner"),
            ],
            **({"href": alt.Href("url:N")} if group_url is not None else {}),
        )
        .add_params(picked)
        # A thin bar per year, so the twelve groups fit on a screen.
        .properties(width="container", height={"step": 7, "for": "offset"}, description=title)
    )
    latest = max(years)
    top = max((r for r in groups if r["year"] == latest), key=lambda r: r["value"] or 0.0)
    description = (
        f"Søjlediagram: {title}. Størst i {latest} er {top['label']} med "
        f"{formatting.number(top['value'])} fuldtidspersoner. Alle tal står i tabellen "
        "Målgruppeoversigt nedenfor."
    )
    if group_url is not None:
        description += " Vælg en målgruppe dér eller i diagrammet for at se dens måneder."
    return Chart(chart.to_dict(), description)


def months_chart(months: Sequence[tuple[Month, float]], label: str, measure_title: str) -> Chart:
    """A line of the group's 12 monthly values, each point with its value as tooltip."""
    records = [
        {"month": month_name(m), "n": m.month, "value": v, "text": formatting.number(v, 1)}
        for m, v in months
    ]
    names: list[str] = [month_name(m) for m, _ in months]
    title = f"{label}: {measure_title.lower()} pr. måned {months[0][0].year}"
    chart = (
        alt.Chart(alt.Data(values=records), title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("month:N", title="Måned", sort=names),
            y=alt.Y("value:Q", title=measure_title),
            tooltip=[
                alt.Tooltip("month:N", title="Måned"),
                alt.Tooltip("text:N", title=measure_title),
            ],
        )
        .properties(width="container", description=title)
    )
    high = max(months, key=lambda mv: mv[1])
    low = min(months, key=lambda mv: mv[1])
    description = (
        f"Kurvediagram: {title}. Højest i {month_name(high[0])} "
        f"({formatting.number(high[1], 1)}), lavest i {month_name(low[0])} "
        f"({formatting.number(low[1], 1)}). Tallene står i tabellen nedenfor."
    )
    return Chart(chart.to_dict(), description)
