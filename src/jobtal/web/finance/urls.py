"""URLs of the finance records under /oekonomi/."""

from __future__ import annotations

from django.urls import path

from jobtal.web.finance import views

app_name = "finance"

urlpatterns = [
    path("", views.index, name="index"),
    path("status/", views.status, name="status"),
    path("indlaes/", views.upload, name="upload"),
    path("<slug:slug>/", views.record_list, name="record_list"),
    path("<slug:slug>/ny/", views.record_create, name="record_create"),
    path("<slug:slug>/<int:pk>/", views.record_edit, name="record_edit"),
    path("<slug:slug>/<int:pk>/slet/", views.record_delete, name="record_delete"),
]
