"""Spending: spent to date per expense type (store table spending)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.finance.models.common import (
    alive_unique,
    amount_field,
    expense_type_field,
    municipality_field,
)
from jobtal.web.meetings.models.base import TimestampedModel


class Spending(TimestampedModel):
    """Spent to date (forbrug) as of a date. Key: (municipality, date, expense_type)."""

    KEY = ("municipality", "date", "expense_type")

    municipality = municipality_field()
    date = models.DateField("dato")
    expense_type = expense_type_field()
    amount_dkk = amount_field("forbrug til dato (kr.)")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "forbrug"
        verbose_name_plural = "forbrug"
        ordering = ("municipality", "date", "expense_type")
        constraints = (alive_unique(("municipality", "date", "expense_type"), "spending_key"),)

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.get_expense_type_display()}"
