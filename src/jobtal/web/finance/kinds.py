"""The kinds of finance records as the pages show them: address, title, the columns of a
list and how a list is filtered by year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from jobtal import formatting
from jobtal.report.cells import format_value
from jobtal.web.finance.models import MODELS


@dataclass(frozen=True)
class Kind:
    """A kind of record: `slug` is its address under /oekonomi/, `table` the store table,
    `columns` the model fields a list shows, `year_lookup` the filter by year."""

    slug: str
    table: str
    title: str
    columns: tuple[str, ...]
    year_lookup: str

    @property
    def model(self) -> type[models.Model]:
        return MODELS[self.table]

    def year_filter(self, year: int) -> dict[str, Any]:
        if self.year_lookup == "quarter":
            return {"quarter__startswith": str(year)}
        return {self.year_lookup: year}

    @property
    def has_expense_type(self) -> bool:
        return "expense_type" in self.columns


KINDS: tuple[Kind, ...] = (
    Kind(
        "budget",
        "budget_lines",
        "Budgetlinjer",
        ("year", "appropriation_area", "expense_type", "account", "original_budget_dkk"),
        "year",
    ),
    Kind(
        "bevillinger",
        "appropriations",
        "Bevillingsændringer",
        ("date", "kind", "expense_type", "topic", "amount_dkk", "approved"),
        "date__year",
    ),
    Kind(
        "afvigelser",
        "expected_variances",
        "Forventede afvigelser",
        ("date", "expense_type", "topic", "amount_dkk"),
        "date__year",
    ),
    Kind("forbrug", "spending", "Forbrug", ("date", "expense_type", "amount_dkk"), "date__year"),
    Kind(
        "aarsvaerk",
        "staffing",
        "Årsværk",
        ("quarter", "team", "group_category", "staff_years"),
        "quarter",
    ),
    Kind(
        "driftsudgifter",
        "operating_costs",
        "Driftsudgifter",
        ("year", "category", "amount_dkk", "expected"),
        "year",
    ),
)
BY_SLUG = {kind.slug: kind for kind in KINDS}


def shown_value(record: models.Model, name: str) -> str:
    """A field as a list shows it: amounts in mio. kr. with one decimal (`560,4`),
    staff-years with two decimals, dates `31-10-2022`, choices by their Danish label."""
    value = getattr(record, name)
    field = record._meta.get_field(name)
    if name.endswith("_dkk"):
        return format_value(float(value), "mio_kr", 1)
    if name == "staff_years":
        return formatting.number(float(value), 2)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if getattr(field, "choices", None):
        return str(getattr(record, f"get_{name}_display")())
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)


def column_label(kind: Kind, name: str) -> str:
    label = str(kind.model._meta.get_field(name).verbose_name)
    label = label.replace("(kr.)", "(mio. kr.)")
    if name == "amount_dkk":
        label = "beløb (mio. kr.)"
    return label[:1].upper() + label[1:]
