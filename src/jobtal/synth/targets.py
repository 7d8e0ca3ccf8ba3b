"""Calibration targets of the synthetic population, derived from the published appendix.

Definitions (all values in full-time persons, DOMAIN.md definition 1):

- *Gentofte annual target* A[leaf, year]: the published annual average of the appendix row
  that holds exactly that leaf group, for 2020–2022, unrounded within ±0,45 so that the
  published changes in percent are reproduced as well as possible (`_unrounded`). 2018 and
  2019 are not published; they are extrapolated flat (= 2020), except seniorpension, which
  did not exist before 2020 (0).
- *National annual target*: Gentofte's value ÷ its published national share. Where the share
  is 0,00 % (Gentofte has nobody) the national value is what the parent row's implied
  national total leaves after its other children, shared equally among the zero-share
  children, but at least `MIN_NATIONAL` (a small plausible value).
- *Long-term targets*: the published rows Dagpengemodtagere and "Kontanthjælp og S&H"; the
  latter is split over kh_jobparat, shy_jobparat and uddh_aabenlyst_uddannelsesparat in
  proportion to their size.
- *Company-offer rates*: the published løntilskud and virksomhedspraktik by target group for
  Gentofte, split over the group's leaves in proportion to their size, divided by the leaf's
  size. Other municipalities get the same rates.
- *Monthly series*: annual values interpolated linearly between the middles of the years,
  times a mild seasonal pattern and noise, then rescaled per year so that each year's mean
  is exactly the annual target.
- *Other municipalities*: the national monthly series minus Gentofte's, distributed over the
  other 97 municipalities by seeded weights (a size per municipality times a small
  per-group variation), times `scale`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from jobtal.domain.municipalities import all_municipalities
from jobtal.domain.target_groups import (
    COMPANY_OFFER_ROWS,
    GROSS_UNEMPLOYED_LEAVES,
    LEAF_GROUPS,
    LONG_TERM_ROWS,
    TARGET_GROUP_ROWS,
)
from jobtal.published import appendix
from jobtal.synth.calendar import MONTHS_PER_YEAR, YEARS

REPORT = "gentofte-2023-02"
GENTOFTE = 157
PUBLISHED_YEARS: tuple[int, ...] = (2020, 2021, 2022)
LEAVES: tuple[str, ...] = tuple(g.code for g in LEAF_GROUPS)
LEAF_INDEX: dict[str, int] = {code: i for i, code in enumerate(LEAVES)}
GROSS: tuple[str, ...] = GROSS_UNEMPLOYED_LEAVES
# The two company-directed offers, in the order of the offer axis of the targets.
COMPANY: tuple[str, ...] = ("loentilskud", "virksomhedspraktik")
_OFFER_MEASURE = {"loentilskud": "wage_subsidy_ftp", "virksomhedspraktik": "work_placement_ftp"}

# Least national full-time persons of a leaf where Gentofte's share is 0,00 %.
MIN_NATIONAL = 20.0

# Amplitude of the seasonal pattern (peak in January): unemployment and sickness vary with
# the seasons, pensions hardly.
SEASONAL: dict[str, float] = {
    "dagpenge": 0.06,
    "kh_jobparat": 0.03,
    "shy_jobparat": 0.03,
    "uddh_aabenlyst_uddannelsesparat": 0.04,
    "uddh_uddannelsesparat": 0.04,
    "sygedagpenge": 0.05,
}
DEFAULT_SEASONAL = 0.01
NOISE = 0.01

# Relative size of the largest municipalities (the rest get a seeded log-normal size).
BIG_MUNICIPALITIES: dict[int, float] = {101: 12.0, 751: 6.0, 461: 4.0, 851: 4.0, 147: 2.0}


@dataclass(frozen=True)
class AnnualTargets:
    """Annual targets per leaf (axis 0, LEAVES) and year (axis -1, YEARS)."""

    gentofte: np.ndarray  # (leaf, year)
    national: np.ndarray  # (leaf, year)
    long_term_gentofte: np.ndarray  # (leaf, year), 0 outside the gross unemployed
    long_term_national: np.ndarray  # (leaf, year)
    offer_rate: np.ndarray  # (leaf, company offer, year): activated ÷ full-time persons


def _published() -> dict[tuple[str, str, str | None, int, str], float]:
    return {
        (r["table"], r["label"], r["parent"], r["year"], r["measure"]): r["value"]
        for r in appendix(REPORT)
        if r["value"] is not None
    }


def _leaf_rows() -> dict[str, tuple[str, str | None]]:
    """The (label, parent) of the target-group row that holds exactly one leaf; the
    sub-row wins over a top row with the same single leaf (Forsikrede ledige)."""
    found: dict[str, tuple[str, str | None]] = {}
    for row in TARGET_GROUP_ROWS:
        if len(row.leaves) == 1 and (row.leaves[0] not in found or row.parent is not None):
            found[row.leaves[0]] = (row.label, row.parent)
    return found


# Half the rounding interval of a printed whole number (kept inside, so that the value
# prints as published), and the offsets tried within it.
HALF = 0.45
_OFFSETS = np.linspace(-HALF, HALF, 21)
TOTAL_STEP = 0.1  # most a leaf moves towards the printed total "I alt"


def _unrounded(
    pub: dict[tuple[str, str, str | None, int, str], float],
    table: str,
    label: str,
    parent: str | None,
) -> dict[int, float]:
    """Annual values that print as published and best reproduce the published changes.

    The printed values are rounded, the printed changes in percent are computed from the
    unrounded values; among the values within ±0,45 of the printed ones (a printed 0 stays 0),
    take those whose changes come closest to the printed changes.
    """
    printed = np.array([pub[(table, label, parent, y, "ftp")] for y in PUBLISHED_YEARS])
    changes = [pub.get((table, label, parent, y, "change_pct")) for y in PUBLISHED_YEARS]
    grids = np.meshgrid(*[_OFFSETS if v > 0 else np.zeros(1) for v in printed], indexing="ij")
    values = [v + g.ravel() for v, g in zip(printed, grids, strict=True)]
    error = sum(0.001 * g.ravel() ** 2 for g in grids)
    for i in range(1, len(values)):
        change = changes[i]
        if change is not None and printed[i - 1] > 0:
            error = error + (100 * (values[i] / values[i - 1] - 1) - change) ** 2
    best = int(np.argmin(error))
    return {y: float(v[best]) for y, v in zip(PUBLISHED_YEARS, values, strict=True)}


def _towards(
    values: dict[str, dict[int, float]],
    printed: dict[str, dict[int, float]],
    total: dict[int, float],
    max_step: float = float("inf"),
) -> None:
    """Move children's values (in place) towards their printed parent `total`, each staying
    within the rounding interval of its printed value (a printed 0 stays 0); years where each
    child would have to move more than `max_step` are left alone."""
    for y, parent in total.items():
        movable = [key for key in values if printed[key][y] > 0]
        gap = parent - sum(v[y] for v in values.values())
        if not movable or abs(gap) / len(movable) > max_step:
            continue
        for key in movable:
            low, high = printed[key][y] - HALF, printed[key][y] + HALF
            values[key][y] = min(max(values[key][y] + gap / len(movable), low), high)


def _towards_parents(
    pub: dict[tuple[str, str, str | None, int, str], float],
    values: dict[str, dict[int, float]],
) -> dict[str, dict[int, float]]:
    """The printed parents do not always equal the sum of their printed children; move the
    children towards the parent so that both are matched as closely as the print allows."""
    result = {leaf: dict(v) for leaf, v in values.items()}
    rows = _leaf_rows()
    # The parents first, then the total over all leaves, but only where that moves each leaf
    # so little that the parents still print as published.
    parents = [r for r in TARGET_GROUP_ROWS if r.parent is None and len(r.leaves) > 1]
    for row in sorted(parents, key=lambda r: r.key == "i_alt"):
        printed = {
            leaf: {y: pub[("target_groups", *rows[leaf], y, "ftp")] for y in PUBLISHED_YEARS}
            for leaf in row.leaves
        }
        total = {y: pub[("target_groups", row.label, None, y, "ftp")] for y in PUBLISHED_YEARS}
        step = TOTAL_STEP if row.key == "i_alt" else float("inf")
        _towards({leaf: result[leaf] for leaf in row.leaves}, printed, total, step)
    return result


def _extrapolate(values: dict[int, float], leaf: str) -> list[float]:
    """Values for YEARS from the published years: before 2020 flat at the 2020 value."""
    first = values[PUBLISHED_YEARS[0]]
    early = 0.0 if leaf == "seniorpension" else first
    return [values.get(year, early) for year in YEARS]


def _national(gentofte: dict[int, float], shares: dict[int, float]) -> dict[int, float]:
    """Gentofte ÷ national share per year; NaN where the share is 0,00 %."""
    return {
        y: gentofte[y] / shares[y] * 100 if shares.get(y, 0) > 0 else float("nan")
        for y in PUBLISHED_YEARS
    }


def _fill_zero_shares(
    pub: dict[tuple[str, str, str | None, int, str], float], national: np.ndarray
) -> np.ndarray:
    """Replace NaN national values by the room their parent row leaves (see module doc)."""
    filled = national.copy()
    years = [YEARS.index(y) for y in PUBLISHED_YEARS]
    for row in TARGET_GROUP_ROWS:
        if row.parent is not None or len(row.leaves) < 2 or row.key == "i_alt":
            continue
        idx = [LEAF_INDEX[leaf] for leaf in row.leaves]
        for y, col in zip(PUBLISHED_YEARS, years, strict=True):
            value = pub.get(("target_groups", row.label, None, y, "ftp"), 0.0)
            share = pub.get(("target_groups", row.label, None, y, "national_share_pct"), 0.0)
            missing = [i for i in idx if np.isnan(filled[i, col])]
            if not missing or share <= 0:
                continue
            known = float(np.nansum(filled[idx, col]))
            room = (value / share * 100 - known) / len(missing)
            filled[missing, col] = max(room, MIN_NATIONAL)
    first = YEARS.index(PUBLISHED_YEARS[0])
    for col in range(first):  # unpublished early years are flat at the first published one
        gap = np.isnan(filled[:, col])
        filled[gap, col] = filled[gap, first]
    filled[np.isnan(filled)] = MIN_NATIONAL
    return filled


def _split(total: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Split totals (year,) over rows of sizes (n, year) in proportion to size."""
    whole = sizes.sum(axis=0)
    return np.where(whole > 0, sizes * total / np.where(whole > 0, whole, 1), 0.0)


