"""A company (virksomhed), identified by its CVR number."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.companies.models.common import MunicipalityRecord
from jobtal.web.companies.validators import validate_cvr


class SizeBand(models.TextChoices):
    """Number of employees, in the bands of Danmarks Statistik's company statistics."""

    MICRO = "0-9", "0–9 ansatte"
    SMALL = "10-49", "10–49 ansatte"
    MEDIUM = "50-249", "50–249 ansatte"
    LARGE = "250+", "250 ansatte eller flere"


class Company(MunicipalityRecord):
    """A company the company service is in contact with."""

    cvr = models.CharField("CVR-nummer", max_length=8, unique=True, validators=[validate_cvr])
    name = models.CharField("navn", max_length=200)
    industry_code = models.CharField(
        "branchekode (DB07)",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", "Branchekoden (DB07) skal være 6 cifre.")],
    )
    size_band = models.CharField("størrelse", max_length=10, choices=SizeBand.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "virksomhed"
        verbose_name_plural = "virksomheder"
        ordering = ("name", "cvr")

    def __str__(self) -> str:
        return f"{self.name} ({self.cvr})"
