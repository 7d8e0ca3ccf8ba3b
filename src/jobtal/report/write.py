"""Every output of `jobtal report`, written whole or not at all.

For a report of quarter `<Y>Q<n>`, `write_report(report, out)` writes into `out`:

* `kvartalsrapport-<Y>Q<n>.html` and `.pdf`, the report; `noegletal-<Y>Q<n>.pdf` and
  `budgetaendringer-<Y>Q<n>.pdf`, its two appendices;
* `tables/<table>.csv` per table (`;`-separated, UTF-8 with BOM and decimal comma so that a
  Danish Excel opens it as numbers; columns row, column, value; values unrounded, empty where
  undefined) and `tables.json` (every cell as `{"table", "row", "column", "value"}`);
* `data/`, the report's reference data in the format of the transcribed published reports
  (`jobtal/published/data/*/README.md`): `report_tables.csv` and `noegletal.csv` with every
  figure as printed (rounded, mio. kr. in millions), and `statements.csv` with every number of
  every sentence and the cell it refers to, so that `jobtal verify --dir OUT/data` checks the
  generated report as it checks a published one.

Everything is written into a temporary folder beside `out` and then moved into place, so a
failure (a table the renderer cannot draw, a full disk) leaves `out` as it was.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from jobtal import formatting
from jobtal.domain.target_groups import MEASURE_DECIMALS
from jobtal.errors import InputError, Problem
from jobtal.published import AppendixRow
from jobtal.report import texts
from jobtal.report.build import appendix_rows
from jobtal.report.model import Fact, Paragraph, Report, ReportTable, Section, tidy_rows
from jobtal.report.narrative import evaluate, text_of

BOM = "\ufeff"
MILLION = Decimal(1_000_000)
MARKER = "tables.json"  # a folder holding it was written by write_report

# The section of each appendix table and the page of the printed appendix it stands on.
APPENDIX_PLACES: dict[str, tuple[int, str]] = {
    "target_groups": (1, "Målgruppeoversigt"),
    "long_term": (2, "Øvrige opgørelser: Langtidsledige"),
    "company_offers": (2, "Antal fuldtidsaktiverede"),
    "activation_share": (2, "Andel fuldtidsaktiverede"),
}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ”])")


def slug(name: str) -> str:
    """A file name for a table name: `økonomisk status service` → `oekonomisk-status-service`."""
    text = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "tabel"


def printed(value: float | None, unit: str, decimals: int) -> str:
    """A value as the reference data writes it: rounded as printed, decimal point, mio. kr.
    in millions; empty when undefined."""
    if value is None:
        return ""
    if unit == "mio_kr":
        value = float(Decimal(repr(value)) / MILLION)
    return str(formatting.rounded(value, decimals))


def _csv(rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def _excel_number(value: float | None) -> str:
    return "" if value is None else repr(float(value)).replace(".", ",")


def table_csv(table: ReportTable) -> str:
    """One table for Excel: BOM, `;`, decimal comma, unrounded values."""
    body = [("row", "column", "value")]
    body += [(c.row, c.column, _excel_number(c.value)) for c in table.cells]
    return BOM + _csv(body)


def tables_json(report: Report) -> str:
    return json.dumps(list(tidy_rows(report.tables)), ensure_ascii=False, indent=1) + "\n"


def _is_appendix(table: ReportTable) -> bool:
    return table.name in texts.APPENDIX_REPORT_TABLES.values()


def report_tables_csv(report: Report) -> str:
    """`report_tables.csv`: table;row;column;value;unit;page;note, values as printed."""
    body: list[Sequence[object]] = [("table", "row", "column", "value", "unit", "page", "note")]
    for table in report.tables:
        if _is_appendix(table):
            continue  # in noegletal.csv
        body += [
            (table.name, c.row, c.column, printed(c.value, c.unit, c.decimals), c.unit, "", "")
            for c in table.cells
        ]
    return _csv(body)


def noegletal_csv(rows: Sequence[AppendixRow]) -> str:
    """`noegletal.csv`: table;label;parent;year;measure;value;page;section, as printed."""
    body: list[Sequence[object]] = [
        ("table", "label", "parent", "year", "measure", "value", "page", "section")
    ]
    for row in rows:
        page, section = APPENDIX_PLACES.get(row["table"], ("", ""))
        value = row["value"]
        shown = (
            ""
            if value is None
            else str(formatting.rounded(value, MEASURE_DECIMALS[row["measure"]]))
        )
        body.append(
            (
                row["table"],
                row["label"],
                row["parent"] or "",
                row["year"],
                row["measure"],
                shown,
                page,
                section,
            )
        )
    return _csv(body)


def _sentence_with(paragraph: Paragraph, index: int) -> Paragraph:
    """The sentence of a paragraph that holds fact `index` (the quote of a statement)."""
    marker = "{" + str(index) + "}"
    for sentence in _SENTENCE_END.split(paragraph.text):
        if marker in sentence:
            return Paragraph(sentence, paragraph.facts)
    return paragraph


def statements(report: Report) -> Iterator[tuple[str, str, str, str, str]]:
    """(where, quote, value, unit, refers_to) for every number of every sentence; the value
    signed (a fall is negative), rounded as printed."""
    tables = {t.name: t for t in report.tables}
    rows = appendix_rows(report.tables)
    sections: tuple[Section, ...] = (*report.sections, *report.appendices)
    for section in sections:
        for block in section.blocks:
            if not isinstance(block, Paragraph) or not block.facts:
                continue
            for index, fact in enumerate(block.facts):
                yield _statement(section, block, index, fact, tables, rows)


def _statement(
    section: Section,
    paragraph: Paragraph,
    index: int,
    fact: Fact,
    tables: dict[str, ReportTable],
    rows: Sequence[AppendixRow],
) -> tuple[str, str, str, str, str]:
    quote = text_of(_sentence_with(paragraph, index), tables, rows)
    value = evaluate(fact.refers_to, tables, rows)
    return (
        f"Kvartalsrapportering, {section.heading}",
        quote,
        printed(value, fact.unit, fact.decimals),
        fact.unit,
        fact.refers_to,
    )


def statements_csv(report: Report) -> str:
    return _csv([("where", "quote", "value", "unit", "refers_to"), *statements(report)])


DATA_README = """# Reference data of a quarterly report written by jobtal

