"""Public pages (members see the same pages with closed content after login)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jobtal.web.meetings import access, annual_plan
from jobtal.web.meetings.models import Committee
from jobtal.web.meetings.views.permissions import Permission, requires


@requires(Permission.PUBLIC)
def meeting_list(request: HttpRequest) -> HttpResponse:
    """All meetings the user may see, upcoming first then earlier."""
    meetings = list(access.visible_meetings(request.user).order_by("-date", "-start_time"))
    today = timezone.localdate()
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": [m for m in reversed(meetings) if m.date >= today],
            "earlier": [m for m in meetings if m.date < today],
        },
    )


@requires(Permission.PUBLIC)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda, or the minutes once decisions are visible."""
    meeting = access.meeting_or_404(request.user, pk)
    user_access = access.access_for(request.user)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "items": access.meeting_items(meeting, request.user),
            "is_minutes": access.shows_minutes(meeting, request.user),
            "sees_closed": user_access.sees_closed(meeting.committee_id),
            "edits": user_access.edits(meeting.committee_id),
        },
    )


@requires(Permission.PUBLIC)
def item_detail(request: HttpRequest, meeting_pk: int, pk: int) -> HttpResponse:
    """One item with its sections, earlier decisions and attachments."""
    item = access.item_or_404(request.user, meeting_pk, pk)
    return render(
        request,
        "meetings/item_detail.html",
        {"meeting": item.meeting, "item": access.item_view(item, request.user)},
    )


@requires(Permission.PUBLIC)
def annual_plan_page(request: HttpRequest) -> HttpResponse:
    """The annual plan of each committee: the next four meeting months."""
    plans = [annual_plan.plan_for(c, timezone.localdate()) for c in Committee.objects.all()]
    return render(request, "meetings/annual_plan.html", {"plans": plans})


@requires(Permission.PUBLIC)
def search_page(request: HttpRequest) -> HttpResponse:
    """Search items and attachment text that the user may see."""
    query = request.GET.get("q", "")[:200]
    hits = access.search(request.user, query)
    return render(request, "meetings/search.html", {"query": query, "hits": hits})
