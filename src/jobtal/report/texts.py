"""The quarterly report's descriptive Danish texts: what the seed says without figures.

Headings, the committee status, the reading guide, the goals of the employment plan ("(Mål)")
with the sentence of what is measured, descriptions of the tables and the steering model's
three principles. Texts that name the committee, the municipality or years are functions of
them. No text here holds a figure from the data: every such number is a `Fact` of a sentence
built in `jobtal.report.sections`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobtal.formatting import MONTH_NAMES as MONTHS

DEFAULT_COMMITTEE = "Erhvervs-, Beskæftigelses- og Integrationsudvalget"

# Headings, in the seed's order.
H_COMMITTEE_STATUS = "UDVALGSSTATUS"
H_READING_GUIDE = "Læsevejledning"
H_KEY_FIGURES = "NØGLETALSSTATUS"
H_COMPANY_OFFERS = "Virksomhedsrettede tilbud – udvikling i årsgennemsnit"
H_CASH_BENEFIT_CAP = "Status på kontanthjælpsloftet"
H_LONG_TERM = "Udviklingen i langtidsledigheden"
H_PLAN = "Status på beskæftigelsesplanen"
H_STEERING = "STYRINGSMODEL FOR MÅLING AF EFFEKT PÅ INVESTERINGEN"
H_APPENDIX_KEY_FIGURES = "Nøgletal"
H_APPENDIX_BUDGET = "Budgetændringer"


def economic_status_heading(committee: str) -> str:
    return f"ØKONOMISK STATUS – {committee.upper()}"


def report_title(municipality: str, quarter_number: int, year: int) -> str:
    return f"Kvartalsrapportering – {municipality} Kommune, {_QUARTER_WORDS[quarter_number]} {year}"


_QUARTER_WORDS = {1: "første kvartal", 2: "andet kvartal", 3: "tredje kvartal", 4: "fjerde kvartal"}


def quarter_words(quarter_number: int, year: int) -> str:
    """'fjerde kvartal 2022' (the ordinal in words, so a sentence holds no stray number)."""
    return f"{_QUARTER_WORDS[quarter_number]} {year}"


def month_words(code: str) -> str:
    """'2021M04' → 'april 2021'; '2020Q1' → 'første kvartal 2020'; anything else unchanged."""
    if len(code) == 7 and code[4] == "M" and code[:4].isdigit() and code[5:].isdigit():
        return f"{MONTHS[int(code[5:]) - 1]} {code[:4]}"
    if len(code) in (6, 7) and code[4] == "Q" and code[:4].isdigit() and code[5:].isdigit():
        return quarter_words(int(code[5:]), int(code[:4]))
    return code


def committee_status() -> str:
    return (
        "Erhvervs- og Beskæftigelsesområdet varetager opgaven med at hjælpe borgere, der i en "
        "kortere eller længere periode er uden for arbejdsmarkedet, tilbage på arbejdsmarkedet. "
        "Der er tale om håndteringen af borgerens ydelser og den beskæftigelsesrettede indsats, "
        "der kan hjælpe den enkelte tilbage på arbejdsmarkedet. Ydelserne omfatter modtagere af "
        "dagpenge, uddannelseshjælp, kontanthjælp, sygedagpenge, ressourceforløbsydelse, "
        "revalideringsydelse, selvforsørgelses- og hjemrejseydelse, overgangsydelse, senior- og "
        "førtidspension, ledighedsydelse samt borgere i fleksjob."
    )


def reading_guide(committee: str, year: int) -> tuple[str, ...]:
    """The reading guide; `year` is the report's year (compared with the two before)."""
    return (
        f"På de følgende sider gennemgås en række nøgletal under {committee} med henblik på at "
        "vise udviklingen i målgrupperne på området. I tillæg hertil fremgår de sædvanlige "
        "opgørelser i bilag.",
        "Opgørelsen viser antallet af fuldtidspersoner i de forskellige målgrupper opgjort som "
        "årsgennemsnit. Data kommer fra jobindsats.dk, der er Beskæftigelsesministeriets "
        "database på beskæftigelsesområdet.",
        "En fuldtidsperson kan dække over én eller flere personer med en samlet varighed, der "
        "udgør fuld tid inden for den givne måleperiode. Ønsker man f.eks. at opgøre antallet "
        "af fuldtidspersoner på en ydelse inden for en måned (fire uger), vil en person, der har "
        "modtaget ydelse i to uger, tælle som en halv fuldtidsperson i opgørelsen. To personer, "
        "der hver har modtaget ydelsen i to uger i måneden, vil således udgøre én "
        "fuldtidsperson.",
        "Årsgennemsnittet angiver det gennemsnitlige antal fuldtidspersoner i det pågældende år "
        "ud fra de senest tilgængelige data. Årsgennemsnittet er således et gennemsnit af antal "
        "fuldtidspersoner opgjort pr. måned fra januar til december. Dette årsgennemsnit "
        f"sammenlignes med årsgennemsnittet for {year - 1} og {year - 2}.",
    )


