"""The permission matrix of the finance pages (/oekonomi/): every URL × anonymous, committee
member, member of another committee, secretariat, secretariat of another committee, company
consultant and analyst. Reading needs an internal role (secretariat, consultant, analyst),
editing the secretariat or an analyst; the public and committee members get nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.urls import get_resolver, reverse

from jobtal.web.finance.models import Appropriation, BudgetLine
from jobtal.web.finance.urls import urlpatterns

from .helpers import World, body_of, client_for

ROLES = (
    "anonymous",
    "member",
    "other_member",
    "secretariat",
    "other_secretariat",
    "consultant",
    "analyst",
)
# A topic only the internal roles may read.
INTERNAL_TEXT = "INTERN-BEVILLING-42"


def internal(allowed: int) -> dict[str, int]:
    """Secretariat (of any committee), consultant and analyst get `allowed`; committee
    members 403; anonymous users are sent to the login."""
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
    """Only the secretariat and analysts keep the records."""
    return {**internal(allowed), "consultant": 403}


@dataclass(frozen=True)
class Case:
    name: str
    path: Callable[[World], str]
    status: dict[str, int]
    internal_text: bool = False


def url(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(f"finance:{name}", args=[a(w) for a in args])


def _appropriation(w: World) -> int:
    return Appropriation.objects.get(topic=INTERNAL_TEXT).pk


CASES = [
    Case("index", url("index"), internal(200)),
    Case("status", url("status"), internal(200), internal_text=True),
    Case("upload", url("upload"), keepers(200)),
    Case("record_list", url("record_list", lambda w: "bevillinger"), internal(200), True),
    Case("record_list unknown kind", url("record_list", lambda w: "ukendt"), internal(404)),
    Case("record_create", url("record_create", lambda w: "budget"), keepers(200)),
    Case(
        "record_edit",
        url("record_edit", lambda w: "bevillinger", _appropriation),
        keepers(200),
        internal_text=True,
    ),
    Case(
        "record_delete",
        url("record_delete", lambda w: "bevillinger", _appropriation),
        keepers(405),
    ),
]


@pytest.fixture
def finance_world(world: World) -> World:
    BudgetLine.objects.create(
        year=2022,
        appropriation_area="Erhverv, beskæftigelse og integration",
        expense_type="service",
        account="1110",
        original_budget_dkk=Decimal("3700000"),
    )
    Appropriation.objects.create(
        date=date(2022, 10, 31),
        kind="tillaegsbevilling",
        expense_type="service",
        topic=INTERNAL_TEXT,
        amount_dkk=Decimal("-400000"),
        approved=False,
    )
    return world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(finance_world: World, case: Case, role: str) -> None:
    response = client_for(finance_world.users[role]).get(case.path(finance_world))
    assert response.status_code == case.status[role]
    text = body_of(response).decode("utf-8", "replace")
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
    if response.status_code != 200:
        assert INTERNAL_TEXT not in text
    elif case.internal_text:
        assert INTERNAL_TEXT in text


@pytest.mark.parametrize("role", ROLES)
def test_delete_by_post_only_for_keepers(finance_world: World, role: str) -> None:
    pk = _appropriation(finance_world)
    response = client_for(finance_world.users[role]).post(
        reverse("finance:record_delete", args=["bevillinger", pk])
    )
    assert response.status_code == {**keepers(302), "anonymous": 302}[role]
    alive = Appropriation.objects.filter(pk=pk).exists()
    assert alive == (role not in ("secretariat", "other_secretariat", "analyst"))


@pytest.mark.parametrize("role", ROLES)
def test_create_by_post_only_for_keepers(finance_world: World, role: str) -> None:
    data = {
        "municipality": "157",
        "year": "2023",
        "appropriation_area": "Område",
        "expense_type": "service",
        "account": "1110",
        "original_budget_dkk": "1000000",
    }
    client_for(finance_world.users[role]).post(
        reverse("finance:record_create", args=["budget"]), data
    )
    created = BudgetLine.objects.filter(year=2023).exists()
    assert created == (role in ("secretariat", "other_secretariat", "analyst"))


@pytest.mark.parametrize("role", ROLES)
def test_menu_link_only_for_internal_users(finance_world: World, role: str) -> None:
    text = client_for(finance_world.users[role]).get(reverse("meetings:meeting_list"))
    shown = reverse("finance:index") in text.content.decode()
    assert shown == (internal(200)[role] == 200)


def test_every_finance_url_is_in_the_matrix() -> None:
    assert {p.name for p in urlpatterns} == {c.name.split(" ")[0] for c in CASES}
    finance = get_resolver().url_patterns
    assert any(str(p.pattern) == "oekonomi/" for p in finance)
