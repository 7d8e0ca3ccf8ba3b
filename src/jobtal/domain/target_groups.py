"""Target groups (målgrupper) under the Active Employment Act and the rows of the appendix.

A *benefit* is what a person receives (dagpenge, kontanthjælp, ...); with the *category*
(visitationskategori) it determines exactly one *leaf group*. Every row of the appendix
*Nøgletal* is a set of leaf groups, so totals are always sums of the same leaves and can
never include a group one year and leave it out the next.

The row labels are the Danish labels as printed in the source meeting packet.
"""

from __future__ import annotations

from dataclasses import dataclass

# Benefit codes accepted by the importers, with their Danish names.
BENEFITS: dict[str, str] = {
    "dagpenge": "Dagpenge",
    "kontanthjaelp": "Kontanthjælp",
    "uddannelseshjaelp": "Uddannelseshjælp",
    "shy": "Selvforsørgelses- og hjemrejseydelse samt overgangsydelse",
    "revalidering": "Revalidering",
    "forrevalidering": "Forrevalidering",
    "sygedagpenge": "Sygedagpenge",
    "seniorpension": "Seniorpension",
    "foertidspension": "Førtidspension",
    "fleksjob": "Fleksjob",
    "ledighedsydelse": "Ledighedsydelse",
    "ressourceforloeb": "Ressourceforløb",
    "jobafklaringsforloeb": "Jobafklaringsforløb",
}

# Categories (visitationskategorier); the empty string means "no category".
CATEGORIES: dict[str, str] = {
    "jobparat": "Jobparat",
    "aktivitetsparat": "Aktivitetsparat",
    "uddannelsesparat": "Uddannelsesparat",
    "aabenlyst_uddannelsesparat": "Åbenlyst uddannelsesparat",
}

# Activation offer codes accepted by the importers.
OFFERS: dict[str, str] = {
    "loentilskud": "Løntilskud",
    "virksomhedspraktik": "Virksomhedspraktik",
    "opkvalificering": "Vejledning og opkvalificering",
    "ordinaer_uddannelse": "Ordinær uddannelse",
    "mentor": "Mentor",
    "smaajob": "Småjob",
}

# Company-directed offers (virksomhedsrettede tilbud), definition 4 of DOMAIN.md.
COMPANY_OFFERS: tuple[str, ...] = ("loentilskud", "virksomhedspraktik")

# Offers that count as "in an active offer" for the 80 % rule of long-term unemployment
# (definition 3). Mentor support and småjob are not offers under the Act, so they do not count.
ACTIVE_OFFERS: tuple[str, ...] = (
    "loentilskud",
    "virksomhedspraktik",
    "opkvalificering",
    "ordinaer_uddannelse",
)


@dataclass(frozen=True)
class LeafGroup:
    """The finest target group: one benefit with one category ("" = none)."""

    code: str
    benefit: str
    category: str
    label: str