@cache
def annual_targets() -> AnnualTargets:
    """The annual targets (see the module docstring for the rules)."""
    pub = _published()
    rows = _leaf_rows()
    n_years = len(YEARS)
    gentofte = np.zeros((len(LEAVES), n_years))
    national = np.zeros((len(LEAVES), n_years))
    values = _towards_parents(
        pub, {leaf: _unrounded(pub, "target_groups", *rows[leaf]) for leaf in LEAVES}
    )
    for i, leaf in enumerate(LEAVES):
        label, parent = rows[leaf]
        s = {
            y: pub.get(("target_groups", label, parent, y, "national_share_pct"), 0.0)
            for y in PUBLISHED_YEARS
        }
        gentofte[i] = _extrapolate(values[leaf], leaf)
        national[i] = _extrapolate(_national(values[leaf], s), leaf)
    national = _fill_zero_shares(pub, national)
    ltu_g, ltu_n = _long_term(pub, gentofte, national)
    return AnnualTargets(gentofte, national, ltu_g, ltu_n, _offer_rates(pub, gentofte))


def _long_term(
    pub: dict[tuple[str, str, str | None, int, str], float],
    gentofte: np.ndarray,
    national: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    ltu_g = np.zeros_like(gentofte)
    ltu_n = np.zeros_like(national)
    total, children = LONG_TERM_ROWS[0], LONG_TERM_ROWS[1:]
    printed = {
        row.key: {y: pub[("long_term", row.label, row.parent, y, "ftp")] for y in PUBLISHED_YEARS}
        for row in children
    }
    values = {row.key: _unrounded(pub, "long_term", row.label, row.parent) for row in children}
    _towards(
        values,
        printed,
        {y: pub[("long_term", total.label, None, y, "ftp")] for y in PUBLISHED_YEARS},
    )
    for row in children:
        g = values[row.key]
        s = {
            y: pub.get(("long_term", row.label, row.parent, y, "national_share_pct"), 0.0)
            for y in PUBLISHED_YEARS
        }
        idx = [LEAF_INDEX[leaf] for leaf in row.leaves]
        g_years = np.array(_extrapolate(g, row.key))
        n_years = np.array(_extrapolate(_national(g, s), row.key))
        ltu_g[idx] = _split(g_years, gentofte[idx])
        ltu_n[idx] = _split(n_years, national[idx])
    return ltu_g, ltu_n


def _offer_values(
    pub: dict[tuple[str, str, str | None, int, str], float], offer: str
) -> dict[str, dict[int, float]]:
    """Published company offers per child row (key), moved towards the printed total."""
    measure = _OFFER_MEASURE[offer]
    total_row = COMPANY_OFFER_ROWS[0]
    printed = {
        row.key: {
            y: pub.get(("company_offers", row.label, row.parent, y, measure), 0.0)
            for y in PUBLISHED_YEARS
        }
        for row in COMPANY_OFFER_ROWS[1:]
    }
    values = {key: dict(v) for key, v in printed.items()}
    total = {y: pub[("company_offers", total_row.label, None, y, measure)] for y in PUBLISHED_YEARS}
    _towards(values, printed, total)
    return values


def _offer_rates(
    pub: dict[tuple[str, str, str | None, int, str], float], gentofte: np.ndarray
) -> np.ndarray:
    rate = np.zeros((len(LEAVES), len(COMPANY), len(YEARS)))
    for k, offer in enumerate(COMPANY):
        values = _offer_values(pub, offer)
        for row in COMPANY_OFFER_ROWS[1:]:
            idx = [LEAF_INDEX[leaf] for leaf in row.leaves]
            g = values[row.key]
            total = np.array([g.get(y, g[PUBLISHED_YEARS[0]]) for y in YEARS], dtype=float)
            size = gentofte[idx]
            amount = _split(total, size)
            rate[idx, k] = np.where(size > 0, amount / np.where(size > 0, size, 1), 0.0)
    return rate


def monthly_series(annual: np.ndarray, leaves: list[str], rng: np.random.Generator) -> np.ndarray:
    """Monthly series (n, 60) whose yearly means equal `annual` (n, 5) exactly.

    Linear interpolation between the middles of the years (flat before the first and after
    the last), times 1 + a·cos(2π(month−1)/12) with a per-leaf amplitude a, times noise;
    then each year is rescaled to its annual value (0 stays 0).
    """
    n_months = len(YEARS) * MONTHS_PER_YEAR
    x = np.arange(n_months)
    anchors = np.arange(len(YEARS)) * MONTHS_PER_YEAR + 5.5
    base = np.stack([np.interp(x, anchors, row) for row in annual]) if len(annual) else annual
    amp = np.array([SEASONAL.get(leaf, DEFAULT_SEASONAL) for leaf in leaves])[:, None]
    season = 1 + amp * np.cos(2 * np.pi * (x % MONTHS_PER_YEAR) / MONTHS_PER_YEAR)
    noise = 1 + NOISE * rng.standard_normal(base.shape)
    series = np.clip(base * season * noise, 0, None).reshape(len(annual), len(YEARS), -1)
    means = series.mean(axis=2)
    factor = np.where(means > 0, annual / np.where(means > 0, means, 1), 0.0)
    return (series * factor[:, :, None]).reshape(len(annual), n_months)


def municipality_weights(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the other municipalities and their weights (municipality, leaf), each leaf's
    column summing to 1."""
    codes = np.array([m.code for m in all_municipalities() if m.code != GENTOFTE])
    rng = np.random.default_rng([seed, 7])
    size = np.exp(0.6 * rng.standard_normal(len(codes)))
    size *= np.array([BIG_MUNICIPALITIES.get(int(c), 1.0) for c in codes])
    weights = size[:, None] * np.exp(0.25 * rng.standard_normal((len(codes), len(LEAVES))))
    return codes, weights / weights.sum(axis=0)


@dataclass(frozen=True)
class MonthlyTargets:
    """Monthly targets (leaf, month) of one municipality."""

    code: int
    ftp: np.ndarray
    long_term: np.ndarray
    offers: np.ndarray  # (leaf, company offer, month)


def monthly_targets(seed: int, scale: float = 1.0) -> dict[int, MonthlyTargets]:
    """Monthly targets of every municipality: Gentofte at full size, the others at `scale`."""
    annual = annual_targets()
    rng = np.random.default_rng([seed, 1])
    leaves = list(LEAVES)
    g_ftp = monthly_series(annual.gentofte, leaves, rng)
    n_ftp = monthly_series(annual.national, leaves, rng)
    g_ltu = np.minimum(monthly_series(annual.long_term_gentofte, leaves, rng), g_ftp)
    n_ltu = np.minimum(monthly_series(annual.long_term_national, leaves, rng), n_ftp)
    rate = np.repeat(annual.offer_rate, MONTHS_PER_YEAR, axis=2)
    rest_ftp = np.clip(n_ftp - g_ftp, 0, None)
    rest_ltu = np.clip(np.minimum(n_ltu - g_ltu, rest_ftp), 0, None)
    codes, weights = municipality_weights(seed)
    result = {GENTOFTE: MonthlyTargets(GENTOFTE, g_ftp, g_ltu, rate * g_ftp[:, None, :])}
    for code, w in zip(codes, weights, strict=True):
        ftp = scale * w[:, None] * rest_ftp
        result[int(code)] = MonthlyTargets(
            int(code), ftp, scale * w[:, None] * rest_ltu, rate * ftp[:, None, :]
        )
    return result
