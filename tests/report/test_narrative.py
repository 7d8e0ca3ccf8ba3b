"""The narrative: exact evaluation of fact references, verbs from signs, filled sentences.

The generated report's sentences are checked independently of their templates: every number
found in a paragraph's text (by a regular expression) must be one of its facts' values,
evaluated from the tables and rounded as printed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

import pytest

from jobtal import published
from jobtal.formatting import NBSP, rounded
from jobtal.published import AppendixRow
from jobtal.report.build import appendix_tables, build_published_report, compose
from jobtal.report.model import Cell, Fact, Paragraph, Report, ReportTable
from jobtal.report.narrative import (
    SentenceBuilder,
    change_noun,
    change_verb,
    direction,
    evaluate,
    spending_word,
    text_of,
)
from jobtal.report.published_report import published_tables

SEED = "gentofte-2023-02"


def _table(name: str, cells: list[tuple[str, str, float | None, str, int]]) -> ReportTable:
    return ReportTable(
        name=name,
        title=name,
        rows=tuple(dict.fromkeys(c[0] for c in cells)),
        columns=tuple(dict.fromkeys(c[1] for c in cells)),
        cells=tuple(Cell(*c) for c in cells),
    )


TABLES = {
    t.name: t
    for t in (
        _table(
            "tabel 10",
            [
                ("Andel beskæftigede", "2021 (hele året)", 50.9, "pct", 1),
                ("Andel beskæftigede", "2022 (jan-nov)", 56.7, "pct", 1),
                ("Antal beskæftigede", "2021 (hele året)", 283.0, "count", 0),
                ("Antal beskæftigede", "2022 (jan-nov)", 0.0, "count", 0),
            ],
        ),
        _table(
            "afvigelsesforklaring overførsler",
            [
                ("Heraf: Øvrige", "i mio. kr.", -3_400_000.0, "mio_kr", 1),
                ("Heraf: Aktiveringsindsatser", "i mio. kr.", -3_300_000.0, "mio_kr", 1),
                ("Forventet regnskab (e=a+b+c+d)", "i mio. kr.", 527_200_000.0, "mio_kr", 1),
            ],
        ),
        _table("tabel 2", [("Gentofte", "2020/2021", None, "pct", 1)]),
    )
}
ROWS = [
    AppendixRow(
        table="target_groups", label="I alt", parent=None, year=2021, measure="ftp", value=4329.0
    ),
    AppendixRow(
        table="target_groups", label="I alt", parent=None, year=2022, measure="ftp", value=4085.0
    ),
]


def test_a_cell_whose_row_label_holds_a_colon_is_found() -> None:
    assert evaluate("afvigelsesforklaring overførsler:Heraf: Øvrige:i mio. kr.", TABLES, []) == (
        -3_400_000.0
    )


def test_expressions_are_evaluated_exactly() -> None:
    share = "tabel 10:Andel beskæftigede"
    assert evaluate(f"diff({share}:2022 (jan-nov)|{share}:2021 (hele året))", TABLES, []) == (
        pytest.approx(5.8)
    )
    both = (
        "afvigelsesforklaring overførsler:Heraf: Øvrige:i mio. kr.|"
        "afvigelsesforklaring overførsler:Heraf: Aktiveringsindsatser:i mio. kr."
    )
    assert evaluate(f"sum({both})", TABLES, []) == -6_700_000.0
    # (4085 / 4329 − 1) × 100 = −5,636...
    total = "noegletal:target_groups:I alt:{}:ftp"
    change = evaluate(f"change_pct({total.format(2021)}|{total.format(2022)})", TABLES, ROWS)
    assert change == pytest.approx((4085 / 4329 - 1) * 100)
    assert evaluate("share(228|250)", {}, []) == pytest.approx(91.2)
    assert evaluate("ratio(3227|55.6)", {}, []) == pytest.approx(3227 / 55.6)
    assert evaluate("sum(409|93)", {}, []) == 502.0
    assert evaluate("change_pct(sum(200|63)|sum(409|94))", {}, []) == pytest.approx(
        (503 / 263 - 1) * 100
    )


def test_undefined_figures_and_division_by_zero_give_none() -> None:
    assert evaluate("tabel 2:Gentofte:2020/2021", TABLES, []) is None
    assert evaluate("sum(tabel 2:Gentofte:2020/2021|4)", TABLES, []) is None
    zero = "tabel 10:Antal beskæftigede:2022 (jan-nov)"
    assert evaluate(f"change_pct({zero}|5)", TABLES, []) is None
    assert evaluate(f"share(5|{zero})", TABLES, []) is None
    assert evaluate(f"ratio(5|{zero})", TABLES, []) is None


def test_a_missing_cell_or_table_is_a_key_error_and_bad_syntax_a_value_error() -> None:
    with pytest.raises(KeyError):
        evaluate("tabel 10:Andel beskæftigede:2023", TABLES, [])
    with pytest.raises(KeyError):
        evaluate("tabel 99:a:b", TABLES, [])
    with pytest.raises(KeyError):
        evaluate("noegletal:target_groups:I alt:2019:ftp", TABLES, ROWS)
    with pytest.raises(ValueError):
        evaluate("diff(1|2|3)", {}, [])


def test_appendix_figures_are_also_read_from_the_appendix_report_tables() -> None:
    rows = published.appendix(SEED)
    tables = {t.name: t for t in appendix_tables(rows)}
    for row in rows:
        reference = f"noegletal:{row['table']}:{row['label']}:{row['year']}:{row['measure']}"
        assert evaluate(reference, tables, []) == row["value"], reference


@pytest.mark.parametrize(
    ("value", "decimals", "verb", "noun", "spending"),
    [
        (12.5, 1, "er steget med", "en stigning på", "merforbrug"),
        (-32.4, 1, "er faldet med", "et fald på", "mindreforbrug"),
        (0.0, 1, "er uændret", "ingen ændring", "forbrug svarende til budgettet"),
        # Printed as 0,0 a tiny change is no change, so the verb never contradicts the figure.
        (-0.04, 1, "er uændret", "ingen ændring", "forbrug svarende til budgettet"),
        (0.4, 0, "er uændret", "ingen ændring", "forbrug svarende til budgettet"),
        (0.5, 0, "er steget med", "en stigning på", "merforbrug"),
    ],
)
def test_the_verb_is_chosen_from_the_sign_as_printed(
    value: float, decimals: int, verb: str, noun: str, spending: str
) -> None:
    assert change_verb(value, decimals) == verb
    assert change_noun(value, decimals) == noun
    assert spending_word(value, decimals) == spending
    assert direction(value, decimals) in (-1, 0, 1)


def test_text_of_fills_facts_the_danish_way_with_units() -> None:
    tables = TABLES
    paragraph = (
        SentenceBuilder()
        .add("Andelen er {}, ", Fact("tabel 10:Andel beskæftigede:2022 (jan-nov)", "pct", 1))
        .add(
            "{} mere end året før. ",
            Fact(
                "diff(tabel 10:Andel beskæftigede:2022 (jan-nov)|"
                "tabel 10:Andel beskæftigede:2021 (hele året))",
                "pp",
                1,
            ),
        )
        .add(
            "Øvrige giver et mindreforbrug på {}.",
            Fact("afvigelsesforklaring overførsler:Heraf: Øvrige:i mio. kr.", "mio_kr", 1, True),
        )
        .paragraph()
    )
    assert text_of(paragraph, tables, []) == (
        f"Andelen er 56,7{NBSP}%, 5,8 procentpoint mere end året før. "
        "Øvrige giver et mindreforbrug på 3,4 mio. kr."
    )
    thousands = Paragraph("{0} og {1} {{ikke et tal}}", (Fact("18757", "dkk"), Fact("4329", "ftp")))
    assert text_of(thousands, {}, []) == "18.757 kr. og 4.329 {ikke et tal}"
    assert text_of(Paragraph("Fri tekst med {klammer}", comment=True), {}, []) == (
        "Fri tekst med {klammer}"
    )


# -- every number of every generated sentence --------------------------------------------------

_NUMBER = re.compile(r"(?<![\w,.])-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w,.])-?\d+(?:,\d+)?")
_YEAR = re.compile(r"^(19|20)\d\d$")
_REFERENCE = re.compile(r"\b(tabel|figur) \d+\b", re.IGNORECASE)


def numbers_in(text: str) -> list[Decimal]:
    """Every number in a Danish text (`1.097`, `32,4`, `-5,6`), except years and the
    numbers of tables and figures named in it. A figure ≥ 1.000 always has a thousands dot,
    so a bare four-digit number is a year."""
    found = _NUMBER.findall(_REFERENCE.sub("", text))
    return [
        Decimal(token.replace(".", "").replace(",", "."))
        for token in found
        if not _YEAR.match(token)
    ]


def expected_numbers(
    paragraph: Paragraph, tables: dict[str, ReportTable], rows: list[AppendixRow]
) -> list[Decimal]:
    out = []
    for fact in paragraph.facts:
        value = evaluate(fact.refers_to, tables, rows)
        assert value is not None, fact
        if fact.magnitude:
            value = abs(value)
        if fact.unit == "mio_kr":
            value = value / 1_000_000
        out.append(rounded(value, fact.decimals))
    return out


def fact_paragraphs(report: Report) -> list[Paragraph]:
    return [
        block
        for section in (*report.sections, *report.appendices)
        for block in section.blocks
        if isinstance(block, Paragraph) and block.facts
    ]


def assert_sentences_agree(report: Report, rows: list[AppendixRow]) -> int:
    tables = {t.name: t for t in report.tables}
    checked = 0
    for paragraph in fact_paragraphs(report):
        text = text_of(paragraph, tables, rows)
        assert Counter(numbers_in(text)) == Counter(expected_numbers(paragraph, tables, rows)), text
        checked += 1
    return checked


def test_every_number_of_the_published_reports_sentences_is_its_fact_as_printed() -> None:
    report = build_published_report(SEED)
    assert assert_sentences_agree(report, published.appendix(SEED)) >= 25


def test_the_number_extraction_itself() -> None:
    assert numbers_in(f"fra 4.417 til 4.329, et fald på -2,0{NBSP}% i 2021 jf. tabel 1") == [
        Decimal("4417"),
        Decimal("4329"),
        Decimal("-2.0"),
    ]


def _compose(tables: tuple[ReportTable, ...], rows: list[AppendixRow]) -> Report:
    return compose(
        tables,
        rows,
        municipality=157,
        municipality_name="Gentofte",
        committee="Udvalget",
        year=2022,
        quarter=4,
    )


def _with_cell(
    tables: tuple[ReportTable, ...], name: str, row: str, column: str, value: float
) -> tuple[ReportTable, ...]:
    out = []
    for table in tables:
        if table.name == name:
            cells = tuple(
                replace(c, value=value) if (c.row, c.column) == (row, column) else c
                for c in table.cells
            )
            table = replace(table, cells=cells)
        out.append(table)
    return tuple(out)


def _texts(report: Report, rows: list[AppendixRow]) -> list[str]:
    tables = {t.name: t for t in report.tables}
    return [text_of(p, tables, rows) for p in fact_paragraphs(report)]


def test_a_fall_becomes_a_rise_and_equal_figures_no_change() -> None:
    rows = published.appendix(SEED)
    base = published_tables(SEED)
    share = ("tabel 10", "Andel beskæftigede", "2022 (jan-nov)")
    lower = _compose(_with_cell(base, *share, 48.0), rows)
    assert any("2,9 procentpoint mindre end i 2021" in t for t in _texts(lower, rows))
    same = _compose(_with_cell(base, *share, 50.9), rows)
    assert any("det samme som i 2021" in t for t in _texts(same, rows))
    weeks = ("figur 5", "Gns. varighed (uger)", "2022Q3")
    shorter = _compose(_with_cell(base, *weeks, 60.0), rows)
    assert any("faldet fra 73 uger til 60 uger" in t for t in _texts(shorter, rows))
    deviation = (
        "økonomisk status service",
        "Afvigelse mellem forventet regnskab og korrigeret budget inkl. forventede "
        "bevillingsændringer",
        "Beløb",
    )
    over = _compose(_with_cell(base, *deviation, 1_250_000.0), rows)
    assert any("merforbrug på 1,3 mio. kr." in t for t in _texts(over, rows))
    for report in (lower, same, shorter, over):
        assert_sentences_agree(report, rows)


def test_which_groups_rose_is_decided_from_the_data() -> None:
    rows = published.appendix(SEED)
    tables = published_tables(SEED)

    def rising(report: Report) -> str:
        return next(
            t for t in _texts(report, rows) if "er antallet af fuldtidspersoner steget" in t
        )

    assert "Sygedagpenge (6,7" in rising(_compose(tables, rows))
    # Sygedagpenge falling from 778 to 700 full-time persons: no longer among the rising.
    changed = [
        AppendixRow(**{**r, "value": 700.0})
        if (r["label"], r["year"], r["measure"]) == ("Sygedagpenge", 2022, "ftp")
        else AppendixRow(**{**r, "value": (700 / 778 - 1) * 100})
        if (r["label"], r["year"], r["measure"]) == ("Sygedagpenge", 2022, "change_pct")
        and r["table"] == "target_groups"
        else r
        for r in rows
    ]
    report = _compose(tables, changed)
    assert "Sygedagpenge" not in rising(report)
    largest_falls = [t for t in _texts(report, changed) if "målgruppen Sygedagpenge" in t]
    assert largest_falls == [
        "Antallet af fuldtidspersoner i målgruppen Sygedagpenge er faldet med 78 "
        f"fuldtidspersoner fra 2021 til 2022, svarende til et fald på 10,0{NBSP}%."
    ]
    assert_sentences_agree(report, changed)


# -- the published seed's own numbers ----------------------------------------------------------

# Numbers of the seed's sentences that agree with its tables, and the words around them; each
# group must stand in one generated paragraph (% written with a no-break space).
SEED_STATEMENTS = [
    ("faldet med 311 fuldtidspersoner", "32,4 %"),
    ("faldet med 26 fuldtidspersoner", "25,5 %"),
    ("fra 4.329 til 4.085 fuldtidspersoner", "5,6 %"),
    ("Sygedagpenge (6,7 %)", "Seniorpension (68,1 %)", "Jobafklaringsforløb (19,5 %)"),
    ("fra 35 fuldtidspersoner i 2021 til 73 fuldtidspersoner i 2022",),
    ("en stigning på 8,6 %", "fra 63 til 69 fuldtidspersoner"),
    ("faldet med 72 %", "faldet med 67 %"),
    ("fra 263 til 503", "faldet til 144 fuldtidspersoner i december 2022", "45,2 % lavere"),
    ("med 409 fuldtidspersoner", "faldet til 117 fuldtidspersoner", "71,4 %"),
    ("fra 1,27 % i 2020", "1,38 % i 2021", "1,48 % i 2022"),
    ("oprettet 250 rekrutteringsanmodninger", "228 er afsluttede"),
    ("rekrutteret til 97 ordinære job", "i 67 tilfælde", "64 afsluttede"),
    ("oprettet 300", "230 er afsluttede", "70 er åbne", "er 108, svarende til 47 %"),
    ("foreløbigt på 56,7 %", "5,8 procentpoint mere end i 2021"),
    ("fra 914 til 746 personer", "18,4 %"),
    ("øget med 0,9 årsværk", "faldet med 13,0 %"),
    ("fra 18.757 kr.", "til 13.110 kr.", "et fald på 30,1 %"),
    ("udgør 3,3 mio. kr.", "udgør 2,8 mio. kr.", "mindreforbrug på 0,5 mio. kr."),
    ("557,0 mio. kr.", "527,2 mio. kr.", "mindreforbrug på 29,8 mio. kr."),
    ("Danskuddannelse- og forsørgelsesydelser: forventet mindreforbrug på 7,2 mio. kr.",),
    ("uddannelseshjælpsmodtagere: forventet mindreforbrug på 5,7 mio. kr.",),
    ("Aktiveringsindsatser: forventet mindreforbrug på 3,3 mio. kr.",),
    ("Statsrefusion ved fleksjob: forventet mindreforbrug på 4,6 mio. kr.",),
    ("førtidspensionsområdet: forventet mindreforbrug på 5,6 mio. kr.",),
    ("Øvrige: forventet mindreforbrug på 3,4 mio. kr.",),
]


@pytest.mark.parametrize("fragments", SEED_STATEMENTS)
def test_the_published_reports_sentences_reproduce_the_seeds_consistent_numbers(
    fragments: tuple[str, ...],
) -> None:
    rows = published.appendix(SEED)
    texts = [t.replace(NBSP, " ") for t in _texts(build_published_report(SEED), rows)]
    assert any(all(fragment in text for fragment in fragments) for text in texts), fragments


def test_where_the_seed_disagrees_with_its_tables_the_sentence_follows_the_table() -> None:
    """The seed writes 4.417 and 2,0 pct. (table: 4.415, -1,9 %), 31,3 and 52,9 pct. for
    long-term unemployment (appendix: 31,5 % and -51,7 %)."""
    rows = published.appendix(SEED)
    texts = " ".join(_texts(build_published_report(SEED), rows)).replace(NBSP, " ")
    assert "fra 4.415 til 4.329 fuldtidspersoner, svarende til et fald på 1,9 %" in texts
    assert "4.417" not in texts
    assert "en stigning på 31,5 % i antallet af langtidsledige" in texts
    assert "et fald på 51,7 % fra 2021 til 2022" in texts


def _figure_4(values: dict[str, list[float]]) -> ReportTable:
    months = ["2020M01", "2020M02", "2020M03"]
    return _table(
        "figur 4",
        [
            (row, month, v, "ftp", 0)
            for row, vs in values.items()
            for month, v in zip(months, vs, strict=True)
        ],
    )


def _long_term_texts(figure: ReportTable) -> list[str]:
    report = _compose((figure,), [])
    tables = {t.name: t for t in report.tables}
    section = next(s for s in report.sections if s.key == "langtidsledighed")
    texts = [text_of(b, tables, []) for b in section.blocks if isinstance(b, Paragraph) and b.facts]
    assert_sentences_agree(report, [])
    return [t.replace(NBSP, " ") for t in texts]


def test_figure_4_sentences_follow_the_peak_month_found_in_the_data() -> None:
    # The total peaks in February: 100 → 150 (+50,0 %), then 120 in March, 20,0 % above January.
    texts = _long_term_texts(
        _figure_4({"Dagpengemodtagere": [80, 90, 95], "I alt": [100, 150, 120]})
    )
    assert texts[0] == (
        "Heraf fremgår det, at det samlede antal langtidsledige i perioden januar 2020 til "
        "februar 2020 steg fra 100 til 150 langtidsledige fuldtidspersoner (en stigning på "
        "50,0 %), hvorefter antallet er faldet til 120 fuldtidspersoner i marts 2020, hvilket "
        "er 20,0 % højere end i januar 2020."
    )
    # Dagpengemodtagere rise to the last month: no peak before it, first against last.
    assert texts[1] == (
        "Gruppen af langtidsledige på dagpenge er steget fra 80 fuldtidspersoner i januar 2020 "
        "til 95 fuldtidspersoner i marts 2020, svarende til en stigning på 18,8 %."
    )
    # A total that only falls: first against last month, 150 → 100 is −33,3 %.
    falling = _long_term_texts(_figure_4({"I alt": [150, 120, 100]}))
    assert falling == [
        "Heraf fremgår det, at det samlede antal langtidsledige fra januar 2020 til marts 2020 "
        "er faldet fra 150 til 100 fuldtidspersoner, svarende til et fald på 33,3 %."
    ]
