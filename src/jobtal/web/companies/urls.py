"""URLs of the company service under /virksomheder/ (internal only)."""

from __future__ import annotations

from django.urls import path

from jobtal.web.companies import views

app_name = "companies"

urlpatterns = [
    path("", views.company_list, name="company_list"),
    path("ny/", views.company_create, name="company_create"),
    path("<int:pk>/", views.company_detail, name="company_detail"),
    path("<int:pk>/rediger/", views.company_edit, name="company_edit"),
    path("kontakter/", views.contact_list, name="contact_list"),
    path("kontakter/ny/", views.contact_create, name="contact_create"),
    path("kontakter/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("kontakter/<int:pk>/rediger/", views.contact_edit, name="contact_edit"),
    path("rekruttering/", views.request_list, name="request_list"),
    path("rekruttering/ny/", views.request_create, name="request_create"),
    path("rekruttering/<int:pk>/", views.request_detail, name="request_detail"),
    path("rekruttering/<int:pk>/rediger/", views.request_edit, name="request_edit"),
    path("rekruttering/<int:pk>/luk/", views.request_close, name="request_close"),
    path("tilbud/", views.offer_list, name="offer_list"),
    path("tilbud/ny/", views.offer_create, name="offer_create"),
    path("tilbud/<int:pk>/rediger/", views.offer_edit, name="offer_edit"),
    path("vi-tar-ansvar/", views.responsibility_list, name="responsibility_list"),
    path("vi-tar-ansvar/ny/", views.membership_create, name="membership_create"),
    path("vi-tar-ansvar/<int:pk>/rediger/", views.membership_edit, name="membership_edit"),
    path("vi-tar-ansvar/pris/ny/", views.award_create, name="award_create"),
    path("vi-tar-ansvar/pris/<int:pk>/rediger/", views.award_edit, name="award_edit"),
    path("slet/<str:kind>/<int:pk>/", views.delete, name="delete"),
    path("status/", views.status_page, name="status"),
    path("csv/", views.upload, name="upload"),
]