def key_figures_intro(municipality: str) -> str:
    return (
        "I figur 1 er der gengivet en oversigt over udviklingen i årsgennemsnit blandt "
        f"arbejdsmarkedets målgrupper i {municipality} Kommune. Her gælder det, at figuren er "
        "en grafisk illustration af målgruppeoversigten i nøgletalsbilaget til dette materiale."
    )


COMPANY_OFFERS_FIGURE = (
    "I figur 2 nedenfor er udviklingen i antal fuldtidsaktiverede gengivet og fordelt på "
    "udvalgte målgrupper."
)


def cash_benefit_cap_intro(municipality: str) -> tuple[str, ...]:
    return (
        "I marts 2016 vedtog Folketinget indførelsen af et nyt kontanthjælpssystem, hvis "
        "hovedelementer omfatter et nyt kontanthjælpsloft, der skal sikre en økonomisk gevinst "
        "ved at gå fra kontanthjælp til arbejde. Kontanthjælpsloftet er et samlet loft for, hvor "
        "meget kontanthjælpsmodtagere, selvforsørgelses- og hjemrejseydelsesmodtagere eller "
        "uddannelseshjælpsmodtagere kan modtage samlet i ydelse, boligstøtte og særlig støtte "
        "(§ 34 til høje boligudgifter). Hvis den samlede hjælp er højere end "
        "kontanthjælpsloftet, vil den særlige støtte og/eller boligstøtte blive sat ned. Selve "
        "forsørgelsesydelsen (selvforsørgelses- og hjemrejseydelse, uddannelses- og "
        "kontanthjælp) bliver ikke berørt.",
        "Det er alene Udbetaling Danmark (UDK), der står for at beregne konsekvenserne af "
        "kontanthjælpsloftet i forhold til udbetaling af særlig støtte og boligstøtte. "
        f"{municipality} Kommune har således ikke selv direkte adgang til data for hvem og hvor "
        "mange borgere, der bliver berørt af kontanthjælpsloftet. I den forbindelse har KL "
        "indgået en aftale med Udbetaling Danmark om løbende at levere statistik til kommunerne "
        "for de borgere, som bliver berørt af kontanthjælpsloftet.",
    )


LONG_TERM_DEFINITION = (
    "De langtidsledige dækker over ledige, der har været ledige i minimum 80 pct. af tiden i "
    "det seneste år."
)
LONG_TERM_FIGURE = (
    "Udviklingen for hhv. dagpengemodtagere og jobparate på kontanthjælp og S&H-ydelse "
    "fremgår af figur 4 nedenfor."
)


@dataclass(frozen=True)
class Goal:
    """A goal of the employment plan: its title ("… (Mål)"), why, and what is measured."""

    title: str
    text: str
    measured: str


@dataclass(frozen=True)
class Theme:
    """One of the employment plan's five themes and its goals, with the section key."""

    key: str
    title: str
    goals: tuple[Goal, ...]


