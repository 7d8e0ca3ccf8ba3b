"""The report rendered to HTML and PDF, from a report built by hand.

The HTML is parsed (html.parser) and checked for what a reader with a screen reader needs:
`lang`, a caption and header cells in every table, alt text for every chart. The PDF's text
(`pdftotext -layout`) must hold every heading, figures printed the Danish way and page numbers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jobtal.report.model import Cell, Chart, Fact, Paragraph, Report, ReportTable, Section
from jobtal.report.render import (
    Block,
    SectionView,
    appendix_context,
    column_groups,
    paginated,
    paragraph_role,
    quarter_label,
    render_appendix_pdf,
    render_html,
    render_pdf,
    stub_width,
)

NBSP = "\u00a0"
FALL_SENTENCE = "Fra 2021 til 2022 faldt antallet af forsikrede ledige med {0} fuldtidspersoner."
FALL = "diff(figur 1:Forsikrede ledige:2021|figur 1:Forsikrede ledige:2022)"
MONTHS = tuple(f"{year}M{month:02d}" for year in (2021, 2022) for month in range(1, 13))


def _table(
    name: str,
    title: str,
    rows: tuple[str, ...],
    columns: tuple[str, ...],
    values,
    unit: str,
    decimals: int = 0,
    **kw,
) -> ReportTable:
    cells = tuple(
        Cell(row, column, values[i][j], unit, decimals)
        for i, row in enumerate(rows)
        for j, column in enumerate(columns)
    )
    return ReportTable(name, title, rows, columns, cells, **kw)


def sample_report() -> Report:
    """A small report with the seed's kinds of table, chart and sentence."""
    service = _table(
        "økonomisk status service",
        "Økonomisk status, serviceudgifter (mio. kr.)",
        ("Serviceudgifter 1110",),
        ("Oprindeligt budget", "Korrigeret budget", "Forbrug", "Forventede bevillingsændringer"),
        [[3_700_000.0, 3_300_000.0, 2_900_000.0, 0.0]],
        "mio_kr",
        1,
    )
    variance = _table(
        "afvigelsesforklaring service",
        "Afvigelsesforklaring, serviceudgifter",
        (
            "Korrigeret budget (a)",
            "Tekniske omplaceringer (b)",
            "Andre afvigelser (d)",
            "Heraf: Forsikrede ledige",
            "Forventet regnskab (e=a+b+c+d)",
        ),
        ("i mio. kr.",),
        [[3_300_000.0], [0.0], [-500_000.0], [-500_000.0], [2_800_000.0]],
        "mio_kr",
        1,
    )
    figure1 = _table(
        "figur 1",
        "Figur 1. Årsgennemsnit",
        ("Forsikrede ledige", "Selvforsørgelse- og hjemrejseydelse samt overgangsydelse"),
        ("2020", "2021", "2022"),
        [[1097.0, 960.2, 649.4], [155.0, 132.0, 156.0]],
        "ftp",
    )
    figure4 = ReportTable(
        "figur 4",
        "Figur 4. Langtidsledige",
        ("Dagpenge", "Kontanthjælp og S&H-ydelse"),
        MONTHS,
        tuple(
            Cell(row, month, base + 10 * index, "ftp")
            for row, base in (("Dagpenge", 300.0), ("Kontanthjælp og S&H-ydelse", 60.0))
            for index, month in enumerate(MONTHS)
        ),
    )
    table2 = _table(
        "tabel 2",
        "Tabel 2. Langtidsledige dagpengemodtagere",
        ("Hele landet", "Gentofte"),
        ("2021", "2022", "2021/2022"),
        [[26154.0, 11847.0, -54.7], [361.0, 176.0, -51.4]],
        "ftp",
        source="Kilde: Jobindsats.dk",
    )
    # tabel 2 mixes units per column: the change is a percentage.
    table2 = ReportTable(
        table2.name,
        table2.title,
        table2.rows,
        table2.columns,
        tuple(
            Cell(c.row, c.column, c.value, "pct", 1) if c.column == "2021/2022" else c
            for c in table2.cells
        ),
        source=table2.source,
    )
    table7 = _table(
        "tabel 7",
        "Tabel 7. Ordinære lønnede timer",
        ("Antal personer med ordinære løntimer",),
        ("hele året 2020", "hele året 2021", "år-til-dato 2021", "år-til-dato 2022"),
        [[57.0, 58.0, 51.0, 37.0]],
        "count",
        notes=("* År-til-dato er januar-oktober",),
    )
    years = ("2020", "2021", "2022")
    wide_columns = tuple(f"{y} {m}" for y in years for m in ("fuldtidspersoner", "landsandel"))
    noegletal = _table(
        "målgruppeoversigt",
        "Målgruppeoversigt",
        ("Forsikrede ledige", "- Dagpengemodtagere", "Sygedagpenge"),
        (*wide_columns, "2021/2022"),
        [
            [1097.0, 1.01, 960.0, 1.06, 649.0, 1.05, -32.4],
            [1097.0, 1.01, 960.0, 1.06, 649.0, 1.05, -32.4],
            [692.0, 0.84, 778.0, 0.85, 830.0, 0.91, None],
        ],
        "count",
    )
    budget = _table(
        "budgetændringer",
        "Budgetændringer 4. kvartal 2022",
        ("Oprindeligt budget", "Korrigeret budget"),
        ("Beløb",),
        [[578_300_000.0], [557_049_000.0]],
        "mio_kr",
        1,
    )
    economy = Section(
        "økonomisk status",
        "ØKONOMISK STATUS",
        (
            Paragraph(
                "Det korrigerede budget udgør {0}.",
                (
                    Fact(
                        "økonomisk status service:Serviceudgifter 1110:Korrigeret budget",
                        "mio_kr",
                        1,
                    ),
                ),
            ),
            "økonomisk status service",
            "afvigelsesforklaring service",
        ),
    )
    return Report(
        municipality=157,
        municipality_name="Gentofte Kommune",
        quarter="2022Q4",
        title="Kvartalsrapportering",
        sections=(
            Section(
                "udvalgsstatus",
                "UDVALGSSTATUS",
                (Paragraph("Erhvervs- og Beskæftigelsesområdet varetager opgaven."),),
            ),
            economy,
            Section(
                "nøgletalsstatus",
                "NØGLETALSSTATUS",
                (
                    Paragraph(
                        FALL_SENTENCE,
                        (
                            Fact(
                                FALL,
                                "ftp",
                                0,
                            ),
                        ),
                    ),
                    Chart(
                        "figur 1",
                        "Figur 1. Årsgennemsnit for målgrupperne",
                        "figur 1",
                        "bar",
                        "Søjlediagram over årsgennemsnit 2020–2022 for to målgrupper.",
                    ),
                ),
            ),
            Section(
                "langtidsledighed",
                "Udviklingen i langtidsledigheden",
                (
                    Chart(
                        "figur 4",
                        "Figur 4. Langtidsledige fuldtidspersoner",
                        "figur 4",
                        "line",
                        "Linjediagram over langtidsledige pr. måned 2021–2022.",
                    ),
                    "tabel 2",
                ),
            ),
            Section(
                "ordinære timer",
                "Unge skal i arbejde eller uddannelse",
                ("tabel 7",),
                subheading="Andel unge i virksomhedsrettet tilbud (Mål)",
            ),
        ),
        tables=(service, variance, figure1, figure4, table2, table7, noegletal, budget),
        appendices=(
            Section("noegletal", "Nøgletal", ("målgruppeoversigt",)),
            Section("budgetaendringer", "Budgetændringer", ("budgetændringer",)),
        ),
    )


