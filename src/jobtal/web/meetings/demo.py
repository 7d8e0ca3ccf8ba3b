"""Load the demo meeting (the seed's February 2023 agenda) with its annual plan and users.

`load_demo_meeting` expects a migrated, empty database; the demo command creates a fresh one
each run. Report files from the demo's output folder are attached to item 4 when present, at
load or later with `attach_report` (the demo writes its report after the web database holds
the company and finance records the report reads).
"""

from __future__ import annotations

import datetime
import json
import secrets
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from jobtal.web.keyfigures.reports import register_report
from jobtal.web.meetings import uploads
from jobtal.web.meetings.access import ANALYST_GROUP, CONSULTANT_GROUP
from jobtal.web.meetings.models import (
    AgendaItem,
    AnnualPlanEntry,
    Attachment,
    Case,
    Committee,
    Meeting,
    MeetingStatus,
    Membership,
    Role,
)

# Generated report files, by attachment title prefix: the first file that exists is attached.
REPORT_FILES = {
    "Kvartalsrapportering": ["kvartalsrapport*.pdf"],
    "Nøgletal": ["noegletal*.pdf", "noegletal_beregnet.csv"],
    "Budgetændringer": ["budgetaendringer*.pdf", "budget*.csv"],
}
# The generated quarterly report (kvartalsrapport-*.html) is published on item 4, the seed's
# municipality Gentofte's quarterly report.
REPORT_ITEM = 4
REPORT_MUNICIPALITY = 157


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str


@dataclass(frozen=True)
class DemoSite:
    meeting: Meeting
    next_meeting: Meeting
    users: list[DemoUser]
    attached_files: list[Path]


def seed_data() -> dict[str, Any]:
    """The demo meeting's data (see demo_data/README.md for what is not from the seed)."""
    text = resources.files("jobtal.web.meetings").joinpath("demo_data/seed_meeting.json")
    return json.loads(text.read_text("utf-8"))


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def _case(ref: str) -> Case | None:
    return Case.objects.get_or_create(case_ref=ref)[0] if ref else None


def _meeting(committee: Committee, data: dict[str, Any]) -> Meeting:
    return Meeting.objects.create(
        committee=committee,
        date=datetime.date.fromisoformat(data["date"]),
        start_time=_time(data["start_time"]),
        end_time=_time(data["end_time"]),
        place=data["place"],
    )


def _item(meeting: Meeting, number: int, data: dict[str, Any]) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting,
        number=number,
        order=number,
        title=data["title"],
        is_closed=data.get("closed", False),
        public_title=data.get("public_title", ""),
        case=_case(data.get("case_ref", "")),
        department=data.get("department", ""),
        summary=data.get("summary", ""),
        background=data.get("background", ""),
        recommendation=data.get("recommendation", ""),
        decision=data.get("decision", ""),
        public_decision=data.get("public_decision", ""),
    )


def _report_file(title: str, output: Path | None) -> Path | None:
    if output is None or not output.is_dir():
        return None
    for prefix, patterns in REPORT_FILES.items():
        if title.startswith(prefix):
            for pattern in patterns:
                found = sorted(output.glob(pattern))
                if found:
                    return found[0]
    return None


def _attach_file(attachment: Attachment, path: Path) -> None:
    kind = uploads.ALLOWED[uploads.extension(path.name)]
    with path.open("rb") as handle:
        attachment.file.save(path.name, File(handle), save=False)
    attachment.file_name = path.name
    attachment.content_type = kind.content_type
    attachment.size = path.stat().st_size
    if kind.magic is None:
        attachment.text = path.read_text("utf-8")
    attachment.save()


