"""Economic status, variance explanation and *Budgetændringer* (definition 16).

Per expense type (`service`, `overfoersler`), for year Y as of a day `until` (the end of the
report's quarter), from the finance records (docs/figures.md):

* original budget: the year's `budget_lines` amount;
* corrected budget (a) = original + the *approved* appropriations (supplementary
  appropriations and technical transfers) dated in Y up to `until`;
* spent (forbrug): the latest `spending` row dated in Y up to `until` (None without one);
* expected appropriation changes = the *requested* (not yet approved) appropriations dated
  in Y up to `until`: technical transfers (b) plus supplementary appropriations (c);
* other variances (d): the `expected_variances` rows of the latest date in Y up to `until`
  (the latest date of that expense type: a forecast replaces the earlier ones), each with
  its topic;
* expected outturn (e) = a + b + c + d; the line below the status table is
  e − (a + b + c), which is d.

*Budgetændringer* lists, for both expense types together: the original budget, each approved
appropriation, the corrected budget, each expected change (requested appropriations and
other variances) and the expected outturn. Every total is the sum of the unrounded parts, so
the shown amounts add up within rounding.

>>> import datetime as dt
>>> grants = [Appropriation(dt.date(2022, 4, 25), "tillaegsbevilling", "service", "A",
...     -400_000.0, True)]
>>> variances = [Variance(dt.date(2022, 11, 30), "service", "B", -500_000.0)]
>>> s = economic_status("service", 3_700_000.0, grants, [], variances, 2022,
...     dt.date(2022, 12, 31))
>>> s.corrected_budget_dkk, s.expected_outturn_dkk, s.deviation_dkk
(3300000.0, 2800000.0, -500000.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

EXPENSE_TYPES: tuple[str, ...] = ("service", "overfoersler")
SUPPLEMENTARY = "tillaegsbevilling"
TECHNICAL = "teknisk_omplacering"
VARIANCE = "afvigelse"


@dataclass(frozen=True)
class Appropriation:
    """A budget change: approved (part of the corrected budget) or requested (expected)."""

    date: date
    kind: str  # SUPPLEMENTARY or TECHNICAL
    expense_type: str
    topic: str
    amount_dkk: float
    approved: bool


@dataclass(frozen=True)
class Variance:
    """An other expected variance (anden afvigelse) as forecast on `date`."""

    date: date
    expense_type: str
    topic: str
    amount_dkk: float


@dataclass(frozen=True)
class Spending:
    """Spent to date (forbrug) as of `date`."""

    date: date
    expense_type: str
    amount_dkk: float


@dataclass(frozen=True)
class EconomicStatus:
    """One expense type's economic status and variance explanation."""

    expense_type: str
    original_budget_dkk: float
    approved: tuple[Appropriation, ...]
    requested: tuple[Appropriation, ...]
    spent_dkk: float | None
    other_variances: tuple[Variance, ...]

    @property
    def corrected_budget_dkk(self) -> float:
        """(a) original budget + approved appropriations."""
        return self.original_budget_dkk + sum(a.amount_dkk for a in self.approved)

    @property
    def technical_transfers_dkk(self) -> float:
        """(b) requested technical transfers."""
        return sum(a.amount_dkk for a in self.requested if a.kind == TECHNICAL)

    @property
    def supplementary_dkk(self) -> float:
        """(c) requested supplementary appropriations (and any other requested kind)."""
        return sum(a.amount_dkk for a in self.requested if a.kind != TECHNICAL)

    @property
    def expected_changes_dkk(self) -> float:
        """Forventede bevillingsændringer: (b) + (c)."""
        return self.technical_transfers_dkk + self.supplementary_dkk

    @property
    def other_variances_dkk(self) -> float:
        """(d) the sum of the other variances."""
        return sum(v.amount_dkk for v in self.other_variances)

    @property
    def expected_outturn_dkk(self) -> float:
        """(e) = a + b + c + d."""
        return self.corrected_budget_dkk + self.expected_changes_dkk + self.other_variances_dkk

    @property
    def deviation_dkk(self) -> float:
        """e − (a + b + c): the line below the status table."""
        return self.expected_outturn_dkk - (self.corrected_budget_dkk + self.expected_changes_dkk)


