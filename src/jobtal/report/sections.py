"""The sections of the quarterly report, in the seed's order, composed from its tables.

Every sentence with a figure is built here from the report's own tables and the appendix
*Nøgletal*: the figures are `Fact`s (references to cells), and the words that carry a sign
("er steget med", "et fald på", "mindreforbrug") are chosen from the values as printed. Which
groups rose or fell most is decided from the data. A sentence whose figures are missing or
undefined is left out (and logged); a section whose tables are all missing says so.

Layout decisions (the model has sections of paragraphs, table names and charts): each of the
employment plan's five themes is its own section after the heading-only section "Status på
beskæftigelsesplanen"; a goal's title ("… (Mål)") is a paragraph of its own, followed by its
text and by the measured goal as a paragraph starting with "• ". The steering model's two
follow-ups (cases per staff-year, unit costs) are sections of their own.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from jobtal.domain.target_groups import MEASURE_DECIMALS
from jobtal.published import AppendixRow
from jobtal.report import texts
from jobtal.report.cells import format_value
from jobtal.report.model import Cell, Chart, Fact, Paragraph, ReportTable, Section
from jobtal.report.narrative import (
    SentenceBuilder,
    change_noun,
    direction,
    evaluate,
    more_less,
    past_verb,
    spending_word,
)

log = logging.getLogger(__name__)

Block = Paragraph | str | Chart

TARGET_GROUPS = "target_groups"
LONG_TERM = "long_term"
COMPANY_OFFERS = "company_offers"
ACTIVATION_SHARE = "activation_share"
TOTAL = "I alt"
LONG_TERM_TOTAL = "Langtidsledigheden"
OFFERS_TOTAL = "Virksomhedsrettet tilbud fordelt på målgrupper"
ACTIVATED_TOTAL = "Andel fuldtidspersoner i virksomhedsrettet tilbud"
DEVIATION_PREFIX = "Afvigelse"
EXPLANATION_PREFIX = "Heraf: "

MEASURE_UNITS = {
    "ftp": "ftp",
    "national_share_pct": "pct",
    "change_pct": "pct",
    "wage_subsidy_ftp": "ftp",
    "work_placement_ftp": "ftp",
    "activated_ftp": "ftp",
    "activated_share_pct": "pct",
    "change_pp": "pp",
}

# How the groups of figure 4 are named in a sentence.
FIGURE_4_PHRASES = {
    "Dagpengemodtagere": "på dagpenge",
    "Kontanthjælp og S&H-ydelse": "på kontanthjælp og S&H-ydelse",
}


@dataclass(frozen=True)
class Context:
    """What the sections are built from: the report's tables by name, the appendix rows, the
    municipality's name, the committee and the report's year and quarter."""

    tables: Mapping[str, ReportTable]
    appendix: Sequence[AppendixRow]
    municipality: str
    committee: str
    year: int
    quarter: int

    def table(self, name: str) -> ReportTable | None:
        return self.tables.get(name)

    def value(self, reference: str) -> float | None:
        """The exact value of a reference; None when it is undefined or missing."""
        try:
            return evaluate(reference, self.tables, self.appendix)
        except (KeyError, ValueError):
            return None

    def appendix_value(self, table: str, label: str, year: int, measure: str) -> float | None:
        return self.value(nt(table, label, year, measure))

    def checked(self, paragraph: Paragraph) -> Paragraph | None:
        """The paragraph if every fact evaluates to a number; else None (logged), so no
        sentence is printed with a missing or undefined figure."""
        for fact in paragraph.facts:
            try:
                value = evaluate(fact.refers_to, self.tables, self.appendix)
            except (KeyError, ValueError) as error:
                log.info("sætning udeladt (%s): %s", error, paragraph.text)
                return None
            if value is None:
                log.info("sætning udeladt (udefineret tal %s): %s", fact.refers_to, paragraph.text)
                return None
        return paragraph


# -- references and facts ----------------------------------------------------------------------


def ref(table: str, row: str, column: str) -> str:
    return f"{table}:{row}:{column}"


def nt(table: str, label: str, year: int, measure: str) -> str:
    return f"noegletal:{table}:{label}:{year}:{measure}"


def cell_fact(table: ReportTable, row: str, column: str, *, magnitude: bool = False) -> Fact:
    """A fact for one cell, printed with the cell's unit and decimals."""
    cell = table.cell(row, column)
    return Fact(ref(table.name, row, column), cell.unit, cell.decimals, magnitude)


def nt_fact(table: str, label: str, year: int, measure: str, *, magnitude: bool = False) -> Fact:
    """A fact for a figure of the appendix, printed as the appendix prints it."""
    return Fact(
        nt(table, label, year, measure),
        MEASURE_UNITS[measure],
        MEASURE_DECIMALS[measure],
        magnitude,
    )


def ftp_diff_fact(table: str, label: str, new: int, old: int) -> Fact:
    """The change in full-time persons of an appendix row from `old` to `new` (unsigned)."""
    expression = f"diff({nt(table, label, new, 'ftp')}|{nt(table, label, old, 'ftp')})"
    return Fact(expression, "ftp", 0, magnitude=True)


def change_pct_fact(old: str, new: str, decimals: int = 1) -> Fact:
    return Fact(f"change_pct({old}|{new})", "pct", decimals, magnitude=True)


