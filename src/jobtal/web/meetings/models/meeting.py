"""A meeting of a committee, from planning to approved minutes."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from jobtal.web.meetings.models.base import TimestampedModel
from jobtal.web.meetings.models.committee import Committee


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "planlagt"
    AGENDA_PUBLISHED = "agenda_published", "dagsorden offentliggjort"
    HELD = "held", "afholdt"
    MINUTES_APPROVED = "minutes_approved", "referat godkendt"
    CANCELLED = "cancelled", "aflyst"


class Meeting(TimestampedModel):
    """A committee meeting (OParl: Meeting). A meeting is a draft, seen only by the committee
    and its secretariat, until its agenda is published (`published_at`)."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField("dato")
    start_time = models.TimeField("starttid", default=datetime.time(16, 0))
    end_time = models.TimeField("sluttid", null=True, blank=True)
    place = models.CharField("sted", max_length=200, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    published_at = models.DateTimeField("dagsorden offentliggjort", null=True, blank=True)
    minutes_approved_at = models.DateTimeField("referat godkendt", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "møde"
        verbose_name_plural = "møder"
        ordering = (
            "-date",
            "-start_time",
        )

    def __str__(self) -> str:
        return f"{self.committee.name}, {self.date:%d.%m.%Y}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def minutes_approved(self) -> bool:
        return self.status == MeetingStatus.MINUTES_APPROVED

    def start(self) -> datetime.datetime:
        """The start as an aware datetime in the project's time zone."""
        naive = datetime.datetime.combine(self.date, self.start_time)
        return timezone.make_aware(naive)

    def end(self) -> datetime.datetime:
        """The end; two hours after the start when no end time is set."""
        if self.end_time is None:
            return self.start() + datetime.timedelta(hours=2)
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))
