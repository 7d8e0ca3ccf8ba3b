"""Who may see and do what: the one place for the visibility rules of meetings.

Rules (DOMAIN.md, "Meetings"):
- A meeting is a draft until its agenda is published; drafts are seen only by the
  committee's members and secretariat (and administrators).
- A closed item's title, sections, decision and attachments, and every closed attachment, are
  seen only by the committee's members and secretariat. Everyone else sees a closed item as
  its number, case id, public title and (once the minutes are approved) public decision.
- Decisions reach the public with the approved minutes; the committee sees them as recorded.
- Only the committee's secretariat (and administrators) edit.

Every view, feed, PDF and search result gets its data through this module: templates receive
`ItemView` objects, which for the public simply do not carry closed text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from jobtal.web.meetings.models import (
    MEMBER_ROLES,
    AgendaItem,
    Attachment,
    Meeting,
    MeetingStatus,
    Membership,
    Role,
)

# A user object from request.user: a User or AnonymousUser.
User = Any


# The administration's internal staff outside the committees, as Django groups: company
# consultants keep the company service's records, analysts the finance and steering figures.
CONSULTANT_GROUP = "virksomhedskonsulent"
ANALYST_GROUP = "analytiker"
STAFF_GROUPS = (CONSULTANT_GROUP, ANALYST_GROUP)


@dataclass(frozen=True)
class Access:
    """What one user may see and edit, by committee id, and the user's staff groups."""

    everything: bool = False  # administrators
    closed: frozenset[int] = frozenset()  # committees whose closed content the user sees
    edit: frozenset[int] = frozenset()  # committees whose meetings the user edits
    staff: frozenset[str] = frozenset()  # of STAFF_GROUPS

    def sees_closed(self, committee_id: int) -> bool:
        return self.everything or committee_id in self.closed

    def edits(self, committee_id: int) -> bool:
        return self.everything or committee_id in self.edit

    @property
    def is_secretariat(self) -> bool:
        return self.everything or bool(self.edit)

    @property
    def is_consultant(self) -> bool:
        return CONSULTANT_GROUP in self.staff

    @property
    def is_analyst(self) -> bool:
        return ANALYST_GROUP in self.staff

    @property
    def is_internal(self) -> bool:
        """Secretariat, consultants and analysts: who may read the internal records of the
        company service and finance (never the public, never a committee member as such)."""
        return self.is_secretariat or bool(self.staff)

    @property
    def keeps_company_records(self) -> bool:
        return self.is_secretariat or self.is_consultant

    @property
    def keeps_finance_records(self) -> bool:
        return self.is_secretariat or self.is_analyst


PUBLIC = Access()


def access_for(user: User) -> Access:
    """The user's access, computed once per request object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    cached = getattr(user, "_jobtal_access", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        result = Access(everything=True)
    else:
        rows = Membership.objects.filter(user=user).values_list("committee_id", "role")
        closed = {c for c, role in rows if role in (*MEMBER_ROLES, Role.SECRETARIAT)}
        edit = {c for c, role in rows if role == Role.SECRETARIAT}
        staff = user.groups.filter(name__in=STAFF_GROUPS).values_list("name", flat=True)
        result = Access(closed=frozenset(closed), edit=frozenset(edit), staff=frozenset(staff))
    user._jobtal_access = result
    return result


def require_closed_access(user: User, committee_id: int) -> None:
    """403 unless the user sees the committee's closed content."""
    if not access_for(user).sees_closed(committee_id):
        raise PermissionDenied("Kun for udvalgets medlemmer og sekretariat.")


def require_edit(user: User, committee_id: int) -> None:
    """403 unless the user is the committee's secretariat or an administrator."""
    if not access_for(user).edits(committee_id):
        raise PermissionDenied("Kun for udvalgets sekretariat.")


# --- meetings -------------------------------------------------------------------------------


def visible_meetings(user: User, *, with_deleted: bool = False) -> QuerySet[Meeting]:
    """Published meetings, and the drafts of the user's own committees; `with_deleted` adds
    the soft-deleted ones that the same rule lets the user see (for the open API's `deleted`
    objects)."""
    access = access_for(user)
    manager = Meeting.all_objects if with_deleted else Meeting.objects
    meetings = manager.select_related("committee")
    if access.everything:
        return meetings
    return meetings.filter(Q(published_at__isnull=False) | Q(committee_id__in=access.closed))


def public_meetings() -> QuerySet[Meeting]:
    """What anonymous users see; used by feeds and public PDFs whoever asks."""
    return visible_meetings(None)


