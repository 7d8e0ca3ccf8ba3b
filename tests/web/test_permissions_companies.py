"""The permission matrix of the company service: every URL under /virksomheder/ × anonymous /
member / member of another committee / secretariat / secretariat of another committee /
company consultant / analyst. Reading is internal (secretariat, consultants, analysts),
editing for the secretariat and consultants; the public and committee members get nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import get_resolver, reverse

from jobtal.web.companies.models import (
    Award,
    Company,
    CompanyOffer,
    Contact,
    RecruitmentRequest,
    ResponsibilityMembership,
)

from .helpers import World, client_for

ROLES = (
    "anonymous",
    "member",
    "other_member",
    "secretariat",
    "other_secretariat",
    "consultant",
    "analyst",
)
# A name that only the company service's records carry: it must not reach a refused role.
SECRET_NAME = "Hemmelig Rekruttering ApS"


def internal(allowed: int) -> dict[str, int]:
    """Readers: secretariat (any committee's), consultants and analysts."""
    return {
        "anonymous": 302,
        "member": 403,
        "other_member": 403,
        "secretariat": allowed,
        "other_secretariat": allowed,
        "consultant": allowed,
        "analyst": allowed,
    }


def keepers(allowed: int) -> dict[str, int]:
    """Editors: secretariat and consultants; analysts only read."""
    return {**internal(allowed), "analyst": 403}


@dataclass(frozen=True)
class Records:
    company: Company
    contact: Contact
    request: RecruitmentRequest
    offer: CompanyOffer
    membership: ResponsibilityMembership
    award: Award


@pytest.fixture
def records(world: World) -> Records:
    company = Company.objects.create(cvr="10403782", name=SECRET_NAME)
    award = Award.objects.create(year=2022)
    award.nominations.add(company)
    return Records(
        company=company,
        contact=Contact.objects.create(
            company=company,
            date=date(2022, 3, 1),
            consultant="Anne",
            channel="telefon",
            track=1,
            topic="rekruttering",
        ),
        request=RecruitmentRequest.objects.create(
            request_id="R-1", company=company, created_on=date(2022, 3, 1), job_title="Kok"
        ),
        offer=CompanyOffer.objects.create(
            company=company, person="P0000001", offer="loentilskud", start=date(2022, 4, 1)
        ),
        membership=ResponsibilityMembership.objects.create(company=company, year=2022),
        award=award,
    )


@dataclass(frozen=True)
class Case:
    name: str
    path: Callable[[Records], str]
    status: dict[str, int]
    shows_records: bool = False  # the answer lists the company's name


def url(name: str, *args: Callable[[Records], object]) -> Callable[[Records], str]:
    return lambda r: reverse(f"companies:{name}", args=[a(r) for a in args])


PK = {
    "company": lambda r: r.company.pk,
    "contact": lambda r: r.contact.pk,
    "request": lambda r: r.request.pk,
    "offer": lambda r: r.offer.pk,
    "membership": lambda r: r.membership.pk,
    "award": lambda r: r.award.pk,
}

CASES = [
    Case("company_list", url("company_list"), internal(200), shows_records=True),
    Case("company_detail", url("company_detail", PK["company"]), internal(200), True),
    Case("company_create", url("company_create"), keepers(200)),
    Case("company_edit", url("company_edit", PK["company"]), keepers(200), True),
    Case("contact_list", url("contact_list"), internal(200), shows_records=True),
    Case("contact_detail", url("contact_detail", PK["contact"]), internal(200), True),
    Case("contact_create", url("contact_create"), keepers(200)),
    Case("contact_edit", url("contact_edit", PK["contact"]), keepers(200)),
    Case("request_list", url("request_list"), internal(200), shows_records=True),
    Case("request_detail", url("request_detail", PK["request"]), internal(200), True),
    Case("request_create", url("request_create"), keepers(200)),
    Case("request_edit", url("request_edit", PK["request"]), keepers(200)),
    Case("request_close", url("request_close", PK["request"]), keepers(200)),
    Case("offer_list", url("offer_list"), internal(200), shows_records=True),
    Case("offer_create", url("offer_create"), keepers(200)),
    Case("offer_edit", url("offer_edit", PK["offer"]), keepers(200)),
    Case("responsibility_list", url("responsibility_list"), internal(200), True),
    Case("membership_create", url("membership_create"), keepers(200)),
    Case("membership_edit", url("membership_edit", PK["membership"]), keepers(200)),
    Case("award_create", url("award_create"), keepers(200)),
    Case("award_edit", url("award_edit", PK["award"]), keepers(200)),
    # POST only: a GET by an editor is 405, after the permission check.
    Case("delete", url("delete", lambda r: "kontakt", PK["contact"]), keepers(405)),
    Case("status", url("status"), internal(200)),
    Case("upload", url("upload"), keepers(200)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world: World, records: Records, case: Case, role: str) -> None:
    response = client_for(world.users[role]).get(case.path(records))
    assert response.status_code == case.status[role]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
    text = response.content.decode()
    if response.status_code != 200:
        assert SECRET_NAME not in text
    elif case.shows_records:
        assert SECRET_NAME in text


@pytest.mark.parametrize("role", ["anonymous", "member", "other_member", "analyst"])
def test_refused_roles_change_nothing_by_post(world: World, records: Records, role: str) -> None:
    client = client_for(world.users[role])
    expected = 302 if role == "anonymous" else 403
    close = reverse("companies:request_close", args=[records.request.pk])
    response = client.post(close, {"closed": "2022-04-01", "close_reason": "anden"})
    assert response.status_code == expected
    delete = reverse("companies:delete", args=["kontakt", records.contact.pk])
    assert client.post(delete).status_code == expected
    created = client.post(reverse("companies:company_create"), {"cvr": "12345674", "name": "X"})
    assert created.status_code == expected
    records.request.refresh_from_db()
    assert records.request.closed is None
    assert Contact.objects.filter(pk=records.contact.pk).exists()
    assert not Company.objects.filter(cvr="12345674").exists()


def test_menu_link_only_for_internal_users(world: World, records: Records) -> None:
    link = f'href="{reverse("companies:company_list")}"'
    for role in ROLES:
        text = client_for(world.users[role]).get(reverse("meetings:meeting_list")).content
        internal_role = role in {"secretariat", "other_secretariat", "consultant", "analyst"}
        assert (link in text.decode()) == internal_role, role


def test_every_companies_url_is_in_the_matrix() -> None:
    names = {
        entry.name
        for entry in get_resolver().url_patterns
        for entry in getattr(entry, "url_patterns", [])
        if getattr(entry, "name", None) and entry.lookup_str.startswith("jobtal.web.companies")
    }
    assert names
    assert names - {case.name for case in CASES} == set()
