"""Companies: CVR numbers of the company-directed offers, company contacts (table 3) and
recruitment requests (table 4), calibrated to the seed.

A CVR number is valid when its 8 digits, weighted 2, 7, 6, 5, 4, 3, 2, 1, sum to a multiple
of 11 (the modulus-11 check). The population draws its CVR numbers at random from a pool of
200 per municipality, so most fail the check, and 200 companies cannot be the 304 companies
with an offer starting in 2019 that table 3 prints. `company_cvrs` therefore assigns the
municipality's company-directed activations to valid companies anew (so that the companies
with an offer starting in each year are exactly as many as published) and maps every other
CVR number to a valid one consistently (the same number always to the same valid number).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from jobtal.domain.target_groups import COMPANY_OFFERS
from jobtal.synth import activation as act
from jobtal.synth.calendar import GRID_START
from jobtal.synth.inputs_local import cells
from jobtal.synth.population import CVR_HIGH, CVR_LOW, Population

WEIGHTS = np.array([2, 7, 6, 5, 4, 3, 2, 1], dtype=np.int64)
CONTACT_YEARS = (2018, 2019, 2020, 2021, 2022)
REQUEST_YEARS = (2020, 2021, 2022)
POOL_SIZE = 4000  # the municipality's companies that the jobcentre can be in touch with
# Not printed for 2018: companies contacted, and the share of them with an offer starting.
CONTACTS_2018, OFFER_SHARE_2018 = 1010, 0.30


def digits(cvr: np.ndarray) -> np.ndarray:
    """The 8 digits of each number (rows)."""
    return (np.asarray(cvr, dtype=np.int64)[:, None] // 10 ** np.arange(7, -1, -1)) % 10


def is_valid(cvr: np.ndarray) -> np.ndarray:
    """The modulus-11 check of 8-digit CVR numbers."""
    cvr = np.asarray(cvr, dtype=np.int64)
    return (cvr >= 10_000_000) & (cvr <= 99_999_999) & ((digits(cvr) @ WEIGHTS) % 11 == 0)


def make_valid(cvr: np.ndarray) -> np.ndarray:
    """A valid CVR number for each number, the number itself when it is valid: the check
    digit (weight 1) is set so that the weighted sum is a multiple of 11; where that would
    be 10, the first seven digits are increased by one and tried again."""
    value = np.asarray(cvr, dtype=np.int64).copy()
    done = is_valid(value)
    prefix = value // 10
    while not done.all():
        d = digits(prefix[~done] * 10)
        check = (-(d @ WEIGHTS)) % 11
        ok = check < 10
        todo = np.flatnonzero(~done)
        value[todo[ok]] = prefix[todo[ok]] * 10 + check[ok]
        done[todo[ok]] = True
        prefix[todo[~ok]] += 1
    return value


def _pool(size: int, avoid: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """`size` distinct valid CVR numbers, none of them in `avoid`."""
    found = np.zeros(0, dtype=np.int64)
    while len(found) < size:
        drawn = make_valid(rng.integers(CVR_LOW, CVR_HIGH, size=2 * size))
        found = np.setdiff1d(np.unique(np.concatenate([found, drawn])), avoid)
    return rng.permutation(found)[:size]


def offer_targets() -> dict[int, int]:
    """Companies with an offer starting in the year, as published (table 3)."""
    table = cells("tabel 3")
    row = "Heraf antal unikke virksomheder med praktik/løntilskud"
    return {y: int(v) for (r, c), v in table.items() if r == row for y in [int(c[:4])]}


def contact_targets() -> dict[int, int]:
    """Unique companies contacted in the year, as published (table 3), and 2018's."""
    table = cells("tabel 3")
    row = "Antal unikke kontaktede virksomheder"
    found = {int(c[:4]): int(v) for (r, c), v in table.items() if r == row}
    return {2018: CONTACTS_2018, **found}


def _company_activations(population: Population, persons: np.ndarray) -> np.ndarray:
    company = np.isin(population.act_offer, [act.OFFER_CODES.index(o) for o in COMPANY_OFFERS])
    return np.flatnonzero(company & np.isin(population.act_person, persons))