LEAF_GROUPS: tuple[LeafGroup, ...] = (
    LeafGroup("dagpenge", "dagpenge", "", "Dagpengemodtagere"),
    LeafGroup("kh_jobparat", "kontanthjaelp", "jobparat", "Kontanthjælp, jobparate"),
    LeafGroup(
        "kh_aktivitetsparat", "kontanthjaelp", "aktivitetsparat", "Kontanthjælp, aktivitetsparate"
    ),
    LeafGroup("shy_jobparat", "shy", "jobparat", "S&H, jobparate"),
    LeafGroup("shy_aktivitetsparat", "shy", "aktivitetsparat", "S&H, aktivitetsparate"),
    LeafGroup(
        "shy_aabenlyst_uddannelsesparat",
        "shy",
        "aabenlyst_uddannelsesparat",
        "S&H, åbenlyst uddannelsesparate",
    ),
    LeafGroup("shy_uddannelsesparat", "shy", "uddannelsesparat", "S&H, uddannelsesparate"),
    LeafGroup("shy_oevrige", "shy", "", "S&H, øvrige"),
    LeafGroup("revalidering", "revalidering", "", "Revalidender"),
    LeafGroup("forrevalidering", "forrevalidering", "", "Forrevalidender"),
    LeafGroup("sygedagpenge", "sygedagpenge", "", "Sygedagpenge"),
    LeafGroup("seniorpension", "seniorpension", "", "Seniorpension"),
    LeafGroup("foertidspension", "foertidspension", "", "Førtidspension"),
    LeafGroup("fleksjob", "fleksjob", "", "Fleksjob"),
    LeafGroup("ledighedsydelse", "ledighedsydelse", "", "Ledighedsydelse"),
    LeafGroup("ressourceforloeb", "ressourceforloeb", "", "Ressourceforløb"),
    LeafGroup("jobafklaringsforloeb", "jobafklaringsforloeb", "", "Jobafklaringsforløb"),
    LeafGroup(
        "uddh_aabenlyst_uddannelsesparat",
        "uddannelseshjaelp",
        "aabenlyst_uddannelsesparat",
        "Uddannelseshjælp, åbenlyst uddannelsesparate",
    ),
    LeafGroup(
        "uddh_uddannelsesparat",
        "uddannelseshjaelp",
        "uddannelsesparat",
        "Uddannelseshjælp, uddannelsesparate",
    ),
    LeafGroup(
        "uddh_aktivitetsparat",
        "uddannelseshjaelp",
        "aktivitetsparat",
        "Uddannelseshjælp, aktivitetsparate",
    ),
)

LEAF_BY_CODE: dict[str, LeafGroup] = {leaf.code: leaf for leaf in LEAF_GROUPS}
# Every allowed (benefit, category) pair and its leaf group. Dagpenge recipients are jobparat
# by definition, so both an empty category and "jobparat" are accepted for them.
GROUP_OF: dict[tuple[str, str], str] = {
    **{(g.benefit, g.category): g.code for g in LEAF_GROUPS},
    ("dagpenge", "jobparat"): "dagpenge",
}


def leaf_group(benefit: str, category: str) -> str | None:
    """The leaf group of a benefit and category, or None if the combination is not allowed.

    >>> leaf_group("shy", "")
    'shy_oevrige'
    >>> leaf_group("kontanthjaelp", "") is None
    True
    """
    return GROUP_OF.get((benefit, category))


def allowed_categories(benefit: str) -> tuple[str, ...]:
    """The categories allowed with a benefit ("" = no category)."""
    return tuple(category for (b, category) in GROUP_OF if b == benefit)


DAGPENGE_LEAVES: tuple[str, ...] = ("dagpenge",)

# Gross unemployed (bruttoledige), definition 3: dagpenge; jobparat kontanthjælp; åbenlyst
# uddannelsesparat uddannelseshjælp; jobparat selvforsørgelses- og hjemrejseydelse.
GROSS_UNEMPLOYED_LEAVES: tuple[str, ...] = (
    *DAGPENGE_LEAVES,
    "kh_jobparat",
    "uddh_aabenlyst_uddannelsesparat",
    "shy_jobparat",
)

# Default priority when spells of one person overlap: the first benefit in this list wins the
# day (DOMAIN.md, definition 1). Forrevalidering ranks with revalidering.
DEFAULT_BENEFIT_PRIORITY: tuple[str, ...] = (
    "foertidspension",
    "seniorpension",
    "fleksjob",
    "ledighedsydelse",
    "ressourceforloeb",
    "jobafklaringsforloeb",
    "sygedagpenge",
    "revalidering",
    "forrevalidering",
    "dagpenge",
    "kontanthjaelp",
    "uddannelseshjaelp",
    "shy",
)


@dataclass(frozen=True)
class Row:
    """One row of an appendix table: its Danish label, its parent's label, its leaf groups."""

    key: str
    label: str
    parent: str | None
    leaves: tuple[str, ...]


def _leaves_of(*benefits: str) -> tuple[str, ...]:
    return tuple(g.code for g in LEAF_GROUPS if g.benefit in benefits)


