"""The demo meeting: the seed's eight items, its annual plan, users, and report files."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from jobtal.web.keyfigures.models import PublishedReport
from jobtal.web.meetings.demo import attach_report, load_demo_meeting
from jobtal.web.meetings.models import AnnualPlanEntry, MeetingStatus

from .conftest import PDF_BYTES
from .helpers import body_of


def test_demo_loads_the_seed_agenda(db: None) -> None:
    demo = load_demo_meeting(None)
    items = list(demo.meeting.items.all())
    assert [(i.number, i.is_closed) for i in items] == [(n, n == 7) for n in range(1, 9)]
    assert items[0].case.case_ref == "EMN-2023-00838"
    assert items[3].title.startswith("Kvartalsrapportering til Erhvervs-")
    assert [a.reference for a in items[3].attachments.all()] == [
        "4952184 - EMN-2023-00747",
        "4966839 - EMN-2023-00747",
        "4966841 - EMN-2023-00747",
    ]
    assert "FORTROLIGT-DEMO-7" in items[6].summary
    assert demo.meeting.status == MeetingStatus.MINUTES_APPROVED
    assert demo.next_meeting.published_at is None
    assert AnnualPlanEntry.objects.count() == 8
    assert {u.username for u in demo.users} == {
        "medlem",
        "sekretariat",
        "konsulent",
        "analytiker",
        "admin",
    }
    staff = {u.username: set(u.groups.values_list("name", flat=True)) for u in _users()}
    assert staff["konsulent"] == {"virksomhedskonsulent"}
    assert staff["analytiker"] == {"analytiker"}


def test_demo_attaches_generated_report_files(db: None, tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "noegletal_beregnet.csv").write_text("tabel;værdi\nI alt;1.097\n", "utf-8")
    demo = load_demo_meeting(output)
    assert demo.attached_files == [output / "noegletal_beregnet.csv"]
    attachment = demo.meeting.items.get(number=4).attachments.get(title__startswith="Nøgletal")
    response = Client().get(reverse("meetings:attachment_file", args=[attachment.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    assert "1.097" in body_of(response).decode("utf-8")


def test_report_attached_after_loading(db: None, tmp_path: Path) -> None:
    """The demo writes its report after the web database exists: attach_report then fills
    item 4's report attachments and publishes the report on the item."""
    demo = load_demo_meeting(None)
    output = tmp_path / "output"
    output.mkdir()
    (output / "kvartalsrapport-2022Q4.pdf").write_bytes(PDF_BYTES)
    (output / "kvartalsrapport-2022Q4.html").write_text("<html lang='da'></html>", "utf-8")
    assert attach_report(output) == [output / "kvartalsrapport-2022Q4.pdf"]
    item = demo.meeting.items.get(number=4)
    attachment = item.attachments.get(title__startswith="Kvartalsrapportering")
    response = Client().get(reverse("meetings:attachment_file", args=[attachment.pk]))
    assert body_of(response) == PDF_BYTES
    assert PublishedReport.objects.get(agenda_item=item).published


def _users() -> list[User]:
    return list(User.objects.all())