def plan_themes(plan_years: str) -> tuple[Theme, ...]:
    """The five themes of the employment plan (`plan_years` e.g. "2021-2022")."""
    plan = f"Beskæftigelsesplan {plan_years}"
    return (
        Theme(
            "plan_virksomheder",
            "Virksomheder skal have den efterspurgte arbejdskraft",
            (
                Goal(
                    "Indsats over for virksomhederne (Mål)",
                    f"Jobcentret arbejder i {plan_years} fortsat med, at virksomhederne skal "
                    "sikres den nødvendige og kvalificerede arbejdskraft. Jobcentret skal være en "
                    "attraktiv samarbejdspartner, som virksomheder kontakter for at sparre om "
                    "rekruttering, opkvalificering og arbejdsprøvning. I beskæftigelsesplanen "
                    "måles der på:",
                    "At antallet af unikke virksomhedskontakter, der resulterer i et "
                    "virksomhedsrettet tilbud, øges.",
                ),
                Goal(
                    "Ordinære job (Mål)",
                    "I forlængelse af ovenstående måles der på:",
                    "At antallet af rekrutteringsanmodninger, der afsluttes til ordinære job, "
                    "øges.",
                ),
            ),
        ),
        Theme(
            "plan_opkvalificering",
            "Ledige skal opkvalificeres",
            (
                Goal(
                    "Brug af opkvalificeringstilbud (Mål)",
                    f"{plan} indeholder en målsætning om, at flere ledige bliver opkvalificeret "
                    "eller uddanner sig til beskæftigelse inden for mangelområder. På den "
                    "baggrund måles der på:",
                    "At der er progression i antallet af borgere, der gør brug af et "
                    "opkvalificeringstilbud.",
                ),
                Goal(
                    "Ordinær uddannelse (Mål)",
                    f"{plan} indeholder en målsætning om, at der skal være øget fokus på "
                    "anvendelsen af ordinær uddannelse, herunder voksenlærlingeordningen. På den "
                    "baggrund måles vi på, at vi har:",
                    "Progression i antallet af ledige, der starter i ordinær uddannelse.",
                ),
            ),
        ),
        Theme(
            "plan_unge",
            "Unge skal i arbejde eller uddannelse",
            (
                Goal(
                    "Fastholdelse i uddannelse (Mål)",
                    f"{plan} indeholder en målsætning om, at flere unge fastholdes i og "
                    "gennemfører deres uddannelse. På den baggrund vil vi måle på, om vi:",
                    "Får færre unge, der inden for et år afbryder deres uddannelse og igen "
                    "bliver tilknyttet ungecentret.",
                ),
                Goal(
                    "Andel unge i virksomhedsrettet tilbud (Mål)",
                    "I ungeindsatsen anvendes bl.a. målrettede virksomhedsrettede indsatser med "
                    "henblik på, at de unge kan prøve sig af i forskellige erhverv og brancher "
                    "som led i at vælge uddannelse eller beskæftigelse. På den baggrund måles der "
                    "på, at vi:",
                    "Øger andelen af unge, der starter i virksomhedsrettet tilbud "
                    "(virksomhedspraktik, job med løntilskud eller lønnede timer).",
                ),
            ),
        ),
        Theme(
            "plan_flygtninge",
            "Flygtninge og familiesammenførte skal være selvforsørgende",
            (
                Goal(
                    "Ordinære løntimer (Mål)",
                    f"{plan} indeholder en målsætning om at styrke samarbejdet med større "
                    "virksomheder, der via målrettede beskæftigelsestilbud som "
                    "virksomhedspraktik og job med løntilskud, lønnede timer samt "
                    "opkvalificering kan være med til at sikre, at flere bliver "
                    "selvforsørgende. På den baggrund måles der på, at vi:",
                    "Øger andelen af flygtninge og familiesammenførte, der får lønnede timer.",
                ),
                Goal(
                    "Beskæftigelse (Måling fra jobindsats.dk)",
                    "I forlængelse af ovenstående målsætning måles der yderligere på, at vi:",
                    "Øger andelen af flygtninge og familiesammenførte, der kommer i beskæftigelse.",
                ),
            ),
        ),
        Theme(
            "plan_handicap",
            "Borgere med handicap og funktionsnedsættelse skal i arbejde",
            (
                Goal(
                    "Ordinære løntimer (Mål)",
                    f"{plan} indeholder en målsætning om, at flere borgere med handicap, "
                    "funktionsnedsættelse eller udfordringer ud over ledighed kommer hurtigere "
                    "i arbejde. Disse borgere skal hjælpes ind på arbejdsmarkedet blandt andet "
                    "ved et samarbejde med erhvervslivet om partnerskaber og virksomhedsrettede "
                    "indsatser med sigte på, at borgerne opnår flere og flere lønnede timer og "
                    "på sigt bliver selvforsørgende. På den baggrund måles der på, at vi:",
                    "Øger andelen af borgere, der opnår lønnede timer.",
                ),
                Goal(
                    "Varighed (Mål)",
                    "I forlængelse af ovenstående målsætning måles der yderligere på, at vi:",
                    "Forkorter varigheden på offentlig forsørgelse for borgere i den "
                    "rehabiliterende indsats.",
                ),
            ),
        ),
    )


