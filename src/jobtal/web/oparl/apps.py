"""Django app configuration for the OParl API."""

from __future__ import annotations

from django.apps import AppConfig


class OparlConfig(AppConfig):
    name = "jobtal.web.oparl"
    label = "oparl"
    verbose_name = "OParl"
    default_auto_field = "django.db.models.BigAutoField"
