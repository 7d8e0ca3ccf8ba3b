"""Browser test of the key figures: the appendix chart is drawn in Chromium from the site's
own script, and the drill-down leads from a group to its months (see test_browser.py for
the Chromium + Playwright setup)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from jobtal.web.keyfigures import data

from .test_browser import CHROMIUM, CHROMIUM_ARGS
from .test_keyfigures import GENTOFTE, build_store

pytestmark = pytest.mark.browser

expect.set_options(timeout=15_000)
SCREENSHOT = Path("/tmp/jobtal-browser-noegletal.png")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium; ORM calls from this thread are allowed while it is open (as in
    test_browser.py)."""
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
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="da-DK")
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def site(live_server: object, transactional_db: None, settings: object, tmp_path: Path) -> str:
    """The live server reading a tiny store; Gentofte 2022 computed before the page opens,
    so the page waits for no engine run."""
    store = build_store(tmp_path / "jobtal.duckdb")
    settings.JOBTAL_KEYFIGURES_DB = store  # type: ignore[attr-defined]
    settings.JOBTAL_KEYFIGURES_CACHE = tmp_path / "cache"  # type: ignore[attr-defined]
    data.key_figures(GENTOFTE, 2022)
    return str(live_server.url)  # type: ignore[attr-defined]


def test_appendix_chart_is_drawn_and_drills_down_to_the_months(page: Page, site: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/noegletal/")
    page.get_by_label("Kommune").select_option(label="Gentofte")
    page.get_by_label("År").select_option("2022")
    page.get_by_role("button", name="Vis nøgletal").click()
    expect(page).to_have_url(re.compile(rf"/noegletal/{GENTOFTE}/2022/$"))
    chart = page.locator("#chart-appendix")
    expect(chart).to_have_attribute("data-rendered", "true")
    expect(chart.locator("svg")).to_have_count(1)
    # One bar per main group and year with figures: Forsikrede ledige in 2020–2022, and
    # Kontanthjælp in 2022 only (the other groups are 0, drawn as bars of no length).
    assert chart.locator("svg .mark-rect path").count() >= 4
    # Danish numbers on the axis, from the bundled format locale.
    expect(chart.locator("svg")).to_contain_text("1.200")
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    # Drill down from the table: Kontanthjælp's months.
    table = page.locator("#tabel-target_groups")
    table.get_by_role("link", name="Kontanthjælp", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/noegletal/{GENTOFTE}/2022/kh/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontanthjælp: Gentofte 2022")
    months = page.locator("#chart-months")
    expect(months).to_have_attribute("data-rendered", "true")
    expect(months.locator("svg")).to_have_count(1)
    july = page.locator("#tabel-maaneder tr", has_text="juli")
    expect(july.locator("td")).to_have_text("3,0")
    assert errors == []


def test_a_bar_of_the_chart_opens_its_group(page: Page, site: str) -> None:
    page.goto(f"{site}/noegletal/{GENTOFTE}/2022/")
    chart = page.locator("#chart-appendix")
    expect(chart).to_have_attribute("data-rendered", "true")
    chart.locator("svg .mark-rect path").first.click()
    expect(page).to_have_url(re.compile(rf"/noegletal/{GENTOFTE}/2022/[a-z_.]+/$"))
    expect(page.locator("#tabel-maaneder")).to_be_visible()
