"""The appendix as Danish text, CSV and JSON, and written to files."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from jobtal.published import AppendixRow
from jobtal.report.appendix_output import (
    format_value,
    render_table,
    to_csv,
    write_appendix,
)

NBSP = "\u00a0"


def _row(
    table: str, label: str, parent: str | None, year: int, measure: str, value: float | None
) -> AppendixRow:
    return AppendixRow(
        table=table, label=label, parent=parent, year=year, measure=measure, value=value
    )


ROWS = [
    _row("target_groups", "Forsikrede ledige", None, 2021, "ftp", 960.2),
    _row("target_groups", "Forsikrede ledige", None, 2022, "ftp", 1096.5),
    _row("target_groups", "Forsikrede ledige", None, 2022, "national_share_pct", 1.0512),
    _row("target_groups", "Forsikrede ledige", None, 2022, "change_pct", -32.44),
    _row("target_groups", "Dagpengemodtagere", "Forsikrede ledige", 2022, "ftp", 1096.5),
    _row("target_groups", "Dagpengemodtagere", "Forsikrede ledige", 2022, "change_pct", None),
    _row("activation_share", "Andel", None, 2022, "change_pp", -0.44),
]


def test_values_are_shown_the_danish_way() -> None:
    assert format_value("ftp", 1096.5) == "1.097"
    assert format_value("national_share_pct", 1.0512) == f"1,05{NBSP}%"
    assert format_value("change_pct", -32.44) == f"-32,4{NBSP}%"
    assert format_value("activated_share_pct", 2.66) == f"2,7{NBSP}%"
    assert format_value("change_pp", -0.44) == "-0,4"
    assert format_value("change_pct", None) == "."


def test_text_table_has_years_as_columns_and_children_indented() -> None:
    text = render_table(ROWS, "Nøgletal – Gentofte (157)")
    lines = text.splitlines()
    assert lines[0] == "Nøgletal – Gentofte (157)"
    assert "Målgruppeoversigt (fuldtidspersoner, årsgennemsnit)" in lines
    assert "Andel fuldtidsaktiverede i virksomhedsrettet tilbud" in lines
    top = next(line for line in lines if line.startswith("Forsikrede ledige"))
    # Split on runs of ordinary spaces: the no-break space belongs to the percentage.
    assert re.split(r" {2,}", top) == [
        "Forsikrede ledige",
        "960",
        "1.097",
        f"1,05{NBSP}%",
        f"-32,4{NBSP}%",
    ]
    child = next(line for line in lines if "Dagpengemodtagere" in line)
    assert child.startswith("  - Dagpengemodtagere")
    assert child.rstrip().endswith(".")
    assert any("2021/2022" in line for line in lines)
    assert any(line.rstrip().endswith("-0,4") for line in lines)


def test_csv_has_the_published_columns_and_empty_for_undefined() -> None:
    parsed = list(csv.DictReader(to_csv(ROWS).splitlines(), delimiter=";"))
    assert list(parsed[0]) == ["table", "label", "parent", "year", "measure", "value"]
    assert parsed[0]["value"] == "960.2"
    assert parsed[4]["parent"] == "Forsikrede ledige"
    assert parsed[5]["value"] == ""


def test_write_appendix_writes_csv_and_json(tmp_path: Path) -> None:
    csv_path, json_path = write_appendix(ROWS, tmp_path / "ud", "noegletal")
    assert csv_path == tmp_path / "ud" / "noegletal.csv"
    assert json.loads(json_path.read_text("utf-8")) == ROWS
    assert "Forsikrede ledige" in csv_path.read_text("utf-8")
    assert sorted(p.name for p in (tmp_path / "ud").iterdir()) == [
        "noegletal.csv",
        "noegletal.json",
    ]
