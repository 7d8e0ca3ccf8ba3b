"""An item (punkt) on a meeting's agenda, open or closed."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.meetings.models.base import TimestampedModel
from jobtal.web.meetings.models.case import Case
from jobtal.web.meetings.models.meeting import Meeting


class AgendaItem(TimestampedModel):
    """An agenda item (OParl: AgendaItem, and with its case a Consultation).

    A closed item's title and sections are for the committee and its secretariat only; the
    public sees its number, `public_title` and `public_decision` (see access.item_view).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField("nummer")
    order = models.PositiveIntegerField("rækkefølge")
    title = models.CharField("titel", max_length=300)
    is_closed = models.BooleanField("lukket punkt", default=False)
    public_title = models.CharField(
        "offentlig titel",
        max_length=300,
        blank=True,
        help_text="For lukkede punkter: titlen, som offentligheden ser.",
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="items", null=True, blank=True
    )
    department = models.CharField(
        "indstillende forvaltning", max_length=200, blank=True, help_text="Fx Social og Sundhed"
    )
    summary = models.TextField("resumé", blank=True)
    background = models.TextField("baggrund", blank=True)
    recommendation = models.TextField("indstilling", blank=True)
    decision = models.TextField("beslutning", blank=True)
    public_decision = models.TextField(
        "offentlig beslutning",
        blank=True,
        help_text="For lukkede punkter: den del af beslutningen, der kan offentliggøres.",
    )
    decided_at = models.DateTimeField("beslutning registreret", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "dagsordenspunkt"
        verbose_name_plural = "dagsordenspunkter"
        ordering = (
            "meeting",
            "order",
        )

    def __str__(self) -> str:
        # Deliberately no title: __str__ ends up in logs and error messages, and a closed
        # item's title must never reach either.
        return f"Punkt {self.number} (møde {self.meeting_id})"

    @property
    def has_decision(self) -> bool:
        return bool(self.decision.strip() or self.public_decision.strip())
