"""A recruitment request (rekrutteringsanmodning) from a company."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from jobtal.web.companies.models.common import MunicipalityRecord
from jobtal.web.companies.models.company import Company

# An open request older than this is overdue and listed first.
OVERDUE_DAYS = 30


class CloseReason(models.TextChoices):
    """The close reasons of table 4 (jobtal.measures.companies.CLOSE_REASONS)."""

    ORDINARY_JOB = "ordinaert_job", "Jobcentret rekrutterede til ordinært job"
    OWN_CHANNELS = "egne_kanaler", "Virksomheden rekrutterede via egne kanaler"
    OTHER = "anden", "Anden lukningsårsag"


class RecruitmentRequest(MunicipalityRecord):
    """A request: open until closed; a closed request has exactly one close reason, an open
    one none. `forwarded` is the day it went to the capital region's recruitment service."""

    request_id = models.CharField("anmodnings-id", max_length=40, unique=True)
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="requests", verbose_name="virksomhed"
    )
    created_on = models.DateField("oprettet den")
    job_title = models.CharField("stillingsbetegnelse", max_length=200)
    positions = models.PositiveIntegerField(
        "antal stillinger", default=1, validators=[MinValueValidator(1)]
    )
    closed = models.DateField("lukket den", null=True, blank=True)
    close_reason = models.CharField(
        "lukkeårsag", max_length=20, choices=CloseReason.choices, blank=True
    )
    forwarded = models.DateField(
        "videresendt til Region Hovedstadens rekrutteringsservice", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rekrutteringsanmodning"
        verbose_name_plural = "rekrutteringsanmodninger"
        ordering = ("-created_on", "request_id")
        constraints = [  # noqa: RUF012
            models.CheckConstraint(
                condition=Q(positions__gte=1), name="companies_request_positions"
            ),
            models.CheckConstraint(
                condition=(Q(closed__isnull=True) & Q(close_reason=""))
                | (Q(closed__isnull=False) & ~Q(close_reason="")),
                name="companies_request_reason_iff_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"Anmodning {self.request_id}"

    @property
    def is_open(self) -> bool:
        return self.closed is None

    def is_overdue(self, today: date) -> bool:
        """Open and created more than OVERDUE_DAYS days before `today`."""
        return self.is_open and self.created_on < today - timedelta(days=OVERDUE_DAYS)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.closed is not None and not self.close_reason:
            errors["close_reason"] = "Angiv lukkeårsagen (anmodningen er lukket)."
        if self.closed is None and self.close_reason:
            errors["closed"] = "Angiv lukkedatoen, eller fjern lukkeårsagen."
        if self.closed and self.created_on and self.closed < self.created_on:
            errors["closed"] = "Lukkedatoen ligger før oprettelsen."
        if self.forwarded and self.created_on and self.forwarded < self.created_on:
            errors["forwarded"] = "Videresendelsen ligger før oprettelsen."
        if errors:
            raise ValidationError(errors)
