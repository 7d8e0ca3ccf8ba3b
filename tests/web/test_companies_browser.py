"""Browser test of the company service (headless Chromium driven by Playwright, as in
test_browser.py): a consultant logs in, records a recruitment request, closes it with a
reason, and sees table 4 on /virksomheder/status/ count one more created request and one more
request closed for that reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from jobtal.web.companies.models import Company, RecruitmentRequest
from jobtal.web.meetings.access import CONSULTANT_GROUP

from .test_browser import _page, browser, log_in  # noqa: F401 (the module's browser fixture)

pytestmark = pytest.mark.browser

PASSWORD = "konsulent-kodeord-1"
CREATED = "Oprettede rekrutteringsanmodninger i alt"
ORDINARY = "Jobcentret rekrutterede til ordinær job"


@pytest.fixture
def consultant(transactional_db: None) -> User:
    user = User.objects.create_user("konsulent", "", PASSWORD, first_name="Anne")
    user.groups.add(Group.objects.get_or_create(name=CONSULTANT_GROUP)[0])
    return user


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:  # noqa: F811
    yield from _page(browser)


def table4_value(page: Page, base_url: str, row: str, column: str) -> str:
    """The printed cell of table 4 on the status page."""
    page.goto(f"{base_url}/virksomheder/status/")
    table = page.locator("table[data-table^='Tabel 4']")
    expect(table).to_be_visible()
    headers = table.locator("thead th").all_inner_texts()
    index = headers.index(column)
    return (
        table.locator("tbody tr", has=page.locator(f"th:text-is('{row}')"))
        .locator("th, td")
        .nth(index)
        .inner_text()
    )


def test_consultant_records_and_closes_a_request(
    page: Page, live_server: object, consultant: User
) -> None:
    base_url = str(live_server.url)  # type: ignore[attr-defined]
    today = timezone.localdate()
    year = str(today.year)
    company = Company.objects.create(cvr="10403782", name="Bageriet ApS")
    # One earlier request this year, so that table 4 exists before.
    RecruitmentRequest.objects.create(
        request_id="R-0",
        company=company,
        created_on=today.replace(day=1),
        job_title="Kok",
        closed=today,
        close_reason="anden",
    )
    log_in(page, base_url, "konsulent", PASSWORD)
    created_before = int(table4_value(page, base_url, CREATED, year))
    ordinary_before = int(table4_value(page, base_url, ORDINARY, year))

    page.goto(f"{base_url}/virksomheder/rekruttering/ny/?virksomhed={company.pk}")
    page.get_by_label("Anmodnings-id").fill("R-BROWSER-1")
    page.get_by_label("Oprettet den").fill(today.isoformat())
    page.get_by_label("Stillingsbetegnelse").fill("Tømrer")
    page.get_by_label("Antal stillinger").fill("2")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", name="Rekrutteringsanmodning R-BROWSER-1")).to_be_visible()

    page.get_by_label("Lukket den").fill(today.isoformat())
    page.get_by_label("Lukkeårsag").select_option("ordinaert_job")
    page.get_by_role("button", name="Luk anmodningen").click()
    expect(page.get_by_text("Lukket").first).to_be_visible()
    closed = RecruitmentRequest.objects.get(request_id="R-BROWSER-1")
    assert (closed.closed, closed.close_reason) == (today, "ordinaert_job")

    assert int(table4_value(page, base_url, CREATED, year)) == created_before + 1
    assert int(table4_value(page, base_url, ORDINARY, year)) == ordinary_before + 1
    page.screenshot(path="/tmp/jobtal-browser-virksomheder-status.png", full_page=True)
