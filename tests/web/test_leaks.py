"""No closed text anywhere an anonymous user can reach: every page linked from the start page,
the feeds, searches for the closed words, the public PDFs, error pages, and the logs."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from jobtal.web.keyfigures.models import PublishedReport
from jobtal.web.meetings.models import AgendaItem, Attachment

from .helpers import World, body_of, pdf_text
from .test_keyfigures import report_folder

# Links an anonymous visitor can follow; admin and login pages hold no meeting content.
SKIP = ("/static/", "/admin/", "/log-ind/", "/log-ud/")


def closed_texts(world: World) -> list[str]:
    """Every text that only the committee may read, from the database itself."""
    texts: list[str] = ["FORTROLIGT"]
    for item in AgendaItem.objects.filter(is_closed=True):
        texts += [item.summary, item.background, item.recommendation, item.decision]
        if item.title != item.public_title:
            texts.append(item.title)
    for attachment in Attachment.objects.all():
        if attachment.is_closed or attachment.item.is_closed:
            texts += [attachment.title, attachment.text]
    for item in world.draft.items.all():  # the unpublished draft meeting
        texts.append(item.summary)  # (its recommendations repeat February's, which are public)
    texts.append("9. maj 2023")  # the draft's date
    return [" ".join(t.split()) for t in texts if t.strip()]


def crawl(client: Client, start: list[str]) -> Iterator[tuple[str, str]]:
    """(url, text) of every page reachable by links from the start pages."""
    seen: set[str] = set()
    queue = list(start)
    while queue and len(seen) < 300:
        url = queue.pop()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        data = body_of(response)
        if response.get("Content-Type", "").startswith("application/pdf"):
            # Generated PDFs are read as text; an uploaded test file is not a full PDF.
            yield url, pdf_text(data) if not url.startswith("/bilag/") else data.decode("latin-1")
            continue
        text = data.decode("utf-8", "replace")
        yield url, " ".join(text.split())
        queue += re.findall(r'href="(/[^"#]*)"', text)


def assert_clean(url: str, text: str, forbidden: list[str], echoed: str = "") -> None:
    if echoed:
        text = text.replace(echoed, "")
    for secret in forbidden:
        assert secret not in text, f"closed text reached {url}: {secret[:40]!r}"


@pytest.mark.django_db
def test_no_closed_text_in_any_public_response(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    forbidden = closed_texts(world)
    client = Client()
    start = [
        reverse("meetings:meeting_list"),
        reverse("meetings:annual_plan"),
        reverse("meetings:ical"),
        reverse("meetings:rss"),
        reverse("meetings:agenda_pdf", args=[world.meeting.pk]),
        reverse("meetings:minutes_pdf", args=[world.meeting.pk]),
        reverse("meetings:meeting_detail", args=[world.draft.pk]),
        reverse("meetings:item_detail", args=[world.draft.pk, world.draft_item.pk]),
        reverse("meetings:attachment_file", args=[world.closed_file.pk]),
        reverse("meetings:attachment_file", args=[world.closed_item_file.pk]),
        "/findes-ikke/",
    ]
    pages = list(crawl(client, start))
    urls = {url for url, _ in pages}
    # The crawl really reached the closed item's page, the PDFs and an open attachment.
    assert reverse("meetings:item_detail", args=[world.meeting.pk, world.closed_item.pk]) in urls
    assert reverse("meetings:attachment_file", args=[world.open_file.pk]) in urls
    for url, text in pages:
        assert_clean(url, text, forbidden)
    queries = [
        "FORTROLIGT",
        "virksomhedssag",
        "Arbejdsgruppens vurdering",
        "indstillede",
        "udmøntningen",
    ]
    for query in queries:
        response = client.get(reverse("meetings:search"), {"q": query})
        text = " ".join(response.content.decode().split())
        assert "0 resultater" in text, query
        assert_clean(f"search {query}", text, forbidden, echoed=query)
    assert "FORTROLIGT" not in caplog.text


@pytest.mark.django_db
def test_the_committee_does_see_the_closed_text(world: World) -> None:
    """The same searches and pages as a member: the closed text is there (the check above
    would be worthless if the marker were never rendered at all)."""
    from .helpers import client_for

    client = client_for(world.users["member"])
    response = client.get(reverse("meetings:search"), {"q": "virksomhedssag"})
    assert "1 resultat" in response.content.decode()
    page = client.get(
        reverse("meetings:item_detail", args=[world.meeting.pk, world.closed_item.pk])
    ).content.decode()
    assert "FORTROLIGT-DEMO-7" in page
    pdf = client.get(reverse("meetings:members_agenda_pdf", args=[world.meeting.pk]))
    assert "FORTROLIGT-DEMO-7" in pdf_text(body_of(pdf))


@pytest.mark.django_db
def test_public_sees_closed_item_as_number_public_title_and_public_decision(world: World) -> None:
    page = Client().get(
        reverse("meetings:item_detail", args=[world.meeting.pk, world.closed_item.pk])
    )
    text = " ".join(page.content.decode().split())
    assert "7 [Lukket] Meddelelser fra formanden/forvaltningen" in text
    assert "Udvalget blev orienteret." in text  # the public decision, minutes approved
    pdf = pdf_text(body_of(Client().get(reverse("meetings:minutes_pdf", args=[world.meeting.pk]))))
    assert "7 [Lukket] Meddelelser fra formanden/forvaltningen" in pdf
    assert "Udvalget blev orienteret." in pdf


@pytest.mark.django_db
def test_no_unpublished_report_reaches_the_public(
    world: World, settings: object, tmp_path: Path
) -> None:
    """An unpublished report and a report on a closed item: neither their titles nor their
    text reach anything an anonymous visitor can follow, from the item pages, the report
    list, the key figures pages or their own addresses; the published report does."""
    settings.JOBTAL_KEYFIGURES_DB = tmp_path / "ingen.duckdb"  # type: ignore[attr-defined]
    secret = "RAPPORT-IKKE-OFFENTLIG"
    item = world.meeting.items.get(number=4)
    made = {}
    for key, linked, published, text in (
        ("Offentliggjort kvartalsrapport", item, True, "Offentlig rapporttekst"),
        ("Rapportudkast-titel", item, False, secret),
        ("Rapport-til-lukket-punkt", world.closed_item, True, secret),
    ):
        made[key] = PublishedReport.objects.create(
            municipality=157,
            quarter="2022Q4",
            title=key,
            folder=str(report_folder(tmp_path / str(len(made)), text=text)),
            agenda_item=linked,
            published=published,
        )
    start = [reverse("meetings:item_detail", args=[world.meeting.pk, item.pk])]
    start.append(reverse("meetings:item_detail", args=[world.meeting.pk, world.closed_item.pk]))
    start.append(reverse("keyfigures:report_list"))
    for report in made.values():
        start.append(reverse("keyfigures:report_detail", args=[report.pk]))
        start.append(reverse("keyfigures:report_html", args=[report.pk]))
    pages = list(crawl(Client(), start))
    urls = {url for url, _ in pages}
    public = made["Offentliggjort kvartalsrapport"]
    assert reverse("keyfigures:report_detail", args=[public.pk]) in urls
    assert reverse("keyfigures:report_pdf", args=[public.pk, "noegletal"]) in urls
    assert any("Offentlig rapporttekst" in text for _, text in pages)
    forbidden = [secret, "Rapportudkast-titel", "Rapport-til-lukket-punkt", *closed_texts(world)]
    for url, text in pages:
        assert_clean(url, text, forbidden)