def listing(items: Sequence[str]) -> str:
    """'a', 'a og b', 'a, b og c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _participle(value: float, decimals: int, rise: str = "steget", fall: str = "faldet") -> str:
    return {1: rise, -1: fall, 0: "uændret"}[direction(value, decimals)]


# -- sections ----------------------------------------------------------------------------------


def committee_status(ctx: Context) -> Section:
    return Section(
        "udvalgsstatus", texts.H_COMMITTEE_STATUS, (Paragraph(texts.committee_status()),)
    )


def _status_sentence(ctx: Context, table: ReportTable, transfers: bool) -> list[Block]:
    line = next(r for r in table.rows if not r.startswith(DEVIATION_PREFIX))
    deviation_row = next((r for r in table.rows if r.startswith(DEVIATION_PREFIX)), None)
    corrected = cell_fact(table, line, "Korrigeret budget")
    expected = cell_fact(table, line, "Forventet regnskab")
    b = SentenceBuilder()
    if transfers:
        b.add(
            "Det korrigerede budget på området udgør i alt {}, og der forventes et regnskab på {}",
            corrected,
            expected,
        )
    else:
        b.add(
            "Det korrigerede budget udgør {}, og det forventede regnskab udgør {}",
            corrected,
            expected,
        )
    if deviation_row is not None:
        deviation = cell_fact(table, deviation_row, "Beløb", magnitude=True)
        value = ctx.value(deviation.refers_to)
        if value is not None and direction(value, deviation.decimals) != 0:
            word = spending_word(value, deviation.decimals)
            b.add(f" svarende til et {word} på {{}}", deviation)
        elif value is not None:
            b.add(", hvilket svarer til budgettet")
    b.add(".")
    return [p for p in [ctx.checked(b.paragraph())] if p is not None]


def _explanations(ctx: Context, table: ReportTable) -> list[Block]:
    """One sentence per topic of the other variances (the "Heraf:" lines)."""
    column = table.columns[0]
    blocks: list[Block] = []
    for row in table.rows:
        if not row.startswith(EXPLANATION_PREFIX):
            continue
        topic = row[len(EXPLANATION_PREFIX) :]
        fact = cell_fact(table, row, column, magnitude=True)
        value = ctx.value(fact.refers_to)
        if value is None:
            continue
        if direction(value, fact.decimals) == 0:
            paragraph = Paragraph(f"{topic}: ingen forventet afvigelse.")
        else:
            word = spending_word(value, fact.decimals)
            paragraph = (
                SentenceBuilder().add(f"{topic}: forventet {word} på {{}}.", fact).paragraph()
            )
        checked = ctx.checked(paragraph)
        if checked is not None:
            blocks.append(checked)
    return blocks


def economic_status(ctx: Context) -> Section:
    blocks: list[Block] = []
    for kind, status, explanation, transfers in (
        ("serviceudgifter", "økonomisk status service", "afvigelsesforklaring service", False),
        (
            "overførselsudgifter",
            "økonomisk status overførsler",
            "afvigelsesforklaring overførsler",
            True,
        ),
    ):
        table = ctx.table(status)
        if table is None:
            blocks.append(Paragraph(texts.no_data(f"den økonomiske status for {kind}")))
            continue
        blocks += _status_sentence(ctx, table, transfers)
        blocks.append(status)
        explained = ctx.table(explanation)
        if explained is not None:
            blocks.append(explanation)
            blocks += _explanations(ctx, explained)
    return Section("oekonomisk_status", texts.economic_status_heading(ctx.committee), tuple(blocks))


def reading_guide(ctx: Context) -> Section:
    paragraphs = tuple(Paragraph(t) for t in texts.reading_guide(ctx.committee, ctx.year))
    return Section("laesevejledning", texts.H_READING_GUIDE, paragraphs)


def _rows(ctx: Context, table: str, *, parent: bool | None = None) -> list[AppendixRow]:
    """The appendix rows of `table` for the report year's `ftp` (one per label), in order;
    `parent` True: only children; False: only top rows."""
    found = [
        r
        for r in ctx.appendix
        if r["table"] == table and r["year"] == ctx.year and r["measure"] == "ftp"
    ]
    if parent is True:
        found = [r for r in found if r["parent"] is not None]
    elif parent is False:
        found = [r for r in found if r["parent"] is None]
    return found


def _total_sentence(ctx: Context) -> Paragraph | None:
    """The total of all target groups over the three years, with the changes."""
    years = (ctx.year - 2, ctx.year - 1, ctx.year)
    b = SentenceBuilder()
    for index, (old, new) in enumerate(itertools.pairwise(years)):
        change = nt_fact(TARGET_GROUPS, TOTAL, new, "change_pct", magnitude=True)
        value = ctx.value(change.refers_to)
        if value is None:
            return None
        subject = (
            "det samlede årsgennemsnit for arbejdsmarkedets målgrupper" if index == 0 else "det"
        )
        first, second = (
            nt_fact(TARGET_GROUPS, TOTAL, old, "ftp"),
            nt_fact(TARGET_GROUPS, TOTAL, new, "ftp"),
        )
        if direction(value, change.decimals) == 0:
            b.add(
                f"Fra {old} til {new} var {subject} uændret: {{}} og {{}} fuldtidspersoner. ",
                first,
                second,
            )
        else:
            b.add(
                f"Fra {old} til {new} {past_verb(value, change.decimals)} {subject} fra {{}} til "
                f"{{}} "
                f"fuldtidspersoner, svarende til {change_noun(value, change.decimals)} {{}}. ",
                first,
                second,
                change,
            )
    return ctx.checked(b.paragraph())


def _change(ctx: Context, table: str, label: str) -> float | None:
    return ctx.appendix_value(table, label, ctx.year, "change_pct")


def _diff(ctx: Context, table: str, label: str) -> float | None:
    new = ctx.appendix_value(table, label, ctx.year, "ftp")
    old = ctx.appendix_value(table, label, ctx.year - 1, "ftp")
    return None if new is None or old is None else new - old


def _movements(ctx: Context) -> list[Block]:
    """Which top target groups rose and fell from last year, decided from the data."""
    tops = [r["label"] for r in _rows(ctx, TARGET_GROUPS, parent=False) if r["label"] != TOTAL]
    changes = {label: _change(ctx, TARGET_GROUPS, label) for label in tops}
    rose = [g for g, v in changes.items() if v is not None and direction(v, 1) > 0]
    fell = [g for g, v in changes.items() if v is not None and direction(v, 1) < 0]
    blocks: list[Block] = []
    prev, year = ctx.year - 1, ctx.year
    if rose and fell:
        blocks.append(
            Paragraph(
                f"Udviklingen i {year} viser modsatrettede bevægelser for de forskellige "
                "målgrupper."
            )
        )
    if rose:
        b = SentenceBuilder()
        noun = "målgruppen" if len(rose) == 1 else "målgrupperne"
        b.add(f"Fra {prev} til {year} er antallet af fuldtidspersoner steget i {noun} ")
        for index, group in enumerate(rose):
            separator = "" if index == 0 else (" og " if index == len(rose) - 1 else ", ")
            b.add(f"{separator}{group} ({{}})", nt_fact(TARGET_GROUPS, group, year, "change_pct"))
        b.add(".")
        if fell:
            others_fell = len(fell) == len(tops) - len(rose)
            b.add(
                " De øvrige målgrupper er faldet."
                if others_fell
                else " De øvrige målgrupper er faldet eller uændrede."
            )
        blocks += [p for p in [ctx.checked(b.paragraph())] if p is not None]
    elif fell:
        blocks.append(
            Paragraph(
                f"Fra {prev} til {year} er antallet af fuldtidspersoner ikke steget i nogen "
                "målgruppe."
            )
        )
    blocks += _largest_subgroup_rise(ctx)
    blocks += _largest_falls(ctx, tops)
    return blocks


def _largest_subgroup_rise(ctx: Context) -> list[Block]:
    """The subgroup whose full-time persons rose most in number, with both years' figures."""
    rises = []
    for row in _rows(ctx, TARGET_GROUPS, parent=True):
        diff = _diff(ctx, TARGET_GROUPS, row["label"])
        if diff is not None and direction(diff, 0) > 0:
            rises.append((diff, row["label"], row["parent"]))
    if not rises:
        return []
    _, label, parent = max(rises, key=lambda item: item[0])
    prev, year = ctx.year - 1, ctx.year
    paragraph = (
        SentenceBuilder()
        .add(
            f"Blandt undergrupperne er den største stigning i antal sket for {label} "
            f"under {parent}: fra {{}} fuldtidspersoner i {prev} til {{}} fuldtidspersoner i "
            f"{year}.",
            nt_fact(TARGET_GROUPS, label, prev, "ftp"),
            nt_fact(TARGET_GROUPS, label, year, "ftp"),
        )
        .paragraph()
    )
    return [p for p in [ctx.checked(paragraph)] if p is not None]