def _in_year(day: date, year: int, until: date) -> bool:
    return day.year == year and day <= until


def _by_date(items: Iterable[Appropriation]) -> tuple[Appropriation, ...]:
    # A stable sort: rows of one date keep the order they were recorded in.
    return tuple(sorted(items, key=lambda a: a.date))


def latest_spending(
    spending: Iterable[Spending], expense_type: str, year: int, until: date
) -> float | None:
    """The amount of the latest spending row of the type dated in `year` up to `until`."""
    rows = [s for s in spending if s.expense_type == expense_type and _in_year(s.date, year, until)]
    return max(rows, key=lambda s: s.date).amount_dkk if rows else None


def latest_variances(
    variances: Iterable[Variance], expense_type: str, year: int, until: date
) -> tuple[Variance, ...]:
    """The variances of the type dated on the latest such date in `year` up to `until`,
    in the order given."""
    rows = [
        v for v in variances if v.expense_type == expense_type and _in_year(v.date, year, until)
    ]
    if not rows:
        return ()
    latest = max(v.date for v in rows)
    return tuple(v for v in rows if v.date == latest)


def economic_status(
    expense_type: str,
    original_budget_dkk: float,
    appropriations: Iterable[Appropriation],
    spending: Iterable[Spending],
    variances: Iterable[Variance],
    year: int,
    until: date,
) -> EconomicStatus:
    """The economic status of one expense type for `year` as of `until` (module docstring).

    Records of other expense types, other years or after `until` are ignored.
    """
    mine = [
        a
        for a in appropriations
        if a.expense_type == expense_type and _in_year(a.date, year, until)
    ]
    return EconomicStatus(
        expense_type=expense_type,
        original_budget_dkk=float(original_budget_dkk),
        approved=_by_date(a for a in mine if a.approved),
        requested=_by_date(a for a in mine if not a.approved),
        spent_dkk=latest_spending(spending, expense_type, year, until),
        other_variances=latest_variances(variances, expense_type, year, until),
    )


@dataclass(frozen=True)
class BudgetChange:
    """A line of *Budgetændringer*: `change_type` is an appropriation's kind or VARIANCE;
    `approved` is False for the expected changes (requested appropriations, variances)."""

    date: date
    change_type: str
    expense_type: str
    topic: str
    amount_dkk: float
    approved: bool


@dataclass(frozen=True)
class BudgetOverview:
    """*Budgetændringer*: the budget's development and the expected changes."""

    original_budget_dkk: float
    approved: tuple[BudgetChange, ...]
    corrected_budget_dkk: float
    expected: tuple[BudgetChange, ...]
    expected_outturn_dkk: float


def _change(item: Appropriation | Variance) -> BudgetChange:
    if isinstance(item, Appropriation):
        return BudgetChange(
            item.date, item.kind, item.expense_type, item.topic, item.amount_dkk, item.approved
        )
    return BudgetChange(
        item.date, VARIANCE, item.expense_type, item.topic, item.amount_dkk, approved=False
    )


def budget_overview(statuses: Sequence[EconomicStatus]) -> BudgetOverview:
    """*Budgetændringer* over the given expense types (in their order).

    Lines are sorted by date; lines of one date keep the order of the types and, within a
    type, the order of the records (requested appropriations before variances).
    """
    approved = [_change(a) for s in statuses for a in s.approved]
    expected: list[BudgetChange] = []
    for s in statuses:
        expected += [_change(a) for a in s.requested]
        expected += [_change(v) for v in s.other_variances]
    return BudgetOverview(
        original_budget_dkk=sum(s.original_budget_dkk for s in statuses),
        approved=tuple(sorted(approved, key=lambda c: c.date)),
        corrected_budget_dkk=sum(s.corrected_budget_dkk for s in statuses),
        expected=tuple(sorted(expected, key=lambda c: c.date)),
        expected_outturn_dkk=sum(s.expected_outturn_dkk for s in statuses),
    )
