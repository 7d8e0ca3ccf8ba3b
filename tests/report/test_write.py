"""Writing the report: every output, the reference data that `jobtal verify` reads, and all
or nothing. The renderer is replaced by fast stand-ins except in one (slow) test."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from jobtal import published
from jobtal.errors import InputError
from jobtal.published.consistency import check
from jobtal.published.tables import report_tables, statements
from jobtal.report import render
from jobtal.report.build import build_published_report
from jobtal.report.model import Report
from jobtal.report.write import slug, write_report

SEED = "gentofte-2023-02"
STEM = "2022Q4"


@pytest.fixture(scope="module")
def report() -> Report:
    return build_published_report(SEED)


@pytest.fixture
def fast_render(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "render_html", lambda report, **_: f"<html>{report.title}</html>")
    monkeypatch.setattr(render, "render_pdf", lambda report, **_: b"%PDF-rapport")
    monkeypatch.setattr(
        render, "render_appendix_pdf", lambda report, key, **_: b"%PDF-" + key.encode()
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_every_output_is_written(tmp_path: Path, report: Report, fast_render: None) -> None:
    out = tmp_path / "rapport"
    paths = write_report(report, out)
    names = {str(p.relative_to(out)) for p in paths}
    assert {
        f"kvartalsrapport-{STEM}.html",
        f"kvartalsrapport-{STEM}.pdf",
        f"noegletal-{STEM}.pdf",
        f"budgetaendringer-{STEM}.pdf",
        "tables.json",
        "data/report_tables.csv",
        "data/noegletal.csv",
        "data/statements.csv",
    } <= names
    assert {f"tables/{slug(t.name)}.csv" for t in report.tables} <= names
    assert all(p.is_file() for p in paths)
    assert set(_tree(out)) == names
    assert (out / f"noegletal-{STEM}.pdf").read_bytes() == b"%PDF-noegletal"
    # Nothing left beside the folder.
    assert [p.name for p in tmp_path.iterdir()] == ["rapport"]


def test_slugs_are_plain_file_names() -> None:
    assert slug("økonomisk status overførsler") == "oekonomisk-status-overfoersler"
    assert slug("tabel 10") == "tabel-10"
    assert slug("nøgletal målgrupper") == "noegletal-maalgrupper"


def test_tables_json_rows_have_exactly_the_four_keys(
    tmp_path: Path, report: Report, fast_render: None
) -> None:
    write_report(report, tmp_path / "ud")
    rows = json.loads((tmp_path / "ud" / "tables.json").read_text(encoding="utf-8"))
    assert len(rows) == sum(len(t.cells) for t in report.tables)
    assert all(set(row) == {"table", "row", "column", "value"} for row in rows)
    kroner = next(
        r
        for r in rows
        if (r["table"], r["row"], r["column"])
        == ("økonomisk status overførsler", "Overførselsudgifter 2050", "Korrigeret budget")
    )
    assert kroner["value"] == 557_000_000.0


def test_table_csv_is_for_a_danish_excel(tmp_path: Path, report: Report, fast_render: None) -> None:
    write_report(report, tmp_path / "ud")
    raw = (tmp_path / "ud" / "tables" / "tabel-1.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["row", "column", "value"]
    assert ["December 2022", "Andel af borgere med reduktion i kontanthjælpsloft", "14,1"] in rows
    assert ["Januar 2017", "Total reduktionsbeløb (DKK)", "234444,0"] in rows


def _read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter=";"))


def test_the_reference_data_reproduces_the_transcription(
    tmp_path: Path, report: Report, fast_render: None
) -> None:
    """Written from the transcribed tables, report_tables.csv and noegletal.csv hold exactly
    the transcribed printed figures (decimals as printed, mio. kr. in millions)."""
    write_report(report, tmp_path / "ud")
    data = tmp_path / "ud" / "data"
    written = {
        (r["table"], r["row"], r["column"]): (r["value"], r["unit"])
        for r in _read(data / "report_tables.csv")
    }
    source = Path(str(published.__file__)).parent / "data" / SEED
    for row in _read(source / "report_tables.csv"):
        assert written[(row["table"], row["row"], row["column"])] == (row["value"], row["unit"])
    figures = {
        (r["table"], r["label"], r["parent"], r["year"], r["measure"]): r["value"]
        for r in _read(data / "noegletal.csv")
    }
    for row in _read(source / "noegletal.csv"):
        key = (row["table"], row["label"], row["parent"], row["year"], row["measure"])
        assert float(figures[key] or "nan") == pytest.approx(
            float(row["value"] or "nan"), nan_ok=True
        )
    assert len(report_tables(data)) == len(written)


def test_statements_hold_every_number_of_every_sentence_and_verify_finds_none_wrong(
    tmp_path: Path, report: Report, fast_render: None
) -> None:
    write_report(report, tmp_path / "ud")
    data = tmp_path / "ud" / "data"
    written = statements(data)
    facts = sum(
        len(b.facts)
        for s in (*report.sections, *report.appendices)
        for b in s.blocks
        if not isinstance(b, str) and hasattr(b, "facts")
    )
    assert len(written) == facts
    fall = next(s for s in written if "faldet med 311 fuldtidspersoner" in s["quote"])
    assert fall["value"] == -311 and fall["unit"] == "ftp"  # signed by meaning
    assert fall["quote"].startswith("Antallet af fuldtidspersoner i målgruppen Forsikrede ledige")
    # The sentences never disagree with the tables; what remains are the seed's own appendix
    # disagreements (its printed sums), which the transcription carries.
    found = check(data)
    assert [d for d in found if d.kind == "statement"] == []
    assert {d.where.split(",")[0] for d in found} <= {"Nøgletal"}
    assert len(found) == len([d for d in check(SEED) if d.where.startswith("Nøgletal")])


def test_a_failing_render_leaves_out_untouched(
    tmp_path: Path, report: Report, fast_render: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "rapport"
    write_report(report, out)
    before = _tree(out)

    def broken(report: Report, **_: object) -> bytes:
        raise RuntimeError("kan ikke tegne")

    monkeypatch.setattr(render, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        write_report(report, out)
    assert _tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["rapport"]
    fresh = tmp_path / "ny"
    with pytest.raises(RuntimeError):
        write_report(report, fresh)
    assert not fresh.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["rapport"]


def test_an_earlier_output_is_replaced_but_a_foreign_folder_is_refused(
    tmp_path: Path, report: Report, fast_render: None
) -> None:
    out = tmp_path / "rapport"
    write_report(report, out)
    (out / "tables" / "gammel.csv").write_text("row;column;value\n", encoding="utf-8")
    write_report(report, out)
    assert not (out / "tables" / "gammel.csv").exists()
    foreign = tmp_path / "dokumenter"
    foreign.mkdir()
    (foreign / "notat.txt").write_text("vigtigt", encoding="utf-8")
    with pytest.raises(InputError):
        write_report(report, foreign)
    assert [p.name for p in foreign.iterdir()] == ["notat.txt"]


@pytest.mark.slow
def test_the_real_renderer_writes_html_and_pdfs(tmp_path: Path, report: Report) -> None:
    out = tmp_path / "rapport"
    write_report(report, out)
    html = (out / f"kvartalsrapport-{STEM}.html").read_text(encoding="utf-8")
    assert 'lang="da"' in html and "NØGLETALSSTATUS" in html
    assert "faldet med 311 fuldtidspersoner" in html
    for name in (
        f"kvartalsrapport-{STEM}.pdf",
        f"noegletal-{STEM}.pdf",
        f"budgetaendringer-{STEM}.pdf",
    ):
        assert (out / name).read_bytes().startswith(b"%PDF")
