"""The whole quarterly report as a `Report`: tables, appendices, sections and sentences.

`build_report` computes every table from the store (`jobtal.report.tables.build_tables`) and
the appendix *Nøgletal* (`jobtal.report.appendix_store.load_appendix`); `build_published_report`
takes both from a transcribed published report. Either way the sections are composed by
`jobtal.report.sections` from those tables only, so every sentence agrees with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import duckdb

from jobtal import published
from jobtal.domain.municipalities import by_code, by_name
from jobtal.domain.periods import Period
from jobtal.domain.target_groups import APPENDIX_TABLES
from jobtal.errors import InputError, Problem
from jobtal.published import AppendixRow
from jobtal.report import texts
from jobtal.report.model import Cell, Paragraph, Report, ReportTable, Section
from jobtal.report.published_report import published_tables
from jobtal.report.sections import Context, appendix_sections, report_sections

COMMENTS_FILE = "kommentarer"
JOBINDSATS = "Kilde: Jobindsats.dk"

# The appendix tables as ReportTables: name, appendix table, caption, columns per year as
# (label prefix, measure), and the description printed under the table in the seed.
APPENDIX_LAYOUT: tuple[tuple[str, str, str, tuple[tuple[str, str], ...], str], ...] = (
    (
        "nøgletal målgrupper",
        "target_groups",
        "Målgruppeoversigt (fuldtidspersoner og landsandel)",
        (("Årsgennemsnit", "ftp"), ("Landsandel", "national_share_pct")),
        "Landsandelen angiver kommunens andel af det samlede årsgennemsnit for hele landet i "
        "procent. Nederst i opgørelsen er summen af de forskellige målgrupper gengivet.",
    ),
    (
        "nøgletal langtidsledige",
        "long_term",
        "Øvrige opgørelser: Langtidsledige",
        (("Årsgennemsnit", "ftp"), ("Landsandel", "national_share_pct")),
        "Langtidsledigheden opgør antal a-dagpengemodtagere og jobparate "
        "kontanthjælpsmodtagere, som inden for de seneste 52 uger har været ledige eller i "
        "aktivt tilbud i 80 pct. af tiden.",
    ),
    (
        "nøgletal virksomhedsrettede tilbud",
        "company_offers",
        "Virksomhedsrettet tilbud (årsgennemsnit): antal fuldtidsaktiverede",
        (("Løntilskud", "wage_subsidy_ftp"), ("Virksomhedspraktik", "work_placement_ftp")),
        "Antallet af fuldtidspersoner i enten løntilskud eller virksomhedspraktik i "
        "årsgennemsnit. Udviklingen i procent angiver den procentvise ændring for både "
        "løntilskud og virksomhedspraktik i det pågældende år i forhold til det forudgående.",
    ),
    (
        "nøgletal aktiveringsandel",
        "activation_share",
        "Andel fuldtidsaktiverede i pct. af alle fuldtidspersoner (FTP) fordelt på målgrupper",
        (
            ("Antal løntilskud og virksomhedspraktik", "activated_ftp"),
            ("Andel i pct. af alle FTP", "activated_share_pct"),
        ),
        "Det gennemsnitlige antal fuldtidspersoner i enten løntilskud eller virksomhedspraktik "
        "inden for et år, og hvor stor en andel de udgør af det samlede antal fuldtidspersoner "
        "i målgruppen. Udviklingen er angivet i procentpoint i forhold til året før.",
    ),
)
CHANGE_COLUMNS = {
    "change_pct": ("Udvikling i procent", "pct", 1),
    "change_pp": ("Udvikling i procentpoint", "pp", 1),
}
MEASURE_UNITS = {
    "ftp": ("ftp", 0),
    "national_share_pct": ("pct", 2),
    "wage_subsidy_ftp": ("ftp", 0),
    "work_placement_ftp": ("ftp", 0),
    "activated_ftp": ("ftp", 0),
    "activated_share_pct": ("pct", 1),
}
CHILD_PREFIX = "- "


def printed_label(row: AppendixRow) -> str:
    """A row label as the appendix prints it: a subgroup with a leading dash."""
    return row["label"] if row["parent"] is None else CHILD_PREFIX + row["label"]


def _label_order(table: str, rows: Sequence[AppendixRow]) -> list[tuple[str, str | None]]:
    """(label, parent) of the rows in the appendix's declared order, then any others."""
    present = list(dict.fromkeys((r["label"], r["parent"]) for r in rows if r["table"] == table))
    declared = [(row.label, row.parent) for row in APPENDIX_TABLES.get(table, ())]
    return [key for key in declared if key in present] + [k for k in present if k not in declared]


def appendix_tables(rows: Sequence[AppendixRow]) -> tuple[ReportTable, ...]:
    """The appendix *Nøgletal* as four ReportTables with the printed labels: per year the
    table's two measures, and from the second year the change."""
    tables = []
    for name, table, title, measures, note in APPENDIX_LAYOUT:
        own = [r for r in rows if r["table"] == table]
        if not own:
            continue
        years = sorted({r["year"] for r in own})
        change_measure = "change_pp" if table == "activation_share" else "change_pct"
        change_label, change_unit, change_decimals = CHANGE_COLUMNS[change_measure]
        columns: list[tuple[str, int, str]] = []
        for year in years:
            columns += [(f"{prefix} {year}", year, measure) for prefix, measure in measures]
            if year != years[0]:
                columns.append((f"{change_label} {year - 1}/{year}", year, change_measure))
        values = {(r["label"], r["parent"], r["year"], r["measure"]): r["value"] for r in own}
        order = _label_order(table, own)
        cells = []
        for label, parent in order:
            printed = label if parent is None else CHILD_PREFIX + label
            for column, year, measure in columns:
                key = (label, parent, year, measure)
                if key not in values:
                    continue
                unit, decimals = (
                    (change_unit, change_decimals)
                    if measure == change_measure
                    else MEASURE_UNITS[measure]
                )
                cells.append(Cell(printed, column, values[key], unit, decimals))
        tables.append(
            ReportTable(
                name=name,
                title=title,
                rows=tuple(label if p is None else CHILD_PREFIX + label for label, p in order),
                columns=tuple(c for c, _, _ in columns),
                cells=tuple(cells),
                source=JOBINDSATS,
                notes=(note,),
                row_header="Målgrupper",
            )
        )
    return tuple(tables)


