"""Aggregated report inputs calibrated to the seed: cash-benefit cap (table 1), refugees in
employment (table 10), operating costs (table 13) and the economic status with
*Budgetændringer* (definition 16).

Printed values are rounded; each input is chosen so that the figure computed from it under
docs/figures.md prints exactly as published (a printed `3,3` stands for every value in
[3,25; 3,35)). Amounts are whole kroner.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from jobtal.published.tables import budget_changes
from jobtal.synth.calendar import MONTH_DAYS, MONTH_START
from jobtal.synth.inputs_local import REPORT, Local, cells

MILLION = 1_000_000.0
YEAR = 2022

# Table 1: the published first and last month (persons covered, persons reduced, total
# reduction in kroner). The path between is a noisy geometric interpolation.
CAP_FIRST, CAP_LAST = (2017, 1), (YEAR, 12)


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[date]:
    count = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    index = first[0] * 12 + first[1] - 1
    return [date((index + i) // 12, (index + i) % 12 + 1, 1) for i in range(count)]


def _path(first: float, last: float, n: int, noise: float, rng: np.random.Generator) -> np.ndarray:
    """n values from `first` to `last` exactly: geometric interpolation times smooth noise."""
    t = np.linspace(0.0, 1.0, n)
    wobble = np.cumsum(rng.normal(0.0, noise, n))
    wobble -= wobble[0] + t * (wobble[-1] - wobble[0])  # zero at both ends
    return np.exp(np.log(first) + t * (np.log(last) - np.log(first)) + wobble)


def cash_benefit_cap(code: int, rng: np.random.Generator) -> pd.DataFrame:
    """UDK's monthly statistics, January 2017 to December 2022, with the published end
    points exactly."""
    table = cells("tabel 1")
    first, last = "Januar 2017", "December 2022"
    columns = (
        "Antal borgere omfattet af kontanthjælpsloftet i alt",
        "Antal borgere med reduktion i kontanthjælpsloft",
        "Total reduktionsbeløb (DKK)",
    )
    months = _months(CAP_FIRST, CAP_LAST)
    covered, reduced, total = (
        _path(table[(first, c)], table[(last, c)], len(months), 0.02, rng) for c in columns
    )
    covered, reduced = np.rint(covered), np.minimum(np.rint(reduced), np.rint(covered))
    return pd.DataFrame(
        {
            "municipality": code,
            "month": [m.isoformat() for m in months],
            "persons_covered": covered.astype(np.int64),
            "persons_reduced": reduced.astype(np.int64),
            "total_reduction_dkk": np.rint(total),
        }
    )


def _integer_series(total: int, n: int, slope: float, rng: np.random.Generator) -> np.ndarray:
    """n whole numbers summing exactly to `total`, rising by `slope` per step, with noise."""
    raw = total / n + slope * (np.arange(n) - (n - 1) / 2) + rng.normal(0.0, 1.5, n)
    values = np.floor(raw).astype(np.int64)
    short = total - int(values.sum())
    order = np.argsort(-(raw - values))  # the largest remainders get the missing units
    values[order[: short % n]] += 1
    values += short // n
    return values


def integration_employment(code: int, rng: np.random.Generator) -> pd.DataFrame:
    """Refugees and family-reunified persons (18–66) and those in unsubsidised employment,
    monthly January 2018 to November 2022 (jobindsats lags one month): the annual averages of
    the employed and their shares print as table 10."""
    table = cells("tabel 10")
    columns = {
        2019: "2019 (hele året)",
        2020: "2020 (hele året)",
        2021: "2021 (hele året)",
        2022: "2022 (jan-nov)",
    }
    employed_avg = {y: table[("Antal beskæftigede", c)] for y, c in columns.items()}
    share = {y: table[("Andel beskæftigede", c)] for y, c in columns.items()}
    employed_avg[2018] = employed_avg[2019] - 9.0  # not printed: a plausible level
    share[2018] = share[2019] - 1.5
    rows = []
    for year in sorted(employed_avg):
        n = 11 if year == YEAR else 12
        employed_sum = round(employed_avg[year] * n)
        persons_sum = _persons_sum(employed_sum, n, share[year])
        employed = _integer_series(employed_sum, n, 0.6, rng)
        persons = _integer_series(persons_sum, n, 0.4, rng)
        for month in range(n):
            rows.append((date(year, month + 1, 1).isoformat(), persons[month], employed[month]))
    frame = pd.DataFrame(rows, columns=["month", "persons", "employed"])
    frame.insert(0, "municipality", code)
    return frame


def _rounded(value: float, decimals: int) -> float:
    """The value as printed: half away from zero, as jobtal.formatting rounds."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def _persons_sum(employed_sum: int, n: int, share: float) -> int:
    """The sum of the monthly persons whose mean makes the employed's share print as `share`
    (one decimal): the candidate nearest the exact value that rounds right."""
    exact = employed_sum / (share / 100.0)
    for candidate in sorted(range(int(exact) - 3, int(exact) + 4), key=lambda c: abs(c - exact)):
        if _rounded(employed_sum / candidate * 100.0, 1) == share:
            return candidate
    raise ValueError(f"ingen personsum giver andelen {share}")


