"""The permission matrix: every URL × anonymous / member / member of another committee /
secretariat / secretariat of another committee, with the expected status and, where it
matters, whether closed content is in the answer (in the spirit of datasette's tests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jobtal.web.keyfigures.models import PublishedReport

from .helpers import World, body_of, client_for, pdf_text
from .test_keyfigures import build_store, report_folder

ROLES = ("anonymous", "member", "other_member", "secretariat", "other_secretariat")
# What only the committee may read: closed item 7's text and the closed attachment's title.
CLOSED = "FORTROLIGT-DEMO-7"
CLOSED_ATTACHMENT = "Arbejdsgruppens vurdering"
DRAFT_DATE = "9. maj 2023"


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def committee_only(allowed: int, refused: int) -> dict[str, int]:
    """The committee (member, secretariat) gets `allowed`; others `refused`."""
    return {
        "anonymous": refused,
        "member": allowed,
        "other_member": refused,
        "secretariat": allowed,
        "other_secretariat": refused,
    }


def secretariat_only(allowed: int, other_secretariat: int = 403) -> dict[str, int]:
    """Only the committee's secretariat; anonymous users are sent to the login page. Another
    committee's secretariat gets 403 from the object check, or 405 first for a GET of a
    POST-only action (the object is then never looked at)."""
    return {
        "anonymous": 302,
        "member": 403,
        "other_member": 403,
        "secretariat": allowed,
        "other_secretariat": other_secretariat,
    }


@dataclass(frozen=True)
class Case:
    """One URL of the matrix."""

    name: str
    path: Callable[[World], str]
    status: dict[str, int]
    # Text that the committee sees in this answer and nobody else does.
    committee_text: str | None = None
    pdf: bool = False
    public_only: bool = False  # a public output: closed text for nobody, logged in or not
    roles_seeing: frozenset[str] = field(default=frozenset({"member", "secretariat"}))


def url(name: str, *args: Callable[[World], int]) -> Callable[[World], str]:
    return lambda w: reverse(f"meetings:{name}", args=[a(w) for a in args])


MEETING = lambda w: w.meeting.pk  # noqa: E731
DRAFT = lambda w: w.draft.pk  # noqa: E731

CASES = [
    Case("meeting_list", url("meeting_list"), everyone(200), committee_text=DRAFT_DATE),
    Case("meeting_detail", url("meeting_detail", MEETING), everyone(200), committee_text=CLOSED),
    Case("meeting_detail draft", url("meeting_detail", DRAFT), committee_only(200, 404)),
    Case(
        "item_detail closed",
        url("item_detail", MEETING, lambda w: w.closed_item.pk),
        everyone(200),
        committee_text=CLOSED,
    ),
    Case(
        "item_detail open with closed attachment",
        url("item_detail", MEETING, lambda w: w.open_item.pk),
        everyone(200),
        committee_text=CLOSED_ATTACHMENT,
    ),
    Case(
        "item_detail draft",
        url("item_detail", DRAFT, lambda w: w.draft_item.pk),
        committee_only(200, 404),
    ),
    Case(
        "item_detail of another meeting",
        url("item_detail", DRAFT, lambda w: w.closed_item.pk),
        committee_only(404, 404),
    ),
    Case("agenda_pdf", url("agenda_pdf", MEETING), everyone(200), pdf=True, public_only=True),
    Case("agenda_pdf draft", url("agenda_pdf", DRAFT), everyone(404)),
    Case("minutes_pdf", url("minutes_pdf", MEETING), everyone(200), pdf=True, public_only=True),
    Case("minutes_pdf draft", url("minutes_pdf", DRAFT), everyone(404)),
    Case(
        "members_agenda_pdf",
        url("members_agenda_pdf", MEETING),
        {**committee_only(200, 403), "anonymous": 302},
        committee_text=CLOSED,
        pdf=True,
    ),
    Case(
        "members_minutes_pdf",
        url("members_minutes_pdf", MEETING),
        {**committee_only(200, 403), "anonymous": 302},
        committee_text=CLOSED,
        pdf=True,
    ),
    Case(
        "members_agenda_pdf draft",
        url("members_agenda_pdf", DRAFT),
        {**committee_only(200, 404), "anonymous": 302},
    ),
    Case("attachment_file open", url("attachment_file", lambda w: w.open_file.pk), everyone(200)),
    Case(
        "attachment_file closed",
        url("attachment_file", lambda w: w.closed_file.pk),
        committee_only(200, 404),
    ),
    Case(
        "attachment_file of closed item",
        url("attachment_file", lambda w: w.closed_item_file.pk),
        committee_only(200, 404),
    ),
    Case("annual_plan", url("annual_plan"), everyone(200)),
    Case(
        "search",
        lambda w: reverse("meetings:search") + "?q=virksomhedssag",
        everyone(200),
        committee_text=CLOSED,
    ),
    Case("ical", url("ical"), everyone(200), public_only=True),
    Case("rss", url("rss"), everyone(200), public_only=True),
    Case("sec_dashboard", url("sec_dashboard"), secretariat_only(200, 200)),
    Case("sec_meeting_create", url("sec_meeting_create"), secretariat_only(200, 200)),
    Case("sec_meeting", url("sec_meeting", MEETING), secretariat_only(200)),
    Case("sec_meeting draft", url("sec_meeting", DRAFT), secretariat_only(200)),
    Case("sec_meeting_publish", url("sec_meeting_publish", DRAFT), secretariat_only(405, 405)),
    Case("sec_meeting_approve", url("sec_meeting_approve", MEETING), secretariat_only(405, 405)),
    Case("sec_meeting_cancel", url("sec_meeting_cancel", DRAFT), secretariat_only(405, 405)),
    Case("sec_item_create", url("sec_item_create", DRAFT), secretariat_only(200)),
    Case("sec_item", url("sec_item", lambda w: w.closed_item.pk), secretariat_only(200)),
    Case(
        "sec_item_decision",
        url("sec_item_decision", lambda w: w.closed_item.pk),
        secretariat_only(200),
    ),
    Case(
        "sec_item_move", url("sec_item_move", lambda w: w.draft_item.pk), secretariat_only(405, 405)
    ),
    Case(
        "sec_item_delete",
        url("sec_item_delete", lambda w: w.draft_item.pk),
        secretariat_only(405, 405),
    ),
    Case(
        "sec_attachment_create",
        url("sec_attachment_create", lambda w: w.open_item.pk),
        secretariat_only(200),
    ),
    Case(
        "sec_attachment", url("sec_attachment", lambda w: w.closed_file.pk), secretariat_only(200)
    ),
    Case(
        "sec_attachment_delete",
        url("sec_attachment_delete", lambda w: w.closed_file.pk),
        secretariat_only(405, 405),
    ),
    Case("sec_plan", url("sec_plan"), secretariat_only(200, 200)),
    Case("sec_plan_create", url("sec_plan_create"), secretariat_only(200, 200)),
    Case(
        "sec_plan_edit",
        url("sec_plan_edit", lambda w: w.meeting.committee.annual_plan_entries.first().pk),
        secretariat_only(200),
    ),
    Case(
        "sec_plan_delete",
        url("sec_plan_delete", lambda w: w.meeting.committee.annual_plan_entries.first().pk),
        secretariat_only(405, 405),
    ),
]


def oparl(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(f"oparl:oparl_{name}", args=[a(w) for a in args])


def api(status: int) -> dict[str, int]:
    """The OParl API: the public's data for everyone, logged in or not."""
    return everyone(status)


