"""Fixtures for the web tests: the demo meeting, a second committee, and users in every role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile

from jobtal.web.meetings.access import ANALYST_GROUP, CONSULTANT_GROUP
from jobtal.web.meetings.demo import load_demo_meeting
from jobtal.web.meetings.models import (
    Attachment,
    Committee,
    Meeting,
    MeetingStatus,
    Membership,
    Role,
)

from .helpers import World

# A tiny valid PDF: enough for type checks and serving.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _test_settings(settings: object, tmp_path: Path) -> None:
    """Uploaded files go to a temporary folder, never into the work tree; passwords are
    hashed fast (the real hasher takes a noticeable time per user)."""
    settings.MEDIA_ROOT = tmp_path / "filer"  # type: ignore[attr-defined]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


def _user(username: str, committee: Committee | None, role: Role | None) -> User:
    user = User.objects.create_user(username, "", "kodeord-" + username)
    if committee is not None and role is not None:
        Membership.objects.create(user=user, committee=committee, role=role)
    return user


def _staff(username: str, group: str) -> User:
    """A member of the administration's staff (no committee)."""
    user = _user(username, None, None)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def _with_file(attachment: Attachment) -> Attachment:
    attachment.file.save("bilag.pdf", ContentFile(PDF_BYTES), save=False)
    attachment.content_type = "application/pdf"
    attachment.file_name = "bilag.pdf"
    attachment.save()
    return attachment


@pytest.fixture
def world(db: None) -> World:
    """The demo meeting (EBI), a second committee with its own member and secretariat."""
    demo = load_demo_meeting(None)
    ebi = demo.meeting.committee
    other = Committee.objects.create(name="Økonomiudvalget", short_name="ØU", slug="oeu")
    Meeting.objects.create(committee=other, date=demo.meeting.date, status=MeetingStatus.PLANNED)
    users: dict[str, User | None] = {
        "anonymous": None,
        "member": _user("t-medlem", ebi, Role.MEMBER),
        "other_member": _user("t-andet-medlem", other, Role.MEMBER),
        "secretariat": _user("t-sekretariat", ebi, Role.SECRETARIAT),
        "other_secretariat": _user("t-andet-sekretariat", other, Role.SECRETARIAT),
        "consultant": _staff("t-konsulent", CONSULTANT_GROUP),
        "analyst": _staff("t-analytiker", ANALYST_GROUP),
    }
    items = demo.meeting.items
    closed_item = items.get(number=7)
    open_item = items.get(number=3)
    return World(
        demo=demo,
        other_committee=other,
        users=users,
        closed_item=closed_item,
        open_item=open_item,
        draft_item=demo.next_meeting.items.get(number=1),
        open_file=_with_file(open_item.attachments.get(is_closed=False)),
        closed_file=_with_file(open_item.attachments.get(is_closed=True)),
        closed_item_file=_with_file(closed_item.attachments.get()),
    )
