"""Find where a report disagrees with itself, without crying wolf over rounding.

The report is a source of `jobtal.published.source`: a transcribed published report by name,
or a folder in the same format, such as the `data/` folder written by `jobtal report`.

Every printed derived figure (a total, a change in percent or points, a share, an average, a
number in a sentence) is recomputed from the printed figures it derives from. Printed figures are
rounded, so each stands for an interval of true values; the recomputation is done in interval
arithmetic on exact fractions, and a printed derived figure agrees when its own rounding interval
meets the recomputed interval. Only the figures that cannot be explained by rounding are
disagreements.

Rounding is half away from zero (as Danish statistics and `jobtal.formatting` round), so the
rounding intervals are half-open: `156` stands for [155,5; 156,5), `-1,9` for (-1,95; -1,85] and
`0` for (-0,5; 0,5), or [0; 0,5) for quantities that cannot be negative. Closed intervals would
accept boundary cases no rounding can produce (children printed 73, 19, 0, 0, 61 add up to less
than 155,5 and can never round to a parent printed 156).

The relations checked are:

* inside *Nøgletal*, derived here from its structure: parents are the sum of their children and
  "I alt" the sum of the target groups; changes in percent from the annual averages (for the
  company-directed offers from løntilskud + virksomhedspraktik); changes in points from the
  shares; the activated full-time persons from løntilskud + virksomhedspraktik;
* in the report tables, as listed in `relations.csv` (none where a folder has no such file);
* every number in a sentence (`statements.csv`) against the cell or expression it refers to.

Not checkable from the print, so not checked: the national shares of *Nøgletal* (the national
figures are not printed; tabel 2's are), the shares of tables 5 and 7–11 (their denominators are
not printed), the share of full-time activated against the target groups (the groups behind
each denominator are not stated), and the company-directed offers' total against its rows (the
rows are selected groups, not a partition).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from jobtal.domain.target_groups import MEASURE_DECIMALS
from jobtal.errors import InputError, Problem
from jobtal.published import appendix_rows
from jobtal.published.source import Row, Source
from jobtal.published.tables import decimals_of, relation_rows, report_cell_rows, statement_rows

NONNEGATIVE_UNITS = frozenset({"count", "ftp", "staff_years", "weeks"})


# How the appendix's columns are headed, for the `where` of a disagreement.
APPENDIX_COLUMNS = {
    "ftp": "{year}",
    "national_share_pct": "landsandel {year}",
    "change_pct": "udvikling i procent {previous}/{year}",
    "wage_subsidy_ftp": "løntilskud {year}",
    "work_placement_ftp": "virksomhedspraktik {year}",
    "activated_ftp": "antal løntilskud og virksomhedspraktik {year}",
    "activated_share_pct": "andel i pct. af alle FTP {year}",
    "change_pp": "udvikling i procentpoint {previous}/{year}",
}

FUNCTIONS = frozenset({"sum", "diff", "ratio", "share", "change_pct"})


# --- intervals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A set of real numbers between two bounds; a bound of None is infinite (and open)."""

    lo: Fraction | None
    hi: Fraction | None
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def point(cls, value: Fraction) -> Interval:
        """The interval holding exactly one value."""
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(
            None if self.lo is None or other.lo is None else self.lo + other.lo,
            None if self.hi is None or other.hi is None else self.hi + other.hi,
            self.lo_open or other.lo_open,
            self.hi_open or other.hi_open,
        )

    def __neg__(self) -> Interval:
        return Interval(
            None if self.hi is None else -self.hi,
            None if self.lo is None else -self.lo,
            self.hi_open,
            self.lo_open,
        )

    def __sub__(self, other: Interval) -> Interval:
        return self + -other

    def affine(self, scale: Fraction, shift: Fraction = Fraction(0)) -> Interval:
        """{x·scale + shift} for a positive scale."""
        assert scale > 0, "affine maps only with a positive scale keep the bounds' order"
        return Interval(
            None if self.lo is None else self.lo * scale + shift,
            None if self.hi is None else self.hi * scale + shift,
            self.lo_open,
            self.hi_open,
        )

    def contains(self, value: Fraction) -> bool:
        """Whether the value lies in the interval."""
        above = self.lo is None or value > self.lo or (value == self.lo and not self.lo_open)
        below = self.hi is None or value < self.hi or (value == self.hi and not self.hi_open)
        return above and below

    def meets(self, other: Interval) -> bool:
        """Whether the two intervals have a value in common."""
        lo, lo_open = _max_bound((self.lo, self.lo_open), (other.lo, other.lo_open), lower=True)
        hi, hi_open = _max_bound((self.hi, self.hi_open), (other.hi, other.hi_open), lower=False)
        if lo is None or hi is None:
            return True
        return lo < hi or (lo == hi and not lo_open and not hi_open)