def _fall_sentence(ctx: Context, label: str, lead: str) -> Paragraph | None:
    prev, year = ctx.year - 1, ctx.year
    return ctx.checked(
        SentenceBuilder()
        .add(
            f"{lead} faldet med {{}} fuldtidspersoner fra {prev} til {year}, svarende til et "
            f"fald på {{}}.",
            ftp_diff_fact(TARGET_GROUPS, label, year, prev),
            nt_fact(TARGET_GROUPS, label, year, "change_pct", magnitude=True),
        )
        .paragraph()
    )


def _largest_falls(ctx: Context, tops: Sequence[str], count: int = 3) -> list[Block]:
    """The top groups with the largest falls in number; for the two largest, the subgroup
    that fell most when the group has several."""
    falls = sorted(
        (d, g)
        for g in tops
        if (d := _diff(ctx, TARGET_GROUPS, g)) is not None and direction(d, 0) < 0
    )[:count]
    if not falls:
        return []
    largest = [g for _, g in falls[:2]]
    blocks: list[Block] = [
        Paragraph(
            f"Antalsmæssigt har {'målgruppen' if len(largest) == 1 else 'målgrupperne'} "
            f"{listing(largest)} oplevet det største fald."
        )
    ]
    children = _rows(ctx, TARGET_GROUPS, parent=True)
    for rank, (_, group) in enumerate(falls):
        sentence = _fall_sentence(
            ctx, group, f"Antallet af fuldtidspersoner i målgruppen {group} er"
        )
        if sentence is not None:
            blocks.append(sentence)
        below = [r["label"] for r in children if r["parent"] == group]
        if rank < 2 and len(below) > 1:
            child_falls = sorted(
                (d, c)
                for c in below
                if (d := _diff(ctx, TARGET_GROUPS, c)) is not None and direction(d, 0) < 0
            )
            if child_falls:
                child = child_falls[0][1]
                sentence = _fall_sentence(
                    ctx, child, f"Heraf er antallet af {lower_first(child)} ({group})"
                )
                if sentence is not None:
                    blocks.append(sentence)
    return blocks


def key_figures(ctx: Context) -> Section:
    blocks: list[Block] = [Paragraph(texts.key_figures_intro(ctx.municipality))]
    blocks += chart_blocks(ctx, "figur 1")
    if not any(r["table"] == TARGET_GROUPS for r in ctx.appendix):
        blocks.append(Paragraph(texts.no_data("nøgletallene for målgrupperne")))
        return Section("noegletalsstatus", texts.H_KEY_FIGURES, tuple(blocks))
    total = _total_sentence(ctx)
    if total is not None:
        blocks.append(total)
    blocks += _movements(ctx)
    return Section("noegletalsstatus", texts.H_KEY_FIGURES, tuple(blocks))


def company_offers(ctx: Context) -> Section:
    prev, year = ctx.year - 1, ctx.year
    blocks: list[Block] = []
    change = nt_fact(COMPANY_OFFERS, OFFERS_TOTAL, year, "change_pct", magnitude=True)
    value = ctx.value(change.refers_to)
    if value is None:
        blocks.append(Paragraph(texts.no_data("de virksomhedsrettede tilbud")))
    else:
        levels = (
            nt_fact(ACTIVATION_SHARE, ACTIVATED_TOTAL, prev, "activated_ftp"),
            nt_fact(ACTIVATION_SHARE, ACTIVATED_TOTAL, year, "activated_ftp"),
        )
        b = SentenceBuilder().add(
            "Som det fremgår af opgørelsen over virksomhedsrettet tilbud i nøgletalsbilaget til "
            f"dette materiale, har der fra {prev} til {year} været "
        )
        if direction(value, change.decimals) == 0:
            b.add("ingen ændring i det gennemsnitlige antal fuldtidsaktiverede (årsgennemsnit) ")
            b.add(
                "i enten løntilskud eller virksomhedspraktik – {} og {} fuldtidspersoner.", *levels
            )
        else:
            b.add(f"{change_noun(value, change.decimals)} {{}} ", change)
            b.add("i det gennemsnitlige antal fuldtidsaktiverede (årsgennemsnit) i enten ")
            b.add("løntilskud eller virksomhedspraktik – fra {} til {} fuldtidspersoner.", *levels)
        blocks += [p for p in [ctx.checked(b.paragraph())] if p is not None]
    blocks.append(Paragraph(texts.COMPANY_OFFERS_FIGURE))
    blocks += chart_blocks(ctx, "figur 2")
    rising = []
    for row in ctx.appendix:
        if (
            row["table"] == COMPANY_OFFERS
            and row["parent"] is not None
            and row["year"] == year
            and row["measure"] == "change_pct"
            and row["value"] is not None
            and direction(row["value"], 1) > 0
        ):
            rising.append(row["label"])
    if rising:
        b = SentenceBuilder().add(f"I {year} ses en stigning i antal fuldtidsaktiverede for ")
        for index, group in enumerate(rising):
            separator = "" if index == 0 else (" og " if index == len(rising) - 1 else ", ")
            b.add(f"{separator}{group} ({{}})", nt_fact(COMPANY_OFFERS, group, year, "change_pct"))
        b.add(".")
        blocks += [p for p in [ctx.checked(b.paragraph())] if p is not None]
    return Section("virksomhedsrettede_tilbud", texts.H_COMPANY_OFFERS, tuple(blocks))


