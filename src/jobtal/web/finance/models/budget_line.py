"""Budget lines: the original budget per year and expense type (store table budget_lines)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.finance.models.common import (
    alive_unique,
    amount_field,
    expense_type_field,
    municipality_field,
    year_field,
)
from jobtal.web.meetings.models.base import TimestampedModel


class BudgetLine(TimestampedModel):
    """The original budget of a year and expense type. Key: (municipality, year,
    expense_type)."""

    KEY = ("municipality", "year", "expense_type")

    municipality = municipality_field()
    year = year_field()
    appropriation_area = models.CharField("bevillingsområde", max_length=200)
    expense_type = expense_type_field()
    account = models.CharField("konto", max_length=20, help_text="Fx 1110 eller 2050.")
    original_budget_dkk = amount_field("oprindeligt budget (kr.)")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "budgetlinje"
        verbose_name_plural = "budgetlinjer"
        ordering = ("municipality", "year", "expense_type")
        constraints = (alive_unique(("municipality", "year", "expense_type"), "budget_line_key"),)

    def __str__(self) -> str:
        return f"{self.year} {self.get_expense_type_display()} {self.account}"