def _max_bound(
    a: tuple[Fraction | None, bool], b: tuple[Fraction | None, bool], *, lower: bool
) -> tuple[Fraction | None, bool]:
    """The tighter of two lower bounds (lower=True) or of two upper bounds."""
    if a[0] is None:
        return b
    if b[0] is None:
        return a
    if a[0] == b[0]:
        return a[0], a[1] or b[1]
    tighter = max(a[0], b[0]) if lower else min(a[0], b[0])
    return (tighter, a[1]) if tighter == a[0] else (tighter, b[1])


def rounding_interval(value: float, decimals: int, *, nonnegative: bool = False) -> Interval:
    """The true values that print as `value` with `decimals` decimals, rounding half away from 0.

    >>> rounding_interval(156, 0)
    Interval(lo=Fraction(311, 2), hi=Fraction(313, 2), lo_open=False, hi_open=True)
    """
    exact = Fraction(repr(value))
    half = Fraction(1, 2 * 10**decimals)
    if exact > 0:
        return Interval(exact - half, exact + half, False, True)
    if exact < 0:
        return Interval(exact - half, exact + half, True, False)
    if nonnegative:
        return Interval(Fraction(0), half, False, True)
    return Interval(-half, half, True, True)


def divide(numerator: Interval, denominator: Interval) -> tuple[Interval, bool]:
    """{n ÷ d} over the intervals, and whether d can be 0 (the quotient is then undefined).

    Where d can come arbitrarily close to 0 the quotient is unbounded. A divisor that cannot be
    positive is handled as n ÷ d = (−n) ÷ (−d); where d can be either sign, or n is unbounded,
    the quotient can be any number (rare: a report's divisors are counts, amounts and shares).
    """
    may_be_zero = denominator.contains(Fraction(0))
    below = denominator.lo is None or denominator.lo < 0
    if below and denominator.hi is not None and denominator.hi <= 0:
        quotient, _ = divide(-numerator, -denominator)
        return quotient, may_be_zero
    if denominator.lo is None or denominator.lo < 0 or numerator.lo is None or numerator.hi is None:
        return Interval(None, None, True, True), may_be_zero
    positive = Interval(
        denominator.lo,
        denominator.hi,
        denominator.lo_open or denominator.lo == 0,
        denominator.hi_open,
    )
    corners = [
        _corner(n, n_open, d, d_open)
        for n, n_open in ((numerator.lo, numerator.lo_open), (numerator.hi, numerator.hi_open))
        for d, d_open in ((positive.lo, positive.lo_open), (positive.hi, positive.hi_open))
    ]
    return _hull(corners), may_be_zero


