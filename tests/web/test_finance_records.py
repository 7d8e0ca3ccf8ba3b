"""The finance records' CSV import and export, and the "both paths" check: Gentofte's
synthetic finance files imported into the web application, exported and imported into the
analytical store give the report the same economic status, variance explanations,
*Budgetændringer* and table 13 as the original files imported directly, and these print as
the seed does. The status page computes the same tables live from the records."""

from __future__ import annotations

import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from jobtal.domain.periods import quarter
from jobtal.published.tables import report_table
from jobtal.report.cells import format_cell
from jobtal.report.model import ReportTable
from jobtal.report.tables_records import record_tables
from jobtal.store.importers import import_activations, import_spells
from jobtal.store.records import import_directory, import_records
from jobtal.synth import build_population, write_parquet
from jobtal.synth.report_inputs import write_report_inputs
from jobtal.web.finance.models import Appropriation, BudgetLine, Staffing
from jobtal.web.finance.records import FILE_NAMES, export_files, import_files

from .helpers import World, client_for

GENTOFTE = 157
REPORT = "gentofte-2023-02"
Q4 = quarter(2022, 4)
FINANCE = (
    "økonomisk status service",
    "afvigelsesforklaring service",
    "økonomisk status overførsler",
    "afvigelsesforklaring overførsler",
    "budgetændringer",
)
COMPARED = (*FINANCE, "tabel 13")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(folder with Gentofte's six finance files, a store with its persons and cases)."""
    root = tmp_path_factory.mktemp("finance")
    population = build_population(municipalities=[GENTOFTE])
    inputs = write_report_inputs(population, root / "report")
    finance = root / "finance"
    finance.mkdir()
    for name in FILE_NAMES.values():
        shutil.copy(inputs.directory / name, finance / name)
    spells, activations = write_parquet(population, root / "input")
    base = root / "base.duckdb"
    import_spells(spells, base)
    import_activations(activations, base)
    import_records("cases", inputs.directory / "cases.parquet", base)
    return finance, base


def _store(base: Path, folder: Path, target: Path) -> Path:
    shutil.copy(base, target)
    import_directory(folder, target)
    return target


def _by_name(tables: tuple[ReportTable, ...]) -> dict[str, ReportTable]:
    return {t.name: t for t in tables}


def printed(value: float, decimals: int) -> Decimal:
    """Rounded half away from zero, as the seed prints."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def test_both_paths_give_the_report_the_same_tables(
    db: None, files: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, base = files
    counts = import_files(folder)
    assert counts == {
        "staffing": 160,
        "operating_costs": 15,
        "budget_lines": 2,
        "appropriations": 8,
        "expected_variances": 7,
        "spending": 22,
    }
    written = export_files(tmp_path / "export")
    assert sorted(p.name for p in written) == sorted(FILE_NAMES.values())
    direct = _by_name(record_tables(_store(base, folder, tmp_path / "a.duckdb"), GENTOFTE, Q4))
    web = _by_name(
        record_tables(_store(base, tmp_path / "export", tmp_path / "b.duckdb"), GENTOFTE, Q4)
    )
    for name in COMPARED:
        assert name in direct
        assert web[name] == direct[name]
    # ... and they print as the seed: every published figure of these tables (table 13's
    # full-time persons are the synthetic population's, not the seed's; its costs per
    # full-time person and their change are calibrated to print as the seed).
    for name in COMPARED:
        cells = {(c.row, c.column): c for c in web[name].cells}
        for seed in report_table(REPORT, name):
            if seed["value"] is None or seed["unit"] == "ftp":
                continue
            cell = cells[(seed["row"], seed["column"])]
            assert cell.value is not None
            scale = 1e6 if cell.unit == "mio_kr" else 1
            assert printed(cell.value / scale, seed["decimals"]) == printed(
                seed["value"], seed["decimals"]
            ), (name, seed["row"], seed["column"])


def test_export_writes_the_store_format_in_recorded_order(db: None, tmp_path: Path) -> None:
    BudgetLine.objects.create(
        year=2022,
        appropriation_area="Erhverv",
        expense_type="overfoersler",
        account="2050",
        original_budget_dkk=Decimal("578300000.00"),
    )
    for topic in ("B-emne", "A-emne"):
        Appropriation.objects.create(
            date="2022-10-31",
            kind="tillaegsbevilling",
            expense_type="service",
            topic=topic,
            amount_dkk=Decimal("-377500.50"),
            approved=True,
        )
    Staffing.objects.create(
        quarter="2022Q4", team="Team Unge", group_category="oevrige", staff_years=Decimal("4.15")
    )
    folder = tmp_path / "export"
    export_files(folder)
    assert (folder / "budget_lines.csv").read_text().splitlines() == [
        "municipality,year,appropriation_area,expense_type,account,original_budget_dkk",
        "157,2022,Erhverv,overfoersler,2050,578300000",
    ]
    assert (folder / "appropriations.csv").read_text().splitlines()[1:] == [
        "157,2022-10-31,tillaegsbevilling,service,B-emne,-377500.5,true",
        "157,2022-10-31,tillaegsbevilling,service,A-emne,-377500.5,true",
    ]
    assert (folder / "staffing.csv").read_text().splitlines()[1] == (
        "157,2022Q4,Team Unge,oevrige,4.15"
    )
    # Another municipality's file has the header only, and the store takes it.
    export_files(tmp_path / "other", municipality=101)
    assert (tmp_path / "other" / "spending.csv").read_text().strip() == (
        "municipality,date,expense_type,amount_dkk"
    )
    import_directory(tmp_path / "other", tmp_path / "store.duckdb")
    summaries = import_directory(folder, tmp_path / "store.duckdb")
    assert {s.kind: s.rows_stored for s in summaries if s.rows_stored} == {
        "staffing": 1,
        "budget_lines": 1,
        "appropriations": 2,
    }


def test_status_page_shows_the_reports_tables_with_12_and_13_from_the_store(
    world: World, files: tuple[Path, Path], settings: object, tmp_path: Path
) -> None:
    folder, base = files
    import_files(folder)
    store = _store(base, folder, tmp_path / "a.duckdb")
    settings.JOBTAL_KEYFIGURES_DB = store  # type: ignore[attr-defined]
    response = client_for(world.users["analyst"]).get(
        reverse("finance:status"), {"aar": "2022", "kvartal": "4"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    expected = _by_name(record_tables(store, GENTOFTE, Q4))
    for name in COMPARED:
        for cell in expected[name].cells:
            assert f'<td class="text-align-right">{format_cell(cell)}</td>' in page
    # The seed's printed figures: the expected outturn of transfers, 2022's cost per FTP,
    # and table 12's cases per staff-year in total.
    assert "560,4" in page
    seed_12 = {(c["row"], c["column"]): c for c in report_table(REPORT, "tabel 12")}
    total = seed_12[("Antal sager i alt", "2022 Gns. antal sager pr. årsværk")]
    assert "Tabel 12" in page or "tabel 12" in page
    assert f">{int(total['value'])}<" in page


def test_status_page_without_the_store_leaves_12_and_13_out(
    world: World, files: tuple[Path, Path], settings: object, tmp_path: Path
) -> None:
    import_files(files[0])
    settings.JOBTAL_KEYFIGURES_DB = tmp_path / "missing.duckdb"  # type: ignore[attr-defined]
    page = client_for(world.users["secretariat"]).get(reverse("finance:status")).content.decode()
    assert "Budgetændringer" in page
    assert "Tabel 13" not in page and "tabel 13" not in page
    assert "analysedatabasen (JOBTAL_DB)" in page
