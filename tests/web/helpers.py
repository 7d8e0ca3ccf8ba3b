"""Helpers for the web tests."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client

from jobtal.web.meetings.demo import DemoSite
from jobtal.web.meetings.models import AgendaItem, Attachment, Committee, Meeting


def client_for(user: User | None, **kwargs: object) -> Client:
    """A test client logged in as the user (None: anonymous)."""
    client = Client(**kwargs)  # type: ignore[arg-type]
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def body_of(response: object) -> bytes:
    """The whole body of a response, streamed or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]


def pdf_text(data: bytes) -> str:
    """The text of a PDF, whitespace collapsed (lines break inside sentences)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@dataclass
class World:
    """The demo site plus what the permission matrix needs around it."""

    demo: DemoSite
    other_committee: Committee
    users: dict[str, User | None]
    closed_item: AgendaItem
    open_item: AgendaItem
    draft_item: AgendaItem
    open_file: Attachment
    closed_file: Attachment
    closed_item_file: Attachment

    @property
    def meeting(self) -> Meeting:
        return self.demo.meeting

    @property
    def draft(self) -> Meeting:
        return self.demo.next_meeting
