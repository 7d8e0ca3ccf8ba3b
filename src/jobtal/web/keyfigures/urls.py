"""URLs of the key figures under /noegletal/."""

from __future__ import annotations

from django.urls import path

from jobtal.web.keyfigures import views

app_name = "keyfigures"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:municipality>/<int:year>/", views.appendix, name="appendix"),
    path("<int:municipality>/<int:year>/<str:group>/", views.group, name="group"),
    path("rapporter/", views.report_list, name="report_list"),
    path("rapporter/<int:pk>/", views.report_detail, name="report_detail"),
    path("rapporter/<int:pk>/html/", views.report_html, name="report_html"),
    path("rapporter/<int:pk>/<str:kind>.pdf", views.report_pdf, name="report_pdf"),
]
