"""How a cell of the quarterly report is printed: Danish numbers per unit.

Every figure is held unrounded in kroner, persons, percent ...; it is rounded only here, to the
cell's `decimals`, through `jobtal.formatting` (`1.097`, `32,4 %` with a no-break space,
`-5,6 %`). An undefined figure (None) is printed `.`, as in Danish statistics.

Units (`jobtal.report.model.UNITS`):

* `count`, `ftp`, `weeks`, `staff_years`, `dkk`: a plain number (`18.757`; the table's column
  or caption says "DKK"/"kr.", so the cell does not repeat it),
* `pct`: a percentage with `%` (`32,4 %`); `pp`: percentage points, a plain number (`-0,4`),
* `mio_kr`: the value is in kroner and is shown in millions (`560.350.000` → `560,4`).

The nil dash: the seed's variance explanations (*afvigelsesforklaring*) print an amount that
is exactly nothing as `-` ("Tekniske omplaceringer (b) -"), while its economic status tables
print the same nothing as `0,0` ("Forventede bevillingsændringer 0,0") and *Budgetændringer*
prints an amount under 50.000 kr. as `0,0`. So the dash is not a property of the cell but of
the table it stands in: `format_cell(cell, nil_dash=True)` prints an exact 0 as `-` and the
renderer asks for it for the tables named in `NIL_DASH_TABLES`. A value that merely rounds to
zero (`0,0`) is not nil and keeps its digits.
"""

from __future__ import annotations

from decimal import Decimal

from jobtal import formatting
from jobtal.report.model import UNITS, Cell

NIL = "-"
# Tables of the seed that print an exact nil amount as a dash (see the module docstring).
NIL_DASH_TABLES = frozenset({"afvigelsesforklaring service", "afvigelsesforklaring overførsler"})
_MILLION = Decimal(1_000_000)


def format_value(value: float | None, unit: str, decimals: int) -> str:
    """`value` in `unit` printed the Danish way with `decimals` decimals.

    >>> format_value(1097, "ftp", 0), format_value(-5.649, "pct", 1)
    ('1.097', '-5,6\\xa0%')
    >>> format_value(560_350_000, "mio_kr", 1), format_value(None, "count", 0)
    ('560,4', '.')
    """
    if unit not in UNITS:
        raise ValueError(f"ukendt enhed {unit!r}; kendte enheder: {', '.join(sorted(UNITS))}")
    if value is None:
        return formatting.UNDEFINED
    if unit == "pct":
        return formatting.percent(value, decimals)
    if unit == "mio_kr":
        # Exact decimal division, so 560.350.000 kr. is 560,35 mio. and rounds half up to 560,4.
        return formatting.number(float(Decimal(repr(value)) / _MILLION), decimals)
    return formatting.number(value, decimals)


def format_cell(cell: Cell, *, nil_dash: bool = False) -> str:
    """The printed text of `cell`; with `nil_dash`, an exact 0 is printed `-`."""
    if nil_dash and cell.value is not None and cell.value == 0:
        return NIL
    return format_value(cell.value, cell.unit, cell.decimals)


def is_numeric(cell: Cell) -> bool:
    """Whether the cell prints a number (right-aligned) rather than `.` or `-`."""
    return cell.value is not None
