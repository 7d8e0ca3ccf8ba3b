"""*Vi ta'r ansvar*: a company's membership in a year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.companies.models.common import MunicipalityRecord
from jobtal.web.companies.models.company import Company


class ResponsibilityMembership(MunicipalityRecord):
    """A company's membership of *Vi ta'r ansvar* in a year: whether it met the criteria and
    whether its diploma was issued."""

    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="responsibility_years",
        verbose_name="virksomhed",
    )
    year = models.PositiveSmallIntegerField("år")
    criteria_met = models.BooleanField("kriterierne er opfyldt", default=False)
    diploma_issued = models.BooleanField("diplom udstedt", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Vi ta'r ansvar-virksomhed"
        verbose_name_plural = "Vi ta'r ansvar-virksomheder"
        ordering = ("-year", "company__name")
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("company", "year"), name="companies_responsibility_key")
        ]

    def __str__(self) -> str:
        return f"Vi ta'r ansvar {self.year} ({self.company_id})"

    def clean(self) -> None:
        super().clean()
        if self.diploma_issued and not self.criteria_met:
            raise ValidationError(
                {"diploma_issued": "Diplomet udstedes kun, når kriterierne er opfyldt."}
            )