_KH = _leaves_of("kontanthjaelp")
_SHY = _leaves_of("shy")
_UDDH = ("uddh_aabenlyst_uddannelsesparat", "uddh_uddannelsesparat")
_ALL = tuple(g.code for g in LEAF_GROUPS)

FORSIKREDE = "Forsikrede ledige"
KONTANTHJAELP = "Kontanthjælp"
SHY = "Selvforsørgelse- og hjemrejseydelse samt overgangsydelse"
REVALIDERING = "Revalidering"
FLEKSJOBBERETTIGET = "Fleksjobberettiget"
UDDANNELSESHJAELP = "Uddannelseshjælp"

# Målgruppeoversigt: every row and sub-row of the seed's appendix, in its order.
TARGET_GROUP_ROWS: tuple[Row, ...] = (
    Row("forsikrede", FORSIKREDE, None, DAGPENGE_LEAVES),
    Row("forsikrede.dagpenge", "Dagpengemodtagere", FORSIKREDE, DAGPENGE_LEAVES),
    Row("kh", KONTANTHJAELP, None, _KH),
    Row("kh.jobparat", "Jobparate", KONTANTHJAELP, ("kh_jobparat",)),
    Row("kh.aktivitetsparat", "Aktivitetsparate", KONTANTHJAELP, ("kh_aktivitetsparat",)),
    Row("shy", SHY, None, _SHY),
    Row("shy.jobparat", "Jobparate (integrationsprogram)", SHY, ("shy_jobparat",)),
    Row(
        "shy.aktivitetsparat",
        "Aktivitetsparate (integrationsprogram)",
        SHY,
        ("shy_aktivitetsparat",),
    ),
    Row(
        "shy.aabenlyst_uddannelsesparat",
        "Åbenlyst Uddannelsesparate (integrationsprogram)",
        SHY,
        ("shy_aabenlyst_uddannelsesparat",),
    ),
    Row(
        "shy.uddannelsesparat",
        "Uddannelsesparate (integrationsprogram)",
        SHY,
        ("shy_uddannelsesparat",),
    ),
    Row("shy.oevrige", "Øvrige", SHY, ("shy_oevrige",)),
    Row("revalidering", REVALIDERING, None, ("revalidering", "forrevalidering")),
    Row("revalidering.revalidender", "Revalidender", REVALIDERING, ("revalidering",)),
    Row("revalidering.forrevalidender", "Forrevalidender", REVALIDERING, ("forrevalidering",)),
    Row("sygedagpenge", "Sygedagpenge", None, ("sygedagpenge",)),
    Row("seniorpension", "Seniorpension", None, ("seniorpension",)),
    Row("foertidspension", "Førtidspension", None, ("foertidspension",)),
    Row("fleksjobberettiget", FLEKSJOBBERETTIGET, None, ("fleksjob", "ledighedsydelse")),
    Row("fleksjobberettiget.fleksjob", "Fleksjob", FLEKSJOBBERETTIGET, ("fleksjob",)),
    Row(
        "fleksjobberettiget.ledighedsydelse",
        "Ledighedsydelse",
        FLEKSJOBBERETTIGET,
        ("ledighedsydelse",),
    ),
    Row("ressourceforloeb", "Ressourceforløb", None, ("ressourceforloeb",)),
    Row("uddh", UDDANNELSESHJAELP, None, _UDDH),
    Row(
        "uddh.aabenlyst_uddannelsesparat",
        "Åbenlyst Uddannelsesparate",
        UDDANNELSESHJAELP,
        ("uddh_aabenlyst_uddannelsesparat",),
    ),
    Row(
        "uddh.uddannelsesparat",
        "Uddannelsesparate",
        UDDANNELSESHJAELP,
        ("uddh_uddannelsesparat",),
    ),
    Row(
        "uddh_aktivitetsparat",
        "Uddannelseshjælp (aktivitetsparate)",
        None,
        ("uddh_aktivitetsparat",),
    ),
    Row("jobafklaringsforloeb", "Jobafklaringsforløb", None, ("jobafklaringsforloeb",)),
    Row("i_alt", "I alt", None, _ALL),
)

