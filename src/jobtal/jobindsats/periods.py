"""jobindsats period codes, parsed by rule rather than by a list of known codes.

A code is `YYYY` + unit + optional aggregation + number, e.g. `2022M12`, `2022Q04`,
`2022Y01`, `2020QMAT02`:

- unit `M` (month 1–12), `Q` (quarter 1–4), `H` (half year 1–2) or `Y` (year; number 1);
  the unit and number name the *last* month of the period: the month, the quarter's third
  month, the half year's sixth month, December;
- no aggregation: the unit itself (`2022Q04` = October–December 2022);
- `MAT` (moving annual total, rullende år): the 12 months ending with that last month
  (`2020QMAT02` = July 2019–June 2020);
- `ÅTD` or `YTD` (år til dato): January to that last month of the same year.

Every period is a `jobtal.domain.periods.Period`: a contiguous run of months.
"""

from __future__ import annotations

import re

from jobtal.domain.periods import Month, Period

_CODE = re.compile(r"^(\d{4})([MQHY])(MAT|ÅTD|YTD)?(\d{1,2})$")

# unit -> (name of the kind, months per unit, highest number)
_UNITS: dict[str, tuple[str, int, int]] = {
    "M": ("month", 1, 12),
    "Q": ("quarter", 3, 4),
    "H": ("half_year", 6, 2),
    "Y": ("year", 12, 1),
}
_AGGREGATIONS = {"MAT": "rolling_year", "ÅTD": "year_to_date", "YTD": "year_to_date"}

EXAMPLES = "fx 2022M12, 2022Q04, 2022Y01, 2020QMAT02"


def parse(code: str) -> Period:
    """The period of a jobindsats code; ValueError with a Danish message if it breaks the rule.

    >>> p = parse("2020QMAT02")
    >>> p.kind, p.first.code, p.last.code
    ('rolling_year', '2019M07', '2020M06')
    >>> parse("2022Q04").months()[0].code
    '2022M10'
    """
    text = code.strip().upper()
    match = _CODE.match(text)
    if not match:
        raise ValueError(f"ukendt periodekode {code!r} ({EXAMPLES})")
    year, unit, aggregation, number = match.groups()
    kind, length, highest = _UNITS[unit]
    if not 1 <= int(number) <= highest:
        raise ValueError(f"ukendt periodekode {code!r}: nummeret skal være 1–{highest}")
    last = Month(int(year), int(number) * length)
    if aggregation is None:
        return Period(kind, last.shift(1 - length), last, text)
    if _AGGREGATIONS[aggregation] == "rolling_year":
        return Period("rolling_year", last.shift(-11), last, text)
    return Period("year_to_date", Month(last.year, 1), last, text)
