"""The company service app."""

from __future__ import annotations

from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "jobtal.web.companies"
    label = "companies"
    verbose_name = "Virksomhedsservice"
    default_auto_field = "django.db.models.BigAutoField"
