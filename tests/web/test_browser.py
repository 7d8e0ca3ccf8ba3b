"""Browser tests: the real pages in headless Chromium (Debian's `chromium`, driven by Playwright).

The application runs on pytest-django's live server with the demo meeting. The secretariat
plans a meeting, adds an open and a closed item and publishes the agenda by clicking through
the forms; then an anonymous visitor and a committee member look at it. Playwright never
downloads a browser here: it drives /usr/bin/chromium, which `make install` installs.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from jobtal.web.meetings.demo import DemoSite, load_demo_meeting
from jobtal.web.meetings.models import Meeting, MeetingStatus

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# DESIGN.md: as root Chromium needs --no-sandbox; without the background-networking flags it
# keeps trying to reach Google's hosts, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous waits for a loaded machine; a wait is a limit, never a measurement.
expect.set_options(timeout=15_000)
SCREENSHOT = Path("/tmp/jobtal-browser-anonym-dagsorden.png")

# The demo's marker of members-only text (demo item 7), also typed into the new closed item.
MARKER = "FORTROLIGT-DEMO-7"
OPEN_TITLE = "Status på virksomhedsrettede tilbud"
CLOSED_TITLE = "Virksomheden Nordhavn Byg ApS' samarbejde med jobcentret"
PUBLIC_TITLE = "Orientering om en konkret virksomhedssag"
CLOSED_SUMMARY = f"Forvaltningen orienterer om virksomhedens forhold ({MARKER})."


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module.

    Playwright's sync API keeps an event loop running in this thread, and Django refuses ORM
    calls from a thread with a running loop; the tests' own ORM calls are plain synchronous
    ones, so the check is lifted while the browser is open (and only then)."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} mangler: `make install` installerer Debians chromium")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()


@pytest.fixture
def demo(transactional_db: None) -> DemoSite:
    """The demo meeting and its users (with their passwords), in the live server's database."""
    return load_demo_meeting(None)


@pytest.fixture
def base_url(live_server: object) -> str:
    return str(live_server.url)  # type: ignore[attr-defined]


def _page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="da-DK")
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def secretariat_page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser)


@pytest.fixture
def visitor_page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser)


def password_of(demo: DemoSite, username: str) -> str:
    return next(user.password for user in demo.users if user.username == username)


def log_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text("Logget ind som")).to_be_visible()


def add_item(page: Page, title: str, summary: str, public_title: str | None = None) -> None:
    """From the secretariat's meeting page: "Nyt punkt", fill in, save."""
    page.get_by_role("link", name="Nyt punkt").click()
    page.get_by_label("Titel", exact=True).fill(title)
    if public_title is not None:
        # Det Fælles Designsystem hides the checkbox itself and draws it on its label, so a
        # user (and this test) clicks the label.
        page.locator('label[for="id_is_closed"]').click()
        expect(page.get_by_label("Lukket punkt")).to_be_checked()
        page.get_by_label("Offentlig titel").fill(public_title)
    page.get_by_label("Resumé").fill(summary)
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Punktet er oprettet.")).to_be_visible()


@dataclass
class Planned:
    meeting_id: int
    date: datetime.date


def plan_meeting(page: Page, base_url: str, demo: DemoSite) -> Planned:
    """The secretariat logs in and plans a meeting with an open and a closed item."""
    log_in(page, base_url, "sekretariat", password_of(demo, "sekretariat"))
    page.get_by_role("link", name="Sekretariat").click()
    page.get_by_role("link", name="Nyt møde").click()
    date = datetime.date.today() + datetime.timedelta(days=21)
    # By id: the committee field's label is still the model's English default.
    page.locator("#id_committee").select_option(label=demo.meeting.committee.name)
    page.get_by_label("Dato").fill(date.isoformat())
    page.get_by_label("Starttid").fill("16:00")
    page.get_by_label("Sted").fill("Gentofte Rådhus, mødesal 2")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Mødet er oprettet.")).to_be_visible()
    found = re.search(r"/sekretariat/moeder/(\d+)/$", page.url)
    assert found, page.url
    add_item(page, OPEN_TITLE, "Udvalget orienteres om tilbuddene i 3. kvartal.")
    add_item(page, CLOSED_TITLE, CLOSED_SUMMARY, public_title=PUBLIC_TITLE)
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text(f"[Lukket] {CLOSED_TITLE}")
    return Planned(int(found.group(1)), date)


def publish(page: Page) -> None:
    """On the secretariat's meeting page: publish the agenda."""
    page.get_by_role("button", name="Offentliggør dagsorden").click()
    expect(page.get_by_text("Dagsordenen er offentliggjort.")).to_be_visible()
    expect(page.get_by_text("Status: dagsorden offentliggjort")).to_be_visible()