def table_3_description(years: str) -> str:
    return (
        "Tabel 3 viser antal unikke virksomheder, der er blevet kontaktet minimum én gang i "
        f"løbet af {years} – herunder hvor stor en andel af de kontaktede virksomheder, der "
        "inden for måleperioden har etableret minimum et virksomhedsrettet tilbud "
        "(virksomhedspraktik og/eller løntilskud)."
    )


def table_4_description(years: str) -> str:
    return (
        "Tabel 4 viser antal oprettede og afsluttede rekrutteringsanmodninger fra virksomheder "
        f"i hhv. {years}."
    )


OTHER_CLOSE_REASON = (
    "”Anden lukningsårsag” dækker bl.a. over, at virksomheden af forskellige årsager "
    "efterfølgende har fortrudt rekrutteringsanmodningen, eller at der har været manglende "
    "tilbagemelding fra virksomheden."
)

TABLE_5_DESCRIPTION = (
    "Tabel 5 viser det gennemsnitlige antal ledige borgere på dagpenge, kontanthjælp, "
    "uddannelseshjælp og ledighedsydelse, der månedligt har påbegyndt et "
    "opkvalificeringsforløb. Opkvalificeringsforløb omfatter bl.a. ordinær uddannelse samt "
    "jobrettet uddannelse."
)
TABLE_6_DESCRIPTION = (
    "Tabel 6 viser antal dagpengemodtagere, jobparate kontanthjælpsmodtagere, "
    "uddannelsesparate på uddannelseshjælp, job- og uddannelsesparate på selvforsørgelses- og "
    "hjemrejseydelse samt overgangsydelse, der i den pågældende periode har afsluttet et "
    "ledighedsforløb og en måned efter afsluttet ydelsesforløb (fire uger) er i ordinær "
    "uddannelse. ”Uddannelse” omfatter modtagere af SU og lærlinge under tredive år."
)
YOUTH_DROPOUT_NO_DATA = (
    "Det er ikke muligt at trække data på målepunktet. Det vil kræve en manuel gennemgang af "
    "sager for at afklare, om unge, der er startet i uddannelse, afbryder uddannelsen og igen "
    "tilknyttes ungecentret."
)
TABLE_7_DESCRIPTION = (
    "Tabel 7 viser antal unge på uddannelseshjælp, der i måleperioden har haft minimum en "
    "måned, hvor de både har modtaget uddannelseshjælp og løn for ordinær beskæftigelse i "
    "større eller mindre omfang."
)
TABLE_8_DESCRIPTION = (
    "Tabel 8 viser antal unge på uddannelseshjælp, der i måleperioden minimum én gang har "
    "været i løntilskud eller virksomhedspraktik. En person, der har været aktiveret flere "
    "gange inden for den valgte periode (fx et år), tæller således kun med én gang i "
    "opgørelsen."
)
TABLE_9_DESCRIPTION = (
    "Tabel 9 viser andelen af flygtninge og familiesammenførte omfattet af "
    "integrationsprogrammet, der i måleperioden har haft minimum en måned, hvor de både har "
    "modtaget selvforsørgelses- og hjemrejseydelse og løn for ordinær beskæftigelse i større "
    "eller mindre omfang."
)


def table_10_description(municipality: str) -> tuple[str, ...]:
    return (
        "Tabel 10 viser ustøttet lønmodtagerbeskæftigelse for flygtninge og "
        "familiesammenførte opgjort som årsgennemsnit.",
        "Tallene stammer fra Beskæftigelsesministeriets database på beskæftigelsesområdet – "
        "jobindsats.dk – og måler på samtlige 18-66-årige flygtninge og familiesammenførte til "
        "flygtninge, der har fået et opholdsgrundlag (førstegangsafgørelse) som flygtning og "
        "familiesammenført til flygtning fra 2004 og fremefter, og som har bopæl i "
        f"{municipality} i måleperioden.",
    )


