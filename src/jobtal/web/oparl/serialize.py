"""OParl 1.1 objects from entries (see data.py): absolute URLs as ids, public views only."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from jobtal.web.meetings import access
from jobtal.web.meetings.models import (
    AgendaItem,
    Attachment,
    Case,
    Committee,
    Meeting,
    MeetingStatus,
)
from jobtal.web.meetings.models import Membership as MembershipModel
from jobtal.web.oparl import data
from jobtal.web.oparl.body import BODY, Body, LegislativeTerm
from jobtal.web.oparl.data import Entry

SCHEMA = "https://schema.oparl.org/1.1/"
TYPES = {
    "system": "System",
    "body": "Body",
    "legislativeterm": "LegislativeTerm",
    "organization": "Organization",
    "person": "Person",
    "membership": "Membership",
    "meeting": "Meeting",
    "location": "Location",
    "agendaitem": "AgendaItem",
    "consultation": "Consultation",
    "paper": "Paper",
    "file": "File",
}

Json = dict[str, Any]


class Links:
    """Absolute URLs of the API's objects and lists, and of the public web pages."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def system(self) -> str:
        return self.absolute(reverse("oparl:oparl_system"))

    def obj(self, kind: str, pk: int) -> str:
        return self.absolute(reverse("oparl:oparl_object", args=[kind, pk]))

    def body_list(self, kind: str) -> str:
        return self.absolute(reverse("oparl:oparl_body_objects", args=[BODY.pk, kind]))

    def web(self, name: str, *args: int) -> str:
        return self.absolute(reverse(f"meetings:{name}", args=list(args)))