# Table 13: the operating costs split over the three categories (shares of the year's sum).
COST_SHARES = {"vejledning_opkvalificering": 0.62, "ordinaer_uddannelse": 0.23, "mentor": 0.15}
UNIT_COST_YEARS = (2018, YEAR)


def unit_cost_ftp(view: Local, codes: tuple[str, ...], year: int) -> float:
    """Annual average full-time persons of the groups (definition 2): the mean of the 12
    monthly values, each the person-days in the month ÷ the days of the month."""
    mask = view.in_groups(codes)
    first = (year - 2018) * 12
    values = []
    for t in range(first, first + 12):
        a, b = MONTH_START[t], MONTH_START[t] + MONTH_DAYS[t] - 1
        days = np.minimum(view.end[mask], b) - np.maximum(view.start[mask], a) + 1
        values.append(np.clip(days, 0, None).sum() / MONTH_DAYS[t])
    return float(np.mean(values))


def operating_costs(view: Local, codes: tuple[str, ...], rng: np.random.Generator) -> pd.DataFrame:
    """Operating costs 2018–2022 per category; 2018 and 2022 (expected, the year is not
    closed) make the cost per annual full-time person of `codes` print as table 13."""
    table = cells("tabel 13")
    per_ftp = {
        2018: table[("Målgrupper i alt", "2018 Gns. omkostninger pr. FTP")],
        YEAR: table[("Målgrupper i alt", "2022 Forventet gns. omkostninger pr. FTP")],
    }
    # The years between are not printed: a level falling steadily from 2018's to 2022's.
    for year in range(2019, YEAR):
        share = (year - 2018) / (YEAR - 2018)
        per_ftp[year] = per_ftp[2018] + share * (per_ftp[YEAR] - per_ftp[2018])
        per_ftp[year] *= 1.0 + rng.normal(0.0, 0.02)
    rows = []
    for year in sorted(per_ftp):
        total = per_ftp[year] * unit_cost_ftp(view, codes, year)
        amounts = {c: round(total * s) for c, s in COST_SHARES.items()}
        amounts["mentor"] = round(total) - sum(a for c, a in amounts.items() if c != "mentor")
        for category, amount in amounts.items():
            rows.append((view.code, year, category, float(amount), year == YEAR))
    return pd.DataFrame(
        rows, columns=["municipality", "year", "category", "amount_dkk", "expected"]
    )


# --- Economic status and Budgetændringer --------------------------------------------------
#
# The printed figures (mio. kr., one decimal) are sums of rounded parts that must themselves
# print as published, so the unrounded parts are chosen inside their rounding intervals:
# corrected budget service 3,345 and transfers 557,040 (together 560,385: prints 560,4 as
# Budgetændringer does, though 3,3 + 557,0 = 560,3); other variances −0,500 and −29,810, so
# the expected outturn is 2,845 and 527,230 (together 530,075: prints 530,1).
EXPENSE = {"Service": "service", "Overførsler": "overfoersler"}
ACCOUNTS = {"service": "1110", "overfoersler": "2050"}
STATUS_TABLES = {
    "service": "økonomisk status service",
    "overfoersler": "økonomisk status overførsler",
}
AREA = "Erhverv, beskæftigelse og integration"
CORRECTED = {"service": 3.345, "overfoersler": 557.040}
VARIANCE_SUM = {"service": -0.500, "overfoersler": -29.810}
SPENT_AS_OF = date(YEAR, 11, 30)


