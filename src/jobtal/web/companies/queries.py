"""The lists of the company service's pages, filtered and ordered."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from jobtal.web.companies.models import OVERDUE_DAYS, Company, Contact, RecruitmentRequest


def companies(q: str = "") -> QuerySet[Company]:
    """Companies whose name contains `q` or whose CVR number begins with it."""
    found = Company.objects.all()
    q = q.strip()
    if q:
        found = found.filter(Q(name__icontains=q) | Q(cvr__startswith=q))
    return found


def contacts(
    first: date | None = None,
    last: date | None = None,
    track: int | None = None,
    consultant: str = "",
) -> QuerySet[Contact]:
    """Contacts dated first..last (both inclusive, either may be open), of a track, of a
    consultant (name contains, or the user's name)."""
    found = Contact.objects.select_related("company", "consultant_user")
    if first is not None:
        found = found.filter(date__gte=first)
    if last is not None:
        found = found.filter(date__lte=last)
    if track is not None:
        found = found.filter(track=track)
    consultant = consultant.strip()
    if consultant:
        found = found.filter(
            Q(consultant__icontains=consultant)
            | Q(consultant_user__username__icontains=consultant)
            | Q(consultant_user__first_name__icontains=consultant)
            | Q(consultant_user__last_name__icontains=consultant)
        )
    return found


def requests_in_order(status: str, today: date) -> list[RecruitmentRequest]:
    """Requests with `status` ("" all, "aaben" open, "lukket" closed, "over30" open for more
    than OVERDUE_DAYS days), the overdue open ones first (oldest first), then the others
    (newest first)."""
    found = RecruitmentRequest.objects.select_related("company")
    cutoff = today - timedelta(days=OVERDUE_DAYS)
    overdue_q = Q(closed__isnull=True, created_on__lt=cutoff)
    filters: dict[str, Any] = {
        "aaben": Q(closed__isnull=True),
        "lukket": Q(closed__isnull=False),
        "over30": overdue_q,
    }
    if status in filters:
        found = found.filter(filters[status])
    overdue = list(found.filter(overdue_q).order_by("created_on", "request_id"))
    rest = list(found.exclude(overdue_q).order_by("-created_on", "request_id"))
    return overdue + rest