def cash_benefit_cap(ctx: Context) -> Section:
    blocks: list[Block] = [Paragraph(t) for t in texts.cash_benefit_cap_intro(ctx.municipality)]
    table = ctx.table("tabel 1")
    if table is None:
        blocks.append(Paragraph(texts.no_data("kontanthjælpsloftet (tabel 1)")))
        return Section("kontanthjaelpsloft", texts.H_CASH_BENEFIT_CAP, tuple(blocks))
    months = [r for r in table.rows if not r.startswith("Udvikling")]
    change_row = next((r for r in table.rows if r.startswith("Udvikling")), None)
    first, last = lower_first(months[0]), lower_first(months[-1])
    blocks.append(
        Paragraph(
            f"{ctx.municipality} Kommune modtager på den baggrund månedsvis en opgørelse over, "
            "hvor "
            "mange borgere der berøres af kontanthjælpsloftet den kommende måned. De seneste "
            f"tal, {ctx.municipality} Kommune har modtaget, er for {last}."
        )
    )
    if change_row is not None:
        b = SentenceBuilder().add(
            f"Siden opgørelsen blev påbegyndt i {first} og frem til {last} er "
        )
        complete = True
        for index, (column, subject) in enumerate(
            (
                (
                    "Antal borgere med reduktion i kontanthjælpsloft",
                    "antallet af borgere med reduktion i kontanthjælpsloftet",
                ),
                ("Total reduktionsbeløb (DKK)", "det totale reduktionsbeløb"),
            )
        ):
            fact = cell_fact(table, change_row, column, magnitude=True)
            value = ctx.value(fact.refers_to)
            if value is None:
                complete = False  # an undefined change: no sentence
                break
            joint = "" if index == 0 else ", og "
            verb = _participle(value, fact.decimals)
            subject = subject if index == 0 else f"{subject} er"
            if verb == "uændret":
                b.add(f"{joint}{subject} uændret")
            else:
                b.add(f"{joint}{subject} {verb} med {{}}", fact)
        if complete:
            b.add(", jf. tabel 1 nedenfor.")
            blocks += [p for p in [ctx.checked(b.paragraph())] if p is not None]
    blocks.append("tabel 1")
    return Section("kontanthjaelpsloft", texts.H_CASH_BENEFIT_CAP, tuple(blocks))


def _series(table: ReportTable, row: str) -> list[tuple[str, float]]:
    """The defined values of a row, in column order."""
    out = []
    for column in table.columns:
        try:
            value = table.value(row, column)
        except KeyError:
            continue
        if value is not None:
            out.append((column, value))
    return out


def _figure_4_total(ctx: Context, table: ReportTable) -> Paragraph | None:
    series = _series(table, TOTAL)
    if len(series) < 2:
        return None
    (first, _), (last, last_value) = series[0], series[-1]
    peak, peak_value = max(series, key=lambda item: item[1])  # the first of equal maxima
    f_ref, p_ref, l_ref = (ref(table.name, TOTAL, c) for c in (first, peak, last))
    decimals = table.cell(TOTAL, first).decimals
    fact = lambda r: Fact(r, table.cell(TOTAL, first).unit, decimals)  # noqa: E731
    b = SentenceBuilder()
    overall = ctx.value(f"change_pct({f_ref}|{l_ref})")
    if overall is None:
        return None
    if peak not in (first, last) and direction(last_value - peak_value, decimals) < 0:
        rise = ctx.value(f"change_pct({f_ref}|{p_ref})") or 0.0
        b.add(
            "Heraf fremgår det, at det samlede antal langtidsledige i perioden "
            f"{texts.month_words(first)} "
            f"til {texts.month_words(peak)} steg fra {{}} til {{}} langtidsledige fuldtidspersoner "
            f"({change_noun(rise, 1)} {{}}), hvorefter antallet er faldet til {{}} "
            "fuldtidspersoner i "
            f"{texts.month_words(last)}",
            fact(f_ref),
            fact(p_ref),
            change_pct_fact(f_ref, p_ref),
            fact(l_ref),
        )
        word = more_less(overall, 1, "højere", "lavere")
        if word:
            b.add(
                f", hvilket er {{}} {word} end i {texts.month_words(first)}.",
                change_pct_fact(f_ref, l_ref),
            )
        else:
            b.add(f", det samme som i {texts.month_words(first)}.")
    else:
        b.add(
            "Heraf fremgår det, at det samlede antal langtidsledige fra "
            f"{texts.month_words(first)} til "
            f"{texts.month_words(last)} {_participle(overall, 1, 'er steget', 'er faldet')} fra "
            f"{{}} til {{}} "
            f"fuldtidspersoner, svarende til {change_noun(overall, 1)} {{}}.",
            fact(f_ref),
            fact(l_ref),
            change_pct_fact(f_ref, l_ref),
        )
    return ctx.checked(b.paragraph())


