"""The annual plan as shown: entries grouped by the next four meeting months."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from jobtal.web.meetings.models import AnnualPlanEntry, Committee, EntryKind

MONTHS_SHOWN = 4


@dataclass(frozen=True)
class PlanMonth:
    month: datetime.date
    themes: list[AnnualPlanEntry]
    standing: list[AnnualPlanEntry]


@dataclass(frozen=True)
class Plan:
    committee: Committee
    months: list[PlanMonth]
    is_latest: bool  # True when no month lies ahead and the latest plan is shown instead


def plan_for(committee: Committee, today: datetime.date) -> Plan:
    """The four months from `today` on that have entries; if none lie ahead, the last four
    months of the plan (so the latest decided plan stays readable)."""
    entries = list(AnnualPlanEntry.objects.filter(committee=committee))
    months = sorted({e.month for e in entries})
    ahead = [m for m in months if m >= today.replace(day=1)]
    chosen = ahead[:MONTHS_SHOWN] if ahead else months[-MONTHS_SHOWN:]
    return Plan(
        committee=committee,
        months=[_month(m, entries) for m in chosen],
        is_latest=not ahead and bool(chosen),
    )


def _month(month: datetime.date, entries: list[AnnualPlanEntry]) -> PlanMonth:
    here = [e for e in entries if e.month == month]
    return PlanMonth(
        month=month,
        themes=[e for e in here if e.kind == EntryKind.THEME],
        standing=[e for e in here if e.kind == EntryKind.STANDING],
    )
