"""The meetings models, one per module, re-exported here."""

from jobtal.web.meetings.models.agenda_item import AgendaItem
from jobtal.web.meetings.models.annual_plan import AnnualPlanEntry, EntryKind
from jobtal.web.meetings.models.attachment import Attachment
from jobtal.web.meetings.models.case import Case
from jobtal.web.meetings.models.committee import Committee
from jobtal.web.meetings.models.meeting import Meeting, MeetingStatus
from jobtal.web.meetings.models.membership import MEMBER_ROLES, Membership, Role

__all__ = [
    "MEMBER_ROLES",
    "AgendaItem",
    "AnnualPlanEntry",
    "Attachment",
    "Case",
    "Committee",
    "EntryKind",
    "Meeting",
    "MeetingStatus",
    "Membership",
    "Role",
]