# --- a small DOM from html.parser ---------------------------------------------------------

VOID = {"meta", "img", "col", "br", "hr", "link", "input"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self.text_parts: list[str] = []

    def text(self) -> str:
        return "".join(self.text_parts) + "".join(child.text() for child in self.children)

    def all(self, tag: str) -> list[Element]:
        found = [child for child in self.children if child.tag == tag]
        for child in self.children:
            found.extend(child.all(tag))
        return found


class Tree(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.root = Element("#root", {}, None)
        self.current = self.root
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.text_parts.append(data)


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report()


@pytest.fixture(scope="module")
def html(report: Report) -> str:
    return render_html(report)


@pytest.fixture(scope="module")
def tree(html: str) -> Element:
    return Tree(html).root


def _by_id(root: Element, ident: str) -> Element:
    for element in _walk(root):
        if element.attrs.get("id") == ident:
            return element
    raise AssertionError(f"no element with id {ident!r}")


def _walk(root: Element) -> Iterator[Element]:
    yield root
    for child in root.children:
        yield from _walk(child)


def test_html_is_danish_and_self_contained(html: str, tree: Element) -> None:
    (document,) = tree.all("html")
    assert document.attrs["lang"] == "da"
    # No stylesheet or script fetched from anywhere: everything is inline.
    assert not tree.all("link")
    assert all("src" not in script.attrs for script in tree.all("script"))
    assert "window.vegaEmbed=" in html
    assert tree.all("style")


def test_ids_are_unique(html: str) -> None:
    markup = re.sub(r"<script.*?</script>", "", html, flags=re.DOTALL)
    ids = re.findall(r' id="([^"]+)"', markup)
    assert "tabel-7" in ids and "data-figur-4" in ids
    assert len(ids) == len(set(ids))


def test_every_table_has_caption_and_header_cells(tree: Element) -> None:
    tables = tree.all("table")
    # 8 report tables, of which the 2 chart tables are shown again as the charts' data.
    assert len(tables) == 8
    for table in tables:
        (caption,) = table.all("caption")
        assert caption.text().strip()
        (head,) = table.all("thead")
        assert all(th.attrs.get("scope") in {"col", "colgroup"} for th in head.all("th"))
        (body,) = table.all("tbody")
        for row in body.all("tr"):
            (label,) = row.all("th")
            assert label.attrs["scope"] == "row"


def test_column_groups_are_spanned_headers(tree: Element) -> None:
    head = _by_id(tree, "tabel-7").all("thead")[0]
    groups = [th for th in head.all("th") if th.attrs.get("scope") == "colgroup"]
    assert [(th.text(), th.attrs["colspan"]) for th in groups] == [
        ("hele året", "2"),
        ("år-til-dato", "2"),
    ]
    leaves = [th.text() for th in head.all("tr")[1].all("th")]
    assert leaves == ["2020", "2021", "2021", "2022"]


def test_cells_are_printed_the_danish_way(tree: Element) -> None:
    rows = {
        row.all("th")[0].text(): [td.text() for td in row.all("td")]
        for row in _by_id(tree, "tabel-2").all("tbody")[0].all("tr")
    }
    assert rows == {
        "Hele landet": ["26.154", "11.847", f"-54,7{NBSP}%"],
        "Gentofte": ["361", "176", f"-51,4{NBSP}%"],
    }
    service = _by_id(tree, "økonomisk-status-service").all("td")
    assert [td.text() for td in service] == ["3,7", "3,3", "2,9", "0,0"]


def test_variance_explanation_prints_nil_as_dash_and_heraf_lines(tree: Element) -> None:
    body = _by_id(tree, "afvigelsesforklaring-service").all("tbody")[0]
    rows = [
        (row.all("th")[0].text(), [td.text() for td in row.all("td")]) for row in body.all("tr")
    ]
    assert rows == [
        ("Korrigeret budget (a)", ["3,3"]),
        ("Tekniske omplaceringer (b)", ["-"]),
        ("Andre afvigelser (d)", ["-0,5"]),
        ("Heraf:", [""]),
        ("Forsikrede ledige", ["-0,5"]),
        ("Forventet regnskab (e=a+b+c+d)", ["2,8"]),
    ]
    assert body.all("tr")[4].all("th")[0].attrs["class"] == "sub"


def test_every_chart_has_alt_text_and_its_data(report: Report, tree: Element) -> None:
    figures = [f for f in tree.all("figure") if "chart" in (f.attrs.get("class") or "")]
    charts = [b for s in report.sections for b in s.blocks if isinstance(b, Chart)]
    assert len(figures) == len(charts) == 2
    for figure, chart in zip(figures, charts, strict=True):
        (img,) = figure.all("img")
        assert img.attrs["alt"] == chart.alt
        assert (img.attrs["src"] or "").startswith("data:image/svg+xml;base64,")
        assert figure.all("figcaption")[0].text() == chart.title
        (details,) = figure.all("details")
        assert details.all("table")


def test_line_chart_data_lists_periods_in_words(tree: Element) -> None:
    table = _by_id(tree, "data-figur-4")
    labels = [row.all("th")[0].text() for row in table.all("tbody")[0].all("tr")]
    assert labels[0] == "januar 2021"
    assert labels[-1] == "december 2022"
    assert len(labels) == 24


def test_sentences_are_filled_and_no_placeholder_is_left(report: Report, tree: Element) -> None:
    # The page's own text (the inlined JavaScript has braces of its own).
    (main,) = tree.all("main")
    assert "{0}" not in main.text() and "{1}" not in main.text()
    assert "{0}" not in render_html(report, interactive=False)
    paragraphs = [p.text() for p in tree.all("p")]
    # 960,2 - 649,4 = 310,8 full-time persons, printed 311.
    assert (
        "Fra 2021 til 2022 faldt antallet af forsikrede ledige med 311 fuldtidspersoner."
        in paragraphs
    )


def test_table_of_contents_links_to_every_section(report: Report, tree: Element) -> None:
    (nav,) = tree.all("nav")
    links = nav.all("a")
    assert [a.text() for a in links] == [s.heading for s in report.sections] + [
        f"Bilag: {s.heading}" for s in report.appendices
    ]
    for link in links:
        target = _by_id(tree, (link.attrs["href"] or "").removeprefix("#"))
        assert target.tag == "section"


def test_html_without_scripts_for_print(report: Report) -> None:
    static = render_html(report, interactive=False)
    assert "<script" not in static
    assert 'alt="Linjediagram over langtidsledige pr. måned 2021–2022."' in static


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["2018 Antal årsværk", "2018 Gns. antal sager pr. årsværk", "2022 Antal årsværk"],
            [
                (
                    "2018",
                    [
                        ("2018 Antal årsværk", "Antal årsværk"),
                        ("2018 Gns. antal sager pr. årsværk", "Gns. antal sager pr. årsværk"),
                    ],
                ),
                ("", [("2022 Antal årsværk", "2022 Antal årsværk")]),
            ],
        ),
        (
            ["Årsgns. (hele året) 2019", "Årsgns. (hele året) 2020", "Årsgns. (år-til-dato)* 2021"],
            [
                (
                    "Årsgns. (hele året)",
                    [("Årsgns. (hele året) 2019", "2019"), ("Årsgns. (hele året) 2020", "2020")],
                ),
                ("", [("Årsgns. (år-til-dato)* 2021", "Årsgns. (år-til-dato)* 2021")]),
            ],
        ),
        (
            ["Årsgennemsnit 2020", "Landsandel 2020"],
            [
                ("", [("Årsgennemsnit 2020", "Årsgennemsnit 2020")]),
                ("", [("Landsandel 2020", "Landsandel 2020")]),
            ],
        ),
        (
            ["2020", "2020 andel", "2021"],
            [
                ("", [("2020", "2020")]),
                ("", [("2020 andel", "2020 andel")]),
                ("", [("2021", "2021")]),
            ],
        ),
        (
            ["Udvikling i kr. og pct. Kr. pr. FTP", "Udvikling i kr. og pct. Pct."],
            [
                (
                    "Udvikling i kr. og pct.",
                    [
                        ("Udvikling i kr. og pct. Kr. pr. FTP", "Kr. pr. FTP"),
                        ("Udvikling i kr. og pct. Pct.", "Pct."),
                    ],
                )
            ],
        ),
    ],
)
def test_column_groups(
    columns: list[str], expected: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    assert column_groups(columns) == expected


def _view(key: str, heading: str, kinds: tuple[str, ...]) -> SectionView:
    return SectionView(key, key, heading, "", tuple(Block(kind) for kind in kinds), False)


def test_pages_begin_at_tables_main_headings_and_bare_headings() -> None:
    sections = paginated(
        [
            _view("a", "UDVALGSSTATUS", ("paragraph",)),
            _view("b", "ØKONOMISK STATUS", ("paragraph", "table")),  # after a one-block section
            _view("c", "Læsevejledning", ("paragraph", "paragraph")),  # text only
            _view("d", "NØGLETALSSTATUS", ("paragraph", "paragraph")),  # capitals
            _view("e", "Status på beskæftigelsesplanen", ()),  # a bare heading
            _view("f", "Virksomheder skal have arbejdskraft", ("paragraph", "table")),
            _view("g", "Ledige skal opkvalificeres", ("paragraph", "chart")),
        ]
    )
    assert [s.new_page for s in sections] == [True, False, False, True, True, False, True]


def test_row_labels_get_room_by_their_length() -> None:
    one_column = ReportTable("x", "X", ("Forventet regnskab (e=a+b+c+d)",), ("i mio. kr.",), ())
    many = ReportTable(
        "y", "Y", ("I alt",), tuple(f"Årsgennemsnit {y}" for y in range(2015, 2023)), ()
    )
    assert stub_width(one_column) == 55
    assert stub_width(many) == 22
    # tabel 2: 20 characters of label beside 4 + 4 + 4 + 9 + 9 of column labels.
    table2 = ReportTable(
        "t", "T", ("Gentoftes landsandel",), ("2020", "2021", "2022", "2020/2021", "2021/2022"), ()
    )
    assert stub_width(table2) == 40


def test_appendix_context_names_what_the_title_does_not(report: Report) -> None:
    assert (
        appendix_context(report)
        == "Gentofte Kommune · Bilag til Kvartalsrapportering, 4. kvartal 2022"
    )
    titled = replace(report, title="Kvartalsrapportering – Gentofte Kommune, fjerde kvartal 2022")
    assert appendix_context(titled) == (
        "Bilag til Kvartalsrapportering – Gentofte Kommune, fjerde kvartal 2022"
    )


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Ordinære job (Mål)", "lead"),
        ("Beskæftigelse (Måling fra jobindsats.dk)", "lead"),
        ("Status på målene", "lead"),
        ("I forlængelse af ovenstående måles der på:", "keep"),
        ("Antallet er faldet med 311 fuldtidspersoner.", ""),
        ("Se figur 4 (nedenfor)", ""),
        (
            "En lang sætning uden punktum, som fortsætter og fortsætter "
            "langt ud over en overskrifts længde",
            "",
        ),
    ],
)
def test_paragraph_roles(text: str, role: str) -> None:
    assert paragraph_role(text) == role