TABLE_11_DESCRIPTION = (
    "Tabel 11 viser antal aktivitetsparate kontanthjælpsmodtagere og personer i "
    "ressourceforløb, der i måleperioden har haft minimum en måned, hvor de både har modtaget "
    "forsørgelsesydelse (kontanthjælp eller ressourceforløbsydelse) og løn for ordinær "
    "beskæftigelse i større eller mindre omfang."
)
FIGURE_5_DESCRIPTION = (
    "Nedenstående figur 5 viser udviklingen i den gennemsnitlige varighed (antal uger) pr. "
    "sagsforløb. Den gennemsnitlige varighed omfatter følgende målgrupper: Aktivitetsparate på "
    "kontanthjælp, uddannelseshjælp, selvforsørgelses- og hjemrejseydelse samt "
    "overgangsydelse, borgere i ressource- og jobafklaringsforløb og borgere på "
    "ledighedsydelse. Data kommer fra kommunens eget ledelsesinformationssystem."
)


def steering_intro(area: str) -> tuple[str, ...]:
    return (
        f"{area} får via investeringsbeholdningen tilført midler til en styrket "
        "beskæftigelsesrettet indsats i investeringsperioden. Investeringen forudsættes "
        "tilbagebetalt via besparelser på forsørgelses- og aktiveringsydelserne.",
        "I samarbejde med Økonomi er der udarbejdet en styringsmodel, der skal sikre det "
        "nødvendige overblik, samt at indsatsen har den ønskede effekt. Styringsmodellen bygger "
        "på følgende tre principper:",
    )


STEERING_PRINCIPLES: tuple[tuple[str, str], ...] = (
    (
        "Udviklingen i det gennemsnitlige sagsantal pr. medarbejder",
        "Færre sager pr. medarbejder skal sikre en tæt håndholdt indsats med et tidligt "
        "virksomhedsrettet fokus og den opfølgning, det kræver for at holde borgeren på rette "
        "vej.",
    ),
    (
        "Enhedsomkostningerne pr. ledig",
        "Enhedsudgifterne pr. ledig skal falde ved at intensivere den virksomhedsrettede indsats "
        "samt hjemtage/omlægge brugen af eksterne tilbud, der understøtter den "
        "virksomhedsrettede strategi.",
    ),
    (
        "Den gennemsnitlige varighed på offentlig forsørgelse",
        "Den styrkede beskæftigelsesindsats skal resultere i, at ledige borgere kommer hurtigere "
        "tilbage på arbejdsmarkedet, hvilket kan aflæses i en lavere gennemsnitlig varighed på "
        "offentlig forsørgelse.",
    ),
)
STEERING_FOLLOW_UP = "Der bliver fulgt op på målingerne to gange om året."

TABLE_12_GROUPS = (
    "Det gennemsnitlige antal sager pr. årsværk er opgjort for de ledighedsrelaterede "
    "målgrupper og øvrige målgrupper.",
    "De ledighedsrelaterede målgrupper omfatter målgrupper, der umiddelbart står til rådighed "
    "for arbejdsmarkedet og derfor skal have en beskæftigelsesrettet indsats. Det drejer sig "
    "om gruppen af forsikrede ledige, jobparate kontant- og uddannelseshjælpsmodtagere samt "
    "jobparate modtagere af selvforsørgelses- og hjemrejseydelse.",
    "Øvrige målgrupper omfatter borgere, der har problemer ud over ledighed, og derfor som "
    "udgangspunkt skal have en rehabiliterende indsats. Det drejer sig om aktivitetsparate "
    "borgere på kontanthjælp, uddannelseshjælp eller selvforsørgelses- og hjemrejseydelse samt "
    "sygedagpengemodtagere, borgere i jobafklaring, borgere i ressourceforløb og borgere på "
    "ledighedsydelse.",
)


def table_12_description(base: str, current: str) -> str:
    return (
        "Tabel 12 viser gns. antal sager i kvartalet, antal årsværk og gennemsnitligt antal "
        f"sager pr. årsværk i hhv. {base} og {current}."
    )


