"""Person-level report inputs calibrated to the seed: wage months (tables 7, 9, 11),
education spells (table 6) and extra upskilling activations (table 5).

Each is built on the municipality's spells so that the figure of docs/figures.md computed
from it reproduces the published count:

- *Wage months*: a wage month counts for a group when the person has a day in the group in
  that month. Calibrating wage months are placed only in months in which the person has days
  in exactly one of the three groups, so each counts for one group; for every group and year
  the persons with a wage month in January–October are exactly the published year-to-date
  count, and as many other persons with a wage month only in November–December make the
  whole-year count. Further (background) wage months fall in months without a day in any of
  the three groups (after a spell has ended), where they count for none. eIndkomst lags, so
  the last month is October 2022.
- *Education*: for the published number of unemployment courses ended in each period, an
  SU or apprentice spell (under 30 at the start) covering the day 28 days after the course's
  last day; it begins within those 28 days and ends before the person's next course begins.
  Some other courses get education that does not count (an apprentice aged 30 or more or of
  unknown age, or SU starting later than 28 days after).
- *Upskilling*: the population's own upskilling starts are counted per month, and extra
  `opkvalificering`/`ordinaer_uddannelse` activations are added, each inside a spell of the
  person in the upskilling groups, for persons without any other activation that month, so
  that the monthly means are as published (January 2019 to April 2021; the seed's source
  stops in April 2021).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from jobtal.measures.groups import (
    ACTIVITY_READY,
    GROSS_UNEMPLOYED,
    INTEGRATION_PROGRAMME,
    UPSKILLING_GROUPS,
    YOUTH_BENEFIT,
)
from jobtal.synth import activation as act
from jobtal.synth.calendar import LAST_DAY, MONTH_DAYS, MONTH_START, N_MONTHS
from jobtal.synth.inputs_local import Local, cells, day, to_dates
from jobtal.synth.population import Population

WAGE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tabel 7", YOUTH_BENEFIT),
    ("tabel 9", INTEGRATION_PROGRAMME),
    ("tabel 11", ACTIVITY_READY),
)
WAGE_FIRST, WAGE_LAST = 12, 57  # January 2019 and October 2022, as month indices
YTD_MONTHS = 10  # January–October
EXTRA_MONTH_SHARE = 0.35  # chance of each further month in the group with wage hours


def month_of(days: np.ndarray) -> np.ndarray:
    """Month index (January 2018 = 0) of day numbers in the grid."""
    return np.searchsorted(MONTH_START, days, side="right") - 1


def _pairs(view: Local, mask: np.ndarray, bit: int) -> tuple[np.ndarray, np.ndarray]:
    """(person, month) of every month from WAGE_FIRST in which a spell of `mask` has a day;
    returned as keys person * 64 + month with the bit."""
    first = np.maximum(month_of(np.maximum(view.start[mask], 0)), WAGE_FIRST)
    last = np.minimum(month_of(view.end[mask]), N_MONTHS - 1)
    count = np.clip(last - first + 1, 0, None)
    owner = np.repeat(np.arange(len(first)), count)
    month = first[owner] + np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
    keys = view.person[mask][owner] * 64 + month
    return keys, np.full(len(keys), bit, dtype=np.int64)


def group_months(view: Local) -> tuple[np.ndarray, np.ndarray]:
    """Unique (person * 64 + month) keys with a day in one of the wage groups, and the bitmask
    of the groups (bit i: WAGE_GROUPS[i]) with a day in that month."""
    parts = [
        _pairs(view, view.in_groups(codes), 1 << i) for i, (_, codes) in enumerate(WAGE_GROUPS)
    ]
    keys = np.concatenate([k for k, _ in parts])
    bits = np.concatenate([b for _, b in parts])
    order = np.argsort(keys, kind="stable")
    keys, bits = keys[order], bits[order]
    if not len(keys):
        return keys, bits
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[first], np.bitwise_or.reduceat(bits, first)


def _wage_targets(table: str) -> dict[tuple[str, int], int]:
    """{("hele", year) | ("ytd", year): count} of a wage table."""
    found = {}
    for (row, column), value in cells(table).items():
        if row == "Antal personer med ordinære løntimer":
            kind = "hele" if column.startswith("hele året") else "ytd"
            found[(kind, int(column[-4:]))] = int(value)
    return found


def _choose(keys: np.ndarray, n: int, rng: np.random.Generator, what: str) -> np.ndarray:
    """Keys of n randomly chosen persons among `keys` (person * 64 + month): one random month
    of each, and each further month of theirs with EXTRA_MONTH_SHARE."""
    persons = np.unique(keys // 64)
    if n > len(persons):
        raise ValueError(f"for få personer til {what}: {len(persons)} < {n}")
    chosen = rng.choice(persons, size=n, replace=False)
    mine = keys[np.isin(keys // 64, chosen)]
    shuffled = mine[rng.permutation(len(mine))]
    _, first = np.unique(shuffled // 64, return_index=True)
    keep = rng.random(len(shuffled)) < EXTRA_MONTH_SHARE
    keep[first] = True
    return np.asarray(np.sort(shuffled[keep]))


def wage_months(view: Local, rng: np.random.Generator) -> pa.Table:
    """Wage months January 2019 – October 2022 (see the module docstring)."""
    keys, bits = group_months(view)
    chosen: list[np.ndarray] = []
    for i, (table, _) in enumerate(WAGE_GROUPS):
        targets = _wage_targets(table)
        own = keys[bits == 1 << i]  # months in this group and no other
        for year in range(2019, 2023):
            base = (year - 2018) * 12
            month = own % 64
            early = own[(month >= base) & (month < base + YTD_MONTHS) & (month <= WAGE_LAST)]
            a = _choose(early, targets[("ytd", year)], rng, f"{table} år-til-dato {year}")
            chosen.append(a)
            if ("hele", year) in targets:
                late = own[(month >= base + YTD_MONTHS) & (month < base + 12)]
                late = late[~np.isin(late // 64, a // 64)]
                n = targets[("hele", year)] - targets[("ytd", year)]
                chosen.append(_choose(late, n, rng, f"{table} hele året {year}"))
    calibrating = np.concatenate(chosen)
    background = _background(view, keys, rng)
    hours = np.concatenate(
        [rng.uniform(4.0, 80.0, len(calibrating)), rng.uniform(60.0, 160.0, len(background))]
    )
    all_keys = np.concatenate([calibrating, background])
    order = np.argsort(all_keys, kind="stable")
    all_keys, hours = all_keys[order], np.round(hours[order], 1)
    months = MONTH_START[all_keys % 64]
    return pa.table(
        {
            "person_id": view.ids(all_keys // 64),
            "month": to_dates(months),
            "wage_hours": pa.array(hours, type=pa.float64()),
        }
    )


def _background(view: Local, group_keys: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Wage months after ended spells (a job found): up to six months after the month of the
    end, for 40 % of the ended spells, except months with a day in any wage group."""
    ended = ~view.open_ & (rng.random(len(view.end)) < 0.4)
    first = month_of(view.end[ended]) + 1
    count = rng.integers(1, 7, size=len(first))
    owner = np.repeat(np.arange(len(first)), count)
    month = first[owner] + np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
    keys = view.person[ended][owner] * 64 + month
    keys = keys[(month >= WAGE_FIRST) & (month <= WAGE_LAST)]
    keys = np.setdiff1d(keys, group_keys)
    if not np.any(keys % 64 == WAGE_LAST):
        raise ValueError("ingen lønmåned i oktober 2022")
    return keys


