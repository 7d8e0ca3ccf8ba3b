"""Numbers the Danish way, for everything a user sees: `1.097`, `32,4 %`, `-5,6 %`.

All figures are computed unrounded and rounded only here, when shown. A no-break space stands
before the percent sign, so `32,4 %` never breaks across lines.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.dates import get_month_names
from babel.numbers import format_decimal

LOCALE = "da_DK"
NBSP = "\u00a0"
UNDEFINED = "."  # how Danish statistics print a figure that cannot be computed
# The Danish month names, January first ("januar" … "december"), from the locale data.
MONTH_NAMES: tuple[str, ...] = tuple(
    str(get_month_names("wide", locale=LOCALE)[number]) for number in range(1, 13)
)


def number(value: float | None, decimals: int = 0) -> str:
    """A number with Danish grouping and decimal comma.

    >>> number(1097)
    '1.097'
    >>> number(-5.649, 1)
    '-5,6'
    >>> number(None)
    '.'
    """
    if value is None:
        return UNDEFINED
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(rounded(value, decimals), format=pattern, locale=LOCALE)
    return text.replace("\u2212", "-")


def rounded(value: float, decimals: int = 0) -> Decimal:
    """Round half away from zero, as Danish statistics do; never a negative zero.

    >>> str(rounded(2.45, 1)), str(rounded(-0.04, 1))
    ('2.5', '0.0')
    """
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(exact) if exact == 0 else exact


def percent(value: float | None, decimals: int = 1) -> str:
    """A percentage (given in percent, not as a fraction) with a no-break space before `%`.

    >>> percent(32.44)
    '32,4\\xa0%'
    """
    if value is None:
        return UNDEFINED
    return f"{number(value, decimals)}{NBSP}%"


def points(value: float | None, decimals: int = 1) -> str:
    """A difference of two shares in percentage points, e.g. `-0,4`."""
    return number(value, decimals)
