"""Common fields of every model: created/modified timestamps and soft delete."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone


class SoftDeleteQuerySet(models.QuerySet):
    """A queryset that can mark rows deleted instead of removing them."""

    def soft_delete(self) -> int:
        return self.update(deleted_at=timezone.now())


class AliveManager(models.Manager):
    """The default manager: rows not soft-deleted."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class TimestampedModel(models.Model):
    """created/modified for every row (OParl needs `modified` for `modified_since`), and soft
    delete: a deleted row stays in the database (and in its history) with `deleted_at` set."""

    created = models.DateTimeField("oprettet", auto_now_add=True)
    modified = models.DateTimeField("ændret", auto_now=True)
    deleted_at = models.DateTimeField("slettet", null=True, blank=True, editable=False)

    objects: Any = AliveManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True

    def soft_delete(self) -> None:
        """Mark the row deleted; it disappears from `objects` but stays in `all_objects`."""
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "modified"])
