"""Who may see a published report: the one place for that rule.

A report is public when `published` is true and, if it is linked to an agenda item, that item
is visible to the public in full (its meeting is published and the item is open: see
`meetings.access`). Otherwise only the committee sees it: the members and secretariat of the
linked item's committee; an unpublished report linked to no item is a draft of the
administration, seen by its internal staff only (secretariat, company consultants,
analysts), not by committee members. Administrators see everything. A report the user may
not see answers 404, the same as a missing one.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from jobtal.web.keyfigures.models import PublishedReport
from jobtal.web.meetings import access
from jobtal.web.meetings.models import AgendaItem


def item_is_public(item: AgendaItem) -> bool:
    """The public sees the item whole: its meeting is published and the item is not closed."""
    if item.deleted_at is not None:
        return False
    if not access.public_meetings().filter(pk=item.meeting_id).exists():
        return False
    return access.item_view(item, None, with_earlier=False).full


def report_visible(report: PublishedReport, user: access.User) -> bool:
    """Whether the user may see the report (the rule of this module's docstring)."""
    user_access = access.access_for(user)
    if user_access.everything:
        return True
    item = report.agenda_item
    if item is None:
        return report.published or user_access.is_internal
    if user_access.sees_closed(item.meeting.committee_id):
        return True
    return report.published and item_is_public(item)


def _reports() -> QuerySet[PublishedReport]:
    return PublishedReport.objects.select_related("agenda_item__meeting")


def visible_reports(user: access.User) -> list[PublishedReport]:
    """Every report the user may see, newest quarter first."""
    return [r for r in _reports() if report_visible(r, user)]


def report_or_404(user: access.User, pk: int) -> PublishedReport:
    """The report if the user may see it; otherwise the same 404 as for a missing one."""
    report = _reports().filter(pk=pk).first()
    if report is None or not report_visible(report, user):
        raise Http404("Rapporten findes ikke.")
    return report


def reports_for_item(item_id: int, user: access.User) -> list[PublishedReport]:
    """The reports linked to an agenda item that the user may see (for the item's page)."""
    reports = _reports().filter(agenda_item_id=item_id)
    return [r for r in reports if report_visible(r, user)]
