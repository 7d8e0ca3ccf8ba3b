"""A case (sag) in the case system; items on several meetings can share one case."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from jobtal.web.meetings.models.base import TimestampedModel

CASE_REF_PATTERN = r"^[A-ZÆØÅ]{2,6}-\d{4}-\d{3,6}$"


class Case(TimestampedModel):
    """A case such as EMN-2023-00838 (OParl: Paper). Its earlier decisions are derived from
    the items that carry it, never typed on an item."""

    case_ref = models.CharField(
        "sags-ID",
        max_length=30,
        unique=True,
        validators=[RegexValidator(CASE_REF_PATTERN, "Sags-ID skrives som EMN-2023-00838.")],
    )
    title = models.CharField("titel", max_length=300, blank=True)

    class Meta:
        verbose_name = "sag"
        verbose_name_plural = "sager"
        ordering = ("case_ref",)

    def __str__(self) -> str:
        return self.case_ref