def test_run_in_heading_is_marked_in_the_page(report: Report) -> None:
    extra = Section("x", "Ekstra", (Paragraph("Ordinære job (Mål)"), Paragraph("Tekst.")))
    html = render_html(replace(report, sections=(*report.sections, extra)), interactive=False)
    assert '<p class="lead">Ordinære job (Mål)</p>' in html
    assert "<p>Tekst.</p>" in html


def test_quarter_label() -> None:
    assert quarter_label("2022Q4") == "4. kvartal 2022"
    assert quarter_label("2023") == "2023"


# --- PDF ----------------------------------------------------------------------------------

pytestmark_pdf = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def _pages(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def pdf(report: Report) -> bytes:
    return render_pdf(report)


@pytestmark_pdf
def test_pdf_has_headings_numbers_and_page_numbers(
    report: Report, pdf: bytes, tmp_path: Path
) -> None:
    pages = _pages(pdf, tmp_path)
    text = "\n".join(pages)
    for section in report.sections + report.appendices:
        assert section.heading in text
    for number in ("26.154", f"-54,7{NBSP}%", "557,0", "1.097", "311 fuldtidspersoner"):
        assert number.replace(NBSP, " ") in text.replace(NBSP, " ")
    for index, page in enumerate(pages, start=1):
        assert f"Side {index} af {len(pages)}" in page


@pytestmark_pdf
def test_pdf_table_of_contents_gives_the_right_pages(
    report: Report, pdf: bytes, tmp_path: Path
) -> None:
    pages = _pages(pdf, tmp_path)
    contents = pages[0]
    for section in report.sections:
        line = next(
            line for line in contents.splitlines() if line.strip().startswith(section.heading)
        )
        page_number = int(line.rsplit(" ", 1)[1])
        # The heading is a line of the page the contents name, and of no page before it.
        assert section.heading in pages[page_number - 1].splitlines()
        assert all(section.heading not in page.splitlines() for page in pages[1 : page_number - 1])


@pytestmark_pdf
def test_pdf_charts_are_vector_with_danish_months(pdf: bytes, tmp_path: Path) -> None:
    text = "\n".join(_pages(pdf, tmp_path))
    # Axis labels of figur 4 drawn as text from the SVG: Danish "okt", "maj" would be
    # "Oct", "May" in English; the tick labels of a 24-month axis include "jul 2021".
    assert "jul 2021" in text
    assert "Fuldtidspersoner" in text
    assert "Oct" not in text


@pytestmark_pdf
def test_pdf_nothing_overflows_the_page(pdf: bytes, tmp_path: Path) -> None:
    """Every word of every page lies inside the page's side margins (15 mm = 42,5 pt on the
    landscape pages, 18 mm on the others): no table or chart runs off the paper."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    boxes = tmp_path / "boxes.html"
    subprocess.run(["pdftotext", "-bbox", str(path), str(boxes)], check=True)
    text = boxes.read_text(encoding="utf-8")
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', text, re.DOTALL)
    assert pages
    for width, body in pages:
        words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', body)
        assert words
        assert min(float(left) for left, _ in words) >= 42
        assert max(float(right) for _, right in words) <= float(width) - 42


def test_pdf_noegletal_is_on_a_landscape_page(pdf: bytes) -> None:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    shapes = {
        "Målgruppeoversigt" in (page.extract_text() or ""): float(page.mediabox.width)
        > float(page.mediabox.height)
        for page in reader.pages
    }
    assert shapes == {True: True, False: False}


@pytestmark_pdf
def test_appendix_pdf_holds_only_its_appendix(report: Report, tmp_path: Path) -> None:
    pages = _pages(render_appendix_pdf(report, "budgetaendringer"), tmp_path)
    text = "\n".join(pages)
    assert "Budgetændringer" in text and "557,0" in text and "578,3" in text
    assert "UDVALGSSTATUS" not in text and "Målgruppeoversigt" not in text
    assert f"Side 1 af {len(pages)}" in pages[0]


def test_unknown_appendix_is_refused(report: Report) -> None:
    with pytest.raises(KeyError, match="intet bilag 'nøgletal'"):
        render_appendix_pdf(report, "nøgletal")


# --- the interactive charts in a browser ----------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.browser
def test_charts_are_interactive_offline_with_danish_tooltips(html: str, tmp_path: Path) -> None:
    """The page, opened from a file, draws every chart with the inlined vega-embed, asks the
    network for nothing, and a bar's tooltip shows the figure as the tables print it."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} mangler: `make install` installerer Debians chromium")
    page_file = tmp_path / "rapport.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_file.as_uri())
            for view in ("figur-1-view", "figur-4-view"):
                page.wait_for_selector(f"#{view} svg.marks", timeout=30_000)
                assert page.get_attribute(f"#{view}", "aria-label")
            # The first bar is Forsikrede ledige in 2020: 1097 full-time persons.
            page.locator("#figur-1-view path[role='graphics-symbol']").first.hover()
            tooltip = page.locator("#vg-tooltip-element")
            tooltip.wait_for(state="visible", timeout=15_000)
            text = tooltip.inner_text()
        finally:
            browser.close()
    assert "Forsikrede ledige" in text
    assert "1.097" in text
    assert "Fuldtidspersoner" in text
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []


# --- the whole published report -----------------------------------------------------------


@pytest.mark.slow
@pytestmark_pdf
def test_whole_published_report_renders(tmp_path: Path) -> None:
    """The seed's report, composed from its transcription, renders whole: every table with a
    caption, every sentence filled, every heading in the PDF, the seed's figures printed the
    Danish way, landscape pages for the appendix Nøgletal only."""
    import io

    from pypdf import PdfReader

    from jobtal.report.build import build_published_report

    report = build_published_report("gentofte-2023-02")
    html = render_html(report, interactive=False)
    tree = Tree(html).root
    tables = tree.all("table")
    assert len(tables) >= 20
    assert all(table.all("caption")[0].text().strip() for table in tables)
    (main,) = tree.all("main")
    assert not re.search(r"\{\d+\}", main.text())
    pdf = render_pdf(report)
    pages = _pages(pdf, tmp_path)
    text = " ".join(" ".join(pages).split()).replace(NBSP, " ")
    for section in report.sections + report.appendices:
        assert " ".join(section.heading.split()) in text
    # Seed figures: tabel 2, tabel 13, the transfers' corrected budget, tabel 3's share.
    for number in ("20.333", "-54,7 %", "18.757", "557,0", "29,3 %", "1.097"):
        assert number in text
    reader = PdfReader(io.BytesIO(pdf))
    landscape = [
        index
        for index, page in enumerate(reader.pages)
        if float(page.mediabox.width) > float(page.mediabox.height)
    ]
    # One run of landscape pages, beginning with the appendix's target-group overview; the
    # report before it and Budgetændringer after it are portrait.
    assert landscape == list(range(landscape[0], landscape[-1] + 1))
    assert "Målgruppeoversigt" in pages[landscape[0]]
    assert "Målgruppeoversigt" not in " ".join(pages[: landscape[0]])
    assert landscape[-1] < len(pages) - 1
    assert f"Side 1 af {len(pages)}" in pages[0]
