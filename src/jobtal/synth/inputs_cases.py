"""Cases (sagsforløb) and staffing, calibrated to table 12 and figure 5 of the seed.

Each group of the unemployment-related and the other groups (`jobtal.measures.groups`) is
served by one team (TEAM_OF_LEAF), whose category is that of its groups. A *course* is a run
of a person's spells in the groups of one team with gaps of at most CASE_GAP days; each
course is one case of that team.

- Figure 5 (mean weeks since case start of the persons in the rehabilitation groups with an
  open case on a quarter's last day): a case of the other groups starts `lead` days before
  its course (the citizen was known to the jobcentre before this benefit), lead = λ·u with u
  exponential per case and λ depending on the course start, linear between its values at
  the end of 2020Q1 and of 2022Q3, chosen by bisection so that the mean is 73 weeks at 2020Q1
  and 100 at 2022Q3. Every such person has an open case, so the number of persons is the
  population's (the published 914 and 746 are more than it holds).
- Table 12 (average cases in 2018Q4 and 2022Q4 = case-days ÷ 92): a case ends `tail` days
  after its course (follow-up before the case is closed), tail = μ·v with μ per category
  depending on the course end like λ, chosen by bisection; the remaining few case-days are
  added or removed by moving the ends of cases that end inside the quarter. Cases of one
  person never overlap. The staff-years are chosen with the case-days (STAFFING_TARGETS) so
  that cases, staff-years, cases per staff-year and the changes all print as published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from jobtal.measures.groups import OTHER_GROUPS, REHABILITATION, UNEMPLOYMENT_RELATED
from jobtal.synth.calendar import LAST_DAY
from jobtal.synth.inputs_local import Local, day, to_dates
from jobtal.synth.targets import LEAVES

LEDIG, OEVRIGE = "ledighedsrelateret", "oevrige"
CASE_GAP = 14
TEAM_OF_LEAF: dict[str, str] = {
    "dagpenge": "Team Forsikrede ledige",
    "kh_jobparat": "Team Jobparate",
    "shy_jobparat": "Team Jobparate",
    "uddh_uddannelsesparat": "Team Unge",
    "uddh_aabenlyst_uddannelsesparat": "Team Unge",
    "kh_aktivitetsparat": "Team Aktivitetsparate",
    "shy_aktivitetsparat": "Team Aktivitetsparate",
    "uddh_aktivitetsparat": "Team Unge aktivitetsparate",
    "sygedagpenge": "Team Sygedagpenge",
    "jobafklaringsforloeb": "Team Jobafklaring og ressourceforløb",
    "ressourceforloeb": "Team Jobafklaring og ressourceforløb",
    "ledighedsydelse": "Team Fleksjob og ledighedsydelse",
}
TEAMS: tuple[str, ...] = tuple(dict.fromkeys(TEAM_OF_LEAF.values()))
TEAM_CATEGORY: dict[str, str] = {
    TEAM_OF_LEAF[leaf]: LEDIG if leaf in UNEMPLOYMENT_RELATED else OEVRIGE for leaf in TEAM_OF_LEAF
}
# Table 12: per (year of the Q4, category) the staff-years and the case-days of the quarter
# (92 days), chosen together inside the rounding of every printed cell: 2018Q4 1.397,5 cases
# on 20,80 staff-years (67,2 per staff-year) and 1.829,2 on 34,78 (52,6); 2022Q4 1.059,0 on
# 16,28 (65,1) and 1.793,6 on 40,21 (44,6); totals 3.226,7 on 55,58 (58) and 2.852,6 on 56,49
# (50); changes −3,2 %, −15,2 %, −13,0 %.
STAFFING_TARGETS: dict[tuple[int, str], tuple[float, int]] = {
    (2018, LEDIG): (20.80, 128574),
    (2018, OEVRIGE): (34.78, 168282),
    (2022, LEDIG): (16.28, 97430),
    (2022, OEVRIGE): (40.21, 165014),
}
# Figure 5: mean weeks since case start at the end of 2020Q1 and of 2022Q3.
WEEKS_TARGETS = ((day(2020, 3, 31), 73.0), (day(2022, 9, 30), 100.0))
TEAM_SHARES = {  # each team's share of its category's staff-years
    "Team Forsikrede ledige": 0.45,
    "Team Jobparate": 0.35,
    "Team Unge": 0.20,
    "Team Aktivitetsparate": 0.30,
    "Team Unge aktivitetsparate": 0.12,
    "Team Sygedagpenge": 0.28,
    "Team Jobafklaring og ressourceforløb": 0.20,
    "Team Fleksjob og ledighedsydelse": 0.10,
}


@dataclass
class Cases:
    person: np.ndarray
    team: np.ndarray  # index into TEAMS
    course_start: np.ndarray
    course_end: np.ndarray
    open_: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def category(self) -> np.ndarray:
        return np.array([TEAM_CATEGORY[t] == LEDIG for t in TEAMS])[self.team]


def courses(view: Local) -> Cases:
    """The courses of each person per team category (see the module docstring)."""
    mask = view.in_groups((*UNEMPLOYMENT_RELATED, *OTHER_GROUPS))
    person, leaf = view.person[mask], view.leaf[mask]
    start, end, open_ = view.start[mask], view.end[mask], view.open_[mask]
    team_of_leaf = np.array([TEAMS.index(TEAM_OF_LEAF.get(code, TEAMS[0])) for code in LEAVES])
    team = team_of_leaf[leaf]
    new = np.r_[
        True,
        (person[1:] != person[:-1])
        | (team[1:] != team[:-1])
        | (start[1:] > end[:-1] + 1 + CASE_GAP),
    ]
    first = np.flatnonzero(new)
    last = np.r_[first[1:] - 1, len(person) - 1]
    course_end = np.maximum.reduceat(end, first)
    return Cases(
        person=person[first],
        team=team[first],
        course_start=start[first],
        course_end=course_end,
        open_=open_[last],
        start=start[first].copy(),
        end=course_end.copy(),
    )


def _ramp(day_: np.ndarray, early: float, late: float) -> np.ndarray:
    """early up to the first target day, late from the last, linear between."""
    (d0, _), (d1, _) = WEEKS_TARGETS
    share = np.clip((day_ - d0) / (d1 - d0), 0.0, 1.0)
    return early + share * (late - early)


def _bisect(f: Callable[[float], float], target: float, high: float) -> float:
    """The smallest x in [0, high] with f(x) ≥ target, for a non-decreasing f."""
    lo, hi = 0.0, high
    if f(lo) >= target:
        return lo
    for _ in range(50):
        mid = (lo + hi) / 2
        if f(mid) >= target:
            hi = mid
        else:
            lo = mid
    return hi


def _previous_end(c: Cases) -> np.ndarray:
    same = np.r_[False, c.person[1:] == c.person[:-1]]
    return np.where(same, np.r_[0, c.course_end[:-1]], np.iinfo(np.int64).min // 2)


def _next_start(c: Cases) -> np.ndarray:
    same = np.r_[c.person[1:] == c.person[:-1], False]
    return np.where(same, np.r_[c.start[1:], 0], np.iinfo(np.int64).max // 2)


def rehabilitation_cases(view: Local, c: Cases, q: int) -> np.ndarray:
    """The cases open on day q of the persons in REHABILITATION that day: the case of the
    course covering q (a person's cases never overlap, and a lead never reaches back into an
    earlier course)."""
    mask = view.in_groups(REHABILITATION) & (view.start <= q) & (view.end >= q)
    persons = np.unique(view.person[mask])
    return np.flatnonzero((c.course_start <= q) & (c.end >= q) & np.isin(c.person, persons))


def _mean_weeks(c: Cases, q: int, cases: np.ndarray) -> float:
    return float(((q - c.start[cases] + 1) / 7.0).mean()) if len(cases) else 0.0


def set_leads(view: Local, c: Cases, rng: np.random.Generator) -> None:
    """Case starts of the other groups' courses, calibrated to figure 5."""
    other = ~c.category()
    u = np.minimum(rng.exponential(1.0, len(c.person)), 3.0)
    room = c.course_start - _previous_end(c) - 1

    def apply(early: float, late: float) -> None:
        lead = np.rint(_ramp(c.course_start, early, late) * u).astype(np.int64)
        c.start[:] = np.where(other, c.course_start - np.minimum(lead, room), c.course_start)

    (q0, w0), (q1, w1) = WEEKS_TARGETS
    open0, open1 = rehabilitation_cases(view, c, q0), rehabilitation_cases(view, c, q1)

    def at_first(x: float) -> float:
        apply(x, x)
        return _mean_weeks(c, q0, open0)

    early = _bisect(at_first, w0, 2000.0)

    def at_last(x: float) -> float:
        apply(early, x)
        return _mean_weeks(c, q1, open1)

    late = _bisect(at_last, w1, 4000.0)
    apply(early, late)


