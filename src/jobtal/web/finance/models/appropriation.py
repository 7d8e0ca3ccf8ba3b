"""Appropriations: approved and requested budget changes (store table appropriations)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.finance.models.common import (
    AppropriationKind,
    alive_unique,
    amount_field,
    expense_type_field,
    municipality_field,
)
from jobtal.web.meetings.models.base import TimestampedModel


class Appropriation(TimestampedModel):
    """A supplementary appropriation or technical transfer; approved ones are part of the
    corrected budget, requested ones are expected changes. Key: (municipality, date, kind,
    expense_type, topic)."""

    KEY = ("municipality", "date", "kind", "expense_type", "topic")

    municipality = municipality_field()
    date = models.DateField("dato")
    kind = models.CharField("bevillingstype", max_length=30, choices=AppropriationKind.choices)
    expense_type = expense_type_field()
    topic = models.CharField("emne", max_length=300)
    amount_dkk = amount_field()
    approved = models.BooleanField(
        "godkendt", default=False, help_text="Ikke godkendt: ansøgt (forventet ændring)."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bevillingsændring"
        verbose_name_plural = "bevillingsændringer"
        ordering = ("municipality", "date", "pk")
        constraints = (
            alive_unique(("municipality", "date", "kind", "expense_type", "topic"), "appr_key"),
        )

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.get_kind_display()} {self.topic}"