OBJECT = "object"
CASES += [
    Case("oparl_system", oparl("system"), api(200), public_only=True),
    Case("oparl_body_list", oparl("body_list"), api(200), public_only=True),
    *[
        Case(
            f"oparl_body_objects {kind}",
            oparl("body_objects", lambda w: 1, lambda w, k=kind: k),
            api(200),
            public_only=True,
        )
        for kind in ("meeting", "agendaitem", "paper", "file", "person")
    ],
    Case(
        "oparl_organization_meetings",
        oparl("organization_meetings", lambda w: w.meeting.committee_id),
        api(200),
        public_only=True,
    ),
    Case(
        "oparl_object meeting",
        oparl(OBJECT, lambda w: "meeting", MEETING),
        api(200),
        public_only=True,
    ),
    Case("oparl_object draft meeting", oparl(OBJECT, lambda w: "meeting", DRAFT), api(404)),
    Case(
        "oparl_object closed item",
        oparl(OBJECT, lambda w: "agendaitem", lambda w: w.closed_item.pk),
        api(200),
        public_only=True,
    ),
    Case(
        "oparl_object open item with closed attachment",
        oparl(OBJECT, lambda w: "agendaitem", lambda w: w.open_item.pk),
        api(200),
        committee_text=CLOSED_ATTACHMENT,
        roles_seeing=frozenset(),  # nobody: the API is the public's data
    ),
    Case(
        "oparl_object draft item",
        oparl(OBJECT, lambda w: "agendaitem", lambda w: w.draft_item.pk),
        api(404),
    ),
    Case(
        "oparl_object open file",
        oparl(OBJECT, lambda w: "file", lambda w: w.open_file.pk),
        api(200),
        public_only=True,
    ),
    Case(
        "oparl_object closed file",
        oparl(OBJECT, lambda w: "file", lambda w: w.closed_file.pk),
        api(404),
    ),
    Case(
        "oparl_object file of closed item",
        oparl(OBJECT, lambda w: "file", lambda w: w.closed_item_file.pk),
        api(404),
    ),
]


