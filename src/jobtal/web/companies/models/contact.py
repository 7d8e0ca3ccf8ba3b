"""A contact (virksomhedskontakt) between a consultant and a company."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.companies.models.common import MunicipalityRecord
from jobtal.web.companies.models.company import Company


class Track(models.IntegerChoices):
    """The three tracks of *Virksomheds- og erhvervsservice*."""

    RECRUITMENT = 1, "Spor 1: rekruttering"
    RETENTION = 2, "Spor 2: fastholdelse og opkvalificering"
    SOCIAL = 3, "Spor 3: socialt ansvar og inklusion"


def new_contact_id() -> str:
    return f"K-{uuid.uuid4().hex[:10]}"


class Contact(MunicipalityRecord):
    """One contact: date, company, consultant (a name, or a user), channel, track, topic.
    The key is (municipality, contact_id), as in the store's company_contacts."""

    contact_id = models.CharField("kontakt-id", max_length=40, default=new_contact_id)
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="contacts", verbose_name="virksomhed"
    )
    date = models.DateField("dato")
    consultant = models.CharField("konsulent", max_length=120, blank=True)
    consultant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="company_contacts",
        verbose_name="konsulent (bruger)",
    )
    channel = models.CharField("kanal", max_length=80)
    track = models.PositiveSmallIntegerField("spor", choices=Track.choices)
    topic = models.CharField("emne", max_length=120)
    notes = models.TextField("noter", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "virksomhedskontakt"
        verbose_name_plural = "virksomhedskontakter"
        ordering = ("-date", "contact_id")
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=("municipality", "contact_id"), name="companies_contact_key"
            )
        ]

    def __str__(self) -> str:
        return f"Kontakt {self.contact_id}"

    def clean(self) -> None:
        super().clean()
        if not self.consultant and self.consultant_user_id is None:
            raise ValidationError({"consultant": "Angiv konsulenten (navn eller bruger)."})

    @property
    def consultant_name(self) -> str:
        """The consultant as written in the store: the name typed, else the user's name."""
        if self.consultant:
            return self.consultant
        if self.consultant_user is not None:
            return self.consultant_user.get_full_name() or self.consultant_user.get_username()
        return ""
