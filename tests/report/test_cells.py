"""Printing of report cells, against texts written out by hand from the seed's conventions."""

from __future__ import annotations

import pytest

from jobtal.report.cells import NIL_DASH_TABLES, format_cell, format_value
from jobtal.report.model import Cell

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (1097.0, "ftp", 0, "1.097"),
        (4084.6, "ftp", 0, "4.085"),
        (32.44, "pct", 1, f"32,4{NBSP}%"),
        (-5.649, "pct", 1, f"-5,6{NBSP}%"),
        (-61.2, "pct", 0, f"-61{NBSP}%"),
        (20.0, "pct", 1, f"20,0{NBSP}%"),
        (-0.44, "pp", 1, "-0,4"),
        (560_350_000.0, "mio_kr", 1, "560,4"),
        (-29_800_000.0, "mio_kr", 1, "-29,8"),
        (3_349_999.0, "mio_kr", 1, "3,3"),
        (18_757.0, "dkk", 0, "18.757"),
        (234_444.0, "dkk", 0, "234.444"),
        (1234567.0, "count", 0, "1.234.567"),
        (12.345, "weeks", 1, "12,3"),
        (36.55, "staff_years", 1, "36,6"),
        (2.5, "count", 0, "3"),
        (-0.04, "pct", 1, f"0,0{NBSP}%"),
        (None, "pct", 1, "."),
        (None, "mio_kr", 1, "."),
    ],
)
def test_format_value(value: float | None, unit: str, decimals: int, expected: str) -> None:
    assert format_value(value, unit, decimals) == expected


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="ukendt enhed"):
        format_value(1.0, "liters", 0)


def test_nil_dash_only_for_an_exact_zero_when_asked() -> None:
    nil = Cell("Tekniske omplaceringer (b)", "i mio. kr.", 0.0, "mio_kr", 1)
    tiny = Cell("Ændret pris- og lønfremskrivning", "Beløbsændring", 20_000.0, "mio_kr", 1)
    assert format_cell(nil) == "0,0"
    assert format_cell(nil, nil_dash=True) == "-"
    assert format_cell(tiny, nil_dash=True) == "0,0"
    assert format_cell(Cell("a", "b", None, "mio_kr", 1), nil_dash=True) == "."


def test_dash_tables_are_the_variance_explanations() -> None:
    # The seed prints "Tekniske omplaceringer (b) -" but "Forventede bevillingsændringer 0,0".
    assert "afvigelsesforklaring service" in NIL_DASH_TABLES
    assert "afvigelsesforklaring overførsler" in NIL_DASH_TABLES
    assert "økonomisk status service" not in NIL_DASH_TABLES
    assert "budgetændringer" not in NIL_DASH_TABLES
