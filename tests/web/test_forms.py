"""The secretariat's forms with CSRF checks on: publish, record decisions, approve minutes,
items, reorder, attachments (size and type), annual plan; history and soft delete."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jobtal.web.meetings.models import AgendaItem, AnnualPlanEntry, Attachment, MeetingStatus

from .conftest import PDF_BYTES
from .helpers import World, body_of, client_for


def csrf_client(world: World, role: str = "secretariat") -> Client:
    return client_for(world.users[role], enforce_csrf_checks=True)


def token(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, f"no CSRF token in the form at {url}"
    return found.group(1)


def post(client: Client, url: str, form_url: str, data: dict | None = None) -> object:
    """POST with the token taken from the page that shows the form."""
    return client.post(url, {"csrfmiddlewaretoken": token(client, form_url), **(data or {})})


def test_publish_agenda_with_csrf(world: World) -> None:
    client = csrf_client(world)
    page = reverse("meetings:sec_meeting", args=[world.draft.pk])
    publish = reverse("meetings:sec_meeting_publish", args=[world.draft.pk])
    assert client.post(publish).status_code == 403  # no token: refused by CSRF
    world.draft.refresh_from_db()
    assert world.draft.status == MeetingStatus.PLANNED
    assert post(client, publish, page).status_code == 302
    world.draft.refresh_from_db()
    assert world.draft.status == MeetingStatus.AGENDA_PUBLISHED
    assert world.draft.published_at is not None
    assert (
        Client().get(reverse("meetings:meeting_detail", args=[world.draft.pk])).status_code == 200
    )


def test_publish_refuses_closed_item_without_public_title(world: World) -> None:
    AgendaItem.objects.filter(pk=world.draft_item.pk).update(is_closed=True, public_title="")
    client = csrf_client(world)
    page = reverse("meetings:sec_meeting", args=[world.draft.pk])
    response = post(client, reverse("meetings:sec_meeting_publish", args=[world.draft.pk]), page)
    assert response.status_code == 302
    world.draft.refresh_from_db()
    assert world.draft.status == MeetingStatus.PLANNED
    assert "uden offentlig titel: 1" in client.get(page).content.decode()


def _publish(world: World, client: Client) -> None:
    page = reverse("meetings:sec_meeting", args=[world.draft.pk])
    post(client, reverse("meetings:sec_meeting_publish", args=[world.draft.pk]), page)


def test_record_decision_then_approve_minutes(world: World) -> None:
    client = csrf_client(world)
    _publish(world, client)
    form = reverse("meetings:sec_item_decision", args=[world.draft_item.pk])
    response = post(client, form, form, {"decision": "Drøftet.", "public_decision": ""})
    assert response.status_code == 302
    world.draft_item.refresh_from_db()
    world.draft.refresh_from_db()
    assert world.draft_item.decision == "Drøftet."
    assert world.draft.status == MeetingStatus.HELD
    # Decisions reach the public with the approved minutes, not before.
    public = Client().get(reverse("meetings:meeting_detail", args=[world.draft.pk]))
    assert "Drøftet." not in public.content.decode()
    page = reverse("meetings:sec_meeting", args=[world.draft.pk])
    post(client, reverse("meetings:sec_meeting_approve", args=[world.draft.pk]), page)
    world.draft.refresh_from_db()
    assert world.draft.status == MeetingStatus.MINUTES_APPROVED
    public = Client().get(reverse("meetings:meeting_detail", args=[world.draft.pk]))
    assert "Referat" in public.content.decode()
    assert "Drøftet." in public.content.decode()


def test_closed_item_decision_needs_public_version(world: World) -> None:
    client = csrf_client(world)
    _publish(world, client)
    item = world.draft_item
    AgendaItem.objects.filter(pk=item.pk).update(is_closed=True, public_title="Offentlig titel")
    form = reverse("meetings:sec_item_decision", args=[item.pk])
    response = post(client, form, form, {"decision": "Hemmelig beslutning.", "public_decision": ""})
    assert response.status_code == 200
    assert "offentlig beslutning" in response.content.decode()
    item.refresh_from_db()
    assert item.decision == ""


def test_approve_refused_before_the_meeting_is_held(world: World) -> None:
    client = csrf_client(world)
    page = reverse("meetings:sec_meeting", args=[world.draft.pk])
    post(client, reverse("meetings:sec_meeting_approve", args=[world.draft.pk]), page)
    world.draft.refresh_from_db()
    assert world.draft.status == MeetingStatus.PLANNED


def test_create_closed_item_needs_public_title_and_gets_next_number(world: World) -> None:
    client = csrf_client(world)
    form = reverse("meetings:sec_item_create", args=[world.draft.pk])
    data = {"title": "Personalesag", "is_closed": "on", "case_ref": "EMN-2023-09999"}
    response = post(client, form, form, data)
    assert response.status_code == 200
    assert "skal have en offentlig titel" in response.content.decode()
    response = post(client, form, form, {**data, "public_title": "Personalesag (lukket)"})
    assert response.status_code == 302
    item = world.draft.items.get(title="Personalesag")
    assert (item.number, item.case.case_ref) == (4, "EMN-2023-09999")


def test_reorder_items_renumbers(world: World) -> None:
    client = csrf_client(world)
    page = reverse("meetings:sec_meeting", args=[world.draft.pk])
    second = world.draft.items.get(number=2)
    post(client, reverse("meetings:sec_item_move", args=[second.pk]), page, {"retning": "op"})
    numbers = {i.title[:20]: i.number for i in world.draft.items.all()}
    assert numbers["Kvartalsrapportering"] == 1
    assert numbers["Udmøntning af nytænk"] == 2


def test_delete_item_is_soft_and_kept_in_history(world: World) -> None:
    client = csrf_client(world)
    page = reverse("meetings:sec_meeting", args=[world.draft.pk])
    post(client, reverse("meetings:sec_item_delete", args=[world.draft_item.pk]), page)
    assert not AgendaItem.objects.filter(pk=world.draft_item.pk).exists()
    assert AgendaItem.all_objects.filter(pk=world.draft_item.pk).exists()
    assert [i.number for i in world.draft.items.all()] == [1, 2]


def test_edit_records_who_changed_what(world: World) -> None:
    client = csrf_client(world)
    form = reverse("meetings:sec_item", args=[world.draft_item.pk])
    data = {"title": "Ny titel", "case_ref": "EMN-2023-00838", "summary": "Nyt resumé"}
    assert post(client, form, form, data).status_code == 302
    latest = world.draft_item.history.first()
    assert latest.title == "Ny titel"
    assert latest.history_user == world.users["secretariat"]


def _upload(world: World, name: str, data: bytes, closed: bool = False) -> object:
    client = csrf_client(world)
    form = reverse("meetings:sec_attachment_create", args=[world.open_item.pk])
    fields = {"title": "Nyt bilag", "document_number": "123", "case_ref": "", "order": 5}
    if closed:
        fields["is_closed"] = "on"
    return client.post(
        form,
        {
            "csrfmiddlewaretoken": token(client, form),
            **fields,
            "upload": SimpleUploadedFile(name, data),
        },
    )


def test_upload_pdf_is_served_with_its_type_and_searchable(world: World) -> None:
    assert _upload(world, "notat.pdf", PDF_BYTES).status_code == 302
    attachment = Attachment.objects.get(title="Nyt bilag")
    assert attachment.content_type == "application/pdf"
    response = Client().get(reverse("meetings:attachment_file", args=[attachment.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body_of(response) == PDF_BYTES


def test_upload_text_is_searchable_and_closed_upload_is_not_public(world: World) -> None:
    assert (
        _upload(world, "noter.txt", "Særlige ord: blåbærgrød".encode(), closed=True).status_code
        == 302
    )
    attachment = Attachment.objects.get(title="Nyt bilag")
    assert (
        Client().get(reverse("meetings:attachment_file", args=[attachment.pk])).status_code == 404
    )
    public = Client().get(reverse("meetings:search"), {"q": "blåbærgrød"}).content.decode()
    assert "0 resultater" in public
    member = client_for(world.users["member"]).get(reverse("meetings:search"), {"q": "blåbærgrød"})
    assert "1 resultat" in member.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("side.html", b"<script>alert(1)</script>", "Filtypen er ikke tilladt"),
        ("falsk.pdf", b"<html>not a pdf</html>", "passer ikke til filtypen"),
        ("program.exe", b"MZ\x90\x00", "Filtypen er ikke tilladt"),
        ("latin1.txt", "blåbær".encode("latin-1"), "UTF-8"),
    ],
)
def test_upload_refuses_bad_types(world: World, name: str, data: bytes, message: str) -> None:
    response = _upload(world, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.filter(title="Nyt bilag").exists()


def test_upload_refuses_large_files(world: World, settings: object) -> None:
    settings.JOBTAL_UPLOAD_MAX_BYTES = 1024  # type: ignore[attr-defined]
    response = _upload(world, "stor.pdf", PDF_BYTES + b"0" * 2048)
    assert response.status_code == 200
    assert "Filen er for stor" in response.content.decode()
    assert not Attachment.objects.filter(title="Nyt bilag").exists()


def test_annual_plan_entry_form(world: World) -> None:
    client = csrf_client(world)
    form = reverse("meetings:sec_plan_create")
    data = {
        "committee": world.meeting.committee.pk,
        "month": "2023-05",
        "kind": "theme",
        "title": "Ungeindsatsen",
        "details": "",
        "order": 3,
    }
    assert post(client, form, form, data).status_code == 302
    entry = AnnualPlanEntry.objects.get(title="Ungeindsatsen")
    assert entry.month.isoformat() == "2023-05-01"
    page = Client().get(reverse("meetings:annual_plan")).content.decode()
    assert "Ungeindsatsen" in page and "Maj 2023" in page


def test_other_committees_secretariat_cannot_choose_this_committee(world: World) -> None:
    client = csrf_client(world, "other_secretariat")
    form = reverse("meetings:sec_meeting_create")
    data = {"committee": world.meeting.committee.pk, "date": "2024-01-01", "start_time": "16:00"}
    response = post(client, form, form, data)
    assert response.status_code == 200  # the choice is not offered, so the form is invalid
    assert not world.meeting.committee.meetings.filter(date="2024-01-01").exists()


@pytest.mark.parametrize("query", ["ærøskøbing", "ÆRØSKØBING", "Ærøskøbing"])
def test_search_ignores_case_of_danish_letters(world: World, query: str) -> None:
    # SQLite's LIKE folds only ASCII letters; the search must find "Ærøskøbing" however typed.
    assert _upload(world, "noter.txt", "Besøg i Ærøskøbing".encode()).status_code == 302
    public = Client().get(reverse("meetings:search"), {"q": query}).content.decode()
    assert "1 resultat" in public