def _figure_4_group(ctx: Context, table: ReportTable, row: str) -> Paragraph | None:
    """A group of figure 4: its peak and fall to the last month when it peaked before it
    (and the last month against the first), else the first month against the last."""
    series = _series(table, row)
    if len(series) < 2 or table.columns[-1] != series[-1][0]:
        return None
    last, last_value = series[-1]
    peak, peak_value = max(series, key=lambda item: item[1])
    first = table.columns[0]
    phrase = FIGURE_4_PHRASES.get(row, f"i gruppen {row}")
    cell = table.cell(row, last)
    first_ref, last_ref = ref(table.name, row, first), ref(table.name, row, last)
    overall = ctx.value(f"change_pct({first_ref}|{last_ref})")

    def fact(column: str) -> Fact:
        return Fact(ref(table.name, row, column), cell.unit, cell.decimals)

    b = SentenceBuilder()
    if peak != last and direction(last_value - peak_value, cell.decimals) < 0:
        b.add(
            f"Gruppen af langtidsledige {phrase} toppede i {texts.month_words(peak)} med {{}} "
            f"fuldtidspersoner og er efterfølgende faldet til {{}} fuldtidspersoner i "
            f"{texts.month_words(last)}, svarende til et fald på {{}}.",
            fact(peak),
            fact(last),
            change_pct_fact(ref(table.name, row, peak), last_ref),
        )
        if overall is not None and first != peak and direction(overall, 1) != 0:
            word = more_less(overall, 1, "flere", "færre")
            b.add(
                f" Det er {{}} {word} langtidsledige end i {texts.month_words(first)}.",
                change_pct_fact(first_ref, last_ref),
            )
    elif overall is not None and direction(overall, 1) != 0:
        b.add(
            f"Gruppen af langtidsledige {phrase} "
            f"{_participle(overall, 1, 'er steget', 'er faldet')} fra {{}} fuldtidspersoner i "
            f"{texts.month_words(first)} til {{}} fuldtidspersoner i {texts.month_words(last)}, "
            f"svarende til {change_noun(overall, 1)} {{}}.",
            fact(first),
            fact(last),
            change_pct_fact(first_ref, last_ref),
        )
    else:
        b.add(
            f"Gruppen af langtidsledige {phrase} udgjorde {{}} fuldtidspersoner i "
            f"{texts.month_words(last)}.",
            fact(last),
        )
    return ctx.checked(b.paragraph())


def _table_2_sentences(ctx: Context, table: ReportTable) -> list[Block]:
    own = ctx.municipality
    years = [c for c in table.columns if "/" not in c]
    changes = [c for c in table.columns if "/" in c]
    blocks: list[Block] = []
    national = next((r for r in table.rows if r == "Hele landet"), None)
    share = next((r for r in table.rows if r.endswith("landsandel")), None)
    if own in table.rows and national is not None:
        b = SentenceBuilder()
        for column in changes:
            own_fact = cell_fact(table, own, column, magnitude=True)
            national_fact = cell_fact(table, national, column, magnitude=True)
            own_value, national_value = (
                ctx.value(own_fact.refers_to),
                ctx.value(national_fact.refers_to),
            )
            if own_value is None or national_value is None:
                continue
            old, new = column.split("/", 1)
            b.add(
                f"Fra {old} til {new} er antallet af langtidsledige dagpengemodtagere i {own} "
                f"{_participle(own_value, own_fact.decimals)} med {{}} mod "
                f"{change_noun(national_value, national_fact.decimals)} {{}} på landsplan. ",
                own_fact,
                national_fact,
            )
        blocks += [p for p in [ctx.checked(b.paragraph())] if p is not None]
    if share is not None and len(years) >= 2:
        facts = [cell_fact(table, share, y) for y in years]
        found = [ctx.value(f.refers_to) for f in facts]
        values = [v for v in found if v is not None]
        if len(values) == len(found):
            steps = [direction(b - a, facts[0].decimals) for a, b in itertools.pairwise(values)]
            b = SentenceBuilder().add(
                f"{own}s andel af alle langtidsledige dagpengemodtagere i hele landet "
                "(landsandelen) "
            )
            if all(s > 0 for s in steps) or all(s < 0 for s in steps):
                verb = "er øget" if steps[0] > 0 else "er faldet"
                b.add(f"{verb} fra {{}} i {years[0]}", facts[0])
                for fact, year in zip(facts[1:], years[1:], strict=True):
                    joint = " og til" if year == years[-1] else " til"
                    b.add(f"{joint} {{}} i {year}", fact)
            else:
                b.add(f"var {{}} i {years[0]}", facts[0])
                for fact, year in zip(facts[1:], years[1:], strict=True):
                    joint = " og" if year == years[-1] else ","
                    b.add(f"{joint} {{}} i {year}", fact)
            b.add(".")
            blocks += [p for p in [ctx.checked(b.paragraph())] if p is not None]
    return blocks


def long_term(ctx: Context) -> Section:
    blocks: list[Block] = [Paragraph(texts.LONG_TERM_DEFINITION)]
    prev, year = ctx.year - 1, ctx.year
    first = nt_fact(LONG_TERM, LONG_TERM_TOTAL, prev, "change_pct", magnitude=True)
    second = nt_fact(LONG_TERM, LONG_TERM_TOTAL, year, "change_pct", magnitude=True)
    v1, v2 = ctx.value(first.refers_to), ctx.value(second.refers_to)
    if v1 is not None and v2 is not None:
        b = SentenceBuilder().add(
            "Af nøgletalsbilaget til kvartalsrapporten (under ”Øvrige opgørelser”) fremgår det, "
            "at der "
            f"i årsgennemsnit har været {change_noun(v1, 1)} {{}} i antallet af langtidsledige i "
            f"{ctx.municipality} fra {prev - 1} til {prev} og {change_noun(v2, 1)} {{}} fra "
            f"{prev} til {year}.",
            first,
            second,
        )
        blocks += [p for p in [ctx.checked(b.paragraph())] if p is not None]
    figure = ctx.table("figur 4")
    blocks.append(Paragraph(texts.LONG_TERM_FIGURE))
    if figure is None:
        blocks.append(Paragraph(texts.no_data("figur 4 (langtidsledige pr. måned)")))
    else:
        for paragraph in (
            _figure_4_total(ctx, figure),
            *(_figure_4_group(ctx, figure, row) for row in figure.rows if row != TOTAL),
        ):
            if paragraph is not None:
                blocks.append(paragraph)
        blocks += chart_blocks(ctx, "figur 4")
    table = ctx.table("tabel 2")
    if table is None:
        blocks.append(Paragraph(texts.no_data("tabel 2 (langtidsledige dagpengemodtagere)")))
    else:
        blocks += _table_2_sentences(ctx, table)
        blocks.append("tabel 2")
    return Section("langtidsledighed", texts.H_LONG_TERM, tuple(blocks))


