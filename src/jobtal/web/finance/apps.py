"""The finance app."""

from __future__ import annotations

from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "jobtal.web.finance"
    label = "finance"
    verbose_name = "Økonomi og styring"
    default_auto_field = "django.db.models.BigAutoField"
