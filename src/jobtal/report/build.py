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
from jobtal.domain.target_groups import APPENDIX_TABLES, MEASURE_DECIMALS
from jobtal.errors import InputError, Problem
from jobtal.published import AppendixRow
from jobtal.report import texts
from jobtal.report.model import Cell, Paragraph, Report, ReportTable, Section
from jobtal.report.published_report import SEED_COMMENTS, published_tables
from jobtal.report.sections import Context, appendix_sections, report_sections

COMMENTS_FILE = "kommentarer"
JOBINDSATS = "Kilde: Jobindsats.dk"

# The appendix tables as ReportTables: appendix table, caption, the two measures per year,
# the change measure, and the description printed under the table in the seed. The names
# and column labels are `texts.APPENDIX_REPORT_TABLES` and `texts.appendix_column`.
APPENDIX_LAYOUT: tuple[tuple[str, str, tuple[str, str], str, str], ...] = (
    (
        "target_groups",
        "Målgruppeoversigt (fuldtidspersoner og landsandel)",
        ("ftp", "national_share_pct"),
        "change_pct",
        "Landsandelen angiver kommunens andel af det samlede årsgennemsnit for hele landet i "
        "procent. Nederst i opgørelsen er summen af de forskellige målgrupper gengivet.",
    ),
    (
        "long_term",
        "Øvrige opgørelser: Langtidsledige",
        ("ftp", "national_share_pct"),
        "change_pct",
        "Langtidsledigheden opgør antal a-dagpengemodtagere og jobparate "
        "kontanthjælpsmodtagere, som inden for de seneste 52 uger har været ledige eller i "
        "aktivt tilbud i 80 pct. af tiden.",
    ),
    (
        "company_offers",
        "Virksomhedsrettet tilbud (årsgennemsnit): antal fuldtidsaktiverede",
        ("wage_subsidy_ftp", "work_placement_ftp"),
        "change_pct",
        "Antallet af fuldtidspersoner i enten løntilskud eller virksomhedspraktik i "
        "årsgennemsnit. Udviklingen i procent angiver den procentvise ændring for både "
        "løntilskud og virksomhedspraktik i det pågældende år i forhold til det forudgående.",
    ),
    (
        "activation_share",
        "Andel fuldtidsaktiverede i pct. af alle fuldtidspersoner (FTP) fordelt på målgrupper",
        ("activated_ftp", "activated_share_pct"),
        "change_pp",
        "Det gennemsnitlige antal fuldtidspersoner i enten løntilskud eller virksomhedspraktik "
        "inden for et år, og hvor stor en andel de udgør af det samlede antal fuldtidspersoner "
        "i målgruppen. Udviklingen er angivet i procentpoint i forhold til året før.",
    ),
)
MEASURE_UNITS = {
    "ftp": "ftp",
    "national_share_pct": "pct",
    "wage_subsidy_ftp": "ftp",
    "work_placement_ftp": "ftp",
    "activated_ftp": "ftp",
    "activated_share_pct": "pct",
    "change_pct": "pct",
    "change_pp": "pp",
}


def _label_order(table: str, rows: Sequence[AppendixRow]) -> list[tuple[str, str | None]]:
    """(label, parent) of the rows in the appendix's declared order, then any others."""
    present = list(dict.fromkeys((r["label"], r["parent"]) for r in rows if r["table"] == table))
    declared = [(row.label, row.parent) for row in APPENDIX_TABLES.get(table, ())]
    return [key for key in declared if key in present] + [k for k in present if k not in declared]


def appendix_tables(rows: Sequence[AppendixRow]) -> tuple[ReportTable, ...]:
    """The appendix *Nøgletal* as four ReportTables with the printed labels: per year the
    table's two measures, and from the second year the change."""
    tables = []
    for table, title, measures, change, note in APPENDIX_LAYOUT:
        own = [r for r in rows if r["table"] == table]
        if not own:
            continue
        years = sorted({r["year"] for r in own})
        columns: list[tuple[int, str]] = []
        for year in years:
            columns += [(year, measure) for measure in measures]
            if year != years[0]:
                columns.append((year, change))
        values = {(r["label"], r["parent"], r["year"], r["measure"]): r["value"] for r in own}
        order = _label_order(table, own)
        cells = [
            Cell(
                texts.appendix_row_label(label, parent),
                texts.appendix_column(measure, year),
                values[(label, parent, year, measure)],
                MEASURE_UNITS[measure],
                MEASURE_DECIMALS[measure],
            )
            for label, parent in order
            for year, measure in columns
            if (label, parent, year, measure) in values
        ]
        tables.append(
            ReportTable(
                name=texts.APPENDIX_REPORT_TABLES[table],
                title=title,
                rows=tuple(texts.appendix_row_label(label, p) for label, p in order),
                columns=tuple(texts.appendix_column(m, y) for y, m in columns),
                cells=tuple(cells),
                source=JOBINDSATS,
                notes=(note,),
                row_header="Målgrupper",
            )
        )
    return tuple(tables)


def appendix_rows(tables: Sequence[ReportTable]) -> list[AppendixRow]:
    """The appendix rows back from its report tables (the inverse of `appendix_tables`): a
    dashed row is a subgroup of the nearest undashed row above it."""
    rows: list[AppendixRow] = []
    names = {name: table for table, name in texts.APPENDIX_REPORT_TABLES.items()}
    for report_table in tables:
        table = names.get(report_table.name)
        if table is None:
            continue
        parents: dict[str, str | None] = {}
        parent: str | None = None
        for label in report_table.rows:
            if label.startswith(texts.APPENDIX_CHILD_PREFIX):
                parents[label] = parent
            else:
                parents[label] = None
                parent = label
        for cell in report_table.cells:
            year, measure = texts.parse_appendix_column(cell.column)
            child = cell.row.startswith(texts.APPENDIX_CHILD_PREFIX)
            rows.append(
                AppendixRow(
                    table=table,
                    label=cell.row[len(texts.APPENDIX_CHILD_PREFIX) :] if child else cell.row,
                    parent=parents[cell.row],
                    year=year,
                    measure=measure,
                    value=cell.value,
                )
            )
    return rows


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
    tables and appendix: the report year is the appendix's last year, fourth quarter. The
    seed's own explanations stand as analyst comments (`SEED_COMMENTS`); `comments` replace
    them section by section."""
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
        comments={**SEED_COMMENTS.get(name, {}), **(comments or {})},
    )
