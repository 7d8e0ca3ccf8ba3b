"""The tables of a published quarterly report, built from its transcription.

`published_tables("gentofte-2023-02")` turns `report_tables.csv` of the transcribed seed
(`jobtal/published/data/<name>/`) into `ReportTable`s: rows and columns in printed order,
decimals as printed, units as transcribed, and `mio_kr` values converted from millions to
kroner (a `Cell.value` in `mio_kr` is always kroner). Captions and source lines are those
printed in the seed.

The chart tables are built from what the seed prints, not from what its charts show (the
extracted text has no chart data): `figur 1` (annual averages of the top target groups) and
`figur 2` (annual full-time activated per group) from the appendix *Nøgletal*; `figur 4`
(long-term unemployed) and `figur 5` (duration per case) from the points the seed's sentences
state, each marked with a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jobtal import published
from jobtal.published import AppendixRow
from jobtal.published.tables import ReportCell, report_tables
from jobtal.report.model import Cell, ReportTable
from jobtal.report.tables import ORDER

MILLION = 1_000_000

JOBINDSATS = "Kilde: Jobindsats.dk"
JOBINDSATS_OWN = "Kilde: Jobindsats.dk og egne beregninger"
OWN_SYSTEM = "Kilde: Kommunens eget ledelsesinformationssystem"

# Caption, source line and row header of each table as printed in the seed.
SEED_CAPTIONS: dict[str, tuple[str, str, str]] = {
    "økonomisk status service": ("Økonomisk status: serviceudgifter (i mio. kr.)", "", ""),
    "afvigelsesforklaring service": ("Afvigelsesforklaring: serviceudgifter", "", ""),
    "økonomisk status overførsler": (
        "Økonomisk status: overførselsudgifter (i mio. kr.)",
        "",
        "",
    ),
    "afvigelsesforklaring overførsler": ("Afvigelsesforklaring: overførselsudgifter", "", ""),
    "tabel 1": (
        "Tabel 1. Antal borgere berørt af kontanthjælpsloftet, januar 2017- september 2022 "
        "(månedsvis opgørelse)",
        "",
        "Måned",
    ),
    "tabel 2": ("Tabel 2. Langtidsledige dagpengemodtagere", JOBINDSATS, ""),
    "tabel 3": ("Tabel 3. Kontaktede virksomheder med oprettet tilbud", OWN_SYSTEM, ""),
    "tabel 4": ("Tabel 4. Status på rekrutteringsanmodninger", "", "Rekrutteringsanmodninger"),
    "tabel 5": (
        "Tabel 5. Opkvalificeringsforløb",
        JOBINDSATS_OWN,
        "Påbegyndte opkvalificeringsforløb",
    ),
    "tabel 6": (
        "Tabel 6. Antal personer i ordinær uddannelse 1 mdr. efter afsluttet ledighedsforløb",
        JOBINDSATS_OWN,
        "",
    ),
    "tabel 7": ("Tabel 7. Ordinære lønnede timer", JOBINDSATS_OWN, "Unge på uddannelseshjælp"),
    "tabel 8": ("Tabel 8. Virksomhedsrettede tilbud", JOBINDSATS_OWN, "Unge på uddannelseshjælp"),
    "tabel 9": (
        "Tabel 9. Ordinære lønnede timer",
        JOBINDSATS_OWN,
        "Personer omfattet af integrationsprogrammet",
    ),
    "tabel 10": (
        "Tabel 10. Flygtninge og familiesammenførte (årsgennemsnit)",
        JOBINDSATS,
        "Årsgennemsnit",
    ),
    "tabel 11": ("Tabel 11. Ordinære lønnede timer", JOBINDSATS_OWN, "Aktivitetsparate ledige"),
    "tabel 12": (
        "Tabel 12. Gennemsnitligt antal sager pr. årsværk",
        "Kilde: Sagsantal er opgjort på baggrund af data fra jobindsats.dk",
        "Målgrupper",
    ),
    "tabel 13": (
        "Tabel 13. Omkostninger pr. fuldtidsperson (FTP)",
        "Kilde: Jobindsats.dk og kommunens økonomisystem.",
        "",
    ),
    "budgetændringer": (
        "Budgetændringer – Erhvervs-, Beskæftigelses- og Integrationsudvalget",
        "",
        "",
    ),
}

SEED_NOTES: dict[str, tuple[str, ...]] = {
    "tabel 5": ("* År-til-dato er for perioden januar-april i hhv. 2019, 2020 og 2021",),
    "tabel 7": ("År-til-dato er for januar-oktober måned.",),
    "tabel 9": ("* År-til-dato er for januar-oktober måned.",),
    "tabel 11": ("* År-til-dato er for januar-oktober måned.",),
    "budgetændringer": (
        "Beløb angivet i millioner – negative tal forbedrer økonomien, positive forværrer den.",
    ),
}

# The chart tables' captions (the seed's charts are pictures; these say what they show).
FIGURE_TITLES: dict[str, str] = {
    "figur 1": "Figur 1. Fuldtidspersoner i arbejdsmarkedets målgrupper (årsgennemsnit)",
    "figur 2": "Figur 2. Fuldtidsaktiverede i løntilskud og virksomhedspraktik",
    "figur 4": "Figur 4. Langtidsledige fuldtidspersoner",
    "figur 5": "Figur 5. Gennemsnitlig varighed pr. sagsforløb og antal personer",
}

# The points of figures 4 and 5 that the seed's sentences state (page 6 and 11).
_FIGURE_4_POINTS: tuple[tuple[str, str, float | None], ...] = (
    ("Dagpengemodtagere", "2020M03", None),
    ("Dagpengemodtagere", "2021M04", 409),
    ("Dagpengemodtagere", "2022M12", 117),
    ("Kontanthjælp og S&H-ydelse", "2020M03", None),
    ("Kontanthjælp og S&H-ydelse", "2021M04", 93),
    ("Kontanthjælp og S&H-ydelse", "2022M12", 28),
    ("I alt", "2020M03", 263),
    ("I alt", "2021M04", 503),
    ("I alt", "2022M12", 144),
)
_FIGURE_5_POINTS: tuple[tuple[str, str, float, str], ...] = (
    ("Gns. varighed (uger)", "2020Q1", 73, "weeks"),
    ("Gns. varighed (uger)", "2022Q3", 100, "weeks"),
    ("Antal personer", "2020Q1", 914, "count"),
    ("Antal personer", "2022Q3", 746, "count"),
)
STATED_POINTS_NOTE = (
    "Kun de punkter, som rapportens tekst nævner; figurens øvrige værdier er ikke gengivet "
    "i teksten."
)


def _cell(found: ReportCell) -> Cell:
    value = found["value"]
    if value is not None and found["unit"] == "mio_kr":
        # Kroner, as every mio_kr cell of the model; exact, so 3,3 mio. is 3.300.000 kr.
        value = float(Decimal(repr(value)) * MILLION)
    return Cell(found["row"], found["column"], value, found["unit"], found["decimals"])


def _printed_columns(cells: Sequence[ReportCell]) -> tuple[str, ...]:
    """The columns in printed order: as the row with the most cells has them (in tabel 4
    only the reasons' rows have the share columns, each after its year), then any others."""
    by_row: dict[str, list[str]] = {}
    for cell in cells:
        by_row.setdefault(cell["row"], []).append(cell["column"])
    widest = max(by_row.values(), key=len)
    return tuple(dict.fromkeys([*widest, *(c["column"] for c in cells)]))


def _table(name: str, cells: Sequence[ReportCell]) -> ReportTable:
    title, source, row_header = SEED_CAPTIONS.get(name, (name, "", ""))
    return ReportTable(
        name=name,
        title=title,
        rows=tuple(dict.fromkeys(c["row"] for c in cells)),
        columns=_printed_columns(cells),
        cells=tuple(_cell(c) for c in cells),
        source=source,
        notes=SEED_NOTES.get(name, ()),
        row_header=row_header,
    )


def _years(rows: Sequence[AppendixRow]) -> list[int]:
    return sorted({row["year"] for row in rows})


def figure_1(rows: Sequence[AppendixRow]) -> ReportTable:
    """Annual averages of the top target groups (not "I alt"), a column per year."""
    tops = [
        r
        for r in rows
        if r["table"] == "target_groups"
        and r["parent"] is None
        and r["label"] != "I alt"
        and r["measure"] == "ftp"
    ]
    cells = tuple(Cell(r["label"], str(r["year"]), r["value"], "ftp", 0) for r in tops)
    return ReportTable(
        name="figur 1",
        title=FIGURE_TITLES["figur 1"],
        rows=tuple(dict.fromkeys(r["label"] for r in tops)),
        columns=tuple(str(y) for y in _years(tops)),
        cells=cells,
        source=JOBINDSATS,
    )


def figure_2(rows: Sequence[AppendixRow]) -> ReportTable:
    """Full-time activated (løntilskud + virksomhedspraktik) per target group and year."""
    offers = [r for r in rows if r["table"] == "company_offers" and r["parent"] is not None]
    sums: dict[tuple[str, int], float | None] = {}
    for r in offers:
        if r["measure"] not in ("wage_subsidy_ftp", "work_placement_ftp"):
            continue
        key = (r["label"], r["year"])
        before = sums.get(key, 0.0)
        sums[key] = None if before is None or r["value"] is None else before + r["value"]
    labels = tuple(dict.fromkeys(label for label, _ in sums))
    years = sorted({year for _, year in sums})
    return ReportTable(
        name="figur 2",
        title=FIGURE_TITLES["figur 2"],
        rows=labels,
        columns=tuple(str(y) for y in years),
        cells=tuple(Cell(label, str(y), sums[(label, y)], "ftp", 0) for label, y in sums),
        source=JOBINDSATS,
        notes=("Årsgennemsnit af fuldtidsaktiverede, som i nøgletalsbilaget.",),
    )


def figure_4_stated() -> ReportTable:
    """The long-term unemployed the seed's text states for March 2020, April 2021 and
    December 2022 (the split of March 2020 is not stated)."""
    return ReportTable(
        name="figur 4",
        title=FIGURE_TITLES["figur 4"],
        rows=tuple(dict.fromkeys(row for row, _, _ in _FIGURE_4_POINTS)),
        columns=tuple(dict.fromkeys(column for _, column, _ in _FIGURE_4_POINTS)),
        cells=tuple(Cell(row, col, value, "ftp", 0) for row, col, value in _FIGURE_4_POINTS),
        source=JOBINDSATS,
        notes=(STATED_POINTS_NOTE,),
    )


def figure_5_stated() -> ReportTable:
    """The duration per case and persons the seed's text states for 2020Q1 and 2022Q3."""
    return ReportTable(
        name="figur 5",
        title=FIGURE_TITLES["figur 5"],
        rows=tuple(dict.fromkeys(row for row, _, _, _ in _FIGURE_5_POINTS)),
        columns=tuple(dict.fromkeys(column for _, column, _, _ in _FIGURE_5_POINTS)),
        cells=tuple(Cell(r, c, v, unit, 0) for r, c, v, unit in _FIGURE_5_POINTS),
        source=OWN_SYSTEM,
        notes=(STATED_POINTS_NOTE,),
    )


def published_tables(name: str) -> tuple[ReportTable, ...]:
    """The tables of the published report `name` (e.g. "gentofte-2023-02"), with the chart
    tables, in the report's order. KeyError (Danish) for an unknown report."""
    cells = report_tables(name)
    by_table: dict[str, list[ReportCell]] = {}
    for found in cells:
        by_table.setdefault(found["table"], []).append(found)
    tables = {table: _table(table, table_cells) for table, table_cells in by_table.items()}
    rows = published.appendix(name)
    tables["figur 1"] = figure_1(rows)
    tables["figur 2"] = figure_2(rows)
    tables["figur 4"] = figure_4_stated()
    tables["figur 5"] = figure_5_stated()
    ordered = [tables[t] for t in ORDER if t in tables]
    return (*ordered, *(t for n, t in tables.items() if n not in ORDER))


# The seed's explanations of its figures, which an analyst wrote and no table can generate;
# the published report carries them as analyst comments (marked as such) in their sections.
SEED_COMMENTS: dict[str, dict[str, str]] = {
    "gentofte-2023-02": {
        "oekonomisk_status": (
            "Det forventede mindreforbrug på overførselsudgifterne skyldes primært, at andelen "
            "af ukrainske flygtninge, der er kommet i beskæftigelse, er højere end tidligere "
            "forventet. Kommunens udgifter til danskuddannelse- og forsørgelsesydelser er derfor "
            "reduceret væsentligt. Dertil kommer, at faldet i ledigheden er større end "
            "forventningerne ved den økonomiske rapportering for tredje kvartal 2022. Det "
            "medfører færre forsørgelsesudgifter til både forsikrede ledige samt kontant- og "
            "uddannelseshjælpsmodtagere, og den faldende ledighed betyder desuden, at udgifterne "
            "til aktiveringsindsatserne ligeledes er faldet. En gennemgang af kommunens "
            "forskellige refusionsområder har desuden vist, at Gentofte Kommune kan hjemtage "
            "yderligere statsrefusion for en række borgere i fleksjob i 2020, 2021 og 2022, og "
            "dertil kommer mellemkommunal refusion på førtidspensionsområdet. Endelig ses der en "
            "række mindre modsatrettede bevægelser."
        ),
        "noegletalsstatus": (
            "Faldet i 2021 afspejler, at ledigheden har været kraftigt nedadgående efter "
            "genåbningen af samfundet i maj måned. Stigningen i antal jobafklaringsforløb skal "
            "ses i lyset af, at retten til sygedagpenge i 2021 har været forlænget, således at "
            "ingen sygedagpengemodtagere har kunnet overgå til et jobafklaringsforløb i første "
            "halvår 2021. Antallet af jobafklaringsforløb faldt på den baggrund kraftigt i 2021 "
            "og er nu ved at være på samme niveau som før COVID-19."
        ),
        "virksomhedsrettede_tilbud": (
            "Stort set alle målgrupper oplevede i 2021 et fald i antal fuldtidsaktiverede, som "
            "følge af den midlertidige suspendering af den beskæftigelsesrettede indsats, der "
            "medførte, at der ikke blev igangsat nye løntilskud eller virksomhedspraktikker i "
            "starten af 2021. Data for sygedagpenge er opgjort til og med november 2022; data for "
            "de øvrige målgrupper er opdateret til og med december 2022."
        ),
        "plan_opkvalificering": (
            "Der er ikke kommet nye tal for påbegyndte opkvalificeringsforløb i jobindsats.dk "
            "siden april 2021."
        ),
        "styringsmodel": (
            "Den gennemsnitlige varighed på offentlig forsørgelse er ikke længere tilgængelig i "
            "jobindsats.dk. Der pågår et arbejde med at udvikle en måling på baggrund af data fra "
            "kommunens eget ledelsesinformationssystem."
        ),
    }
}
