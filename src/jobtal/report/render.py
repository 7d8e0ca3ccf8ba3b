"""The quarterly report as one self-contained HTML file and as an A4 PDF.

`render_html` writes the whole report from a `Report`: a table of contents with links, every
section's paragraphs, tables and charts in the seed's order, and the appendices. The file needs
no network: the style sheet is inline, and so is the JavaScript of vega-embed, Vega and
Vega-Lite (`vl_convert.javascript_bundle()`), which draws each chart interactively with
tooltips. Every chart also carries its offline SVG (vl-convert) as an `<img>` with the chart's
alt text, which is what a reader without JavaScript and the PDF see, and its figures as a table
in a `<details>`.

`render_pdf` prints the same HTML with WeasyPrint and the print rules of `report.css`: A4,
"Side N af M" in the footer, the table of contents with page numbers (`target-counter`),
headings kept with what follows them, and the wide tables of the appendix *Nøgletal* on
landscape pages. `render_appendix_pdf` prints one appendix (`noegletal`, `budgetaendringer`).

Tables are written here, not with great-tables: its HTML puts the title in a `<td
id="title">` (the same id for every table of a page, and no `<caption>`), its column spanners
are `scope="col"` rather than `colgroup`, it formats by column while a report table mixes units
within a column (tabel 4: persons beside shares), and it repeats a style block per table. The
markup below has `<caption>`, `<th scope="col"|"colgroup"|"row">` and the cells printed by
`jobtal.report.cells`, the one place where the report's numbers are formatted.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import jinja2
import vl_convert

from jobtal.published import AppendixRow
from jobtal.report import charts
from jobtal.report.cells import NIL_DASH_TABLES, format_cell
from jobtal.report.model import Chart, Paragraph, Report, ReportTable, Section
from jobtal.report.narrative import text_of

TEMPLATES = Path(__file__).parent / "templates"
# A table with more columns than this is set in a smaller type so that it fits the page.
WIDE_COLUMNS = 6
HERAF = "Heraf: "
# A paragraph at most this long without closing punctuation is a run-in heading.
LEAD_LENGTH = 90
# A table of more rows than this may break across pages; a shorter one is kept on one page.
LONG_ROWS = 15


@dataclass(frozen=True)
class HeaderCell:
    text: str
    scope: str  # col or colgroup
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class BodyCell:
    text: str
    numeric: bool


@dataclass(frozen=True)
class BodyRow:
    label: str
    cells: tuple[BodyCell, ...]
    indented: bool


@dataclass(frozen=True)
class TableView:
    """A table as it is printed: caption, header rows (with column groups), body, source."""

    id: str
    caption: str
    corner: str
    groups: tuple[int, ...]  # the span of each <colgroup> after the row-header column
    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[BodyRow, ...]
    source: str
    notes: tuple[str, ...]
    wide: bool
    long: bool  # may break across pages (its header repeated); a short table is kept whole
    stub_width: int  # percent of the table's width for the row labels


@dataclass(frozen=True)
class ChartView:
    id: str
    title: str
    alt: str
    svg_uri: str
    spec_json: str
    data: TableView


@dataclass(frozen=True)
class Block:
    kind: str  # paragraph, table, chart
    text: str = ""
    comment: bool = False
    role: str = ""  # of a paragraph: "lead" (a run-in heading), "keep" (leads into the next)
    table: TableView | None = None
    chart: ChartView | None = None


@dataclass(frozen=True)
class SectionView:
    id: str
    key: str
    heading: str
    subheading: str
    blocks: tuple[Block, ...]
    appendix: bool
    new_page: bool = True


def render_html(
    report: Report, *, appendix: Sequence[AppendixRow] | None = None, interactive: bool = True
) -> str:
    """The whole report as one self-contained HTML document (`lang="da"`).

    `appendix` is the appendix *Nøgletal* as tidy rows, for sentences whose facts refer to it
    (`noegletal:...`); by default it is read back from the report's own appendix tables.
    With `interactive=False` the charts are the static SVG only and the JavaScript is left
    out (the PDF's HTML)."""
    rows = _appendix_rows(report) if appendix is None else appendix
    sections = [_section(section, report, rows, appendix=False) for section in report.sections]
    appendices = [_section(s, report, rows, appendix=True) for s in report.appendices]
    return _page(report, paginated(sections), appendices, interactive=interactive, toc=True)


def render_pdf(report: Report, *, appendix: Sequence[AppendixRow] | None = None) -> bytes:
    """The whole report as an A4 PDF (WeasyPrint) from the same HTML, without scripts."""
    return _pdf(render_html(report, appendix=appendix, interactive=False))


def render_appendix_pdf(
    report: Report, key: str, *, appendix: Sequence[AppendixRow] | None = None
) -> bytes:
    """One appendix of the report (`noegletal` or `budgetaendringer`) as an A4 PDF."""
    found = [section for section in report.appendices if section.key == key]
    if not found:
        known = ", ".join(section.key for section in report.appendices) or "ingen"
        raise KeyError(f"rapporten har intet bilag {key!r} (bilag: {known})")
    rows = _appendix_rows(report) if appendix is None else appendix
    sections = [_section(section, report, rows, appendix=True) for section in found]
    return _pdf(_page(report, [], sections, interactive=False, toc=False, title=found[0].heading))


def paginated(sections: list[SectionView]) -> list[SectionView]:
    """Where a section begins a new printed page, as in the seed: a section with a table or a
    chart, a main heading (in capitals) and a heading without text of its own (over the
    sections that follow) begin a page; a section of text only continues the page, and so
    does any section after one with at most one block (a heading's lone paragraph, or a bare
    heading, is not left alone on a page)."""
    result = []
    previous: SectionView | None = None
    for section in sections:
        own_page = (
            any(block.kind != "paragraph" for block in section.blocks)
            or section.heading.isupper()
            or not section.blocks
        )
        after_short = previous is not None and len(previous.blocks) <= 1
        result.append(replace(section, new_page=own_page and not after_short))
        previous = section
    return result


def _appendix_rows(report: Report) -> list[AppendixRow]:
    """The appendix *Nøgletal* read back from the report's appendix tables."""
    from jobtal.report.build import appendix_rows  # build composes reports; render reads them

    return appendix_rows(report.tables)


def appendix_context(report: Report) -> str:
    """The line above an appendix printed on its own, naming its report: "Bilag til <title>",
    with the municipality and quarter where the title does not already name them."""
    text = f"Bilag til {report.title}"
    if report.municipality_name not in report.title:
        text = f"{report.municipality_name} · {text}"
    if report.quarter[:4] not in report.title:
        text = f"{text}, {quarter_label(report.quarter)}"
    return text


def quarter_label(quarter: str) -> str:
    """`2022Q4` → `4. kvartal 2022`; another text unchanged."""
    match = re.fullmatch(r"(\d{4})Q([1-4])", quarter)
    return f"{match[2]}. kvartal {match[1]}" if match else quarter


def slug(text: str) -> str:
    """An id for an anchor: lower case letters, digits and hyphens (æ, ø, å kept)."""
    return re.sub(r"[^\wæøå]+", "-", text.lower()).strip("-") or "x"


def _pdf(html: str) -> bytes:
    import weasyprint  # imported here: it loads Pango, which only the PDF needs

    pdf = weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    assert pdf is not None  # write_pdf without a target returns the bytes
    return bytes(pdf)


def _page(
    report: Report,
    sections: list[SectionView],
    appendices: list[SectionView],
    *,
    interactive: bool,
    toc: bool,
    title: str = "",
) -> str:
    return (
        _environment()
        .get_template("report.html")
        .render(
            report=report,
            title=title or report.title,
            period=quarter_label(report.quarter),
            context=appendix_context(report),
            sections=sections,
            appendices=appendices,
            toc=toc,
            css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
            javascript=_javascript() if interactive else "",
            interactive=interactive,
            embed_options=json.dumps(
                {
                    "renderer": "svg",
                    "actions": False,
                    "formatLocale": vl_convert.get_format_locale("da-DK"),
                    "timeFormatLocale": vl_convert.get_time_format_locale("da-DK"),
                }
            ),
        )
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@cache
def _javascript() -> str:
    """vega-embed, Vega and Vega-Lite in one script (offline); about 0,9 MB."""
    return vl_convert.javascript_bundle(
        "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"
    )


def _section(
    section: Section,
    report: Report,
    rows: Sequence[AppendixRow],
    *,
    appendix: bool,
) -> SectionView:
    tables = {table.name: table for table in report.tables}
    blocks = tuple(_block(block, report, tables, rows) for block in section.blocks)
    return SectionView(
        id=("bilag-" if appendix else "afsnit-") + slug(section.key),
        key=section.key,
        heading=section.heading,
        subheading=section.subheading,
        blocks=blocks,
        appendix=appendix,
    )


def _block(
    block: Paragraph | str | Chart,
    report: Report,
    tables: Mapping[str, ReportTable],
    rows: Sequence[AppendixRow],
) -> Block:
    if isinstance(block, Paragraph):
        text = text_of(block, tables, rows)
        return Block("paragraph", text=text, comment=block.comment, role=paragraph_role(text))
    if isinstance(block, Chart):
        return Block("chart", chart=_chart(block, report.table(block.table)))
    return Block("table", table=table_view(report.table(block)))


def paragraph_role(text: str) -> str:
    """How a paragraph is set: a short line without closing punctuation is a run-in heading
    of the seed ("Ordinære job (Mål)"), set in bold and kept with what follows; a line that
    ends in a colon ("... måles der på:") is kept with what follows; any other is plain."""
    stripped = text.rstrip()
    if stripped.endswith(":"):
        return "keep"
    if len(stripped) <= LEAD_LENGTH and not stripped.endswith((".", "!", "?", ")")):
        return "lead"
    if len(stripped) <= LEAD_LENGTH and re.search(r"\((Mål|Måling[^)]*)\)$", stripped):
        return "lead"
    return ""


@lru_cache(maxsize=32)
def _chart(chart: Chart, table: ReportTable) -> ChartView:
    """A chart's spec, SVG and data table; kept for the next rendering of the same report
    (the HTML and the PDF of `jobtal report` draw the same charts, a second each)."""
    spec = charts.chart_spec(chart, table)
    svg = charts.spec_svg(spec)
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    # "</" may not appear inside a <script> element.
    spec_json = json.dumps(spec, ensure_ascii=False).replace("</", "<\\/")
    data = _transposed(table) if chart.kind == "line" else table
    return ChartView(
        id=slug(chart.name),
        title=chart.title,
        alt=chart.alt,
        svg_uri=uri,
        spec_json=spec_json,
        data=table_view(data, caption=f"Tal til {chart.title or chart.name}", id_prefix="data-"),
    )


def _transposed(table: ReportTable) -> ReportTable:
    """A time series with periods as rows (a long column reads better than 36 columns), and
    period codes in words (`2022M12` → `december 2022`)."""
    cells = tuple(
        type(cell)(
            row=charts.period_label(cell.column),
            column=cell.row,
            value=cell.value,
            unit=cell.unit,
            decimals=cell.decimals,
        )
        for cell in table.cells
    )
    return ReportTable(
        name=table.name,
        title=table.title,
        rows=tuple(charts.period_label(column) for column in table.columns),
        columns=table.rows,
        cells=cells,
        source=table.source,
        notes=table.notes,
        row_header="Periode",
    )


def table_view(table: ReportTable, *, caption: str = "", id_prefix: str = "") -> TableView:
    """How `table` is printed: its column groups found from the labels' common prefixes."""
    runs = column_groups(table.columns)
    grouped = any(group for group, _ in runs)
    top: list[HeaderCell] = []
    bottom: list[HeaderCell] = []
    for group, leaves in runs:
        if group:
            top.append(HeaderCell(group, "colgroup", colspan=len(leaves)))
            bottom.extend(HeaderCell(leaf, "col") for _, leaf in leaves)
        else:
            top.extend(
                HeaderCell(column, "col", rowspan=2 if grouped else 1) for column, _ in leaves
            )
    lookup = {(cell.row, cell.column): cell for cell in table.cells}
    nil_dash = table.name in NIL_DASH_TABLES
    body = []
    for position, row in enumerate(table.rows):
        if row.startswith(HERAF) and not table.rows[position - 1].startswith(HERAF):
            # The seed prints "Heraf:" on a line of its own above the lines it introduces.
            body.append(BodyRow("Heraf:", tuple(BodyCell("", False) for _ in table.columns), False))
        cells = []
        for column in table.columns:
            cell = lookup.get((row, column))
            text = "" if cell is None else format_cell(cell, nil_dash=nil_dash)
            cells.append(BodyCell(text, cell is not None))
        body.append(BodyRow(_row_label(row), tuple(cells), _indented(row)))
    return TableView(
        id=id_prefix + slug(table.name),
        caption=caption or table.title or table.name.capitalize(),
        corner=table.row_header,
        groups=tuple(len(leaves) for _, leaves in runs),
        header=(tuple(top), tuple(bottom)) if grouped else (tuple(top),),
        rows=tuple(body),
        source=table.source,
        notes=table.notes,
        wide=len(table.columns) > WIDE_COLUMNS,
        long=len(body) > LONG_ROWS,
        stub_width=stub_width(table),
    )


def stub_width(table: ReportTable) -> int:
    """The share of the width (percent) for the row labels: as the labels' length compares
    with the columns' (a column label wraps at about 14 characters), between 22 and 55 %.
    WeasyPrint's automatic layout would otherwise give the one wrappable column, the labels,
    what the unbreakable figures leave over."""
    label = min(45, max((len(row) for row in table.rows), default=0))
    columns = sum(min(len(column), 14) for column in table.columns)
    share = round(100 * label / max(1, label + columns))
    return max(22, min(55, share))


def column_groups(columns: Iterable[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Column groups read from the labels (the published tables' convention for a printed
    column group is a prefix, e.g. tabel 12's `2018 Antal årsværk`):

    * adjacent labels that are the same words followed by a year form a group headed by those
      words over the years: `Årsgns. (hele året) 2019`, `Årsgns. (hele året) 2020` → group
      `Årsgns. (hele året)` over `2019`, `2020` (tabel 5, 7, 9, 11);
    * otherwise adjacent labels that begin with the same word form a group headed by the
      words they share, the rest of each label under it (tabel 12's years, tabel 13's
      `Udvikling i kr. og pct.`).

    A lone column, or a run in which one label is the shared part itself (tabel 4's `2020`,
    `2020 andel`), is not grouped.

    >>> column_groups(["hele året 2019", "hele året 2020", "år-til-dato 2022", "2022"])
    [('hele året', [('hele året 2019', '2019'), ('hele året 2020', '2020')]), \
('', [('år-til-dato 2022', 'år-til-dato 2022')]), ('', [('2022', '2022')])]
    """
    labels = list(columns)
    runs: list[tuple[str, list[tuple[str, str]]]] = []
    start = 0
    while start < len(labels):
        end = _run_end(labels, start, _before_year)
        if end - start > 1:
            group = _before_year(labels[start])
            runs.append(
                (group, [(label, label[len(group) :].strip()) for label in labels[start:end]])
            )
            start = end
            continue
        end = _run_end(labels, start, lambda label: label.split(" ")[0])
        run = labels[start:end]
        prefix = _common_words(run)
        if len(run) > 1 and prefix and all(len(label) > len(prefix) for label in run):
            runs.append((prefix, [(label, label[len(prefix) :].strip()) for label in run]))
        else:
            runs.extend(("", [(label, label)]) for label in run)
        start = end
    return runs


def _before_year(label: str) -> str:
    """The words before a label's closing year (`hele året 2019` → `hele året`), or ""."""
    match = re.fullmatch(r"(.+) (\d{4})", label)
    return match[1] if match else ""


def _run_end(labels: list[str], start: int, key: Callable[[str], str]) -> int:
    """The end of the run of labels from `start` with the same non-empty `key`."""
    first = key(labels[start])
    end = start + 1
    while first and end < len(labels) and key(labels[end]) == first:
        end += 1
    return end


def _common_words(labels: list[str]) -> str:
    words = [label.split(" ") for label in labels]
    common: list[str] = []
    for position, word in enumerate(words[0]):
        if all(len(other) > position and other[position] == word for other in words):
            common.append(word)
        else:
            break
    return " ".join(common)


def _row_label(row: str) -> str:
    """The printed row label: a sub-line (`Heraf: <label>` in the published data, `- <label>`
    in the appendix) is shown indented, without its marker."""
    return row.removeprefix(HERAF).removeprefix("- ").strip()


def _indented(row: str) -> bool:
    return row.startswith((HERAF, "Heraf ", "- ", " "))