# -- the employment plan -----------------------------------------------------------------------


def _goal_blocks(goal: texts.Goal) -> list[Block]:
    return [Paragraph(goal.title), Paragraph(goal.text), Paragraph(f"• {goal.measured}")]


def _year_of(column: str) -> str:
    return column[:4] if column[:4].isdigit() else column


def _table_or_missing(ctx: Context, name: str, *before: Block) -> list[Block]:
    if ctx.table(name) is None:
        return [Paragraph(texts.no_data(name))]
    return [*before, name]


def _table_4_sentences(ctx: Context, table: ReportTable) -> list[Block]:
    years = [c for c in table.columns if "andel" not in c]
    if len(years) < 2:
        return []
    prev, year = years[-2], years[-1]
    created = "Oprettede rekrutteringsanmodninger i alt"
    closed = "Heraf afsluttede rekrutteringsanmodninger"
    still_open = "Heraf fortsat åbne rekrutteringsanmodninger"
    job, own, other = (
        "Jobcentret rekrutterede til ordinær job",
        "Virksomheden rekrutterede via egne kanaler",
        "Anden lukningsårsag",
    )
    f = lambda row, column: cell_fact(table, row, column)  # noqa: E731
    paragraphs = [
        SentenceBuilder()
        .add(
            f"I {_year_of(prev)} blev der i alt oprettet {{}} rekrutteringsanmodninger, hvoraf "
            f"{{}} er afsluttede.",
            f(created, prev),
            f(closed, prev),
        )
        .paragraph(),
        SentenceBuilder()
        .add(
            "Af de {} afsluttede rekrutteringsanmodninger har jobcentret rekrutteret til {} "
            "ordinære "
            "job, mens virksomheden i {} tilfælde selv har fundet en kandidat via egne kanaler. "
            "Endelig er {} afsluttede rekrutteringsanmodninger kategoriseret som ”Anden "
            "lukningsårsag”.",
            f(closed, prev),
            f(job, prev),
            f(own, prev),
            f(other, prev),
        )
        .paragraph(),
        SentenceBuilder()
        .add(
            f"I {_year_of(year)} er der oprettet {{}} rekrutteringsanmodninger, hvoraf {{}} er "
            "afsluttede, "
            "og {} er åbne. Af de afsluttede rekrutteringsanmodninger er {}, svarende til {}, "
            "afsluttet til ordinært job.",
            f(created, year),
            f(closed, year),
            f(still_open, year),
            f(job, year),
            f(job, f"{year} andel"),
        )
        .paragraph(),
    ]
    return [p for p in map(ctx.checked, paragraphs) if p is not None]


def _table_10_sentence(ctx: Context, table: ReportTable) -> list[Block]:
    row = "Andel beskæftigede"
    if row not in table.rows or len(table.columns) < 2:
        return []
    prev, last = table.columns[-2], table.columns[-1]
    provisional = " foreløbigt" if "hele året" not in last and "jan-dec" not in last else ""
    share = cell_fact(table, row, last)
    diff = Fact(
        f"diff({ref(table.name, row, last)}|{ref(table.name, row, prev)})",
        "pp",
        share.decimals,
        True,
    )
    value = ctx.value(diff.refers_to)
    if value is None:
        return []
    b = SentenceBuilder().add(
        "Den gns. andel af flygtninge og familiesammenførte i beskæftigelse er i "
        f"{_year_of(last)}{provisional} på {{}}",
        share,
    )
    word = more_less(value, diff.decimals)
    if word:
        b.add(f", hvilket er {{}} {word} end i {_year_of(prev)}.", diff)
    else:
        b.add(f", det samme som i {_year_of(prev)}.")
    return [p for p in [ctx.checked(b.paragraph())] if p is not None]


def _figure_5_sentence(ctx: Context, table: ReportTable) -> list[Block]:
    weeks, persons = "Gns. varighed (uger)", "Antal personer"
    if weeks not in table.rows or persons not in table.rows or len(table.columns) < 2:
        return []
    first, last = table.columns[0], table.columns[-1]
    b = SentenceBuilder().add(
        f"Den gns. varighed pr. sagsforløb er i perioden {texts.month_words(first)} til "
        f"{texts.month_words(last)} "
    )
    for index, row in enumerate((weeks, persons)):
        old, new = ref(table.name, row, first), ref(table.name, row, last)
        change = ctx.value(f"change_pct({old}|{new})")
        if change is None:
            return []
        lead = "" if index == 0 else " Samtidig er antallet af personer i samme periode "
        unit = "" if index == 0 else " personer"
        verb = _participle(change, 1)
        if verb == "uændret":
            b.add(f"{lead}uændret på {{}}{unit}.", cell_fact(table, row, last))
        else:
            b.add(
                f"{lead}{verb} fra {{}} til {{}}{unit}, svarende til {change_noun(change, 1)} "
                f"{{}}.",
                cell_fact(table, row, first),
                cell_fact(table, row, last),
                change_pct_fact(old, new),
            )
    return [p for p in [ctx.checked(b.paragraph())] if p is not None]


