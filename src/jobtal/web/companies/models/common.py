"""Fields every record of the company service carries: the municipality."""

from __future__ import annotations

from django.db import models

from jobtal.web.companies.validators import default_municipality
from jobtal.web.keyfigures.models import municipality_choices
from jobtal.web.meetings.models.base import TimestampedModel


class MunicipalityRecord(TimestampedModel):
    """A record of one municipality's company service (created/modified, soft delete)."""

    municipality = models.PositiveSmallIntegerField(
        "kommune", choices=municipality_choices, default=default_municipality
    )

    class Meta:
        abstract = True
