"""The Django admin for the company service's records (with their history)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jobtal.web.companies import models

for model in (
    models.Company,
    models.Contact,
    models.RecruitmentRequest,
    models.CompanyOffer,
    models.ResponsibilityMembership,
    models.Award,
):
    admin.site.register(model, SimpleHistoryAdmin)
