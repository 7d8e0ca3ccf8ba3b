"""URLs of jobtal's web application."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jobtal.web.meetings.views.permissions import Permission, requires

admin.site.site_header = "jobtal – administration"

login_view = requires(Permission.PUBLIC)(auth_views.LoginView.as_view())
logout_view = requires(Permission.PUBLIC)(auth_views.LogoutView.as_view())

urlpatterns = [
    path("log-ind/", login_view, name="login"),
    path("log-ud/", logout_view, name="logout"),
    path("admin/", admin.site.urls),
    path("oparl/", include("jobtal.web.oparl.urls")),
    path("noegletal/", include("jobtal.web.keyfigures.urls")),
    path("oekonomi/", include("jobtal.web.finance.urls")),
    path("virksomheder/", include("jobtal.web.companies.urls")),
    path("", include("jobtal.web.meetings.urls")),
]
