"""What the secretariat does to a meeting, as plain functions the views call.

Each function checks the meeting's state and raises `StateError` (shown to the user) when the
step is not allowed now; the permission check is the view's (access.require_edit).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jobtal.web.meetings.models import AgendaItem, Meeting, MeetingStatus


class StateError(Exception):
    """A step that the meeting's state does not allow; the message is Danish."""


@transaction.atomic
def publish_agenda(meeting: Meeting) -> None:
    """Publish the agenda: the meeting and its open content become public."""
    if meeting.status != MeetingStatus.PLANNED:
        raise StateError("Dagsordenen kan kun offentliggøres for et planlagt møde.")
    if not meeting.items.exists():
        raise StateError("Dagsordenen har ingen punkter.")
    missing = [i.number for i in meeting.items.all() if i.is_closed and not i.public_title]
    if missing:
        numbers = ", ".join(str(n) for n in missing)
        raise StateError(f"Lukkede punkter uden offentlig titel: {numbers}.")
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.published_at = timezone.now()
    meeting.save()


@transaction.atomic
def record_decision(item: AgendaItem, decision: str, public_decision: str = "") -> None:
    """Record the decision on an item; the meeting counts as held from the first decision."""
    meeting = item.meeting
    if meeting.status not in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD):
        raise StateError("Beslutninger registreres, når dagsordenen er offentliggjort.")
    if item.is_closed and decision.strip() and not public_decision.strip():
        raise StateError("Et lukket punkt skal have en offentlig beslutning.")
    item.decision = decision
    item.public_decision = public_decision if item.is_closed else ""
    item.decided_at = timezone.now()
    item.save()
    if meeting.status == MeetingStatus.AGENDA_PUBLISHED:
        meeting.status = MeetingStatus.HELD
        meeting.save()


@transaction.atomic
def approve_minutes(meeting: Meeting) -> None:
    """Approve the minutes: the decisions (public versions of closed ones) become public."""
    if meeting.status != MeetingStatus.HELD:
        raise StateError("Referatet kan godkendes, når mødet er afholdt og har beslutninger.")
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.minutes_approved_at = timezone.now()
    meeting.save()


def cancel_meeting(meeting: Meeting) -> None:
    """Cancel a meeting that has not been held."""
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED):
        raise StateError("Kun et møde, der ikke er afholdt, kan aflyses.")
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()


def require_editable(meeting: Meeting) -> None:
    """Items can be added, edited and moved until the minutes are approved."""
    if meeting.status in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.CANCELLED):
        raise StateError("Mødet kan ikke længere ændres.")


def next_position(meeting: Meeting) -> int:
    """The number for a new item at the end of the agenda."""
    last = meeting.items.aggregate(last=Max("order"))["last"]
    return (last or 0) + 1


@transaction.atomic
def move_item(item: AgendaItem, step: int) -> None:
    """Move an item up (-1) or down (+1) and renumber the agenda 1, 2, 3, ..."""
    require_editable(item.meeting)
    items = list(item.meeting.items.order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + step
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    renumber(items)


def renumber(items: list[AgendaItem]) -> None:
    """Give the items the numbers and order of their position; saves only what changed."""
    for position, other in enumerate(items, start=1):
        if other.order != position or other.number != position:
            other.order = position
            other.number = position
            other.save()


@transaction.atomic
def delete_item(item: AgendaItem) -> None:
    """Soft-delete an item and close the gap in the numbering."""
    require_editable(item.meeting)
    item.soft_delete()
    renumber(list(item.meeting.items.order_by("order", "pk")))
