"""PDF of agendas and minutes with WeasyPrint, from the same item views as the web pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from jobtal.web.meetings import access
from jobtal.web.meetings.models import Meeting


def font_dir() -> str:
    """file:// address of Det Fælles Designsystem's IBM Plex Sans, or "" without dkfds."""
    fonts = settings.DKFDS_DIST / "fonts" / "IBMPlexSans" / "complete" / "ttf"
    return fonts.as_uri() if fonts.is_dir() else ""


def render_meeting_pdf(meeting: Meeting, user: Any, *, minutes: bool) -> bytes:
    """The agenda or minutes of a meeting as the given user may see it (None: the public)."""
    from weasyprint import HTML

    items = access.meeting_items(meeting, user)
    context = {
        "meeting": meeting,
        "items": items,
        "minutes": minutes,
        "members": access.access_for(user).sees_closed(meeting.committee_id),
        "font_dir": font_dir(),
    }
    html = render_to_string("meetings/pdf/meeting.html", context)
    return HTML(string=html, base_url=str(settings.WEB_DIR)).write_pdf()