def _corner(
    n: Fraction | None, n_open: bool, d: Fraction | None, d_open: bool
) -> tuple[Fraction | None, int, bool]:
    """The quotient at one corner: (value, sign of an infinite value or 0, open)."""
    if n is None:
        raise ValueError("unbounded numerators are not supported")
    if d is None:  # an unbounded divisor drives the quotient to 0 without reaching it
        return Fraction(0), 0, n != 0 or n_open
    if d == 0:  # the divisor is open at 0 here: the quotient runs off to ±infinity
        return (Fraction(0), 0, n_open) if n == 0 else (None, 1 if n > 0 else -1, True)
    # A numerator of exactly 0 gives 0 whatever the divisor, so the divisor's openness is moot.
    return n / d, 0, n_open or (d_open and n != 0)


def _hull(corners: Sequence[tuple[Fraction | None, int, bool]]) -> Interval:
    """The smallest interval holding all corner values (bounds open if no corner attains them)."""
    finite = [(value, is_open) for value, inf, is_open in corners if inf == 0 and value is not None]
    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_open = hi_open = True
    if not any(inf < 0 for _, inf, _ in corners):
        lo = min(value for value, _ in finite)
        lo_open = all(is_open for value, is_open in finite if value == lo)
    if not any(inf > 0 for _, inf, _ in corners):
        hi = max(value for value, _ in finite)
        hi_open = all(is_open for value, is_open in finite if value == hi)
    return Interval(lo, hi, lo_open, hi_open)


# --- printed figures and expressions --------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    """A printed figure: its value (None where "." or nothing is printed) and its rounding."""

    value: float | None
    decimals: int
    unit: str
    where: str

    @property
    def interval(self) -> Interval:
        """The true values this print can stand for."""
        assert self.value is not None
        return rounding_interval(
            self.value, self.decimals, nonnegative=self.unit in NONNEGATIVE_UNITS
        )


@dataclass(frozen=True)
class Result:
    """A recomputed figure: the interval of its true value, the value computed from the printed
    figures as they stand (None where undefined), and whether it may be undefined (÷ 0)."""

    interval: Interval
    point: Fraction | None
    may_be_undefined: bool