QUARTER_DAYS = {2018: (day(2018, 10), day(2018, 12, 31)), 2022: (day(2022, 10), day(2022, 12, 31))}


def case_days(c: Cases, ledig: bool, year: int) -> int:
    a, b = QUARTER_DAYS[year]
    mine = c.category() == ledig
    end = np.where(c.open_, LAST_DAY, c.end)[mine]
    return int(np.clip(np.minimum(end, b) - np.maximum(c.start[mine], a) + 1, 0, None).sum())


def set_tails(c: Cases, rng: np.random.Generator) -> None:
    """Case ends, calibrated to the case-days of table 12."""
    v = np.minimum(rng.exponential(1.0, len(c.person)), 4.0)
    room = _next_start(c) - 1 - c.course_end
    for category, is_ledig in ((LEDIG, True), (OEVRIGE, False)):
        _calibrate_tails(c, v, room, category, is_ledig)
        for year in (2018, 2022):
            _fix(c, is_ledig, year, STAFFING_TARGETS[(year, category)][1], rng)


def _calibrate_tails(
    c: Cases, v: np.ndarray, room: np.ndarray, category: str, is_ledig: bool
) -> None:
    """The tail scale at 2018Q4 and then at 2022Q4 that first reaches the target case-days."""
    mine = c.category() == is_ledig
    scale = {2018: 0.0, 2022: 0.0}

    def apply() -> None:
        tail = np.rint(_ramp(c.course_end, scale[2018], scale[2022]) * v).astype(np.int64)
        c.end[mine] = (c.course_end + np.minimum(tail, room))[mine]

    def days_at(year: int) -> Callable[[float], float]:
        def f(x: float) -> float:
            scale[year] = x
            apply()
            return case_days(c, is_ledig, year)

        return f

    for year in (2018, 2022):
        scale[year] = _bisect(days_at(year), STAFFING_TARGETS[(year, category)][1], 2000.0)
    apply()


