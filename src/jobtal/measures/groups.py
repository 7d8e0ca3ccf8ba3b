"""The named sets of leaf groups behind the quarterly report's figures (docs/figures.md).

Each set is a tuple of leaf codes of `jobtal.domain.target_groups.LEAF_GROUPS`, so a figure
over a set always covers the same leaves, whatever the year.
"""

from __future__ import annotations

from jobtal.domain.target_groups import GROSS_UNEMPLOYED_LEAVES, LEAF_GROUPS


def _leaves_of(benefit: str) -> tuple[str, ...]:
    return tuple(leaf.code for leaf in LEAF_GROUPS if leaf.benefit == benefit)


_KH = _leaves_of("kontanthjaelp")
_UDDH = _leaves_of("uddannelseshjaelp")

# Young people on uddannelseshjælp, every category (tables 7 and 8).
YOUTH_BENEFIT: tuple[str, ...] = _UDDH
# Persons in the integration programme: S&H with a category (table 9).
INTEGRATION_PROGRAMME: tuple[str, ...] = (
    "shy_jobparat",
    "shy_aktivitetsparat",
    "shy_aabenlyst_uddannelsesparat",
    "shy_uddannelsesparat",
)
# Activity-ready unemployed: aktivitetsparate on kontanthjælp and ressourceforløb (table 11).
ACTIVITY_READY: tuple[str, ...] = ("kh_aktivitetsparat", "ressourceforloeb")
# The unemployed whose upskilling starts table 5 counts.
UPSKILLING_GROUPS: tuple[str, ...] = ("dagpenge", *_KH, *_UDDH, "ledighedsydelse")
# Gross unemployed (definition 3): the courses of table 6.
GROSS_UNEMPLOYED: tuple[str, ...] = GROSS_UNEMPLOYED_LEAVES
# The rehabilitation groups of figure 5 (definition 12).
REHABILITATION: tuple[str, ...] = (
    "kh_aktivitetsparat",
    "uddh_aktivitetsparat",
    "shy_aktivitetsparat",
    "ressourceforloeb",
    "jobafklaringsforloeb",
    "ledighedsydelse",
)
# Ledighedsrelaterede målgrupper (table 12): the citizens of the unemployment-related teams.
UNEMPLOYMENT_RELATED: tuple[str, ...] = (
    "dagpenge",
    "kh_jobparat",
    "uddh_uddannelsesparat",
    "uddh_aabenlyst_uddannelsesparat",
    "shy_jobparat",
)
# Øvrige målgrupper (table 12): the citizens of the other teams.
OTHER_GROUPS: tuple[str, ...] = (
    "kh_aktivitetsparat",
    "uddh_aktivitetsparat",
    "shy_aktivitetsparat",
    "sygedagpenge",
    "jobafklaringsforloeb",
    "ressourceforloeb",
    "ledighedsydelse",
)
# The groups whose full-time persons share the operating costs (table 13).
UNIT_COST_GROUPS: tuple[str, ...] = (
    "dagpenge",
    *_KH,
    *_UDDH,
    "sygedagpenge",
    "jobafklaringsforloeb",
    "ressourceforloeb",
    "ledighedsydelse",
)

# Offers that count as an upskilling start (table 5, definition 9).
UPSKILLING_OFFERS: tuple[str, ...] = ("opkvalificering", "ordinaer_uddannelse")
# The group category of a team in `staffing` (table 12), with the row label of each.
CASE_CATEGORIES: dict[str, str] = {
    "ledighedsrelateret": "Ledighedsrelaterede målgrupper",
    "oevrige": "Øvrige målgrupper",
}
