"""What the API serves: the public's data only, whoever asks.

Every meeting, item and attachment comes through jobtal.web.meetings.access with the
anonymous user (None): drafts never appear, closed items only as their public view, closed
attachments and attachments of closed items not at all. Soft-deleted rows that the same rules
would show appear as deleted entries (OParl's `deleted: true`, no content)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet

from jobtal.web.meetings import access
from jobtal.web.meetings.models import (
    MEMBER_ROLES,
    AgendaItem,
    Attachment,
    Case,
    Committee,
    Membership,
)
from jobtal.web.oparl.body import BODY, LEGISLATIVE_TERMS

# The API shows everyone what the public sees.
PUBLIC = None


@dataclass(frozen=True)
class Entry:
    """One object the API may serve, with its OParl timestamps."""

    kind: str
    pk: int
    obj: Any
    created: datetime.datetime
    modified: datetime.datetime
    deleted: bool


def _latest(*stamps: datetime.datetime | None) -> datetime.datetime:
    return max(s for s in stamps if s is not None)


def _gone(*rows: Any) -> bool:
    return any(row.deleted_at is not None for row in rows)


# --- querysets through the access rules -----------------------------------------------------


def public_meetings() -> QuerySet:
    """Published meetings, soft-deleted ones included."""
    return access.visible_meetings(PUBLIC, with_deleted=True)


def public_items() -> QuerySet:
    """Items of published meetings (soft-deleted included); what of each is shown is
    decided by access.item_view."""
    return AgendaItem.all_objects.filter(meeting__in=public_meetings())


def public_attachments(**where: Any) -> list[Attachment]:
    """Attachments with a file that the public may see (access.attachment_visible)."""
    rows = (
        Attachment.all_objects.filter(item__in=public_items(), **where)
        .exclude(file="")
        .select_related("item__meeting", "item__case")
        .order_by("pk")
    )
    return [a for a in rows if access.attachment_visible(a, PUBLIC)]


# --- entries per kind -----------------------------------------------------------------------


def body_entries(**where: Any) -> list[Entry]:
    if where.get("pk", BODY.pk) != BODY.pk:
        return []
    return [Entry("body", BODY.pk, BODY, BODY.created, BODY.modified, False)]


def legislative_term_entries(**where: Any) -> list[Entry]:
    terms = [t for t in LEGISLATIVE_TERMS if where.get("pk", t.pk) == t.pk]
    return [Entry("legislativeterm", t.pk, t, t.created, t.modified, False) for t in terms]


def organization_entries(**where: Any) -> list[Entry]:
    committees = Committee.all_objects.filter(**where).order_by("pk")
    return [Entry("organization", c.pk, c, c.created, c.modified, _gone(c)) for c in committees]


def _member_rows(**where: Any) -> QuerySet:
    """Memberships of the committees' politicians; the secretariat's staff are not public."""
    return (
        Membership.all_objects.filter(role__in=MEMBER_ROLES, **where)
        .select_related("user", "committee")
        .order_by("pk")
    )


def membership_entries(**where: Any) -> list[Entry]:
    return [
        Entry("membership", m.pk, m, m.created, m.modified, _gone(m)) for m in _member_rows(**where)
    ]


def person_entries(**where: Any) -> list[Entry]:
    """The committees' politicians (users with a member role); deleted when every such
    membership is."""
    user_filter = {f"user__{key}": value for key, value in where.items()}
    by_user: dict[int, list[Membership]] = {}
    for membership in _member_rows(**user_filter):
        by_user.setdefault(membership.user_id, []).append(membership)
    return [
        Entry(
            "person",
            user_id,
            rows[0].user,
            min(m.created for m in rows),
            max(m.modified for m in rows),
            all(_gone(m) for m in rows),
        )
        for user_id, rows in sorted(by_user.items())
    ]


def meeting_entries(**where: Any) -> list[Entry]:
    meetings = (
        public_meetings()
        .filter(**where)
        .annotate(items_modified=Max("items__modified"))
        .order_by("pk")
    )
    return [
        Entry("meeting", m.pk, m, m.created, _latest(m.modified, m.items_modified), _gone(m))
        for m in meetings
    ]


def location_entries(**where: Any) -> list[Entry]:
    """A published meeting's place (OParl: Location, with the meeting's id)."""
    meetings = public_meetings().filter(**where).exclude(place="").order_by("pk")
    return [Entry("location", m.pk, m, m.created, m.modified, _gone(m)) for m in meetings]


def _item_rows(**where: Any) -> QuerySet:
    return (
        public_items()
        .filter(**where)
        .select_related("meeting__committee", "case")
        .annotate(files_modified=Max("attachments__modified"))
        .order_by("pk")
    )


def _item_entry(kind: str, item: AgendaItem) -> Entry:
    modified = _latest(item.modified, item.meeting.modified, item.files_modified)
    return Entry(kind, item.pk, item, item.created, modified, _gone(item, item.meeting))


def agenda_item_entries(**where: Any) -> list[Entry]:
    return [_item_entry("agendaitem", item) for item in _item_rows(**where)]


def consultation_entries(**where: Any) -> list[Entry]:
    """An item on a case is the case's consultation at that meeting."""
    rows = _item_rows(**where).filter(case__isnull=False)
    return [_item_entry("consultation", item) for item in rows]


def paper_entries(**where: Any) -> list[Entry]:
    """Cases of the published meetings' items (OParl: Paper)."""
    cases = (
        Case.all_objects.filter(pk__in=public_items().values("case_id"), **where)
        .annotate(items_modified=Max("items__modified"))
        .order_by("pk")
    )
    return [
        Entry("paper", c.pk, c, c.created, _latest(c.modified, c.items_modified), _gone(c))
        for c in cases
    ]


def file_entries(**where: Any) -> list[Entry]:
    result = []
    for a in public_attachments(**where):
        modified = _latest(a.modified, a.item.modified, a.item.meeting.modified)
        result.append(Entry("file", a.pk, a, a.created, modified, _gone(a, a.item, a.item.meeting)))
    return result


SOURCES: dict[str, Callable[..., list[Entry]]] = {
    "body": body_entries,
    "legislativeterm": legislative_term_entries,
    "organization": organization_entries,
    "person": person_entries,
    "membership": membership_entries,
    "meeting": meeting_entries,
    "location": location_entries,
    "agendaitem": agenda_item_entries,
    "consultation": consultation_entries,
    "paper": paper_entries,
    "file": file_entries,
}


def entry(kind: str, pk: int) -> Entry | None:
    """The object of that kind and id if the API may serve it."""
    source = SOURCES.get(kind)
    if source is None:
        return None
    found = source(pk=pk)
    return found[0] if found else None


def alive_items_of_case(case_pk: int) -> list[AgendaItem]:
    """The case's items at published meetings that are not deleted, oldest meeting first."""
    return list(
        public_items()
        .filter(case_id=case_pk, deleted_at__isnull=True, meeting__deleted_at__isnull=True)
        .select_related("meeting__committee", "case")
        .order_by("meeting__date", "order")
    )
