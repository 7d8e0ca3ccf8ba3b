"""Periods: month, quarter, year, year-to-date and rolling year.

Every period is a contiguous run of calendar months; figures for a period are means of the
monthly figures over its months (DOMAIN.md, definition 2). Codes follow jobindsats.dk:
`2022M12` (month), `2022Q04` (quarter), `2022Y01` (year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"ugyldig måned: {self.month}")

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, self.days)

    @property
    def days(self) -> int:
        """Number of days in the month (29 in a leap-year February)."""
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def code(self) -> str:
        """The jobindsats code, e.g. `2022M12`."""
        return f"{self.year}M{self.month:02d}"

    def shift(self, months: int) -> Month:
        """The month `months` later (earlier when negative).

        >>> Month(2022, 11).shift(3)
        Month(year=2023, month=2)
        """
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)


@dataclass(frozen=True)
class Period:
    """A named, contiguous run of months from `first` to `last` inclusive."""

    kind: str  # "month", "quarter", "year", "year_to_date", "rolling_year"
    first: Month
    last: Month
    code: str

    def months(self) -> list[Month]:
        """The months of the period, in order."""
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return [self.first.shift(i) for i in range(count)]

    @property
    def first_day(self) -> date:
        return self.first.first_day

    @property
    def last_day(self) -> date:
        return self.last.last_day


def month(year: int, month_number: int) -> Period:
    m = Month(year, month_number)
    return Period("month", m, m, m.code)


def quarter(year: int, number: int) -> Period:
    if not 1 <= number <= 4:
        raise ValueError(f"ugyldigt kvartal: {number}")
    first = Month(year, 3 * number - 2)
    return Period("quarter", first, first.shift(2), f"{year}Q{number:02d}")


def year(year_number: int) -> Period:
    return Period("year", Month(year_number, 1), Month(year_number, 12), f"{year_number}Y01")


def year_to_date(last: Month) -> Period:
    """January to `last` of the same year (år-til-dato)."""
    return Period("year_to_date", Month(last.year, 1), last, f"{last.year}M01:{last.code}")


def rolling_year(last: Month) -> Period:
    """The 12 months ending with `last` (rullende år)."""
    return Period("rolling_year", last.shift(-11), last, f"{last.shift(-11).code}:{last.code}")


_CODE = re.compile(r"^(\d{4})(?:M(\d{2})|Q(\d{1,2})|Y01)$")


def parse_period(code: str) -> Period:
    """Parse a jobindsats period code (`2022M12`, `2022Q04`, `2022Y01`) or a month range
    `2022M01:2022M10`.

    >>> parse_period("2022Q04").months()[0]
    Month(year=2022, month=10)
    """
    text = code.strip()
    if ":" in text:
        start, end = (parse_period(part) for part in text.split(":", 1))
        if end.last < start.first:
            raise ValueError(f"periode slutter før den begynder: {code!r}")
        return Period("range", start.first, end.last, f"{start.first.code}:{end.last.code}")
    match = _CODE.match(text)
    if not match:
        raise ValueError(f"ukendt periodekode: {code!r} (forventet fx 2022M12, 2022Q04, 2022Y01)")
    year_number = int(match.group(1))
    if match.group(2):
        return month(year_number, int(match.group(2)))
    if match.group(3):
        return quarter(year_number, int(match.group(3)))
    return year(year_number)
