"""Django app configuration for meetings."""

from __future__ import annotations

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "jobtal.web.meetings"
    label = "meetings"
    verbose_name = "Møder"
    default_auto_field = "django.db.models.BigAutoField"