def stamp(value: datetime.datetime) -> str:
    """An OParl date-time: ISO 8601 in local time with its offset, whole seconds."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def _head(entry: Entry, links: Links) -> Json:
    return {
        "id": links.obj(entry.kind, entry.pk),
        "type": SCHEMA + TYPES[entry.kind],
    }


def _tail(entry: Entry) -> Json:
    return {"created": stamp(entry.created), "modified": stamp(entry.modified)}


def to_json(entry: Entry, links: Links) -> Json:
    """The entry as an OParl object; a deleted one carries no content, only `deleted`."""
    if entry.deleted:
        return {**_head(entry, links), **_tail(entry), "deleted": True}
    fields = SERIALIZERS[entry.kind](entry.obj, links)
    return {**_head(entry, links), **fields, **_tail(entry), "deleted": False}


def _compact(fields: Json) -> Json:
    """Leave out empty optional values (OParl: absent rather than empty)."""
    return {key: value for key, value in fields.items() if value not in ("", None, [])}


# --- one function per type -------------------------------------------------------------------


def system(links: Links) -> Json:
    """The entry point."""
    return {
        "id": links.system(),
        "type": SCHEMA + "System",
        "oparlVersion": SCHEMA,
        "body": links.absolute(reverse("oparl:oparl_body_list")),
        "name": f"jobtal: udvalgenes møder, {BODY.name}",
        "website": links.web("meeting_list"),
    }


def _body(body: Body, links: Links) -> Json:
    lists = {
        "organization": "organization",
        "person": "person",
        "meeting": "meeting",
        "paper": "paper",
        "agendaItem": "agendaitem",
        "consultation": "consultation",
        "file": "file",
        "membership": "membership",
        "legislativeTermList": "legislativeterm",
        "locationList": "location",
    }
    return {
        "system": links.system(),
        "name": body.name,
        "shortName": body.short_name,
        "website": body.website,
        "classification": "Kommune",
        **{field: links.body_list(kind) for field, kind in lists.items()},
        "legislativeTerm": [to_json(e, links) for e in data.legislative_term_entries()],
    }


def _legislative_term(term: LegislativeTerm, links: Links) -> Json:
    return {
        "body": links.obj("body", BODY.pk),
        "name": term.name,
        "startDate": term.start_date.isoformat(),
        "endDate": term.end_date.isoformat(),
    }


def _organization(committee: Committee, links: Links) -> Json:
    memberships = data.membership_entries(committee_id=committee.pk)
    return _compact(
        {
            "body": links.obj("body", BODY.pk),
            "name": committee.name,
            "shortName": committee.short_name,
            "organizationType": "Gremium",
            "classification": "Udvalg",
            "membership": [links.obj("membership", m.pk) for m in memberships if not m.deleted],
            "meeting": links.absolute(
                reverse("oparl:oparl_organization_meetings", args=[committee.pk])
            ),
        }
    )


def _person(user: Any, links: Links) -> Json:
    """A politician: the name only, never the user name or e-mail address."""
    memberships = [m for m in data.membership_entries(user_id=user.pk) if not m.deleted]
    return _compact(
        {
            "body": links.obj("body", BODY.pk),
            "name": user.get_full_name(),
            "givenName": user.first_name,
            "familyName": user.last_name,
            "membership": [to_json(m, links) for m in memberships],
        }
    )


def _membership(membership: MembershipModel, links: Links) -> Json:
    return _compact(
        {
            "person": links.obj("person", membership.user_id),
            "organization": links.obj("organization", membership.committee_id),
            "role": membership.get_role_display(),
            "votingRight": True,
            "startDate": membership.start_date.isoformat() if membership.start_date else None,
            "endDate": membership.end_date.isoformat() if membership.end_date else None,
        }
    )


def _meeting(meeting: Meeting, links: Links) -> Json:
    items = [e for e in data.agenda_item_entries(meeting_id=meeting.pk) if not e.deleted]
    items.sort(key=lambda e: e.obj.order)
    return _compact(
        {
            "name": f"{meeting.committee.name}, {meeting.date:%d.%m.%Y}",
            "meetingState": meeting.get_status_display(),
            "cancelled": meeting.status == MeetingStatus.CANCELLED,
            "start": stamp(meeting.start()),
            "end": stamp(meeting.end()),
            "location": _embedded_location(meeting, links),
            "organization": [links.obj("organization", meeting.committee_id)],
            "agendaItem": [to_json(e, links) for e in items],
            "web": links.web("meeting_detail", meeting.pk),
        }
    )


def _embedded_location(meeting: Meeting, links: Links) -> Json | None:
    found = data.location_entries(pk=meeting.pk)
    return to_json(found[0], links) if found else None


def _location(meeting: Meeting, links: Links) -> Json:
    return {"description": meeting.place, "meetings": [links.obj("meeting", meeting.pk)]}


def _agenda_item(item: AgendaItem, links: Links) -> Json:
    view = access.item_view(item, data.PUBLIC, with_earlier=False)
    visible = {a.id for a in view.attachments if a.has_file}
    files = [e for e in data.file_entries(item_id=item.pk) if e.pk in visible and not e.deleted]
    return _compact(
        {
            "meeting": links.obj("meeting", item.meeting_id),
            "number": str(view.number),
            "order": item.order,
            "name": view.title,
            "public": not view.is_closed,
            "consultation": links.obj("consultation", item.pk) if item.case_id else None,
            "result": view.decision,
            "auxiliaryFile": [to_json(e, links) for e in files],
            "web": links.web("item_detail", item.meeting_id, item.pk),
        }
    )


def _consultation(item: AgendaItem, links: Links) -> Json:
    return {
        "paper": links.obj("paper", item.case_id),
        "agendaItem": links.obj("agendaitem", item.pk),
        "meeting": links.obj("meeting", item.meeting_id),
        "organization": [links.obj("organization", item.meeting.committee_id)],
        "authoritative": True,
    }


def _paper(case: Case, links: Links) -> Json:
    """A case. Its name is the public title of its latest item (the case's own title may
    be closed text)."""
    items = data.alive_items_of_case(case.pk)
    latest = access.item_view(items[-1], data.PUBLIC, with_earlier=False) if items else None
    consultations = [e for e in data.consultation_entries(case_id=case.pk) if not e.deleted]
    return _compact(
        {
            "body": links.obj("body", BODY.pk),
            "name": latest.title if latest else None,
            "reference": case.case_ref,
            "date": items[0].meeting.date.isoformat() if items else None,
            "paperType": "Sag",
            "consultation": [to_json(e, links) for e in consultations],
        }
    )


def _file(attachment: Attachment, links: Links) -> Json:
    item = attachment.item
    return _compact(
        {
            "name": attachment.title,
            "fileName": attachment.file_name,
            "mimeType": attachment.content_type,
            "size": attachment.size or None,
            "text": attachment.text,
            "date": attachment.created.date().isoformat(),
            "accessUrl": links.web("attachment_file", attachment.pk),
            "meeting": [links.obj("meeting", item.meeting_id)],
            "agendaItem": [links.obj("agendaitem", item.pk)],
            "paper": [links.obj("paper", item.case_id)] if item.case_id else None,
        }
    )


SERIALIZERS: dict[str, Callable[[Any, Links], Json]] = {
    "body": _body,
    "legislativeterm": _legislative_term,
    "organization": _organization,
    "person": _person,
    "membership": _membership,
    "meeting": _meeting,
    "location": _location,
    "agendaitem": _agenda_item,
    "consultation": _consultation,
    "paper": _paper,
    "file": _file,
}