LONG_TERM_TOTAL = "Langtidsledigheden"

# Langtidsledige: the long-term unemployed among the gross unemployed (definition 3).
LONG_TERM_ROWS: tuple[Row, ...] = (
    Row("langtid", LONG_TERM_TOTAL, None, GROSS_UNEMPLOYED_LEAVES),
    Row("langtid.dagpenge", "Dagpengemodtagere", LONG_TERM_TOTAL, DAGPENGE_LEAVES),
    Row(
        "langtid.kh_shy",
        "Kontanthjælp og selvforsørgelse- og hjemrejseydelse",
        LONG_TERM_TOTAL,
        ("kh_jobparat", "uddh_aabenlyst_uddannelsesparat", "shy_jobparat"),
    ),
)


def _offer_rows(prefix: str, total_label: str) -> tuple[Row, ...]:
    """Rows of the two tables on company-directed offers, which share their groups."""
    children = (
        ("dagpenge", "Dagpengemodtagere", DAGPENGE_LEAVES),
        ("kh", KONTANTHJAELP, _KH),
        ("shy", SHY, _SHY),
        ("uddh", UDDANNELSESHJAELP, (*_UDDH, "uddh_aktivitetsparat")),
        ("sygedagpenge", "Sygedagpenge", ("sygedagpenge",)),
        ("ledighedsydelse", "Ledighedsydelse", ("ledighedsydelse",)),
        ("ressourceforloeb", "Ressourceforløb", ("ressourceforloeb",)),
        ("jobafklaringsforloeb", "Jobafklaringsforløb", ("jobafklaringsforloeb",)),
    )
    all_leaves = tuple(leaf for _, _, leaves in children for leaf in leaves)
    rows = [Row(prefix, total_label, None, all_leaves)]
    rows += [Row(f"{prefix}.{key}", label, total_label, leaves) for key, label, leaves in children]
    return tuple(rows)


# Virksomhedsrettet tilbud (løntilskud and virksomhedspraktik) by target group.
COMPANY_OFFER_ROWS: tuple[Row, ...] = _offer_rows(
    "tilbud", "Virksomhedsrettet tilbud fordelt på målgrupper"
)

# Andel fuldtidsaktiverede: full-time activated as a share of the group's full-time persons.
ACTIVATION_SHARE_ROWS: tuple[Row, ...] = _offer_rows(
    "andel", "Andel fuldtidspersoner i virksomhedsrettet tilbud"
)

# The four tables of the appendix, by the name used in the JSON contract.
APPENDIX_TABLES: dict[str, tuple[Row, ...]] = {
    "target_groups": TARGET_GROUP_ROWS,
    "long_term": LONG_TERM_ROWS,
    "company_offers": COMPANY_OFFER_ROWS,
    "activation_share": ACTIVATION_SHARE_ROWS,
}

# The measures of each table, by the names used in the JSON contract.
APPENDIX_MEASURES: dict[str, tuple[str, ...]] = {
    "target_groups": ("ftp", "national_share_pct", "change_pct"),
    "long_term": ("ftp", "national_share_pct", "change_pct"),
    "company_offers": ("wage_subsidy_ftp", "work_placement_ftp", "change_pct"),
    "activation_share": ("activated_ftp", "activated_share_pct", "change_pp"),
}

# The decimals each measure is printed with in the appendix (a published value with fewer
# decimals, e.g. "0,0" for a share, still stands for a value rounded to these).
MEASURE_DECIMALS: dict[str, int] = {
    "ftp": 0,
    "national_share_pct": 2,
    "change_pct": 1,
    "wage_subsidy_ftp": 0,
    "work_placement_ftp": 0,
    "activated_ftp": 0,
    "activated_share_pct": 1,
    "change_pp": 1,
}
