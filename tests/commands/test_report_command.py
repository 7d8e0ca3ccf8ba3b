"""`jobtal report`: the published report written through the command, bad input (exit 2,
nothing written), comments, progress and the Danish summary. The renderer is replaced by fast
stand-ins that print every paragraph, so the comment can be found in the HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobtal.cli import main
from jobtal.report import render
from jobtal.report.model import Paragraph, Report
from jobtal.report.narrative import text_of

SEED = "gentofte-2023-02"


def _html(report: Report, **_: object) -> str:
    tables = {t.name: t for t in report.tables}
    paragraphs = [
        text_of(block, tables, [])
        for section in (*report.sections, *report.appendices)
        for block in section.blocks
        if isinstance(block, Paragraph)
    ]
    return "<html>" + "\n".join(paragraphs) + "</html>"


@pytest.fixture(autouse=True)
def fast_render(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "render_html", _html)
    monkeypatch.setattr(render, "render_pdf", lambda report, **_: b"%PDF")
    monkeypatch.setattr(render, "render_appendix_pdf", lambda report, key, **_: b"%PDF")


def test_the_published_report_is_written_with_progress_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    assert main(["report", "--published", SEED, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert (out / "kvartalsrapport-2022Q4.html").is_file()
    assert (out / "data" / "statements.csv").is_file()
    assert "faldet med 311 fuldtidspersoner" in (out / "kvartalsrapport-2022Q4.html").read_text(
        encoding="utf-8"
    )
    progress = captured.err.splitlines()
    assert progress[0].startswith("[") and " s] " in progress[0]
    assert any("Skriver kvartalsrapport-2022Q4.pdf" in line for line in progress)
    assert "filer skrevet i" in captured.out
    assert "kvartalsrapport-2022Q4.pdf" in captured.out
    assert f"jobtal verify --dir {out / 'data'}" in captured.out


def test_comments_from_a_toml_file_stand_in_the_report(tmp_path: Path) -> None:
    comments = tmp_path / "kommentarer.toml"
    comments.write_text(
        'noegletalsstatus = """\nStigningen i jobafklaringsforløb skyldes forlænget ret.\n"""\n',
        encoding="utf-8",
    )
    out = tmp_path / "ud"
    assert (
        main(["report", "--published", SEED, "--out", str(out), "--comments", str(comments)]) == 0
    )
    html = (out / "kvartalsrapport-2022Q4.html").read_text(encoding="utf-8")
    assert "Stigningen i jobafklaringsforløb skyldes forlænget ret." in html


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        (["--municipality", "157", "--period", "2022Q5"], "--period"),
        (["--municipality", "157", "--period", "2022M12"], "--period"),
        (["--municipality", "157", "--period", "fjerde kvartal"], "--period"),
        (["--municipality", "Atlantis", "--period", "2022Q4"], "--municipality"),
        (["--period", "2022Q4"], "--municipality"),
        (["--municipality", "157"], "--period"),
        (["--published", "ingen-rapport"], "--published"),
    ],
)
def test_bad_input_exits_2_in_danish_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], field: str
) -> None:
    out = tmp_path / "ud"
    db = tmp_path / "jobtal.duckdb"
    assert main(["report", *arguments, "--db", str(db), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Fejl i input" in err and f"felt '{field}'" in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_missing_store_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ud"
    arguments = ["--municipality", "Gentofte", "--period", "2022Q04", "--out", str(out)]
    assert main(["report", *arguments, "--db", str(tmp_path / "ingen.duckdb")]) == 2
    assert "databasen findes ikke" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("noegletalsstatus = ", "ugyldig TOML"),
        ("ukendt_afsnit = 'tekst'", "ukendt afsnit"),
        ("noegletalsstatus = 3", "skal være en tekst"),
    ],
)
def test_a_bad_comments_file_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    comments = tmp_path / "kommentarer.toml"
    comments.write_text(content, encoding="utf-8")
    out = tmp_path / "ud"
    assert (
        main(["report", "--published", SEED, "--out", str(out), "--comments", str(comments)]) == 2
    )
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_comments_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "ingen.toml"
    assert (
        main(
            [
                "report",
                "--published",
                SEED,
                "--out",
                str(tmp_path / "ud"),
                "--comments",
                str(missing),
            ]
        )
        == 2
    )
    assert f"{missing}: filen findes ikke" in capsys.readouterr().err
