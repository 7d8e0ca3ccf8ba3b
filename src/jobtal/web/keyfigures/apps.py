"""The key figures app."""

from __future__ import annotations

from django.apps import AppConfig


class KeyfiguresConfig(AppConfig):
    name = "jobtal.web.keyfigures"
    label = "keyfigures"
    verbose_name = "Nøgletal"
    default_auto_field = "django.db.models.BigAutoField"
