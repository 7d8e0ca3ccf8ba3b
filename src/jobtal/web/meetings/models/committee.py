"""A committee (udvalg) of the municipal council."""

from __future__ import annotations

from django.db import models

from jobtal.web.meetings.models.base import TimestampedModel


class Committee(TimestampedModel):
    """A standing committee, e.g. Erhvervs-, Beskæftigelses- og Integrationsudvalget (EBI)."""

    name = models.CharField("navn", max_length=200)
    short_name = models.CharField("forkortelse", max_length=30, blank=True)
    slug = models.SlugField("kort navn i adresser", unique=True)
    municipality = models.CharField("kommune", max_length=100, blank=True)

    class Meta:
        verbose_name = "udvalg"
        verbose_name_plural = "udvalg"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name
