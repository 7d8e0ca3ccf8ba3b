"""Expected variances: other variances as forecast on a date (store table
expected_variances)."""

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


class ExpectedVariance(TimestampedModel):
    """An other expected variance (anden afvigelse). The report uses the rows of the latest
    date of an expense type. Key: (municipality, date, expense_type, topic)."""

    KEY = ("municipality", "date", "expense_type", "topic")

    municipality = municipality_field()
    date = models.DateField("dato")
    expense_type = expense_type_field()
    topic = models.CharField("emne", max_length=300)
    amount_dkk = amount_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "forventet afvigelse"
        verbose_name_plural = "forventede afvigelser"
        ordering = ("municipality", "date", "pk")
        constraints = (
            alive_unique(("municipality", "date", "expense_type", "topic"), "variance_key"),
        )

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.topic}"
