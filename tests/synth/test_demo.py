"""`jobtal demo` end to end on a small population (the other municipalities at 1 %)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from jobtal.cli import main


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One demo run over an old demo store (which it must replace): its folder and output."""
    out = tmp_path_factory.mktemp("run") / "demo"
    out.mkdir()
    (out / "jobtal.duckdb").write_text("an old demo store is replaced")
    capture = io.StringIO()
    with contextlib.redirect_stdout(capture):
        status = main(["demo", "--out", str(out), "--serve", "0", "--scale", "0.01"])
    assert status == 0
    return out, capture.getvalue()


@pytest.mark.slow
def test_demo_builds_imports_and_compares(demo_run: tuple[Path, str]) -> None:
    out, printed = demo_run
    assert "stemmer overens med det publicerede" in printed
    assert (out / "web.sqlite3").is_file()  # the web application's database, not served
    for name in ("input/spells.parquet", "input/activations.parquet"):
        assert (out / name).is_file()
    names = ["noegletal_beregnet", "noegletal_publiceret"]
    for stem in names:
        assert (out / "output" / f"{stem}.csv").is_file()
    comparison = json.loads((out / "output" / "sammenligning.json").read_text("utf-8"))
    dagpenge = [
        row
        for row in comparison
        if row["table"] == "target_groups"
        and row["label"] == "Dagpengemodtagere"
        and row["measure"] == "ftp"
    ]
    assert len(dagpenge) == 3 and all(row["agrees"] for row in dagpenge)


@pytest.mark.slow
def test_demo_calibration_through_the_whole_pipeline(demo_run: tuple[Path, str]) -> None:
    """Gentofte's level figures, computed by the importers and the measure engine from the
    synthetic population, are within 2 % (or 2 full-time persons) of the published ones."""
    out, _ = demo_run
    computed = json.loads((out / "output" / "noegletal_beregnet.json").read_text("utf-8"))
    printed = {
        (r["table"], r["label"], r["parent"], r["year"], r["measure"]): r["value"]
        for r in json.loads((out / "output" / "noegletal_publiceret.json").read_text("utf-8"))
    }
    levels = {"ftp", "wage_subsidy_ftp", "work_placement_ftp"}
    checked, failures = 0, []
    for row in computed:
        key = (row["table"], row["label"], row["parent"], row["year"], row["measure"])
        if row["measure"] not in levels or row["table"] == "activation_share":
            continue
        published = printed[key]
        checked += 1
        if abs(row["value"] - published) > max(0.02 * abs(published), 2.0):
            failures.append((key, row["value"], published))
    assert checked == 3 * (27 + 3 + 2 * 9)
    assert not failures, failures


# The seed report's section headings and the captions of its tables and charts, in order.
SEED_HEADINGS = (
    "UDVALGSSTATUS",
    "ØKONOMISK STATUS",
    "NØGLETALSSTATUS",
    "Figur 1.",
    "Virksomhedsrettede tilbud – udvikling i årsgennemsnit",
    "Figur 2.",
    "Status på kontanthjælpsloftet",
    "Tabel 1.",
    "Udviklingen i langtidsledigheden",
    "Figur 4.",
    "Tabel 2.",
    "Status på beskæftigelsesplanen",
    "Virksomheder skal have den efterspurgte arbejdskraft",
    "Tabel 3.",
    "Tabel 4.",
    "Ledige skal opkvalificeres",
    "Tabel 5.",
    "Tabel 6.",
    "Unge skal i arbejde eller uddannelse",
    "Tabel 7.",
    "Tabel 8.",
    "Flygtninge og familiesammenførte skal være selvforsørgende",
    "Tabel 9.",
    "Tabel 10.",
    "Borgere med handicap og funktionsnedsættelse skal i arbejde",
    "Tabel 11.",
    "Figur 5.",
    "STYRINGSMODEL FOR MÅLING AF EFFEKT PÅ INVESTERINGEN",
    "Tabel 12.",
    "Tabel 13.",
    "Nøgletal",
    "Budgetændringer",
)


def _pdf_text(path: Path) -> str:
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