def split_arguments(text: str) -> list[str]:
    """Split `a|b|f(c|d)` at the top-level bars (labels may hold balanced parentheses)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def evaluate(expression: str, cells: dict[str, Printed]) -> Result | None:
    """Recompute an expression; None where a figure it needs is not printed.

    >>> evaluate("change_pct(1097|960)", {}).point
    Fraction(-13700, 1097)
    """
    call = re.fullmatch(r"(\w+)\((.*)\)", expression, re.DOTALL)
    if call and call.group(1) in FUNCTIONS:
        texts = split_arguments(call.group(2))
        _check_arity(call.group(1), texts)
        arguments = [evaluate(argument, cells) for argument in texts]
        if any(argument is None for argument in arguments):
            return None
        return _apply(call.group(1), [a for a in arguments if a is not None])
    if re.fullmatch(r"-?\d+(\.\d+)?", expression):
        literal = Printed(float(expression), decimals_of(expression), "", expression)
        return _printed_result(literal)
    if expression not in cells:
        raise KeyError(f"ukendt celle: {expression!r}")
    printed = cells[expression]
    return None if printed.value is None else _printed_result(printed)


def references(expression: str) -> list[str]:
    """The cells an expression names, in order (literal numbers are not cells). A ValueError
    with a Danish message where a function has the wrong number of arguments.

    >>> references("change_pct(a|sum(b|c))")
    ['a', 'b', 'c']
    """
    call = re.fullmatch(r"(\w+)\((.*)\)", expression, re.DOTALL)
    if call and call.group(1) in FUNCTIONS:
        arguments = split_arguments(call.group(2))
        _check_arity(call.group(1), arguments)
        return [name for argument in arguments for name in references(argument)]
    if re.fullmatch(r"-?\d+(\.\d+)?", expression):
        return []
    return [expression]


def _check_arity(function: str, arguments: list[str]) -> None:
    if "" in arguments:
        raise ValueError(f"{function}(…) har et tomt argument")
    if function != "sum" and len(arguments) != 2:
        raise ValueError(f"{function}(…) skal have 2 argumenter, ikke {len(arguments)}")


def _printed_result(printed: Printed) -> Result:
    assert printed.value is not None
    return Result(printed.interval, Fraction(repr(printed.value)), False)


def _apply(function: str, arguments: list[Result]) -> Result:
    if function == "sum":
        return _sum(arguments)
    if function == "diff":
        first, second = arguments
        return _combine(
            first.interval - second.interval, _sub(first.point, second.point), first, second
        )
    numerator, denominator = arguments[::-1] if function == "change_pct" else arguments
    quotient = _ratio(numerator, denominator)
    if function == "ratio":
        return quotient
    hundred = Fraction(100)
    shift = Fraction(-100) if function == "change_pct" else Fraction(0)
    point = None if quotient.point is None else quotient.point * hundred + shift
    return Result(quotient.interval.affine(hundred, shift), point, quotient.may_be_undefined)


def _sum(arguments: list[Result]) -> Result:
    interval = arguments[0].interval
    point = arguments[0].point
    for argument in arguments[1:]:
        interval = interval + argument.interval
        point = None if point is None or argument.point is None else point + argument.point
    return Result(interval, point, any(a.may_be_undefined for a in arguments))


def _sub(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    return None if a is None or b is None else a - b


def _combine(interval: Interval, point: Fraction | None, *parts: Result) -> Result:
    return Result(interval, point, any(part.may_be_undefined for part in parts))


def _ratio(numerator: Result, denominator: Result) -> Result:
    interval, may_be_zero = divide(numerator.interval, denominator.interval)
    point = None
    if numerator.point is not None and denominator.point:
        point = numerator.point / denominator.point
    undefined = may_be_zero or numerator.may_be_undefined or denominator.may_be_undefined
    return Result(interval, point, undefined)


# --- disagreements --------------------------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """A printed figure that differs from the same figure recomputed from printed figures.

    `computed` is recomputed from the printed figures as they stand (None where that divides by
    zero); `low`/`high` bound every value the recomputation could have before rounding (None is
    unbounded); `reference` is what the printed figure was compared with; `decimals` is how
    many decimals the figure is printed with.
    """

    where: str
    printed: float | None
    computed: float | None
    kind: str
    explained_by_rounding: bool
    reference: str
    low: float | None
    high: float | None
    decimals: int = 0


@dataclass(frozen=True)
class _Check:
    where: str
    printed: Printed
    kind: str
    expression: str


def _compare(check: _Check, cells: dict[str, Printed]) -> Disagreement | None:
    """The disagreement of one printed figure with its recomputation, if there is a difference
    at all (explained by rounding or not); None where it agrees or cannot be recomputed."""
    result = evaluate(check.expression, cells)
    if result is None:
        return None
    printed = check.printed
    if printed.value is None:
        # "." is right exactly when the figure may be undefined.
        if result.may_be_undefined:
            return None
        return _disagreement(check, result, explained=False)
    fits = printed.interval.meets(result.interval)
    if fits and _prints_as(result.point, printed):
        return None
    return _disagreement(check, result, explained=fits)


def _prints_as(point: Fraction | None, printed: Printed) -> bool:
    """Whether the recomputed value, rounded like the print, shows the printed value."""
    return point is not None and printed.interval.contains(point)


def _disagreement(check: _Check, result: Result, *, explained: bool) -> Disagreement:
    def _float(value: Fraction | None) -> float | None:
        return None if value is None else round(float(value), 4)

    return Disagreement(
        where=check.where,
        printed=check.printed.value,
        computed=_float(result.point),
        kind=check.kind,
        explained_by_rounding=explained,
        reference=check.expression,
        low=_float(result.interval.lo),
        high=_float(result.interval.hi),
        decimals=check.printed.decimals,
    )


def check(source: Source, *, include_rounding: bool = False) -> list[Disagreement]:
    """The real disagreements of a report, in a stable order.

    `source` is the name of a transcribed report (`"gentofte-2023-02"`) or a folder in the
    same format (a Path), such as the `data/` folder written by `jobtal report`. A missing or
    malformed file, a cell printed twice, or a relation or statement that names a cell not
    printed raises an InputError naming file, line and field.

    Order: the appendix *Nøgletal* (in its row order), the report tables (in the order of
    `relations.csv`), then the sentences (in the order of `statements.csv`). Differences that
    rounding explains are left out; with `include_rounding=True` they are listed too, marked
    `explained_by_rounding=True` (only those where the figure recomputed from the printed figures
    would print differently, e.g. 1.097 → 960 printed −12,5 % where 960 ÷ 1.097 gives −12,49 %).
    """
    cells = _cells(source)
    found = (_compare(item, cells) for item in _checks(source, cells))
    return [
        item
        for item in found
        if item is not None and (include_rounding or not item.explained_by_rounding)
    ]


def _checks(source: Source, cells: dict[str, Printed]) -> list[_Check]:
    """Every comparison of the report, after checking that every cell it names is printed."""
    checks: list[_Check] = []
    problems: list[Problem] = []
    for kind, cell, expression in _appendix_relations(appendix_rows(source)):
        # A figure whose base is not printed (the year before the first) cannot be checked.
        if all(name in cells for name in references(expression)):
            checks.append(_Check(cells[cell].where, cells[cell], kind, expression))
    for row, relation in relation_rows(source):
        problems += _unknown_cells(row, "cell", relation["cell"], cells)
        problems += _unknown_cells(row, "expression", relation["expression"], cells)
        if relation["cell"] in cells:
            printed = cells[relation["cell"]]
            checks.append(_Check(printed.where, printed, relation["kind"], relation["expression"]))
    for row, statement in statement_rows(source):
        if statement["refers_to"] is None:
            continue  # nothing printed to compare with, e.g. a month read off a chart
        problems += _unknown_cells(row, "refers_to", statement["refers_to"], cells)
        printed = Printed(statement["value"], statement["decimals"], statement["unit"], "")
        where = f"{statement['where']}: »{statement['quote']}«"
        checks.append(_Check(where, printed, "statement", statement["refers_to"]))
    if problems:
        raise InputError(problems)
    return checks


def _unknown_cells(
    row: Row, field: str, expression: str, cells: dict[str, Printed]
) -> list[Problem]:
    """A problem for each cell the expression names that the report does not print."""
    try:
        names = references(expression)
    except ValueError as error:
        return [Problem(row.file, row.line, field, str(error))]
    return [
        Problem(row.file, row.line, field, f"ukendt celle: {name!r}")
        for name in names
        if name not in cells
    ]


# --- the printed cells ----------------------------------------------------------------------


def appendix_key(table: str, label: str, year: int, measure: str) -> str:
    """How expressions name a cell of the appendix."""
    return f"noegletal:{table}:{label}:{year}:{measure}"


def report_key(table: str, row: str, column: str) -> str:
    """How expressions name a cell of the report tables."""
    return f"{table}:{row}:{column}"


def _cells(source: Source) -> dict[str, Printed]:
    """Every printed cell by the name expressions use; a cell printed twice is an InputError."""
    cells: dict[str, Printed] = {}
    problems = []
    for row, key, printed in [*_appendix_cells(source), *_report_cells(source)]:
        if key in cells:
            problems.append(Problem(row.file, row.line, None, f"cellen {key!r} findes to gange"))
        cells[key] = printed
    if problems:
        raise InputError(problems)
    return cells


def _page(row: Row) -> str:
    """ ", side N" where the source has pages."""
    return f", side {row['page']}" if row["page"].strip() else ""


def _appendix_cells(source: Source) -> Iterator[tuple[Row, str, Printed]]:
    for row in appendix_rows(source):
        year, measure = int(row["year"]), row["measure"]
        column = APPENDIX_COLUMNS[measure].format(year=year, previous=year - 1)
        section = f", {row['section']}" if row["section"].strip() else ""
        where = f"Nøgletal{_page(row)}{section}, {row['label']}, {column}"
        unit = "pct" if measure.endswith("_pct") else "pp" if measure == "change_pp" else "ftp"
        value = row.number("value", empty=True)
        printed = Printed(value, MEASURE_DECIMALS[measure], unit, where)
        yield row, appendix_key(row["table"], row["label"], year, measure), printed


def _report_cells(source: Source) -> Iterator[tuple[Row, str, Printed]]:
    for row, cell in report_cell_rows(source):
        document = (
            "Budgetændringer" if cell["table"] == "budgetændringer" else "Kvartalsrapportering"
        )
        where = f"{document}{_page(row)}, {cell['table']}, {cell['row']}, {cell['column']}"
        printed = Printed(cell["value"], cell["decimals"], cell["unit"], where)
        yield row, report_key(cell["table"], cell["row"], cell["column"]), printed


# --- the relations inside the appendix ------------------------------------------------------


def _appendix_relations(rows: list[Row]) -> Iterator[tuple[str, str, str]]:
    """(kind, cell, expression) for every derived figure of the appendix, in its row order."""
    children: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        parent = row["parent"] or ("I alt" if row["table"] == "target_groups" else "")
        if row["label"] != parent and parent:
            labels = children.setdefault((row["table"], parent), [])
            if row["label"] not in labels:
                labels.append(row["label"])
    # The company-offers table has one row without a parent: its total.
    top = {row["table"]: row["label"] for row in rows if not row["parent"]}
    for row in rows:
        yield from _appendix_relation(row, children, top)


@dataclass(frozen=True)
class _AppendixCell:
    """One row of noegletal.csv, with what its relations need to know."""

    table: str
    label: str
    parent: str
    year: int
    measure: str

    def key(self, measure: str, year: int | None = None, label: str | None = None) -> str:
        """A cell of the same table, by default of the same label and year."""
        return appendix_key(self.table, label or self.label, year or self.year, measure)


def _appendix_relation(
    row: Row, children: dict[tuple[str, str], list[str]], top: dict[str, str]
) -> Iterator[tuple[str, str, str]]:
    at = _AppendixCell(row["table"], row["label"], row["parent"], int(row["year"]), row["measure"])
    cell = at.key(at.measure)
    parts = children.get((at.table, at.label), [])
    if at.measure == "ftp" and parts and at.table in ("target_groups", "long_term"):
        # I alt sums the target groups (the rows without a parent), not their sub-groups.
        yield "total", cell, f"sum({'|'.join(at.key('ftp', label=part) for part in parts)})"
    if at.measure == "change_pct":
        yield "change_pct", cell, _change_expression(at)
    if at.measure == "change_pp":
        share = "activated_share_pct"
        yield "change_pp", cell, f"diff({at.key(share)}|{at.key(share, at.year - 1)})"
    if at.measure == "activated_ftp" and "company_offers" in top:
        yield "total", cell, _activated_expression(at, top["company_offers"])


def _change_expression(at: _AppendixCell) -> str:
    """The change from last year: of the annual average, or of løntilskud + virksomhedspraktik."""
    if at.table != "company_offers":
        return f"change_pct({at.key('ftp', at.year - 1)}|{at.key('ftp')})"
    before, now = (
        f"sum({at.key('wage_subsidy_ftp', year)}|{at.key('work_placement_ftp', year)})"
        for year in (at.year - 1, at.year)
    )
    return f"change_pct({before}|{now})"


def _activated_expression(at: _AppendixCell, offers_total: str) -> str:
    """The same group's løntilskud + virksomhedspraktik in the company-offers table."""
    label = offers_total if not at.parent else at.label
    both = (
        appendix_key("company_offers", label, at.year, offer)
        for offer in ("wage_subsidy_ftp", "work_placement_ftp")
    )
    return f"sum({'|'.join(both)})"
