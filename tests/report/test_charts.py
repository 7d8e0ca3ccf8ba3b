"""Charts of the report: Vega-Lite specs from a table and their offline SVG, in Danish."""

from __future__ import annotations

import re

import pytest

from jobtal.report.charts import FONT, chart_spec, chart_svg, period_date, period_label
from jobtal.report.model import Cell, Chart, ReportTable

MONTHS = tuple(f"{year}M{month:02d}" for year in (2021, 2022) for month in range(1, 13))
QUARTERS = ("2022Q1", "2022Q2", "2022Q3")


def _bar() -> tuple[Chart, ReportTable]:
    rows = ("Forsikrede ledige", "Sygedagpenge")
    columns = ("2020", "2021", "2022")
    values = {("Forsikrede ledige", "2020"): 1097.4, ("Forsikrede ledige", "2021"): 960.2}
    cells = tuple(Cell(r, c, values.get((r, c), 700.0), "ftp") for r in rows for c in columns)
    table = ReportTable("figur 1", "Figur 1", rows, columns, cells)
    return Chart(
        "figur 1", "Figur 1. Årsgennemsnit", "figur 1", "bar", "Søjler pr. målgruppe"
    ), table


def _months() -> tuple[Chart, ReportTable]:
    rows = ("Dagpenge", "Kontanthjælp")
    cells = tuple(
        Cell(row, month, 1000.0 + 20 * i if row == "Dagpenge" else 90.0, "ftp")
        for row in rows
        for i, month in enumerate(MONTHS)
    )
    table = ReportTable("figur 4", "Figur 4", rows, MONTHS, cells)
    return Chart("figur 4", "Figur 4. Langtidsledige", "figur 4", "line", "Linjer pr. måned"), table


def _quarters() -> tuple[Chart, ReportTable]:
    rows = ("Gns. varighed", "Antal personer")
    cells = tuple(Cell("Gns. varighed", q, 73.0 + i, "weeks", 1) for i, q in enumerate(QUARTERS))
    cells += tuple(Cell("Antal personer", q, 914.0 - i, "count") for i, q in enumerate(QUARTERS))
    table = ReportTable("figur 5", "Figur 5", rows, QUARTERS, cells)
    return Chart("figur 5", "Figur 5. Varighed", "figur 5", "line", "Varighed og personer"), table


def test_period_codes_in_danish() -> None:
    assert period_label("2022M12") == "december 2022"
    assert period_label("2020M05") == "maj 2020"
    assert period_label("2022Q3") == "3. kvt. 2022"
    assert period_label("2022") == "2022"
    assert period_date("2022M12") == "2022-12-01"
    assert period_date("2022Q3") == "2022-07-01"
    assert period_date("2022Q1") == "2022-01-01"
    assert period_date("2022M13") is None


def test_bar_spec_draws_every_cell_with_the_tables_text() -> None:
    chart, table = _bar()
    spec = chart_spec(chart, table)
    assert spec["mark"]["type"] == "bar"
    assert spec["description"] == "Søjler pr. målgruppe"
    assert spec["encoding"]["y"]["sort"] == ["Forsikrede ledige", "Sygedagpenge"]
    values = spec["data"]["values"]
    assert len(values) == 6
    first = values[0]
    assert (first["Serie"], first["Periode"], first["Værdi"], first["Tal"]) == (
        "Forsikrede ledige",
        "2020",
        1097.4,
        "1.097",
    )
    assert spec["encoding"]["x"]["title"] == "Fuldtidspersoner"


def test_spec_carries_the_danish_locale() -> None:
    spec = chart_spec(*_bar())
    number = spec["config"]["locale"]["number"]
    assert (number["decimal"], number["thousands"]) == (",", ".")
    assert spec["config"]["locale"]["time"]["months"][4] == "maj"
    assert spec["config"]["font"] == FONT


def test_month_line_chart_is_a_time_axis() -> None:
    spec = chart_spec(*_months())
    assert spec["mark"]["type"] == "line"
    assert spec["encoding"]["x"]["field"] == "Dato"
    assert spec["encoding"]["x"]["type"] == "temporal"
    last = spec["data"]["values"][len(MONTHS) - 1]
    assert (last["Dato"], last["Periode"], last["Tal"]) == ("2022-12-01", "december 2022", "1.460")


def test_rows_of_different_units_get_a_panel_each() -> None:
    spec = chart_spec(*_quarters())
    panels = spec["vconcat"]
    assert [panel["encoding"]["y"]["title"] for panel in panels] == ["Uger", "Antal"]
    assert [panel["title"] for panel in panels] == ["Gns. varighed", "Antal personer"]
    assert panels[0]["data"]["values"][0]["Tal"] == "73,0"


def test_million_kroner_are_drawn_in_millions() -> None:
    cells = (Cell("Budget", "2022", 557_049_000.0, "mio_kr", 1),)
    table = ReportTable("x", "X", ("Budget",), ("2022",), cells)
    spec = chart_spec(Chart("x", "X", "x", "bar", "alt"), table)
    assert spec["data"]["values"][0]["Værdi"] == pytest.approx(557.049)
    assert spec["data"]["values"][0]["Tal"] == "557,0"


def test_unknown_kind_is_refused() -> None:
    _, table = _bar()
    with pytest.raises(ValueError, match="ukendt diagramtype"):
        chart_spec(Chart("x", "X", "figur 1", "pie", "alt"), table)


def _texts(svg: str) -> list[str]:
    """The text of every <text> element; the lines of a multi-line label joined by a space."""
    elements = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return [
        " ".join(p for p in re.findall(r">([^<]*)<", f">{element}<") if p) for element in elements
    ]


def test_month_svg_has_danish_month_names_and_numbers() -> None:
    svg = chart_svg(*_months())
    texts = _texts(svg)
    # Ticks every quarter: d3's Danish short names ("okt", not "Oct").
    assert "okt 2021" in texts
    assert not any("Oct" in text for text in texts)
    # The y axis passes 1.000 full-time persons: a thousands dot.
    assert "1.000" in texts
    assert f'font-family="{FONT}"' in svg


def test_quarter_svg_names_quarters_in_danish() -> None:
    texts = _texts(chart_svg(*_quarters()))
    assert "3. kvt. 2022" in texts
    assert "Uger" in texts


def test_bar_svg_has_every_group_label() -> None:
    texts = _texts(chart_svg(*_bar()))
    assert {"Forsikrede ledige", "Sygedagpenge", "2020", "2022", "Fuldtidspersoner"} <= set(texts)