TABLE_13_DESCRIPTION = (
    "Tabel 13 viser udviklingen i den gennemsnitlige omkostning pr. fuldtidsperson (FTP) på "
    "tværs af målgrupper i basisåret sammenlignet med den gennemsnitlige omkostning pr. "
    "fuldtidsperson (FTP) i rapportåret. Omkostninger pr. FTP omfatter driftsudgifter til "
    "vejledning og opkvalificering, ordinær uddannelse samt mentorudgifter.",
    "Gennemsnitsberegningen er baseret på de faktiske driftsudgifter for den samlede gruppe af "
    "dagpengemodtagere, kontant- og uddannelseshjælpsmodtagere, sygedagpengemodtagere, borgere "
    "i jobafklarings- og ressourceforløb samt borgere på ledighedsydelse divideret med det "
    "årsgennemsnitlige antal fuldtidspersoner for målgrupperne samlet.",
)

BUDGET_DESCRIPTION = (
    "Oversigten angiver årets vedtagne ændringer og forventede afvigelser til det oprindelige "
    "budget under det enkelte bevillingsområde. Datoangivelsen for tillægsbevillinger og "
    "tekniske omplaceringer er fastsat efter den dag, de er godkendt. Beløb angivet i "
    "millioner; negative tal forbedrer økonomien, positive forværrer den."
)
KEY_FIGURES_APPENDIX_DESCRIPTION = (
    "Opgørelsen viser antallet af fuldtidspersoner fordelt på Lov om aktiv "
    "beskæftigelsesindsats' målgrupper samt de underliggende visitationskategorier. "
    "Årsgennemsnitstallene angiver det gennemsnitlige antal fuldtidspersoner i det pågældende "
    "år ud fra de senest tilgængelige data, samt den procentvise udvikling mellem de respektive "
    "årsgennemsnit. Landsandelen angiver kommunens andel af det samlede årsgennemsnit for hele "
    "landet i procent."
)


def no_data(what: str) -> str:
    """The sentence that stands where a section's data are missing."""
    return f"Der er ingen data til {what} for denne kommune og periode."


# -- the appendix Nøgletal as report tables ------------------------------------------------------

# The report table of each appendix table, and the printed column label of each measure.
APPENDIX_REPORT_TABLES: dict[str, str] = {
    "target_groups": "nøgletal målgrupper",
    "long_term": "nøgletal langtidsledige",
    "company_offers": "nøgletal virksomhedsrettede tilbud",
    "activation_share": "nøgletal aktiveringsandel",
}
APPENDIX_COLUMN_PREFIXES: dict[str, str] = {
    "ftp": "Årsgennemsnit",
    "national_share_pct": "Landsandel",
    "wage_subsidy_ftp": "Løntilskud",
    "work_placement_ftp": "Virksomhedspraktik",
    "activated_ftp": "Antal løntilskud og virksomhedspraktik",
    "activated_share_pct": "Andel i pct. af alle FTP",
    "change_pct": "Udvikling i procent",
    "change_pp": "Udvikling i procentpoint",
}
APPENDIX_CHANGE_MEASURES = frozenset({"change_pct", "change_pp"})
APPENDIX_CHILD_PREFIX = "- "


def appendix_column(measure: str, year: int) -> str:
    """The printed column of a measure and year: 'Årsgennemsnit 2022', 'Udvikling i procent
    2021/2022' (a change is headed by the two years it compares)."""
    prefix = APPENDIX_COLUMN_PREFIXES[measure]
    return (
        f"{prefix} {year - 1}/{year}" if measure in APPENDIX_CHANGE_MEASURES else f"{prefix} {year}"
    )


def appendix_row_label(label: str, parent: str | None) -> str:
    """A row label as the appendix prints it: a subgroup with a leading dash."""
    return label if parent is None else APPENDIX_CHILD_PREFIX + label


def parse_appendix_column(column: str) -> tuple[int, str]:
    """(year, measure) of a printed appendix column (the inverse of `appendix_column`);
    ValueError for another label."""
    for measure, prefix in APPENDIX_COLUMN_PREFIXES.items():
        if column.startswith(prefix + " "):
            years = column[len(prefix) + 1 :]
            last = years.rsplit("/", 1)[-1]
            if last.isdigit() and column == appendix_column(measure, int(last)):
                return int(last), measure
    raise ValueError(f"ukendt kolonne i bilaget Nøgletal: {column!r}")