class Companies:
    """The municipality's company pool, popularity and the companies with offers per year."""

    def __init__(self, population: Population, municipality: int, seed: int) -> None:
        rng = np.random.default_rng([seed, municipality, 71])
        persons = np.unique(population.person[population.municipality == municipality])
        self.activations = _company_activations(population, persons)
        elsewhere = np.setdiff1d(
            np.flatnonzero(population.act_cvr >= 0), self.activations, assume_unique=True
        )
        self.other_cvr = make_valid(population.act_cvr[elsewhere])
        self.elsewhere = elsewhere
        self.pool = _pool(POOL_SIZE, np.unique(self.other_cvr), rng)
        # Popularity: a few large companies take many persons over the years.
        self.weight = rng.pareto(1.2, POOL_SIZE) + 0.05
        start = population.act_start[self.activations]
        self.cvr = np.zeros(len(self.activations), dtype=np.int64)
        self.with_offer: dict[int, np.ndarray] = {}
        targets = offer_targets()
        years = (np.datetime64(GRID_START, "D") + start).astype("datetime64[Y]").astype(int)
        years = years + 1970
        for year in sorted(set(years.tolist())):
            here = np.flatnonzero(years == year)
            wanted = targets.get(year, round(len(here) * 0.75))
            self.with_offer[year] = self._assign(here, min(wanted, len(here)), rng)

    def _assign(self, here: np.ndarray, companies: int, rng: np.random.Generator) -> np.ndarray:
        """Give the activations `here` exactly `companies` distinct companies: each chosen
        company one activation, the others to the chosen by popularity."""
        p = self.weight / self.weight.sum()
        chosen = rng.choice(len(self.pool), size=companies, replace=False, p=p)
        order = rng.permutation(here)
        self.cvr[order[:companies]] = self.pool[chosen]
        rest = order[companies:]
        q = self.weight[chosen] / self.weight[chosen].sum()
        self.cvr[rest] = self.pool[chosen[rng.choice(companies, size=len(rest), p=q)]]
        return np.asarray(self.pool[chosen])


def company_cvrs(population: Population, municipality: int, seed: int) -> np.ndarray:
    """The population's `act_cvr` with valid CVR numbers: the municipality's company-directed
    activations assigned to companies as table 3 needs, every other number made valid."""
    companies = Companies(population, municipality, seed)
    cvr = population.act_cvr.copy()
    cvr[companies.elsewhere] = companies.other_cvr
    cvr[companies.activations] = companies.cvr
    return cvr


CONSULTANTS = (
    "Anne Kjær",
    "Bo Lindholm",
    "Camilla Friis",
    "Dorthe Vang",
    "Jesper Holm",
    "Karina Dahl",
    "Lars Møller",
    "Mette Skov",
    "Niels Bech",
    "Sofie Brandt",
)
CHANNELS = ("telefon", "e-mail", "virksomhedsbesøg", "møde i jobcentret", "netværksmøde")
TOPICS = (
    "rekruttering",
    "virksomhedspraktik",
    "løntilskud",
    "opkvalificering",
    "fastholdelse",
    "Vi ta'r ansvar",
    "ordinær ansættelse",
)


