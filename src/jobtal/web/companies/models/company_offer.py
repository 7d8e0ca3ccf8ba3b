"""A company-directed offer (løntilskud, virksomhedspraktik, småjob) of a citizen at a company.
The citizen is recorded by pseudonym only, never by CPR number."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.companies.models.common import MunicipalityRecord
from jobtal.web.companies.models.company import Company
from jobtal.web.companies.validators import validate_not_cpr


class Offer(models.TextChoices):
    """The offers at a company (codes of jobtal.domain.target_groups.OFFERS)."""

    WAGE_SUBSIDY = "loentilskud", "Løntilskud"
    INTERNSHIP = "virksomhedspraktik", "Virksomhedspraktik"
    SMALL_JOB = "smaajob", "Småjob"


class CompanyOffer(MunicipalityRecord):
    """One offer; key (person, offer, start) as the store's activation_spells."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="offers", verbose_name="virksomhed"
    )
    person = models.CharField(
        "borgerens pseudonym",
        max_length=64,
        validators=[validate_not_cpr],
        help_text="Pseudonym fra fagsystemet – aldrig et CPR-nummer.",
    )
    offer = models.CharField("tilbud", max_length=20, choices=Offer.choices)
    start = models.DateField("start")
    end = models.DateField("slut", null=True, blank=True)
    hours_per_week = models.FloatField(
        "timer pr. uge",
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), MaxValueValidator(168)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "virksomhedsrettet tilbud"
        verbose_name_plural = "virksomhedsrettede tilbud"
        ordering = ("-start", "person")
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=("person", "offer", "start"), name="companies_offer_key")
        ]

    def __str__(self) -> str:
        # No pseudonym in logs or error messages.
        return f"Tilbud {self.pk}"

    def clean(self) -> None:
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "Slutdatoen ligger før starten."})
