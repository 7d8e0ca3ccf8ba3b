"""Which jobindsats series fill which appendix row: the mapping, as declared data.

A *rule* says: the measure `measure` (the label as jobindsats gives it) of a table in
`tables` (any table when empty), with exactly the dimensions `dimensions` after totals are
left out, is the value of `measure_name` for the appendix row `row_key` of `table_name`
(`jobtal.domain.target_groups.APPENDIX_TABLES`). Only monthly values are mapped: the appendix
averages months (DOMAIN.md, definition 2).

A dimension value is a *total* when it is `I alt` or `<dimension label> i alt` (e.g.
`Ydelsesgrupper i alt`, `Køn i alt`, `A-kasse i alt`); totals are left out before matching,
so a series broken down by sex or unemployment fund matches at its total. Sub-totals such as
`Virksomhedspraktik i alt` (offer dimension `Tilbud`) are not totals of their dimension.

Where two rules give the same area, row, month and measure, the earlier rule wins.

The tables by target group (`y01a02` dagpenge, ..., `y38a02` uddannelseshjælp) are those of
`../shared/reference/jobindsats/README.md`; activation tables follow the same numbering with
`c01` (the real reply `v3_activation.json` is `y01c01`, activation of dagpenge recipients).
Rows without a rule (e.g. the categories of kontanthjælp) stay empty in `area_series`, and
the appendix then falls back to person-level data or shows them as missing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

FTP = "Antal fuldtidspersoner"
LONG_TERM_FTP = "Antal langtidsledige fuldtidspersoner"
ACTIVATED_FTP = "Antal fuldtidsaktiverede"
OFFER = "Tilbud"
WAGE_SUBSIDY = "Ansættelse med løntilskud i alt"
WORK_PLACEMENT = "Virksomhedspraktik i alt"


@dataclass(frozen=True)
class Rule:
    tables: tuple[str, ...]
    measure: str
    dimensions: Mapping[str, str]
    table_name: str
    row_key: str
    measure_name: str


@dataclass(frozen=True)
class Target:
    """Where a jobindsats value goes in `area_series`."""

    table_name: str
    row_key: str
    measure: str


def _none() -> Mapping[str, str]:
    return MappingProxyType({})


# target-group table -> the appendix rows (target_groups) whose only leaf group it counts.
FTP_TABLES: dict[str, tuple[str, ...]] = {
    "y01a02": ("forsikrede", "forsikrede.dagpenge"),
    "y04a02": ("revalidering.revalidender",),
    "y07a02": ("sygedagpenge",),
    "y08a02": ("fleksjobberettiget.fleksjob",),
    "y09a02": ("fleksjobberettiget.ledighedsydelse",),
    "y10a02": ("foertidspension",),
    "y11a02": ("ressourceforloeb",),
    "y12a02": ("jobafklaringsforloeb",),
    "y35a02": ("shy",),
    "y36a02": ("kh",),
}

# activation table -> the rows of company_offers it fills.
ACTIVATION_TABLES: dict[str, str] = {
    "y01c01": "tilbud.dagpenge",
    "y07c01": "tilbud.sygedagpenge",
    "y09c01": "tilbud.ledighedsydelse",
    "y11c01": "tilbud.ressourceforloeb",
    "y12c01": "tilbud.jobafklaringsforloeb",
    "y35c01": "tilbud.shy",
    "y36c01": "tilbud.kh",
}

RULES: tuple[Rule, ...] = (
    Rule((), LONG_TERM_FTP, _none(), "long_term", "langtid", "ftp"),
    *(
        Rule((table,), FTP, _none(), "target_groups", row, "ftp")
        for table, rows in FTP_TABLES.items()
        for row in rows
    ),
    *(
        Rule((table,), ACTIVATED_FTP, MappingProxyType({OFFER: offer}), "company_offers", row, m)
        for table, row in ACTIVATION_TABLES.items()
        for offer, m in ((WAGE_SUBSIDY, "wage_subsidy_ftp"), (WORK_PLACEMENT, "work_placement_ftp"))
    ),
)


def is_total(dimension: str, value: str) -> bool:
    """Whether a dimension value is the total of its dimension (see the module docstring).

    >>> is_total("Køn", "Køn i alt"), is_total("Tilbud", "Virksomhedspraktik i alt")
    (True, False)
    """
    folded = value.strip().casefold()
    return folded == "i alt" or folded == f"{dimension.strip().casefold()} i alt"


def _core(dimensions: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in dimensions.items() if not is_total(k, v)))


_INDEX: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[int, Rule]]] = {}
for _position, _rule in enumerate(RULES):
    _INDEX.setdefault((_rule.measure, _core(_rule.dimensions)), []).append((_position, _rule))


def targets(table: str, measure: str, dimensions: str) -> list[tuple[int, Target]]:
    """The appendix targets of a jobindsats value, each with its rule's position (priority).
    `dimensions` is the JSON object stored in `jobindsats_series`."""
    core = _core(json.loads(dimensions))
    return [
        (position, Target(rule.table_name, rule.row_key, rule.measure_name))
        for position, rule in _INDEX.get((measure, core), [])
        if not rule.tables or table.lower() in rule.tables
    ]
