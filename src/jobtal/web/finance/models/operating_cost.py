"""Operating costs: the steering model's expenses per year and category (store table
operating_costs)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.finance.models.common import (
    CostCategory,
    alive_unique,
    amount_field,
    municipality_field,
    year_field,
)
from jobtal.web.meetings.models.base import TimestampedModel


class OperatingCost(TimestampedModel):
    """A year's operating expense of a category; `expected` while the year is not closed.
    Key: (municipality, year, category)."""

    KEY = ("municipality", "year", "category")

    municipality = municipality_field()
    year = year_field()
    category = models.CharField("udgiftskategori", max_length=30, choices=CostCategory.choices)
    amount_dkk = amount_field()
    expected = models.BooleanField("forventet", default=False, help_text="Året er ikke afsluttet.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "driftsudgift"
        verbose_name_plural = "driftsudgifter"
        ordering = ("municipality", "year", "category")
        constraints = (alive_unique(("municipality", "year", "category"), "operating_cost_key"),)

    def __str__(self) -> str:
        return f"{self.year} {self.get_category_display()}"