# --- Education (table 6) -----------------------------------------------------------------

EDUCATION_DELAY = 28  # the day checked is 28 days after the course's last day
LAERLING_SHARE = 0.3
DISTRACTOR_SHARE = 0.02
# Not printed: the share in education of the courses ended in 2018 and in 2022Q4.
SHARE_2018, SHARE_2022Q4 = 0.034, 0.02


def courses(view: Local) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Unemployment courses (maximal runs of consecutive gross-unemployed days): person,
    start, end, open."""
    mask = view.in_groups(GROSS_UNEMPLOYED)
    person, start, end, open_ = (
        view.person[mask],
        view.start[mask],
        view.end[mask],
        view.open_[mask],
    )
    new = np.r_[True, (person[1:] != person[:-1]) | (start[1:] > end[:-1] + 1)]
    first = np.flatnonzero(new)
    last = np.r_[first[1:] - 1, len(person) - 1]
    return person[first], start[first], np.maximum.reduceat(end, first), open_[last]


def _education_targets(ended: dict[str, np.ndarray]) -> dict[str, int]:
    """In education per segment: 2019, 2020 as published; 2021 (Jan–Sep + Oct–Dec) and the
    rolling year Oct 2021–Sep 2022 (Oct–Dec 2021 + Jan–Sep 2022) as published, sharing
    Oct–Dec 2021 in proportion to its courses."""
    row = "Antal personer i ordinær uddannelse 1 mdr. efter afsluttet ledighedsforløb"
    table = {column: int(v) for (r, column), v in cells("tabel 6").items() if r == row}
    rolling = table["Rullende år 4kv21-3kv22"]
    n21 = len(ended["2021a"]) + len(ended["2021b"])
    autumn = min(round(table["2021"] * len(ended["2021b"]) / max(n21, 1)), rolling)
    return {
        "2018": round(SHARE_2018 * len(ended["2018"])),
        "2019": table["2019"],
        "2020": table["2020"],
        "2021a": table["2021"] - autumn,
        "2021b": autumn,
        "2022a": rolling - autumn,
        "2022b": round(SHARE_2022Q4 * len(ended["2022b"])),
    }


SEGMENTS = {
    "2018": (day(2018), day(2018, 12, 31)),
    "2019": (day(2019), day(2019, 12, 31)),
    "2020": (day(2020), day(2020, 12, 31)),
    "2021a": (day(2021), day(2021, 9, 30)),
    "2021b": (day(2021, 10), day(2021, 12, 31)),
    "2022a": (day(2022), day(2022, 9, 30)),
    "2022b": (day(2022, 10), day(2022, 12, 31)),
}


def education_spells(view: Local, rng: np.random.Generator) -> pa.Table:
    """Education spells (see the module docstring)."""
    person, _, end, open_ = courses(view)
    following = np.r_[person[1:] == person[:-1], False]
    next_start = np.where(following, np.r_[courses(view)[1][1:], 0], np.iinfo(np.int64).max)
    ended = {
        name: np.flatnonzero(~open_ & (end >= a) & (end <= b)) for name, (a, b) in SEGMENTS.items()
    }
    targets = _education_targets(ended)
    chosen = np.concatenate(
        [rng.choice(ended[name], size=targets[name], replace=False) for name in SEGMENTS]
    )
    rest = np.setdiff1d(np.concatenate(list(ended.values())), chosen)
    distract = rest[rng.random(len(rest)) < DISTRACTOR_SHARE]
    rows = [_counting(chosen, person, end, next_start, rng)]
    rows.append(_not_counting(distract, person, end, next_start, rng))
    p, kind, s, e, age = (np.concatenate(parts) for parts in zip(*rows, strict=True))
    keep = e >= s
    p, kind, s, e, age = p[keep], kind[keep], s[keep], e[keep], age[keep]
    order = np.lexsort((s, p))
    kinds = np.array(["su", "laerling"])
    return pa.table(
        {
            "person_id": view.ids(p[order]),
            "kind": pa.array(kinds[kind[order]].tolist(), type=pa.string()),
            "start": to_dates(s[order]),
            "end": to_dates(np.minimum(e[order], LAST_DAY), e[order] >= LAST_DAY),
            "age_at_start": pa.array(age[order], type=pa.int16(), mask=age[order] < 0),
        }
    )


def _bounded_end(start: np.ndarray, years: np.ndarray, next_start: np.ndarray) -> np.ndarray:
    return np.minimum(start + (years * 365).astype(np.int64), next_start - 1)


def _counting(
    chosen: np.ndarray,
    person: np.ndarray,
    end: np.ndarray,
    next_start: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, ...]:
    """SU (any age, sometimes unknown) or apprentice under 30, covering end + 28."""
    n = len(chosen)
    kind = (rng.random(n) < LAERLING_SHARE).astype(np.int64)
    start = end[chosen] + rng.integers(1, EDUCATION_DELAY + 1, size=n)
    stop = _bounded_end(start, rng.uniform(0.5, 4.0, n), next_start[chosen])
    age = np.where(kind == 1, rng.integers(17, 30, n), rng.integers(18, 41, n))
    age = np.where((kind == 0) & (rng.random(n) < 0.05), -1, age)
    return person[chosen], kind, start, stop, age


def _not_counting(
    chosen: np.ndarray,
    person: np.ndarray,
    end: np.ndarray,
    next_start: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, ...]:
    """Education that does not count: an apprentice aged 30+ or of unknown age covering
    end + 28, or SU starting later than end + 28."""
    n = len(chosen)
    late_su = rng.random(n) < 0.5
    kind = np.where(late_su, 0, 1)
    start = np.where(
        late_su,
        end[chosen] + rng.integers(EDUCATION_DELAY + 1, EDUCATION_DELAY + 60, size=n),
        end[chosen] + rng.integers(1, EDUCATION_DELAY + 1, size=n),
    )
    stop = _bounded_end(start, rng.uniform(0.5, 3.0, n), next_start[chosen])
    age = np.where(late_su, rng.integers(18, 41, n), rng.integers(30, 50, n))
    age = np.where(~late_su & (rng.random(n) < 0.25), -1, age)
    return person[chosen], kind, start, stop, age


# --- Upskilling (table 5) ----------------------------------------------------------------

UPSKILLING_OFFERS = ("opkvalificering", "ordinaer_uddannelse")
_OFFSET = 1 << 13  # days may be negative (history)
_BIG = 1 << 20


def _spell_at(view: Local, mask: np.ndarray, person: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Index (into the masked spells) of the person's spell of `mask` covering the day, −1 if
    none (a person's spells never overlap)."""
    keys = view.person[mask] * _BIG + view.start[mask] + _OFFSET
    i = np.searchsorted(keys, person * _BIG + days + _OFFSET, side="right") - 1
    ok = (i >= 0) & (view.person[mask][np.maximum(i, 0)] == person)
    ok &= view.end[mask][np.maximum(i, 0)] >= days
    return np.where(ok, i, -1)


