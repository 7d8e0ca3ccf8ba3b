"""The Django admin for administrators (the secretariat works in its own forms)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jobtal.web.meetings.models import (
    AgendaItem,
    AnnualPlanEntry,
    Attachment,
    Case,
    Committee,
    Meeting,
    Membership,
)

admin.site.register(Committee)
admin.site.register(Membership)
admin.site.register(Case)
admin.site.register(Meeting, SimpleHistoryAdmin)
admin.site.register(AgendaItem, SimpleHistoryAdmin)
admin.site.register(Attachment, SimpleHistoryAdmin)
admin.site.register(AnnualPlanEntry, SimpleHistoryAdmin)