# Key figures: the appendix of a tiny store (public), and three reports on the demo meeting:
# published on open item 4 (public), unpublished on item 4 and published on closed item 7
# (both for the committee only).
REPORT_DRAFT_TEXT = "RAPPORTUDKAST-TEKST"
REPORT_TITLES = {
    "public": "Offentlig kvartalsrapport",
    "draft": "Kvartalsrapport under arbejde",
    "closed": "Kvartalsrapport til lukket punkt",
}


@pytest.fixture(scope="module")
def keyfigures_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The store and one cache for the module, so each appendix is computed once."""
    store = build_store(tmp_path_factory.mktemp("store") / "jobtal.duckdb")
    return store, tmp_path_factory.mktemp("noegletal-cache")


@pytest.fixture
def world(
    world: World, settings: object, tmp_path: Path, keyfigures_files: tuple[Path, Path]
) -> World:
    """The conftest's world with the key figures' store and reports."""
    settings.JOBTAL_KEYFIGURES_DB, settings.JOBTAL_KEYFIGURES_CACHE = keyfigures_files  # type: ignore[attr-defined]
    open_item = world.meeting.items.get(number=4)
    links = {"public": (open_item, True), "draft": (open_item, False)}
    links["closed"] = (world.closed_item, True)
    for key, (item, published) in links.items():
        text = REPORT_DRAFT_TEXT if key == "draft" else "Rapportens tekst"
        PublishedReport.objects.create(
            municipality=157,
            quarter="2022Q4",
            title=REPORT_TITLES[key],
            folder=str(report_folder(tmp_path / key, text=text)),
            agenda_item=item,
            published=published,
        )
    return world


def kf(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(f"keyfigures:{name}", args=[a(w) for a in args])


def report(key: str) -> Callable[[World], int]:
    return lambda w: PublishedReport.objects.get(title=REPORT_TITLES[key]).pk


CASES += [
    Case("index", kf("index"), everyone(200), public_only=True),
    Case(
        "appendix", kf("appendix", lambda w: 157, lambda w: 2022), everyone(200), public_only=True
    ),
    Case("appendix without data", kf("appendix", lambda w: 751, lambda w: 2022), everyone(404)),
    Case(
        "group",
        kf("group", lambda w: 157, lambda w: 2022, lambda w: "kh"),
        everyone(200),
        public_only=True,
    ),
    Case(
        "report_list",
        kf("report_list"),
        everyone(200),
        committee_text=REPORT_TITLES["draft"],
    ),
    Case("report_detail public", kf("report_detail", report("public")), everyone(200)),
    Case(
        "report_detail unpublished",
        kf("report_detail", report("draft")),
        committee_only(200, 404),
        committee_text=REPORT_TITLES["draft"],
    ),
    Case(
        "report_detail of closed item",
        kf("report_detail", report("closed")),
        committee_only(200, 404),
    ),
    Case("report_html public", kf("report_html", report("public")), everyone(200)),
    Case(
        "report_html unpublished",
        kf("report_html", report("draft")),
        committee_only(200, 404),
        committee_text=REPORT_DRAFT_TEXT,
    ),
    Case(
        "report_html of closed item", kf("report_html", report("closed")), committee_only(200, 404)
    ),
    Case(
        "report_pdf public",
        kf("report_pdf", report("public"), lambda w: "noegletal"),
        everyone(200),
    ),
    Case(
        "report_pdf unpublished",
        kf("report_pdf", report("draft"), lambda w: "kvartalsrapport"),
        committee_only(200, 404),
    ),
    Case(
        "report_pdf of closed item",
        kf("report_pdf", report("closed"), lambda w: "budgetaendringer"),
        committee_only(200, 404),
    ),
    Case(
        "item_detail with an unpublished report",
        url("item_detail", MEETING, lambda w: w.meeting.items.get(number=4).pk),
        everyone(200),
        committee_text=REPORT_TITLES["draft"],
    ),
]


def _text(response: object, pdf: bool) -> str:
    data = body_of(response)
    return pdf_text(data) if pdf else data.decode("utf-8", "replace")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(world: World, case: Case, role: str) -> None:
    response = client_for(world.users[role]).get(case.path(world))
    assert response.status_code == case.status[role]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
    if response.status_code != 200:
        assert CLOSED not in body_of(response).decode("utf-8", "replace")
        return
    text = _text(response, case.pdf)
    if case.public_only:
        assert CLOSED not in text
        assert "FORTROLIGT" not in text
    if case.committee_text is not None:
        assert (case.committee_text in text) == (role in case.roles_seeing)


@pytest.mark.parametrize("role", ["anonymous", "member", "other_member", "other_secretariat"])
@pytest.mark.parametrize(
    "name", ["sec_meeting_publish", "sec_meeting_approve", "sec_meeting_cancel"]
)
def test_secretariat_actions_refused_by_post(world: World, role: str, name: str) -> None:
    """POSTing an action without being the committee's secretariat changes nothing."""
    before = world.draft.status
    response = client_for(world.users[role]).post(
        reverse(f"meetings:{name}", args=[world.draft.pk])
    )
    assert response.status_code == (302 if role == "anonymous" else 403)
    world.draft.refresh_from_db()
    assert world.draft.status == before


def _patterns(resolvers: list[URLPattern | URLResolver], prefix: str = "") -> list[tuple]:
    found = []
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue  # Django's admin enforces staff login itself
            found += _patterns(entry.url_patterns, prefix + str(entry.pattern))
        else:
            found.append((prefix + str(entry.pattern), entry))
    return found


def test_every_view_declares_its_permission() -> None:
    missing = [
        path
        for path, entry in _patterns(get_resolver().url_patterns)
        if not hasattr(entry.callback, "permission")
    ]
    assert missing == []


# Apps whose URLs have their own permission matrix (tests/web/test_permissions_<app>.py).
OWN_MATRIX: tuple[str, ...] = ("oekonomi/", "virksomheder/")


def test_every_meetings_url_is_in_the_matrix() -> None:
    tested = {case.name.split(" ")[0] for case in CASES}
    names = {
        entry.name
        for path, entry in _patterns(get_resolver().url_patterns)
        if entry.name and entry.name not in {"login", "logout"} and not path.startswith(OWN_MATRIX)
    }
    assert names - tested == set()