def _spread(printed: list[float], total: float) -> list[float]:
    """Unrounded amounts (mio. kr., whole kroner) near `printed` that sum to `total`, each
    still rounding to its printed value: the difference is shared equally."""
    step = (total - sum(printed)) / len(printed)
    if abs(step) >= 0.05:
        raise ValueError("forskellen kan ikke fordeles inden for afrundingen")
    values = [round((p + step) * MILLION) / MILLION for p in printed]
    values[-1] = round((total - sum(values[:-1])) * MILLION) / MILLION
    return values


def _status(expense_type: str) -> dict[str, float]:
    row = {"service": "Serviceudgifter 1110", "overfoersler": "Overførselsudgifter 2050"}
    table = cells(STATUS_TABLES[expense_type])
    return {column: value for (r, column), value in table.items() if r == row[expense_type]}


def finance(code: int) -> dict[str, pd.DataFrame]:
    """budget_lines, appropriations, expected_variances and spending for 2022."""
    changes = budget_changes(REPORT)
    budget, appropriations, variances, spending = [], [], [], []
    for expense_type in ("service", "overfoersler"):
        status = _status(expense_type)
        original = status["Oprindeligt budget"]
        own = [c for c in changes if EXPENSE[c["expense_type"]] == expense_type]
        granted = [c for c in own if c["change_type"] == "Tillægsbevilling"]
        expected = [c for c in own if c["change_type"] == "Afvigelse"]
        amounts = _spread([c["amount"] for c in granted], CORRECTED[expense_type] - original)
        budget.append((code, YEAR, AREA, expense_type, ACCOUNTS[expense_type], original))
        for change, amount in zip(granted, amounts, strict=True):
            appropriations.append(
                (
                    code,
                    change["date"].isoformat(),
                    "tillaegsbevilling",
                    expense_type,
                    change["topic"],
                    amount,
                    True,
                )
            )
        amounts = _spread([c["amount"] for c in expected], VARIANCE_SUM[expense_type])
        for change, amount in zip(expected, amounts, strict=True):
            variances.append(
                (code, change["date"].isoformat(), expense_type, change["topic"], amount)
            )
        spending.extend(_spending(code, expense_type, status["Forbrug"]))
    frames = {
        "budget_lines": pd.DataFrame(
            budget,
            columns=[
                "municipality",
                "year",
                "appropriation_area",
                "expense_type",
                "account",
                "original_budget_dkk",
            ],
        ),
        "appropriations": pd.DataFrame(
            appropriations,
            columns=[
                "municipality",
                "date",
                "kind",
                "expense_type",
                "topic",
                "amount_dkk",
                "approved",
            ],
        ),
        "expected_variances": pd.DataFrame(
            variances, columns=["municipality", "date", "expense_type", "topic", "amount_dkk"]
        ),
        "spending": pd.DataFrame(
            spending, columns=["municipality", "date", "expense_type", "amount_dkk"]
        ),
    }
    for name, column in (
        ("budget_lines", "original_budget_dkk"),
        ("appropriations", "amount_dkk"),
        ("expected_variances", "amount_dkk"),
        ("spending", "amount_dkk"),
    ):
        frames[name][column] = (frames[name][column] * MILLION).round()
    return frames


def _spending(code: int, expense_type: str, spent: float) -> list[tuple[object, ...]]:
    """Spent to date at the end of each month January–November 2022, rising evenly to the
    published figure (in mio. kr.) at SPENT_AS_OF."""
    months = SPENT_AS_OF.month
    return [
        (code, _month_end(YEAR, m).isoformat(), expense_type, round(spent * m / months, 6))
        for m in range(1, months + 1)
    ]


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
