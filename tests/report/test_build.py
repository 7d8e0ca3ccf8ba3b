"""Composing the report: sections in the seed's order, tables from the transcription, charts,
missing data, analyst comments, the appendix as tables, and the store route's errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from jobtal import published
from jobtal.domain.periods import parse_period
from jobtal.errors import InputError
from jobtal.published.tables import report_tables, statements
from jobtal.report.build import (
    appendix_rows,
    appendix_tables,
    build_published_report,
    build_report,
    compose,
)
from jobtal.report.model import Chart, Paragraph, Report, ReportTable
from jobtal.report.narrative import evaluate, text_of
from jobtal.report.published_report import published_tables
from jobtal.report.texts import no_data

SEED = "gentofte-2023-02"

# The seed's headings in its order (the plan's five themes after its heading).
SEED_HEADINGS = [
    "UDVALGSSTATUS",
    "ØKONOMISK STATUS – ERHVERVS-, BESKÆFTIGELSES- OG INTEGRATIONSUDVALGET",
    "Læsevejledning",
    "NØGLETALSSTATUS",
    "Virksomhedsrettede tilbud – udvikling i årsgennemsnit",
    "Status på kontanthjælpsloftet",
    "Udviklingen i langtidsledigheden",
    "Status på beskæftigelsesplanen",
    "Virksomheder skal have den efterspurgte arbejdskraft",
    "Ledige skal opkvalificeres",
    "Unge skal i arbejde eller uddannelse",
    "Flygtninge og familiesammenførte skal være selvforsørgende",
    "Borgere med handicap og funktionsnedsættelse skal i arbejde",
    "STYRINGSMODEL FOR MÅLING AF EFFEKT PÅ INVESTERINGEN",
    "Udvikling i det gennemsnitlige sagsantal pr. medarbejder",
    "Udvikling i enhedsomkostninger pr. ledig",
]
GOALS = [
    "Indsats over for virksomhederne (Mål)",
    "Ordinære job (Mål)",
    "Brug af opkvalificeringstilbud (Mål)",
    "Ordinær uddannelse (Mål)",
    "Andel unge i virksomhedsrettet tilbud (Mål)",
    "Ordinære løntimer (Mål)",
    "Beskæftigelse (Måling fra jobindsats.dk)",
    "Varighed (Mål)",
]


@pytest.fixture(scope="module")
def report() -> Report:
    return build_published_report(SEED)


def _compose(tables: tuple[ReportTable, ...], **kwargs: Any) -> Report:
    return compose(
        tables,
        published.appendix(SEED),
        municipality=157,
        municipality_name="Gentofte",
        committee="Erhvervs-, Beskæftigelses- og Integrationsudvalget",
        year=2022,
        quarter=4,
        **kwargs,
    )


def _paragraph_texts(report: Report, key: str) -> list[str]:
    tables = {t.name: t for t in report.tables}
    section = next(s for s in (*report.sections, *report.appendices) if s.key == key)
    return [text_of(b, tables, []) for b in section.blocks if isinstance(b, Paragraph)]


def test_sections_stand_in_the_seeds_order_with_its_headings(report: Report) -> None:
    assert [s.heading for s in report.sections] == SEED_HEADINGS
    assert report.quarter == "2022Q4"
    assert report.municipality == 157 and report.municipality_name == "Gentofte"
    texts = [t for s in report.sections for t in _paragraph_texts(report, s.key)]
    for goal in GOALS:
        assert goal in texts
    assert [s.key for s in report.appendices] == ["noegletal", "budgetaendringer"]


def test_every_table_and_chart_of_the_seed_is_placed_once(report: Report) -> None:
    names = [
        b if isinstance(b, str) else b.table
        for s in report.sections
        for b in s.blocks
        if not isinstance(b, Paragraph)
    ]
    expected = [f"tabel {n}" for n in range(1, 14)] + [
        "økonomisk status service",
        "økonomisk status overførsler",
        "afvigelsesforklaring service",
        "afvigelsesforklaring overførsler",
        "figur 1",
        "figur 2",
        "figur 4",
        "figur 5",
    ]
    assert sorted(names) == sorted(expected)
    known = {t.name for t in report.tables}
    appendix_blocks = [b for s in report.appendices for b in s.blocks if isinstance(b, str)]
    assert set(appendix_blocks) <= known
    assert "budgetændringer" in appendix_blocks and "nøgletal målgrupper" in appendix_blocks


def test_charts_have_danish_alt_texts_from_their_data(report: Report) -> None:
    charts = [b for s in report.sections for b in s.blocks if isinstance(b, Chart)]
    assert [c.name for c in charts] == ["figur 1", "figur 2", "figur 4", "figur 5"]
    by_name = {c.name: c for c in charts}
    assert by_name["figur 1"].kind == "bar"
    assert by_name["figur 4"].kind == "line" and by_name["figur 5"].kind == "line"
    # Figure 4: the total's first, highest and last month as the seed states them.
    assert "I alt: 263 i marts 2020, højest 503 i april 2021, 144 i december 2022." in (
        by_name["figur 4"].alt
    )
    assert "Størst i 2022 er Førtidspension med 1.224" in by_name["figur 1"].alt
    for chart in charts:
        table = report.table(chart.table)
        assert all(row in chart.alt for row in table.rows)


def test_published_tables_follow_the_transcription() -> None:
    tables = {t.name: t for t in published_tables(SEED)}
    for cell in report_tables(SEED):
        found = tables[cell["table"]].cell(cell["row"], cell["column"])
        expected = cell["value"]
        if expected is not None and cell["unit"] == "mio_kr":
            expected = expected * 1_000_000
        assert found.value == pytest.approx(expected), cell
        assert (found.unit, found.decimals) == (cell["unit"], cell["decimals"])
    status = tables["økonomisk status overførsler"]
    assert status.value("Overførselsudgifter 2050", "Korrigeret budget") == 557_000_000.0
    assert tables["tabel 4"].columns == (
        "2020",
        "2020 andel",
        "2021",
        "2021 andel",
        "2022",
        "2022 andel",
    )
    assert tables["tabel 12"].rows == (
        "Ledighedsrelaterede målgrupper",
        "Øvrige målgrupper",
        "Antal sager i alt",
    )
    assert tables["tabel 3"].title == "Tabel 3. Kontaktede virksomheder med oprettet tilbud"


def test_the_seeds_statement_references_evaluate_on_the_published_tables(report: Report) -> None:
    """Every cell the transcribed statements refer to exists under the same labels."""
    tables = {t.name: t for t in report.tables}
    for statement in statements(SEED):
        if statement["refers_to"]:
            assert evaluate(statement["refers_to"], tables, []) is not None, statement


def test_a_section_whose_tables_are_missing_says_so() -> None:
    tables = tuple(
        t for t in published_tables(SEED) if t.name not in ("tabel 1", "tabel 13", "figur 4")
    )
    report = _compose(tables)
    cap = next(s for s in report.sections if s.key == "kontanthjaelpsloft")
    assert "tabel 1" not in cap.blocks
    assert no_data("kontanthjælpsloftet (tabel 1)") in _paragraph_texts(report, cap.key)
    assert no_data("tabel 13 (omkostninger pr. fuldtidsperson)") in _paragraph_texts(
        report, "styringsmodel_omkostninger"
    )
    long_term = _paragraph_texts(report, "langtidsledighed")
    assert no_data("figur 4 (langtidsledige pr. måned)") in long_term
    assert not any("toppede" in text for text in long_term)
    empty = compose(
        (),
        [],
        municipality=157,
        municipality_name="Gentofte",
        committee="Udvalget",
        year=2022,
        quarter=4,
    )
    assert no_data("nøgletallene for målgrupperne") in _paragraph_texts(empty, "noegletalsstatus")
    assert no_data("budgetændringer") in _paragraph_texts(empty, "budgetaendringer")
    headings = [s.heading for s in empty.sections]
    assert headings[1] == "ØKONOMISK STATUS – UDVALGET"
    assert headings[:1] + headings[2:] == SEED_HEADINGS[:1] + SEED_HEADINGS[2:]


def test_a_sentence_with_an_undefined_figure_is_left_out() -> None:
    tables = published_tables(SEED)
    changed = []
    for table in tables:
        if table.name == "tabel 10":
            table = replace(
                table,
                cells=tuple(
                    replace(c, value=None) if c.column == "2021 (hele året)" else c
                    for c in table.cells
                ),
            )
        changed.append(table)
    texts = _paragraph_texts(_compose(tuple(changed)), "plan_flygtninge")
    assert not any("procentpoint" in t for t in texts)
    assert not any(". " in t and t.endswith(" .") for t in texts)


def test_comments_are_added_to_their_section_without_touching_any_figure() -> None:
    tables = published_tables(SEED)
    plain = _compose(tables)
    comment = "Stigningen i jobafklaringsforløb skal ses i lyset af forlænget ret til sygedagpenge."
    commented = _compose(tables, comments={"noegletalsstatus": comment})
    section = next(s for s in commented.sections if s.key == "noegletalsstatus")
    last = section.blocks[-1]
    assert isinstance(last, Paragraph) and last.comment and last.text == comment
    assert last.facts == ()
    before = next(s for s in plain.sections if s.key == "noegletalsstatus")
    assert section.blocks[:-1] == before.blocks
    others = [s for s in commented.sections if s.key != "noegletalsstatus"]
    assert others == [s for s in plain.sections if s.key != "noegletalsstatus"]
    assert commented.tables == plain.tables


def test_an_unknown_comment_key_is_bad_input() -> None:
    with pytest.raises(InputError) as raised:
        _compose(published_tables(SEED), comments={"noegletal_status": "tekst"})
    assert raised.value.problems[0].field == "noegletal_status"
    assert "ukendt afsnit" in raised.value.problems[0].message


def test_the_appendix_becomes_four_tables_with_printed_labels_and_back() -> None:
    rows = published.appendix(SEED)
    tables = {t.name: t for t in appendix_tables(rows)}
    assert list(tables) == [
        "nøgletal målgrupper",
        "nøgletal langtidsledige",
        "nøgletal virksomhedsrettede tilbud",
        "nøgletal aktiveringsandel",
    ]
    groups = tables["nøgletal målgrupper"]
    assert groups.rows[:3] == ("Forsikrede ledige", "- Dagpengemodtagere", "Kontanthjælp")
    assert groups.rows[-1] == "I alt"
    assert groups.columns[:5] == (
        "Årsgennemsnit 2020",
        "Landsandel 2020",
        "Årsgennemsnit 2021",
        "Landsandel 2021",
        "Udvikling i procent 2020/2021",
    )
    assert groups.value("- Jobparate", "Årsgennemsnit 2022") == 77
    assert groups.cell("I alt", "Landsandel 2022").decimals == 2
    share = tables["nøgletal aktiveringsandel"]
    assert share.cell(
        "Andel fuldtidspersoner i virksomhedsrettet tilbud", "Udvikling i procentpoint 2021/2022"
    ).unit == ("pp")

    def key(row: dict) -> tuple:
        return (row["table"], row["label"], row["year"], row["measure"])

    back = sorted((dict(r) for r in appendix_rows(tuple(tables.values()))), key=key)
    assert back == sorted((dict(r) for r in rows), key=key)


def test_build_report_refuses_a_missing_store_and_a_period_that_is_not_a_quarter(
    tmp_path: Path,
) -> None:
    with pytest.raises(InputError) as raised:
        build_report(tmp_path / "ingen.duckdb", 157, parse_period("2022Q4"))
    assert "findes ikke" in str(raised.value)
    store = tmp_path / "tom.duckdb"
    store.write_bytes(b"")
    with pytest.raises(InputError) as raised:
        build_report(store, 157, parse_period("2022M12"))
    assert raised.value.problems[0].field == "--period"
    with pytest.raises(InputError) as raised:
        build_report(store, 9999, parse_period("2022Q4"))
    assert raised.value.problems[0].field == "--municipality"


def test_the_published_report_carries_the_seeds_explanations_as_comments(report: Report) -> None:
    comments = {
        s.key: b.text
        for s in report.sections
        for b in s.blocks
        if isinstance(b, Paragraph) and b.comment
    }
    assert set(comments) == {
        "oekonomisk_status",
        "noegletalsstatus",
        "virksomhedsrettede_tilbud",
        "plan_opkvalificering",
        "styringsmodel",
    }
    assert "ukrainske flygtninge" in comments["oekonomisk_status"]
    replaced = build_published_report(SEED, comments={"noegletalsstatus": "Egen tekst."})
    texts = _paragraph_texts(replaced, "noegletalsstatus")
    assert texts[-1] == "Egen tekst." and not any("genåbningen" in t for t in texts)
