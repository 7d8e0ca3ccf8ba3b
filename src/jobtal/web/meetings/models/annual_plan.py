"""The annual plan (årsplan): theme items and standing items for the coming meetings."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.meetings.models.base import TimestampedModel
from jobtal.web.meetings.models.committee import Committee


class EntryKind(models.TextChoices):
    THEME = "theme", "temapunkt"
    STANDING = "standing", "fast punkt"


class AnnualPlanEntry(TimestampedModel):
    """One planned topic for the committee's meeting in a month."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="annual_plan_entries"
    )
    month = models.DateField("møde i måned", help_text="Første dag i mødets måned.")
    kind = models.CharField("art", max_length=10, choices=EntryKind.choices)
    title = models.CharField("emne", max_length=300)
    details = models.TextField("bemærkning", blank=True)
    order = models.PositiveIntegerField("rækkefølge", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "punkt i årsplanen"
        verbose_name_plural = "årsplan"
        ordering = (
            "committee",
            "month",
            "kind",
            "order",
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.month:%m.%Y}: {self.title}"