def plan(ctx: Context) -> tuple[Section, ...]:
    themes = texts.plan_themes(f"{ctx.year - 1}-{ctx.year}")
    goals = {theme.key: theme.goals for theme in themes}
    contents: dict[str, list[Block]] = {}

    def years_of(name: str, drop: str = "") -> str:
        table = ctx.table(name)
        if table is None:
            return ""
        years = list(dict.fromkeys(_year_of(c) for c in table.columns if not drop or drop not in c))
        return listing(years)

    g = goals["plan_virksomheder"]
    contents["plan_virksomheder"] = [
        *_goal_blocks(g[0]),
        *_table_or_missing(
            ctx, "tabel 3", Paragraph(texts.table_3_description(years_of("tabel 3")))
        ),
        *_goal_blocks(g[1]),
        *_table_or_missing(
            ctx,
            "tabel 4",
            Paragraph(texts.table_4_description(years_of("tabel 4", "andel"))),
            *(_table_4_sentences(ctx, t) if (t := ctx.table("tabel 4")) else []),
            Paragraph(texts.OTHER_CLOSE_REASON),
        ),
    ]
    g = goals["plan_opkvalificering"]
    contents["plan_opkvalificering"] = [
        *_goal_blocks(g[0]),
        *_table_or_missing(ctx, "tabel 5", Paragraph(texts.TABLE_5_DESCRIPTION)),
        *_goal_blocks(g[1]),
        *_table_or_missing(ctx, "tabel 6", Paragraph(texts.TABLE_6_DESCRIPTION)),
    ]
    g = goals["plan_unge"]
    contents["plan_unge"] = [
        *_goal_blocks(g[0]),
        Paragraph(texts.YOUTH_DROPOUT_NO_DATA),
        *_goal_blocks(g[1]),
        *_table_or_missing(ctx, "tabel 7", Paragraph(texts.TABLE_7_DESCRIPTION)),
        *_table_or_missing(ctx, "tabel 8", Paragraph(texts.TABLE_8_DESCRIPTION)),
    ]
    g = goals["plan_flygtninge"]
    contents["plan_flygtninge"] = [
        *_goal_blocks(g[0]),
        *_table_or_missing(ctx, "tabel 9", Paragraph(texts.TABLE_9_DESCRIPTION)),
        *_goal_blocks(g[1]),
        *_table_or_missing(
            ctx,
            "tabel 10",
            *(Paragraph(t) for t in texts.table_10_description(ctx.municipality)),
            *(_table_10_sentence(ctx, t) if (t := ctx.table("tabel 10")) else []),
        ),
    ]
    g = goals["plan_handicap"]
    figure_5 = ctx.table("figur 5")
    contents["plan_handicap"] = [
        *_goal_blocks(g[0]),
        *_table_or_missing(ctx, "tabel 11", Paragraph(texts.TABLE_11_DESCRIPTION)),
        *_goal_blocks(g[1]),
        Paragraph(texts.FIGURE_5_DESCRIPTION),
        *(_figure_5_sentence(ctx, figure_5) if figure_5 else [Paragraph(texts.no_data("figur 5"))]),
        *chart_blocks(ctx, "figur 5"),
    ]
    heading = Section("beskaeftigelsesplan", texts.H_PLAN)
    return (heading, *(Section(t.key, t.title, tuple(contents[t.key])) for t in themes))


# -- the steering model ------------------------------------------------------------------------


def steering(ctx: Context) -> tuple[Section, ...]:
    intro: list[Block] = [
        Paragraph(t) for t in texts.steering_intro(f"Området under {ctx.committee}")
    ]
    for title, text in texts.STEERING_PRINCIPLES:
        intro += [Paragraph(f"{title}:"), Paragraph(text)]
    intro.append(Paragraph(texts.STEERING_FOLLOW_UP))
    cases: list[Block] = []
    table = ctx.table("tabel 12")
    if table is None:
        cases.append(Paragraph(texts.no_data("tabel 12 (sager pr. årsværk)")))
    else:
        cases += _table_12_blocks(ctx, table)
    costs: list[Block] = []
    table = ctx.table("tabel 13")
    if table is None:
        costs.append(Paragraph(texts.no_data("tabel 13 (omkostninger pr. fuldtidsperson)")))
    else:
        costs += [Paragraph(t) for t in texts.TABLE_13_DESCRIPTION]
        costs += _table_13_sentence(ctx, table)
        costs.append("tabel 13")
    return (
        Section("styringsmodel", texts.H_STEERING, tuple(intro)),
        Section(
            "styringsmodel_sager",
            "Udvikling i det gennemsnitlige sagsantal pr. medarbejder",
            tuple(cases),
        ),
        Section(
            "styringsmodel_omkostninger", "Udvikling i enhedsomkostninger pr. ledig", tuple(costs)
        ),
    )


def _table_12_blocks(ctx: Context, table: ReportTable) -> list[Block]:
    staff = [c for c in table.columns if c.endswith("Antal årsværk")]
    counts = [c for c in table.columns if "Gns. antal sager (" in c]
    per_staff = [c for c in table.columns if c.endswith("Gns. antal sager pr. årsværk")]
    change = next((c for c in table.columns if c.startswith("Udvikling")), None)
    base_year = _year_of(staff[0]) if staff else ""
    base = texts.quarter_words(4, int(base_year)) if base_year.isdigit() else base_year
    current = texts.quarter_words(ctx.quarter, ctx.year)
    blocks: list[Block] = [Paragraph(texts.table_12_description(base, current))]
    blocks += [Paragraph(t) for t in texts.TABLE_12_GROUPS]
    total = next((r for r in table.rows if r.startswith("Antal sager i alt")), table.rows[-1])
    if len(staff) >= 2 and change is not None and len(counts) >= 2 and per_staff:
        staff_ref = f"diff({ref(table.name, total, staff[-1])}|{ref(table.name, total, staff[0])})"
        staff_fact = Fact(staff_ref, "staff_years", table.cell(total, staff[-1]).decimals, True)
        staff_value = ctx.value(staff_ref)
        change_fact = cell_fact(table, total, change, magnitude=True)
        change_value = ctx.value(change_fact.refers_to)
        cases_change = ctx.value(
            f"change_pct({ref(table.name, total, counts[0])}|{ref(table.name, total, counts[-1])})"
        )
        if staff_value is not None and change_value is not None and cases_change is not None:
            b = SentenceBuilder()
            verb = _participle(staff_value, staff_fact.decimals, "øget", "reduceret")
            if verb == "uændret":
                b.add(f"Tabellen viser, at antal årsværk fra {base} til {current} er uændret. ")
            else:
                b.add(
                    f"Tabellen viser, at antal årsværk fra {base} til {current} er {verb} med "
                    f"{{}}. ",
                    staff_fact,
                )
            verb = _participle(change_value, change_fact.decimals)
            if verb == "uændret":
                b.add("Det gennemsnitlige antal sager pr. årsværk er samlet uændret")
            else:
                b.add(
                    f"Det gennemsnitlige antal sager pr. årsværk er samlet {verb} med {{}}",
                    change_fact,
                )
            b.add(
                f", mens det gennemsnitlige antal sager i alt er {_participle(cases_change, 1)} "
                f"fra {{}} til {{}}.",
                cell_fact(table, total, counts[0]),
                cell_fact(table, total, counts[-1]),
            )
            blocks += [p for p in [ctx.checked(b.paragraph())] if p is not None]
    blocks.append("tabel 12")
    return blocks


