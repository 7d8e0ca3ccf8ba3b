"""URLs of the OParl API, under /oparl/."""

from __future__ import annotations

from django.urls import path

from jobtal.web.oparl import views

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="oparl_system"),
    path("body/", views.body_list, name="oparl_body_list"),
    path("body/<int:pk>/<slug:kind>/", views.body_objects, name="oparl_body_objects"),
    path(
        "organization/<int:pk>/meeting/",
        views.organization_meetings,
        name="oparl_organization_meetings",
    ),
    path("<slug:kind>/<int:pk>/", views.obj, name="oparl_object"),
]
