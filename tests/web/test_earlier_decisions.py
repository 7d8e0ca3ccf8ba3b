"""*Tidligere beslutninger* is derived from decisions on the same case at earlier meetings."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from jobtal.web.meetings import access
from jobtal.web.meetings.models import AgendaItem, Case, Committee, Meeting, MeetingStatus

from .helpers import World


def _meeting(committee: Committee, day: int, status: str, published: bool = True) -> Meeting:
    return Meeting.objects.create(
        committee=committee,
        date=datetime.date(2024, 1, day),
        status=status,
        published_at=timezone.now() if published else None,
    )


def _item(meeting: Meeting, case: Case, decision: str, **extra: object) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting, number=1, order=1, title="Sag", case=case, decision=decision, **extra
    )


@pytest.fixture
def case_history(world: World) -> dict[str, AgendaItem]:
    committee = world.meeting.committee
    case = Case.objects.create(case_ref="EMN-2024-00001")
    return {
        "approved": _item(
            _meeting(committee, 2, MeetingStatus.MINUTES_APPROVED), case, "Godkendt januar."
        ),
        "closed": _item(
            _meeting(committee, 5, MeetingStatus.MINUTES_APPROVED),
            case,
            "Lukket beslutning.",
            is_closed=True,
            public_title="Offentlig",
            public_decision="Offentlig beslutning.",
        ),
        "held": _item(_meeting(committee, 9, MeetingStatus.HELD), case, "Ikke godkendt endnu."),
        "draft": _item(_meeting(committee, 12, MeetingStatus.PLANNED, False), case, "Kladde."),
        "now": _item(_meeting(committee, 20, MeetingStatus.AGENDA_PUBLISHED), case, ""),
        "later": _item(_meeting(committee, 28, MeetingStatus.MINUTES_APPROVED), case, "Senere."),
    }


def _decisions(item: AgendaItem, user: object) -> list[str]:
    return [d.decision for d in access.item_view(item, user).earlier_decisions]


def test_public_sees_approved_decisions_and_public_versions_newest_first(
    case_history: dict[str, AgendaItem],
) -> None:
    assert _decisions(case_history["now"], None) == ["Offentlig beslutning.", "Godkendt januar."]


def test_member_sees_every_recorded_earlier_decision(
    world: World, case_history: dict[str, AgendaItem]
) -> None:
    assert _decisions(case_history["now"], world.users["member"]) == [
        "Kladde.",
        "Ikke godkendt endnu.",
        "Lukket beslutning.",
        "Godkendt januar.",
    ]


def test_member_of_another_committee_sees_only_the_public_ones(
    world: World, case_history: dict[str, AgendaItem]
) -> None:
    assert _decisions(case_history["now"], world.users["other_member"]) == [
        "Offentlig beslutning.",
        "Godkendt januar.",
    ]


def test_a_changed_decision_shows_at_once_on_later_items(
    case_history: dict[str, AgendaItem],
) -> None:
    first = case_history["approved"]
    first.decision = "Ændret beslutning."
    first.save()
    assert _decisions(case_history["now"], None)[-1] == "Ændret beslutning."


def test_no_earlier_decisions_without_a_case(world: World) -> None:
    item = world.meeting.items.get(number=1)
    item.case = None
    assert access.item_view(item, None).earlier_decisions == ()


def test_demo_draft_meeting_derives_from_february(world: World) -> None:
    item = world.draft.items.get(number=1)  # same case as February's item 1
    assert _decisions(item, world.users["member"]) == ["Orienteringen blev taget til efterretning."]
