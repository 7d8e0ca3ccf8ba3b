"""The Django admin for published reports (administrators register and publish them)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jobtal.web.keyfigures.models import PublishedReport

admin.site.register(PublishedReport, SimpleHistoryAdmin)