def with_comments(
    sections: Sequence[Section], comments: Mapping[str, str] | None
) -> tuple[Section, ...]:
    """The sections with each analyst comment added at the end of its section, as a
    `Paragraph(comment=True)`; InputError naming an unknown section key."""
    comments = comments or {}
    keys = [s.key for s in sections]
    problems = [
        Problem(COMMENTS_FILE, None, key, f"ukendt afsnit; kendte afsnit: {', '.join(keys)}")
        for key in comments
        if key not in keys
    ]
    problems += [
        Problem(COMMENTS_FILE, None, key, "kommentaren skal være en tekst")
        for key, text in comments.items()
        if not isinstance(text, str)
    ]
    if problems:
        raise InputError(problems)
    return tuple(
        replace(s, blocks=(*s.blocks, Paragraph(comments[s.key].strip(), comment=True)))
        if comments.get(s.key, "").strip()
        else s
        for s in sections
    )


def compose(
    tables: Sequence[ReportTable],
    appendix: Sequence[AppendixRow],
    *,
    municipality: int,
    municipality_name: str,
    committee: str,
    year: int,
    quarter: int,
    comments: Mapping[str, str] | None = None,
) -> Report:
    """The report from its tables and appendix rows (the one route for computed and
    published reports)."""
    every = (*tables, *appendix_tables(appendix))
    ctx = Context(
        tables={t.name: t for t in every},
        appendix=tuple(appendix),
        municipality=municipality_name,
        committee=committee,
        year=year,
        quarter=quarter,
    )
    sections = report_sections(ctx)
    appendices = appendix_sections(ctx)
    commented = with_comments((*sections, *appendices), comments)
    return Report(
        municipality=municipality,
        municipality_name=municipality_name,
        quarter=f"{year}Q{quarter}",
        title=texts.report_title(municipality_name, quarter, year),
        sections=commented[: len(sections)],
        tables=every,
        appendices=commented[len(sections) :],
    )


def quarter_of(period: Period) -> tuple[int, int]:
    """(year, quarter number) of a quarter; ValueError for another kind of period."""
    if period.kind != "quarter":
        raise ValueError(f"perioden {period.code} er ikke et kvartal (fx 2022Q4)")
    return period.last.year, (period.last.month + 2) // 3


def committee_of(store: Path, municipality: int, year: int) -> str:
    """The appropriation area of the municipality's budget lines for the year (the committee
    the economic status is for); the default committee when the store has none."""
    try:
        with duckdb.connect(str(store), read_only=True) as connection:
            found = connection.execute(
                "SELECT appropriation_area FROM budget_lines WHERE municipality = ? AND year = ? "
                "ORDER BY appropriation_area LIMIT 1",
                [municipality, year],
            ).fetchone()
    except duckdb.Error:
        return texts.DEFAULT_COMMITTEE
    return str(found[0]) if found and found[0] else texts.DEFAULT_COMMITTEE


def build_report(
    store: Path,
    municipality: int,
    quarter: Period,
    *,
    comments: Mapping[str, str] | None = None,
    engine: str = "duckdb",
) -> Report:
    """The quarterly report for a municipality (code) and quarter, computed from the store.

    InputError when the store does not exist, the municipality is unknown or the period is
    not a quarter. The appendix *Nøgletal* is left empty (and its sentences say there are no
    data) when the store has no person-level or area data for the municipality and year.
    """
    # Imported here: the tables and the measure engine are heavy, and `--published` needs
    # neither.
    from jobtal.report.appendix_store import load_appendix
    from jobtal.report.tables import build_tables

    path = Path(store)
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "databasen findes ikke")])
    try:
        place = by_code(municipality)
    except KeyError as error:
        problem = Problem("kommandolinjen", None, "--municipality", str(error.args[0]))
        raise InputError([problem]) from None
    try:
        year, number = quarter_of(quarter)
    except ValueError as error:
        raise InputError([Problem("kommandolinjen", None, "--period", str(error))]) from None
    tables = build_tables(path, municipality, quarter, engine)
    try:
        appendix = load_appendix(path, municipality, year, engine).rows
    except InputError:
        appendix = []
    return compose(
        tables,
        appendix,
        municipality=place.code,
        municipality_name=place.name,
        committee=committee_of(path, municipality, year),
        year=year,
        quarter=number,
        comments=comments,
    )


def build_published_report(name: str, *, comments: Mapping[str, str] | None = None) -> Report:
    """The published report `name` (e.g. "gentofte-2023-02") composed from its transcribed
    tables and appendix: the report year is the appendix's last year, fourth quarter."""
    tables = published_tables(name)
    appendix = published.appendix(name)
    place = by_name(name.split("-", 1)[0])
    year = max(row["year"] for row in appendix)
    return compose(
        tables,
        appendix,
        municipality=place.code,
        municipality_name=place.name,
        committee=texts.DEFAULT_COMMITTEE,
        year=year,
        quarter=4,
        comments=comments,
    )