@pytest.mark.slow
def test_demo_writes_the_quarterly_report_with_every_section(demo_run: tuple[Path, str]) -> None:
    out, _ = demo_run
    text = _pdf_text(out / "output" / "kvartalsrapport-2022Q4.pdf")
    position = 0
    for heading in SEED_HEADINGS:
        found = text.find(heading, position)
        assert found >= 0, f"{heading!r} missing or out of the seed's order"
        position = found
    assert "Side 1 af" in text and "Kilde: Jobindsats.dk" in text
    for name in ("noegletal-2022Q4.pdf", "budgetaendringer-2022Q4.pdf", "tables.json"):
        assert (out / "output" / name).is_file()


@pytest.mark.slow
def test_demo_report_figures_equal_independent_computations(demo_run: tuple[Path, str]) -> None:
    """A sample of the PDF's figures, each computed here by another route: the appendix
    engine run over all municipalities, and the imported input files read with pandas."""
    import pandas as pd

    from jobtal.formatting import number

    out, _ = demo_run
    text = _pdf_text(out / "output" / "kvartalsrapport-2022Q4.pdf")
    appendix = json.loads((out / "output" / "noegletal_beregnet.json").read_text("utf-8"))
    dagpenge_2022 = next(
        row["value"]
        for row in appendix
        if (row["table"], row["label"], row["year"], row["measure"])
        == ("target_groups", "Dagpengemodtagere", 2022, "ftp")
    )
    contacts = pd.read_csv(out / "input" / "web" / "company_contacts.csv", dtype=str)
    contacted_2022 = contacts[contacts["date"].str.startswith("2022")]["cvr"].nunique()
    requests = pd.read_csv(out / "input" / "web" / "recruitment_requests.csv", dtype=str)
    created_2022 = int(requests["created"].str.startswith("2022").sum())
    for value in (dagpenge_2022, contacted_2022, created_2022):
        assert number(value) in text, number(value)


@pytest.mark.slow
def test_demo_verifies_the_seed_and_its_own_report(demo_run: tuple[Path, str]) -> None:
    out, _ = demo_run
    pinned = json.loads(
        (Path(__file__).parents[1] / "published" / "expected_disagreements.json").read_text("utf-8")
    )["disagreements"]
    seed = json.loads((out / "output" / "verifikation-gentofte-2023-02.json").read_text("utf-8"))
    assert sorted(row["where"] for row in seed) == sorted(row["where"] for row in pinned)
    # Every number in the generated sentences agrees with the generated tables.
    generated = json.loads((out / "output" / "verifikation-beregnet.json").read_text("utf-8"))
    assert generated == []


# The tables the web application's records feed (issue: company service and finance). Table
# 13's full-time persons come from the population, not from records, and are left out; so is
# tabel 4's 2020 "still open", which the seed leaves empty.
RECORD_TABLES = (
    "tabel 3",
    "tabel 4",
    "tabel 12",
    "tabel 13",
    "økonomisk status service",
    "økonomisk status overførsler",
    "afvigelsesforklaring service",
    "afvigelsesforklaring overførsler",
    "budgetændringer",
)


@pytest.mark.slow
def test_demo_report_from_web_records_equals_the_seed(demo_run: tuple[Path, str]) -> None:
    """The demo loads the company service's and finance records into the web application
    and the report reads them from there: their tables print as the seed's."""
    from jobtal.formatting import rounded
    from jobtal.published.tables import report_tables

    out, _ = demo_run
    generated = {
        (row["table"], row["row"], row["column"]): row["value"]
        for row in json.loads((out / "output" / "tables.json").read_text("utf-8"))
    }
    compared, different = 0, []
    for cell in report_tables("gentofte-2023-02"):
        if cell["table"] not in RECORD_TABLES or cell["value"] is None:
            continue
        if cell["table"] == "tabel 13" and cell["column"].startswith(("2018 Antal", "2022 Antal")):
            continue
        value = generated[(cell["table"], cell["row"], cell["column"])]
        assert value is not None, cell
        shown = value / 1e6 if cell["unit"] == "mio_kr" else value
        compared += 1
        if rounded(shown, cell["decimals"]) != rounded(cell["value"], cell["decimals"]):
            different.append((cell["table"], cell["row"], cell["column"], shown, cell["value"]))
    assert compared > 100
    assert different == [], different
