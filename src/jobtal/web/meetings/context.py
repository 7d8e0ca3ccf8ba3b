"""Template context for every page: whether the design system is installed, the user's role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from jobtal.web.meetings.access import access_for


def site(request: HttpRequest) -> dict[str, Any]:
    user_access = access_for(getattr(request, "user", None))
    return {
        "dkfds": settings.DKFDS_AVAILABLE,
        "is_secretariat": user_access.is_secretariat,
        "is_internal": user_access.is_internal,
    }