The figures of the report in the format of `jobtal/published/data/*/` (see its README.md):
`report_tables.csv` (every table but the appendix Nøgletal), `noegletal.csv` (the appendix)
and `statements.csv` (every number of every sentence and the cell it refers to). Values are
rounded as printed; mio. kr. in millions; percentages in percent. `page` is empty: the
figures are not placed on printed pages. Check with `jobtal verify --dir <this folder>`.
"""


def _outputs(report: Report) -> list[tuple[str, Callable[[], str | bytes]]]:
    """(relative path, producer) of every file; producers run in this order."""
    from jobtal.report.render import render_appendix_pdf, render_html, render_pdf

    rows = appendix_rows(report.tables)
    stem = report.quarter
    outputs: list[tuple[str, Callable[[], str | bytes]]] = [
        (f"kvartalsrapport-{stem}.html", lambda: render_html(report, appendix=rows)),
        (f"kvartalsrapport-{stem}.pdf", lambda: render_pdf(report, appendix=rows)),
    ]
    keys = {section.key for section in report.appendices}
    for key, name in (("noegletal", "noegletal"), ("budgetaendringer", "budgetaendringer")):
        if key in keys:
            outputs.append(
                (
                    f"{name}-{stem}.pdf",
                    lambda key=key: render_appendix_pdf(report, key, appendix=rows),  # type: ignore[misc]
                )
            )
    for table in report.tables:
        outputs.append((f"tables/{slug(table.name)}.csv", lambda table=table: table_csv(table)))  # type: ignore[misc]
    outputs += [
        (MARKER, lambda: tables_json(report)),
        ("data/report_tables.csv", lambda: report_tables_csv(report)),
        ("data/noegletal.csv", lambda: noegletal_csv(rows)),
        ("data/statements.csv", lambda: statements_csv(report)),
        ("data/README.md", lambda: DATA_README),
    ]
    return outputs


def _check_target(out: Path) -> None:
    """`out` may be new, empty, or an earlier output of jobtal (which is replaced)."""
    if out.exists() and not out.is_dir():
        raise InputError([Problem(str(out), None, None, "findes og er ikke en mappe")])
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise InputError(
            [
                Problem(
                    str(out),
                    None,
                    None,
                    "mappen findes og indeholder andet end en rapport fra jobtal; vælg en ny "
                    "eller tom mappe",
                )
            ]
        )


def write_report(
    report: Report, out: Path, *, progress: Callable[[str], None] | None = None
) -> list[Path]:
    """Write every output of the report into `out` (see the module docstring) and return
    their paths. All or nothing: a failure leaves `out` untouched. An existing `out` must be
    empty or an earlier output of jobtal, which is replaced."""
    out = Path(out)
    _check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.ny-"))
    try:
        written = []
        for relative, produce in _outputs(report):
            if progress is not None:
                progress(relative)
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            content = produce()
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="")
            written.append(relative)
        _move_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out / relative for relative in written]


def _move_into_place(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with renames (an earlier output is removed afterwards)."""
    if not out.exists():
        staging.rename(out)
        return
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.gammel-"))
    old.rmdir()
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