def _table_13_sentence(ctx: Context, table: ReportTable) -> list[Block]:
    row = table.rows[0]
    costs = [c for c in table.columns if c.endswith("omkostninger pr. FTP")]
    change = next((c for c in table.columns if c.endswith("Pct.")), None)
    if len(costs) < 2 or change is None:
        return []
    fact = cell_fact(table, row, change, magnitude=True)
    value = ctx.value(fact.refers_to)
    if value is None:
        return []
    expected = "forventede " if "Forventet" in costs[-1] else ""
    b = SentenceBuilder().add(
        {
            1: "Tabel 13 viser en stigning ",
            -1: "Tabel 13 viser et fald ",
            0: "Tabel 13 viser ingen ændring ",
        }[direction(value, fact.decimals)]
    )
    b.add(
        f"i den {expected}gennemsnitlige omkostning pr. FTP fra {{}} i {_year_of(costs[0])} til "
        f"{{}} i {_year_of(costs[-1])}",
        cell_fact(table, row, costs[0]),
        cell_fact(table, row, costs[-1]),
    )
    if direction(value, fact.decimals):
        b.add(f", svarende til {change_noun(value, fact.decimals)} {{}}.", fact)
    else:
        b.add(".")
    return [p for p in [ctx.checked(b.paragraph())] if p is not None]


# -- charts ------------------------------------------------------------------------------------

CHART_AXES = {
    "figur 1": "Fuldtidspersoner (årsgennemsnit)",
    "figur 2": "Fuldtidsaktiverede",
    "figur 4": "Langtidsledige fuldtidspersoner",
    "figur 5": "Uger / personer",
}


def _is_period_code(column: str) -> bool:
    return len(column) >= 6 and column[:4].isdigit() and column[4] in "MQ"


def chart_alt(table: ReportTable, kind: str) -> str:
    """A Danish text alternative stating what the chart shows, from its data."""
    columns = table.columns
    if not columns or not table.rows:
        return f"{table.title}: ingen data."
    span = f"{texts.month_words(columns[0])} til {texts.month_words(columns[-1])}"
    what = "Søjlediagram" if kind == "bar" else "Kurvediagram"
    parts = [f"{what}: {table.title}, {span}, for {listing(list(table.rows))}."]
    last = columns[-1]
    values = [(r, table.value(r, last)) for r in table.rows if _has(table, r, last)]
    defined = [(r, v) for r, v in values if v is not None]
    if defined and kind == "bar":
        row, value = max(defined, key=lambda item: item[1])
        cell = table.cell(row, last)
        parts.append(
            f"Størst i {texts.month_words(last)} er {row} med "
            f"{format_value(value, cell.unit, cell.decimals)}."
        )
    for row in table.rows:
        series = _series(table, row)
        if kind != "line" or len(series) < 2:
            continue
        cell = table.cell(row, series[0][0])
        peak = max(series, key=lambda item: item[1])

        def show(value: float, cell: Cell = cell) -> str:
            return format_value(value, cell.unit, cell.decimals)

        parts.append(
            f"{row}: {show(series[0][1])} i {texts.month_words(series[0][0])}, højest "
            f"{show(peak[1])} i {texts.month_words(peak[0])}, {show(series[-1][1])} i "
            f"{texts.month_words(series[-1][0])}."
        )
    return " ".join(parts)


def _has(table: ReportTable, row: str, column: str) -> bool:
    try:
        table.cell(row, column)
    except KeyError:
        return False
    return True


def chart_for(table: ReportTable) -> Chart:
    """The chart of a figure table: a line over months or quarters, bars over years."""
    kind = "line" if table.columns and _is_period_code(table.columns[0]) else "bar"
    return Chart(
        name=table.name,
        title=table.title,
        table=table.name,
        kind=kind,
        alt=chart_alt(table, kind),
        y_title=CHART_AXES.get(table.name, ""),
    )


def chart_blocks(ctx: Context, name: str) -> list[Block]:
    table = ctx.table(name)
    if table is None:
        return [Paragraph(texts.no_data(name))]
    return [chart_for(table)]


# -- the whole report --------------------------------------------------------------------------


def report_sections(ctx: Context) -> tuple[Section, ...]:
    """Every section of the report, in the seed's order."""
    builders: tuple[Callable[[Context], Section | tuple[Section, ...]], ...] = (
        committee_status,
        economic_status,
        reading_guide,
        key_figures,
        company_offers,
        cash_benefit_cap,
        long_term,
        plan,
        steering,
    )
    sections: list[Section] = []
    for build in builders:
        made = build(ctx)
        sections += [made] if isinstance(made, Section) else list(made)
    return tuple(sections)


APPENDIX_TABLE_NAMES = (
    "nøgletal målgrupper",
    "nøgletal langtidsledige",
    "nøgletal virksomhedsrettede tilbud",
    "nøgletal aktiveringsandel",
)


def appendix_sections(ctx: Context) -> tuple[Section, ...]:
    """The appendices *Nøgletal* and *Budgetændringer*."""
    key_figures: list[Block] = [Paragraph(texts.KEY_FIGURES_APPENDIX_DESCRIPTION)]
    present = [name for name in APPENDIX_TABLE_NAMES if ctx.table(name) is not None]
    key_figures += present or [Paragraph(texts.no_data("bilaget Nøgletal"))]
    budget: list[Block] = [Paragraph(texts.BUDGET_DESCRIPTION)]
    budget += _table_or_missing(ctx, "budgetændringer")
    return (
        Section("noegletal", texts.H_APPENDIX_KEY_FIGURES, tuple(key_figures)),
        Section("budgetaendringer", f"{texts.H_APPENDIX_BUDGET} – {ctx.committee}", tuple(budget)),
    )