def open_meeting_from_list(page: Page, base_url: str, meeting_id: int) -> None:
    page.goto(f"{base_url}/")
    page.locator(f'a[href="/moeder/{meeting_id}/"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dagsorden")


def search(page: Page, query: str) -> None:
    page.get_by_role("link", name="Søg", exact=True).click()
    page.get_by_label("Søgeord").fill(query)
    page.get_by_role("button", name="Søg", exact=True).click()


def agenda(page: Page) -> Locator:
    """The agenda's items on a meeting page (the list under the heading "Punkter")."""
    return page.locator('main h2:text-is("Punkter") + ol > li')


def assert_nothing_closed(page: Page) -> None:
    """Neither the rendered text nor the HTML source carries any closed text."""
    for text in (page.locator("body").inner_text(), page.content()):
        assert MARKER not in text
        assert CLOSED_TITLE not in text
        assert "Nordhavn" not in text


def test_secretariat_publishes_an_agenda_through_the_forms(
    demo: DemoSite, base_url: str, secretariat_page: Page, visitor_page: Page
) -> None:
    planned = plan_meeting(secretariat_page, base_url, demo)
    meeting = Meeting.objects.get(pk=planned.meeting_id)
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.date == planned.date
    # Before publishing, the public gets the same 404 as for a meeting that does not exist.
    response = visitor_page.goto(f"{base_url}/moeder/{planned.meeting_id}/")
    assert response is not None and response.status == 404
    visitor_page.goto(f"{base_url}/")
    expect(visitor_page.locator(f'a[href="/moeder/{planned.meeting_id}/"]')).to_have_count(0)

    publish(secretariat_page)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert meeting.published_at is not None
    assert [(i.number, i.is_closed) for i in meeting.items.all()] == [(1, False), (2, True)]
    open_meeting_from_list(visitor_page, base_url, planned.meeting_id)


def test_anonymous_visitor_sees_the_closed_item_as_number_and_public_title(
    demo: DemoSite, base_url: str, secretariat_page: Page, visitor_page: Page
) -> None:
    planned = plan_meeting(secretariat_page, base_url, demo)
    publish(secretariat_page)
    page = visitor_page

    open_meeting_from_list(page, base_url, planned.meeting_id)
    expect(page.get_by_text("Log ind", exact=True)).to_be_visible()
    items = agenda(page)
    expect(items).to_have_text([f"1 [Åben] {OPEN_TITLE}", f"2 [Lukket] {PUBLIC_TITLE}"])
    assert_nothing_closed(page)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    page.get_by_role("link", name=f"2 [Lukket] {PUBLIC_TITLE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"2 [Lukket] {PUBLIC_TITLE}")
    expect(page.get_by_text("Punktet behandles for lukkede døre.", exact=False)).to_be_visible()
    expect(page.get_by_text("Resumé")).to_have_count(0)
    assert_nothing_closed(page)

    # The demo meeting's closed item 7, whose text carries the marker, on its pages.
    page.goto(f"{base_url}/moeder/{demo.meeting.pk}/")
    seven = demo.meeting.items.get(number=7)
    # The minutes are approved: the public sees item 7's public title and public decision.
    expect(agenda(page).nth(6).get_by_role("link")).to_have_text(f"7 [Lukket] {seven.public_title}")
    expect(agenda(page).nth(6)).to_contain_text(f"Beslutning: {seven.public_decision}")
    assert_nothing_closed(page)
    page.get_by_role("link", name=f"7 [Lukket] {seven.public_title}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("7 [Lukket]")
    assert_nothing_closed(page)
    # Searching for the marker finds nothing for the public (the page only echoes the query).
    search(page, MARKER)
    expect(page.get_by_role("heading", level=2)).to_have_text("0 resultater")


def test_committee_member_sees_the_closed_item_text(
    demo: DemoSite, base_url: str, secretariat_page: Page, visitor_page: Page
) -> None:
    planned = plan_meeting(secretariat_page, base_url, demo)
    publish(secretariat_page)
    page = visitor_page
    log_in(page, base_url, "medlem", password_of(demo, "medlem"))

    open_meeting_from_list(page, base_url, planned.meeting_id)
    items = agenda(page)
    expect(items).to_have_text([f"1 [Åben] {OPEN_TITLE}", f"2 [Lukket] {CLOSED_TITLE}"])
    page.get_by_role("link", name=f"2 [Lukket] {CLOSED_TITLE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"2 [Lukket] {CLOSED_TITLE}")
    expect(page.get_by_text(f"Offentlig titel: {PUBLIC_TITLE}")).to_be_visible()
    expect(page.get_by_text(CLOSED_SUMMARY)).to_be_visible()

    page.goto(f"{base_url}/moeder/{demo.meeting.pk}/punkter/{demo.meeting.items.get(number=7).pk}/")
    expect(page.locator("main")).to_contain_text(MARKER)
    # The member's search finds both closed items that carry the marker.
    search(page, MARKER)
    expect(page.get_by_role("heading", level=2)).to_have_text("2 resultater")
    expect(page.get_by_role("link", name=f"2 [Lukket] {CLOSED_TITLE}")).to_be_visible()
