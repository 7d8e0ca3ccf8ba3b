"""Staffing: staff-years per quarter and team (store table staffing)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.finance.models.common import (
    NOT_NEGATIVE,
    QUARTER_VALIDATOR,
    GroupCategory,
    alive_unique,
    municipality_field,
)
from jobtal.web.meetings.models.base import TimestampedModel


class Staffing(TimestampedModel):
    """Staff-years (årsværk) of a team in a quarter (`2022Q4`). Key: (municipality, quarter,
    team)."""

    KEY = ("municipality", "quarter", "team")

    municipality = municipality_field()
    quarter = models.CharField(
        "kvartal", max_length=6, validators=[QUARTER_VALIDATOR], help_text="Fx 2022Q4."
    )
    team = models.CharField("team", max_length=200)
    group_category = models.CharField(
        "gruppekategori", max_length=20, choices=GroupCategory.choices
    )
    staff_years = models.DecimalField(
        "årsværk", max_digits=9, decimal_places=2, validators=[NOT_NEGATIVE]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "årsværk"
        verbose_name_plural = "årsværk"
        ordering = ("municipality", "quarter", "team")
        constraints = (alive_unique(("municipality", "quarter", "team"), "staffing_key"),)

    def __str__(self) -> str:
        return f"{self.quarter} {self.team}"
