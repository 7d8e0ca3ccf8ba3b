"""The report's charts: Vega-Lite specifications (Altair) drawn from a `ReportTable`.

One specification serves both outputs: vega-embed draws it interactively (with tooltips) in the
HTML report, and vl-convert renders it offline to SVG for the PDF. Everything a reader sees is
Danish: the spec's `config.locale` carries d3's `da-DK` number locale (decimal comma, thousands
dot) and time locale (Danish month names), axis titles are Danish, and tooltips show the very
text the report's tables print (`jobtal.report.cells.format_cell`), so a chart and its data
table can never show a figure differently.

Kinds (`Chart.kind`):

* `bar`: one group of bars per row of the table (a target group), one bar per column (a year),
  drawn horizontally so that the long Danish target-group names stay readable at A4 width;
* `line`: x = the columns in order, one line per row. Columns that are month codes (`2022M12`)
  or quarter codes (`2022Q3`) become dates on a time axis; other labels stay ordinal. Rows of
  different units (figur 5: weeks and persons) are drawn as panels stacked vertically, each
  with its own y axis, instead of two unrelated scales on one axis.
"""

from __future__ import annotations

import re
from typing import Any

import altair as alt
import vl_convert

from jobtal.formatting import MONTH_NAMES as MONTHS
from jobtal.report.cells import format_cell
from jobtal.report.model import Cell, Chart, ReportTable

# A font that both vl-convert (text measuring, SVG) and WeasyPrint (drawing the SVG in the PDF)
# find on this system (fc-list); the report's CSS uses the same one.
FONT = "Liberation Sans"
# Drawing width in pixels: an A4 page minus margins is about 170 mm = 640 px at 96 dpi; the
# legend takes the rest.
WIDTH = 480
# Room for a bar chart's target-group names, the longest of which ("Selvforsørgelse- og
# hjemrejseydelse samt overgangsydelse") needs about 310 px at 11 px.
LABEL_LIMIT = 320
PALETTE = ["#1f5f8b", "#e39a2d", "#5a9e4b", "#b5445b", "#7b6cb3", "#6b6b6b", "#2aa3a3", "#a3772a"]

_MONTH_CODE = re.compile(r"^(\d{4})M(0[1-9]|1[0-2])$")
_QUARTER_CODE = re.compile(r"^(\d{4})Q([1-4])$")

# The axis title of a unit when the chart names none.
UNIT_TITLES = {
    "count": "Antal",
    "ftp": "Fuldtidspersoner",
    "pct": "Pct.",
    "pp": "Procentpoint",
    "dkk": "Kr.",
    "mio_kr": "Mio. kr.",
    "weeks": "Uger",
    "staff_years": "Årsværk",
}

# Field names of the chart data; Danish, since vega-embed shows them in tooltips.
SERIES = "Serie"
GROUP = "Målgruppe"
PERIOD = "Periode"
DATE = "Dato"
VALUE = "Værdi"
TEXT = "Tal"
ORDER = "Rækkefølge"


def locale() -> dict[str, Any]:
    """d3's Danish number and time locale, as Vega-Lite's `config.locale`."""
    return {
        "number": vl_convert.get_format_locale("da-DK"),
        "time": vl_convert.get_time_format_locale("da-DK"),
    }


def period_label(column: str) -> str:
    """The Danish reading of a period code: `2022M12` → `december 2022`, `2022Q3` → `3. kvt.
    2022`; any other label unchanged."""
    if match := _MONTH_CODE.match(column):
        return f"{MONTHS[int(match[2]) - 1]} {match[1]}"
    if match := _QUARTER_CODE.match(column):
        return f"{match[2]}. kvt. {match[1]}"
    return column


def period_date(column: str) -> str | None:
    """The first day of a month or quarter code as an ISO date, None for other labels."""
    if match := _MONTH_CODE.match(column):
        return f"{match[1]}-{match[2]}-01"
    if match := _QUARTER_CODE.match(column):
        return f"{match[1]}-{3 * int(match[2]) - 2:02d}-01"
    return None


