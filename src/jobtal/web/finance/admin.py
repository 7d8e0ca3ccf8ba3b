"""The Django admin for the finance records (administrators), with their history."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jobtal.web.finance.models import MODELS

for model in MODELS.values():
    admin.site.register(model, SimpleHistoryAdmin)