def _fix(c: Cases, ledig: bool, year: int, target: int, rng: np.random.Generator) -> None:
    """Move the ends of closed cases ending inside the quarter until the case-days are the
    target exactly."""
    a, b = QUARTER_DAYS[year]
    missing = target - case_days(c, ledig, year)
    movable = np.flatnonzero((c.category() == ledig) & ~c.open_ & (c.end >= a) & (c.end < b))
    movable = rng.permutation(movable)
    if missing > 0:
        room = np.minimum(b, _next_start(c)[movable] - 1) - c.end[movable]
    else:
        room = c.end[movable] - np.maximum(a, c.start[movable])
    room = np.clip(room, 0, None)
    take = np.minimum(room, np.clip(abs(missing) - (np.cumsum(room) - room), 0, None))
    c.end[movable] += np.sign(missing) * take
    if case_days(c, ledig, year) != target:
        raise ValueError("sagsdagene kan ikke kalibreres")


def build_cases(view: Local, rng: np.random.Generator) -> Cases:
    """The municipality's cases, calibrated (see the module docstring)."""
    c = courses(view)
    set_leads(view, c, rng)
    set_tails(c, rng)
    return c


def cases_table(view: Local, c: Cases) -> pa.Table:
    open_ = c.open_ | (c.end >= LAST_DAY)
    return pa.table(
        {
            "person_id": view.ids(c.person),
            "municipality": pa.array(np.full(len(c.person), view.code, dtype=np.int16)),
            "team": pa.array([TEAMS[t] for t in c.team], type=pa.string()),
            "start": to_dates(c.start),
            "end": to_dates(np.minimum(c.end, LAST_DAY), open_),
        }
    )


def staffing(code: int, rng: np.random.Generator) -> list[tuple[int, str, str, str, float]]:
    """Staff-years per team and quarter 2018Q1–2022Q4: each category's total passes through
    its 2018Q4 and 2022Q4 values exactly, the teams share it by fixed shares."""
    quarters = [(y, q) for y in range(2018, 2023) for q in range(1, 5)]
    rows = []
    for category in (LEDIG, OEVRIGE):
        s18, s22 = STAFFING_TARGETS[(2018, category)][0], STAFFING_TARGETS[(2022, category)][0]
        teams = [t for t in TEAMS if TEAM_CATEGORY[t] == category]
        shares = np.array([TEAM_SHARES[t] for t in teams])
        shares /= shares.sum()
        for i, (year, q) in enumerate(quarters):
            share = np.clip((i - 3) / (len(quarters) - 1 - 3), 0.0, 1.0)
            total = s18 + share * (s22 - s18)
            if (year, q) not in ((2018, 4), (2022, 4)):
                total += rng.normal(0.0, 0.3)
            total = round(total, 2)
            parts = np.round(shares * total, 2)
            parts[-1] = round(total - parts[:-1].sum(), 2)
            for team, part in zip(teams, parts, strict=True):
                rows.append((code, f"{year}Q{q}", team, category, float(part)))
    return rows