def plotted(cell: Cell) -> float | None:
    """The value drawn for a cell, in the unit its text is printed in (millions for mio_kr)."""
    if cell.value is None:
        return None
    return cell.value / 1_000_000 if cell.unit == "mio_kr" else cell.value


def chart_spec(chart: Chart, table: ReportTable) -> dict[str, Any]:
    """The Vega-Lite specification of `chart` drawn from `table` (a plain dict).

    The title is not drawn in the chart: the report prints it as the figure's caption, where
    it is text a screen reader and a PDF search find; `description` is the alt text."""
    if chart.kind == "bar":
        drawn = _bar(chart, table)
    elif chart.kind == "line":
        drawn = _line(chart, table)
    else:
        raise ValueError(f"{chart.name}: ukendt diagramtype {chart.kind!r} (bar eller line)")
    spec = drawn.to_dict()
    spec["description"] = chart.alt
    spec.setdefault("config", {})["locale"] = locale()
    return spec


def chart_svg(chart: Chart, table: ReportTable) -> str:
    """The chart rendered offline to SVG by vl-convert, with Danish number and time locale."""
    return spec_svg(chart_spec(chart, table))


def spec_svg(spec: dict[str, Any]) -> str:
    """A chart's specification (`chart_spec`) rendered offline to SVG."""
    return vl_convert.vegalite_to_svg(spec, format_locale="da-DK", time_format_locale="da-DK")


def _records(table: ReportTable) -> list[dict[str, Any]]:
    """One record per cell in the printed order of rows and columns; missing cells are left
    out and undefined values drawn as gaps."""
    records = []
    for row_index, row in enumerate(table.rows):
        for column_index, column in enumerate(table.columns):
            try:
                cell = table.cell(row, column)
            except KeyError:
                continue
            records.append(
                {
                    SERIES: row,
                    PERIOD: period_label(column),
                    DATE: period_date(column),
                    VALUE: plotted(cell),
                    TEXT: format_cell(cell),
                    ORDER: row_index * len(table.columns) + column_index,
                    "unit": cell.unit,
                }
            )
    return records


def month_step(records: list[dict[str, Any]]) -> int:
    """Months between the ticks of a month axis: the smallest of 1, 2, 3, 6 and 12 that puts
    at most 8 labels ("okt 2021", about 50 px each) on the axis."""
    months = sorted({record[DATE][:7] for record in records if record[DATE]})
    if not months:
        return 1
    first, last = months[0], months[-1]
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    return next((step for step in (1, 2, 3, 6) if span / step <= 8), 12)


def _y_title(chart: Chart, unit: str, several_units: bool) -> str:
    if chart.y_title and not several_units:
        return chart.y_title
    return UNIT_TITLES.get(unit, "")


def _config(drawn: alt.TopLevelMixin) -> Any:
    return (
        drawn.configure(font=FONT)
        .configure_axis(labelFontSize=11, titleFontSize=12, grid=True, gridColor="#e4e4e4")
        .configure_legend(labelFontSize=11, titleFontSize=12, labelLimit=300, orient="bottom")
        .configure_title(fontSize=12, anchor="start")
        .configure_view(stroke=None)
    )


def _bar(chart: Chart, table: ReportTable) -> Any:
    """Horizontal grouped bars: a band per row, a bar per column, colour = column."""
    records = _records(table)
    unit = records[0]["unit"] if records else "count"
    columns = [period_label(column) for column in table.columns]
    bar_height = 9
    drawn = (
        alt.Chart(alt.Data(values=records))
        .mark_bar()
        .encode(
            y=alt.Y(
                f"{SERIES}:N",
                sort=list(table.rows),
                title=None,
                axis=alt.Axis(labelLimit=LABEL_LIMIT, labelFontSize=11),
            ),
            yOffset=alt.YOffset(f"{PERIOD}:N", sort=columns),
            x=alt.X(f"{VALUE}:Q", title=_y_title(chart, unit, False), axis=alt.Axis(format=",d")),
            color=alt.Color(
                f"{PERIOD}:N",
                sort=columns,
                title=None,
                scale=alt.Scale(range=PALETTE[: len(columns)] or PALETTE),
            ),
            tooltip=[
                alt.Tooltip(f"{SERIES}:N", title=table.row_header or GROUP),
                alt.Tooltip(f"{PERIOD}:N", title="År"),
                # The unit's short name: vega-embed cuts a long key ("Fuldtidspersoner (år…").
                alt.Tooltip(f"{TEXT}:N", title=UNIT_TITLES.get(unit, "Tal")),
            ],
        )
        .properties(
            width=WIDTH + 120 - LABEL_LIMIT,
            height=max(1, len(table.rows)) * len(columns) * bar_height,
        )
    )
    return _config(drawn)