def _attachments(item: AgendaItem, rows: list[dict[str, Any]], output: Path | None) -> list[Path]:
    attached = []
    for order, row in enumerate(rows, start=1):
        attachment = Attachment.objects.create(
            item=item,
            order=order,
            title=row["title"],
            document_number=row["document_number"],
            case_ref=row["case_ref"],
            is_closed=row.get("closed", False),
            text=row.get("text", ""),
        )
        path = _report_file(row["title"], output)
        if path is not None:
            _attach_file(attachment, path)
            attached.append(path)
    return attached


def _users(committee: Committee) -> list[DemoUser]:
    """A member, a secretariat user, a company consultant, an analyst and an administrator,
    with fresh random passwords."""
    user_model = get_user_model()
    # The role: a committee Role, a staff group name, or None for the administrator.
    specs: list[tuple[str, str, str, Any, str]] = [
        ("medlem", "Mette", "Medlem", Role.MEMBER, "udvalgsmedlem"),
        ("sekretariat", "Søren", "Sekretær", Role.SECRETARIAT, "sekretariat"),
        ("konsulent", "Karin", "Konsulent", CONSULTANT_GROUP, "virksomhedskonsulent"),
        ("analytiker", "Anders", "Analytiker", ANALYST_GROUP, "analytiker"),
        ("admin", "Anne", "Administrator", None, "administrator"),
    ]
    users = []
    for username, first, last, role, label in specs:
        password = secrets.token_hex(6)
        if role is None:
            user = user_model.objects.create_superuser(username, "", password)
        else:
            user = user_model.objects.create_user(username, "", password)
            if isinstance(role, Role):
                Membership.objects.create(user=user, committee=committee, role=role)
            else:
                user.groups.add(Group.objects.get_or_create(name=role)[0])
        user.first_name, user.last_name = first, last
        user.save()
        users.append(DemoUser(username, password, label))
    return users


@transaction.atomic
def load_demo_meeting(output: Path | None = None) -> DemoSite:
    """Create the committee, the February 2023 meeting with approved minutes, the draft May
    meeting, the annual plan and the demo users."""
    data = seed_data()
    committee = Committee.objects.create(**data["committee"])
    meeting = _meeting(committee, data["meeting"])
    attached: list[Path] = []
    for row in data["items"]:
        item = _item(meeting, row["number"], row)
        attached += _attachments(item, row["attachments"], output)
    published = timezone.make_aware(datetime.datetime(2023, 1, 31, 12, 0))
    approved = timezone.make_aware(datetime.datetime(2023, 2, 14, 12, 0))
    Meeting.objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.MINUTES_APPROVED, published_at=published, minutes_approved_at=approved
    )
    meeting.refresh_from_db()
    if output is not None:
        report_item = meeting.items.get(number=REPORT_ITEM)
        register_report(output, municipality=REPORT_MUNICIPALITY, item=report_item, published=True)
    next_data = data["next_meeting"]
    next_meeting = _meeting(committee, next_data)
    for number, row in enumerate(next_data["items"], start=1):
        _item(next_meeting, number, row)
    for order, row in enumerate(data["annual_plan"], start=1):
        AnnualPlanEntry.objects.create(
            committee=committee,
            month=datetime.date.fromisoformat(row["month"] + "-01"),
            kind=row["kind"],
            title=row["title"],
            details=row["details"],
            order=order,
        )
    return DemoSite(meeting, next_meeting, _users(committee), attached)


@transaction.atomic
def attach_report(output: Path) -> list[Path]:
    """Attach the report files in `output` to item 4 of the demo meeting (its attachments
    without a file) and publish the quarterly report on it; the files attached."""
    meeting = Meeting.objects.filter(items__number=REPORT_ITEM).order_by("date").first()
    if meeting is None:
        return []
    item = meeting.items.get(number=REPORT_ITEM)
    attached = []
    for attachment in item.attachments.filter(file=""):
        path = _report_file(attachment.title, output)
        if path is not None:
            _attach_file(attachment, path)
            attached.append(path)
    register_report(output, municipality=REPORT_MUNICIPALITY, item=item, published=True)
    return attached