def existing_starts(view: Local, population: Population) -> tuple[np.ndarray, np.ndarray]:
    """The population's upskilling starts counted by table 5: (month index, person)."""
    codes = [act.OFFER_CODES.index(o) for o in UPSKILLING_OFFERS]
    acts = view.act_index[np.isin(population.act_offer[view.act_index], codes)]
    person, start = population.act_person[acts], population.act_start[acts]
    inside = _spell_at(view, view.in_groups(UPSKILLING_GROUPS), person, start) >= 0
    return month_of(start[inside]), person[inside]


def _upskilling_targets(existing: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Starts wanted per month: the published means for January–April and May–December of
    2019 and 2020 and for January–April 2021 (distributed over their months on top of the
    existing starts); 2018 gets a few more, later months nothing more (the seed's source
    stops in April 2021)."""
    table = {column: v for (r, column), v in cells("tabel 5").items() if r.startswith("Gns. antal")}
    whole = {y: table[f"Årsgns. (hele året) {y}"] for y in (2019, 2020)}
    ytd = {y: table[f"Årsgns. (år-til-dato)* {y}"] for y in (2019, 2020, 2021)}
    segments: list[tuple[int, int, float]] = []  # first month, months, total starts
    for year in (2019, 2020, 2021):
        base = (year - 2018) * 12
        segments.append((base, 4, 4 * ytd[year]))
        if year in whole:
            segments.append((base + 4, 8, 12 * whole[year] - 4 * ytd[year]))
    wanted = existing.astype(float).copy()
    wanted[:12] += rng.poisson(6.0, 12)
    for first, n, total in segments:
        have = existing[first : first + n]
        missing = round(total) - int(have.sum())
        if missing < 0:
            raise ValueError("befolkningen har flere opkvalificeringsstarter end publiceret")
        weight = rng.uniform(0.7, 1.3, n)
        wanted[first : first + n] = have + rng.multinomial(missing, weight / weight.sum())
    return wanted.astype(np.int64)


def upskilling_activations(
    view: Local, population: Population, rng: np.random.Generator
) -> pa.Table:
    """Extra upskilling activations (see the module docstring), in the format of the
    activation importer."""
    month, person = existing_starts(view, population)
    starters = np.unique(month * (1 << 40) + person)  # one start per person and month
    existing = np.bincount(starters >> 40, minlength=N_MONTHS)[:N_MONTHS]
    extra = _upskilling_targets(existing, rng) - existing
    mask = view.in_groups(UPSKILLING_GROUPS)
    sp, ss, se = view.person[mask], view.start[mask], view.end[mask]
    a_person = population.act_person[view.act_index]
    a_start, a_end = population.act_start[view.act_index], population.act_end[view.act_index]
    busy_until = np.full(int(view.id_width_max) + 1, -_OFFSET, dtype=np.int64)
    out: list[tuple[np.ndarray, ...]] = []
    for t in np.flatnonzero(extra > 0):
        m0, m1 = MONTH_START[t], MONTH_START[t] + MONTH_DAYS[t] - 1
        here = (ss <= m1) & (se >= m0)
        occupied = a_person[(a_start <= m1) & (a_end >= m0)]
        started = starters[(starters >> 40) == t] & ((1 << 40) - 1)
        free = here & ~np.isin(sp, occupied) & ~np.isin(sp, started) & (busy_until[sp] < m0)
        candidates = np.flatnonzero(free)
        _, first = np.unique(sp[candidates], return_index=True)  # one spell per person
        candidates = candidates[first]
        if len(candidates) < extra[t]:
            raise ValueError(f"for få kandidater til opkvalificering i måned {t}")
        pick = rng.choice(candidates, size=int(extra[t]), replace=False)
        lo, hi = np.maximum(ss[pick], m0), np.minimum(se[pick], m1)
        start = lo + (rng.random(len(pick)) * (hi - lo + 1)).astype(np.int64)
        education = rng.random(len(pick)) < 0.15
        length = np.where(
            education, rng.integers(60, 241, len(pick)), rng.integers(14, 85, len(pick))
        )
        end = np.minimum(start + length - 1, se[pick])
        hours = np.where(education, 37.0, rng.choice([15.0, 20.0, 25.0, 30.0, 37.0], len(pick)))
        busy_until[sp[pick]] = end
        out.append((sp[pick], education.astype(np.int64), start, end, hours))
    p, offer, s, e, h = (np.concatenate(parts) for parts in zip(*out, strict=True))
    order = np.lexsort((s, p))
    offers = np.array(UPSKILLING_OFFERS)
    return pa.table(
        {
            "person_id": view.ids(p[order]),
            "offer": pa.array(offers[offer[order]].tolist(), type=pa.string()),
            "start": to_dates(s[order]),
            "end": to_dates(e[order]),
            "hours_per_week": pa.array(h[order], type=pa.float64()),
            "cvr": pa.nulls(len(p), type=pa.string()),
        }
    )