def _line(chart: Chart, table: ReportTable) -> Any:
    """Lines over the columns; one panel per unit when the rows differ in unit."""
    records = _records(table)
    units = list(dict.fromkeys(record["unit"] for record in records)) or ["count"]
    dated = bool(records) and all(record[DATE] for record in records)
    quarters = bool(table.columns) and all(_QUARTER_CODE.match(c) for c in table.columns)
    panels = []
    for unit in units:
        rows = [
            row
            for row in table.rows
            if any(r[SERIES] == row and r["unit"] == unit for r in records)
        ]
        panel = _line_panel(
            chart, records, unit, rows, dated, quarters, several_units=len(units) > 1
        )
        panels.append(panel)
    drawn: Any
    if len(panels) == 1:
        drawn = panels[0]
    else:
        drawn = alt.vconcat(*panels).resolve_scale(color="independent")
    return _config(drawn)


def _line_panel(
    chart: Chart,
    records: list[dict[str, Any]],
    unit: str,
    rows: list[str],
    dated: bool,
    quarters: bool,
    *,
    several_units: bool,
) -> Any:
    x: Any
    if dated:
        # Quarters labelled "3. kvt." over "2022" (two lines, so that eleven quarters fit
        # side by side), one tick a quarter; months by d3's Danish short month names.
        if quarters:
            label = "[quarter(datum.value) + '. kvt.', '' + year(datum.value)]"
            ticks: Any = {"interval": "month", "step": 3}
        else:
            label = "timeFormat(datum.value, '%b %Y')"
            ticks = {"interval": "month", "step": month_step(records)}
        x = alt.X(
            f"{DATE}:T",
            title=None,
            # Not flush: the first and last label centred on their tick like the others.
            axis=alt.Axis(
                labelExpr=label, labelAngle=0, labelOverlap=True, tickCount=ticks, labelFlush=False
            ),
        )
    else:
        x = alt.X(f"{PERIOD}:N", title=None, sort=None, axis=alt.Axis(labelAngle=0))
    y_title = _y_title(chart, unit, several_units)
    panel_data = [record for record in records if record["unit"] == unit]
    title: Any = rows[0] if len(rows) == 1 and several_units else alt.Undefined
    return (
        alt.Chart(alt.Data(values=panel_data), title=title)
        .mark_line(point=alt.OverlayMarkDef(size=18), strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y(f"{VALUE}:Q", title=y_title, axis=alt.Axis(format=",d")),
            color=alt.Color(
                f"{SERIES}:N",
                sort=rows,
                title=None,
                scale=alt.Scale(range=PALETTE),
                # A panel of one series is titled by it; a legend of one entry says nothing more.
                legend=None
                if len(rows) == 1 and several_units
                # Up to three series side by side, more in two columns of long names.
                else alt.Legend(orient="bottom", columns=2 if len(rows) > 3 else len(rows)),
            ),
            tooltip=[
                alt.Tooltip(f"{SERIES}:N", title="Serie"),
                alt.Tooltip(f"{PERIOD}:N", title="Periode"),
                alt.Tooltip(f"{TEXT}:N", title=UNIT_TITLES.get(unit, "Tal")),
            ],
        )
        .properties(width=WIDTH, height=200 if several_units else 260)
    )
