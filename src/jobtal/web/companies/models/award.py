"""The yearly *Vi ta'r ansvar* award."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.companies.models.common import MunicipalityRecord
from jobtal.web.companies.models.company import Company


class Award(MunicipalityRecord):
    """The *Vi ta'r ansvar* award of a year: the administration nominates, the working group
    shortlists, the committee decides on a date and names the winner."""

    year = models.PositiveSmallIntegerField("år")
    nominations = models.ManyToManyField(
        Company,
        related_name="award_nominations",
        blank=True,
        verbose_name="indstillet af forvaltningen",
    )
    shortlist = models.ManyToManyField(
        Company,
        related_name="award_shortlists",
        blank=True,
        verbose_name="arbejdsgruppens shortliste",
    )
    decision_date = models.DateField("udvalgets beslutning den", null=True, blank=True)
    winner = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards_won",
        verbose_name="vinder",
    )
    history = HistoricalRecords(m2m_fields=[nominations, shortlist])

    class Meta:
        verbose_name = "Vi ta'r ansvar-pris"
        verbose_name_plural = "Vi ta'r ansvar-priser"
        ordering = ("-year",)
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("municipality", "year"), name="companies_award_key")
        ]

    def __str__(self) -> str:
        return f"Vi ta'r ansvar-prisen {self.year}"