def meeting_or_404(user: User, pk: int) -> Meeting:
    """The meeting if the user may see it; otherwise the same 404 as for a missing one, so a
    draft's existence is not revealed."""
    meeting = visible_meetings(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    return meeting


def decisions_visible(meeting: Meeting, user: User) -> bool:
    """Decisions are public with approved minutes, and seen by the committee as recorded."""
    return meeting.minutes_approved or access_for(user).sees_closed(meeting.committee_id)


def shows_minutes(meeting: Meeting, user: User) -> bool:
    """The meeting page is minutes (referat) once decisions are visible and recorded."""
    if meeting.minutes_approved:
        return True
    return decisions_visible(meeting, user) and any(
        item.has_decision for item in meeting.items.all()
    )


# --- items and attachments ------------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentView:
    """An attachment as a user may see it."""

    id: int
    position: int
    title: str
    reference: str
    has_file: bool
    is_closed: bool


@dataclass(frozen=True)
class EarlierDecision:
    """A decision on the same case at an earlier meeting, as the user may see it."""

    meeting_id: int
    committee: str
    date: Any
    item_number: int
    decision: str


@dataclass(frozen=True)
class ItemView:
    """An agenda item as one user may see it. For a closed item seen by the public, every
    closed field is empty: templates cannot show what they are not given."""

    id: int
    meeting_id: int
    number: int
    is_closed: bool
    full: bool
    title: str
    public_title: str
    case_ref: str
    department: str
    summary: str
    background: str
    recommendation: str
    decision: str
    decisions_visible: bool
    attachments: tuple[AttachmentView, ...] = ()
    earlier_decisions: tuple[EarlierDecision, ...] = field(default=())

    @property
    def status_label(self) -> str:
        return "Lukket" if self.is_closed else "Åben"

    def searchable_text(self) -> str:
        parts = [self.title, self.summary, self.background, self.recommendation, self.decision]
        return "\n".join(p for p in parts if p)


def attachment_visible(attachment: Attachment, user: User) -> bool:
    """A closed attachment, or any attachment of a closed item, only for the committee."""
    committee_id = attachment.item.meeting.committee_id
    if access_for(user).sees_closed(committee_id):
        return True
    return not (attachment.is_closed or attachment.item.is_closed)


def attachment_or_404(user: User, pk: int) -> Attachment:
    """The attachment if the user may see it and its meeting; otherwise 404."""
    attachment = (
        Attachment.objects.select_related("item__meeting")
        .filter(pk=pk, item__deleted_at__isnull=True, item__meeting__in=visible_meetings(user))
        .first()
    )
    if attachment is None or not attachment_visible(attachment, user):
        raise Http404("Bilaget findes ikke.")
    return attachment


def _attachment_views(item: AgendaItem, user: User) -> tuple[AttachmentView, ...]:
    visible = [a for a in item.attachments.all() if attachment_visible(a, user)]
    return tuple(
        AttachmentView(
            id=a.pk,
            position=position,
            title=a.title,
            reference=a.reference,
            has_file=bool(a.file),
            is_closed=a.is_closed,
        )
        for position, a in enumerate(visible, start=1)
    )


def item_view(item: AgendaItem, user: User, *, with_earlier: bool = True) -> ItemView:
    """The item as the user may see it (the one function that decides what of an item is
    shown)."""
    meeting = item.meeting
    full = not item.is_closed or access_for(user).sees_closed(meeting.committee_id)
    show_decision = decisions_visible(meeting, user)
    case_ref = item.case.case_ref if item.case else ""
    if full:
        decision = item.decision if show_decision else ""
        view = ItemView(
            id=item.pk,
            meeting_id=meeting.pk,
            number=item.number,
            is_closed=item.is_closed,
            full=True,
            title=item.title,
            public_title=item.public_title,
            case_ref=case_ref,
            department=item.department,
            summary=item.summary,
            background=item.background,
            recommendation=item.recommendation,
            decision=decision,
            decisions_visible=show_decision,
            attachments=_attachment_views(item, user),
        )
    else:
        view = ItemView(
            id=item.pk,
            meeting_id=meeting.pk,
            number=item.number,
            is_closed=True,
            full=False,
            title=item.public_title or "Lukket punkt",
            public_title=item.public_title,
            case_ref=case_ref,
            department="",
            summary="",
            background="",
            recommendation="",
            decision=item.public_decision if show_decision else "",
            decisions_visible=show_decision,
        )
    if with_earlier:
        view = _with_earlier(view, item, user)
    return view


def _with_earlier(view: ItemView, item: AgendaItem, user: User) -> ItemView:
    return replace(view, earlier_decisions=tuple(earlier_decisions(item, user)))


def earlier_decisions(item: AgendaItem, user: User) -> list[EarlierDecision]:
    """Decisions on the item's case at earlier meetings, newest first, as the user may see
    them: derived from those items, never typed on this one."""
    if item.case_id is None:
        return []
    earlier = (
        AgendaItem.objects.filter(case_id=item.case_id, meeting__date__lt=item.meeting.date)
        .filter(meeting__in=visible_meetings(user), meeting__deleted_at__isnull=True)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting__committee", "case")
        .order_by("-meeting__date", "-order")
    )
    result = []
    for other in earlier:
        decision = item_view(other, user, with_earlier=False).decision
        if decision.strip():
            result.append(
                EarlierDecision(
                    meeting_id=other.meeting_id,
                    committee=other.meeting.committee.name,
                    date=other.meeting.date,
                    item_number=other.number,
                    decision=decision,
                )
            )
    return result


def meeting_items(meeting: Meeting, user: User) -> list[ItemView]:
    """The meeting's items in order, each as the user may see it."""
    items = meeting.items.select_related("case", "meeting").prefetch_related("attachments")
    return [item_view(item, user) for item in items]


def public_item_views(meeting: Meeting) -> list[ItemView]:
    """The items as the public sees them, whoever asks (public PDF, feeds)."""
    return meeting_items(meeting, None)


def item_or_404(user: User, meeting_pk: int, item_pk: int) -> AgendaItem:
    """The item if its meeting is visible to the user (closed items then show their public
    view); otherwise 404."""
    meeting = meeting_or_404(user, meeting_pk)
    item = meeting.items.select_related("case", "meeting").filter(pk=item_pk).first()
    if item is None:
        raise Http404("Punktet findes ikke.")
    return item


# --- search ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    """A search result: an item as the user may see it, and the attachments that matched."""

    meeting: Meeting
    item: ItemView
    attachments: tuple[AttachmentView, ...]


def case_variants(query: str) -> tuple[str, ...]:
    """The query as typed, in lower case, upper case, capitalised and title case.

    SQLite's case-insensitive LIKE (Django's `icontains` there) folds only ASCII letters, so
    "æble" would not find "Æble"; searching for each variant finds the usual spellings of a
    word on every database. The exact check after the preselection uses casefold().

    >>> case_variants("ærø")
    ('ærø', 'ÆRØ', 'Ærø')
    """
    variants = (query, query.lower(), query.upper(), query.capitalize(), query.title())
    return tuple(dict.fromkeys(variants))


def _text_q(prefix: str, fields: Iterable[str], query: str) -> Q:
    q = Q()
    for name in fields:
        for variant in case_variants(query):
            q |= Q(**{f"{prefix}{name}__icontains": variant})
    return q


def search(user: User, query: str, limit: int = 50) -> list[SearchHit]:
    """Items and attachments whose visible text contains the query, newest meeting first.

    The database filter only preselects; every hit is checked again on the text of its
    ItemView / visible attachments, so a match in a closed field can never surface."""
    query = query.strip()
    if len(query) < 2:
        return []
    meetings = visible_meetings(user)
    fields = ("title", "summary", "background", "recommendation", "decision", "public_title")
    items = AgendaItem.objects.filter(meeting__in=meetings).filter(
        _text_q("", (*fields, "public_decision"), query)
        | _text_q("attachments__", ("title", "text"), query)
    )
    items = (
        items.distinct()
        .select_related("meeting__committee", "case")
        .prefetch_related("attachments")
        .order_by("-meeting__date", "order")
    )
    needle = query.casefold()
    hits = []
    for item in items[: limit * 2]:
        view = item_view(item, user, with_earlier=False)
        matched = tuple(
            a
            for a, model in zip(view.attachments, _visible_attachments(item, user), strict=True)
            if needle in f"{model.title}\n{model.text}".casefold()
        )
        if needle in view.searchable_text().casefold() or matched:
            hits.append(SearchHit(meeting=item.meeting, item=view, attachments=matched))
    return hits[:limit]


def _visible_attachments(item: AgendaItem, user: User) -> list[Attachment]:
    return [a for a in item.attachments.all() if attachment_visible(a, user)]