def company_contacts(companies: Companies, code: int, rng: np.random.Generator) -> pd.DataFrame:
    """Contacts 2018–2022: in each year every company with an offer starting that year and,
    from the rest of the pool, as many more as make the published number contacted."""
    targets = contact_targets()
    frames = []
    for year in CONTACT_YEARS:
        offered = companies.with_offer.get(year, np.zeros(0, dtype=np.int64))
        rest = np.setdiff1d(companies.pool, offered)
        extra = rng.choice(rest, size=targets[year] - len(offered), replace=False)
        contacted = np.concatenate([offered, extra])
        count = 1 + rng.poisson(np.where(np.isin(contacted, offered), 2.0, 0.8))
        cvr = np.repeat(contacted, count)
        first = np.datetime64(f"{year}-01-01")
        length = (np.datetime64(f"{year + 1}-01-01") - first).astype(int)
        dates = np.sort(first + rng.integers(0, length, size=len(cvr)))
        n = len(cvr)
        frames.append(
            pd.DataFrame(
                {
                    "municipality": code,
                    "contact_id": [f"K{year}-{i + 1:05d}" for i in range(n)],
                    "date": dates.astype(str),
                    "cvr": [f"{v:08d}" for v in rng.permutation(cvr).tolist()],
                    "consultant": np.array(CONSULTANTS)[rng.integers(len(CONSULTANTS), size=n)],
                    "channel": np.array(CHANNELS)[rng.integers(len(CHANNELS), size=n)],
                    "track": rng.choice([1, 2, 3], size=n, p=[0.5, 0.3, 0.2]),
                    "topic": np.array(TOPICS)[rng.integers(len(TOPICS), size=n)],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


JOB_TITLES = (
    "Pædagogmedhjælper",
    "Social- og sundhedshjælper",
    "Lagermedarbejder",
    "Kok",
    "Butiksassistent",
    "Rengøringsassistent",
    "Chauffør",
    "Kontorassistent",
    "Tjener",
    "Pædagog",
    "Salgsmedarbejder",
    "Handicaphjælper",
    "Bogholder",
)
REASONS = {
    "Jobcentret rekrutterede til ordinær job": "ordinaert_job",
    "Virksomheden rekrutterede via egne kanaler": "egne_kanaler",
    "Anden lukningsårsag": "anden",
}


def request_targets() -> dict[int, dict[str, int]]:
    """Per year: created, open at the end of the year, and closed per reason (table 4)."""
    table = cells("tabel 4")
    found: dict[int, dict[str, int]] = {}
    for year in REQUEST_YEARS:
        column = str(year)
        created = int(table[("Oprettede rekrutteringsanmodninger i alt", column)])
        still_open = int(table.get(("Heraf fortsat åbne rekrutteringsanmodninger", column), 0))
        found[year] = {"created": created, "open": still_open}
        for label, reason in REASONS.items():
            found[year][reason] = int(table[(label, column)])
    return found


def recruitment_requests(companies: Companies, code: int, rng: np.random.Generator) -> pd.DataFrame:
    """Requests 2020–2022: created, closed by reason within the year and still open at its end
    exactly as table 4 prints; a request open at the end of 2021 closes in 2022 or stays open."""
    rows: list[tuple[object, ...]] = []
    last = date(2022, 12, 31).toordinal()
    for year, target in request_targets().items():
        first, end = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        n = target["created"]
        created = np.sort(rng.integers(first, end + 1, size=n))
        # The latest requests are the ones still open at the end of the year.
        reasons = [r for r in REASONS.values() for _ in range(target[r])]
        reasons = list(rng.permutation(reasons)) + [None] * target["open"]
        for i in range(n):
            made = int(created[i])
            reason = reasons[i]
            closed: int | None
            if reason is not None:
                closed = min(made + int(rng.integers(3, 75)), end)
            elif year < 2022 and rng.random() < 0.8:
                closed = min(end + int(rng.integers(1, 120)), last)
                reason = str(rng.choice(list(REASONS.values())))
            else:
                closed = None
            forwarded = None
            if rng.random() < 0.25:
                forwarded = min(made + int(rng.integers(1, 15)), closed or last)
            rows.append(
                (
                    code,
                    f"R{year}-{i + 1:04d}",
                    f"{int(rng.choice(companies.pool)):08d}",
                    date.fromordinal(made).isoformat(),
                    JOB_TITLES[int(rng.integers(len(JOB_TITLES)))],
                    1 + int(rng.poisson(0.6)),
                    date.fromordinal(closed).isoformat() if closed else None,
                    reason,
                    date.fromordinal(forwarded).isoformat() if forwarded else None,
                )
            )
    columns = [
        "municipality",
        "request_id",
        "cvr",
        "created",
        "job_title",
        "positions",
        "closed",
        "close_reason",
        "forwarded",
    ]
    return pd.DataFrame(rows, columns=columns)
