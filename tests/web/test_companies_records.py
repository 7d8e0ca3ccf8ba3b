"""CSV import and export of the company service's records.

The "both paths" test: Gentofte's synthetic report inputs imported straight into a store give
tables 3 and 4; the same files imported into the web app, exported, and imported into a
second store must give identical tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from django.urls import reverse

from jobtal.domain.periods import quarter
from jobtal.errors import InputError
from jobtal.report.model import ReportTable
from jobtal.report.tables_records import record_tables
from jobtal.store.importers import import_activations, import_spells
from jobtal.store.records import FILE_COLUMNS, import_records
from jobtal.synth import activations_table, build_population, spells_table
from jobtal.synth.report_inputs import with_company_cvrs, write_report_inputs
from jobtal.web.companies.models import Company, CompanyOffer, Contact, RecruitmentRequest
from jobtal.web.companies.records import OFFER_COLUMNS, export_files, import_files

from .helpers import World, client_for

GENTOFTE = 157
TABLES = ("tabel 3", "tabel 4")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Gentofte's population alone and its report inputs: the spells, all activations, and
    the web app's three CSV files (the offers: the company-directed activations with a CVR)."""
    root = tmp_path_factory.mktemp("synth")
    population = with_company_cvrs(build_population(municipalities=[GENTOFTE]))
    inputs = write_report_inputs(population, root / "report")
    spells, activations = root / "spells.parquet", root / "activations.parquet"
    pq.write_table(spells_table(population), spells)
    table = activations_table(population)
    pq.write_table(table, activations)
    web = root / "web"
    web.mkdir()
    for name in ("company_contacts", "recruitment_requests"):
        shutil.copy(inputs.files[name], web / f"{name}.csv")
    offers = table.to_pandas()
    offers = offers[
        offers["cvr"].notna()
        & offers["offer"].isin(["loentilskud", "virksomhedspraktik", "smaajob"])
    ]
    offers[list(OFFER_COLUMNS)].to_csv(web / "company_offers.csv", index=False)
    return {"spells": spells, "activations": activations, "web": web}


def _tables(store: Path) -> dict[str, ReportTable]:
    found = record_tables(store, GENTOFTE, quarter(2022, 4))
    return {t.name: t for t in found if t.name in TABLES}


@pytest.mark.django_db
def test_both_paths_give_the_same_tables_3_and_4(
    synthetic: dict[str, Path], tmp_path: Path
) -> None:
    direct = tmp_path / "direct.duckdb"
    import_spells(synthetic["spells"], direct)
    import_activations(synthetic["activations"], direct)
    for name in ("company_contacts", "recruitment_requests"):
        import_records(name, synthetic["web"] / f"{name}.csv", direct)

    counts = import_files(synthetic["web"])
    rows = {
        name: len(pd.read_csv(synthetic["web"] / f"{name}.csv"))
        for name in counts
        if name != "companies_created"
    }
    assert {k: counts[k] for k in rows} == rows
    assert Contact.objects.count() == rows["company_contacts"]
    assert RecruitmentRequest.objects.count() == rows["recruitment_requests"]
    assert CompanyOffer.objects.count() == rows["company_offers"]
    assert counts["companies_created"] == Company.objects.count() > 0

    exported = export_files(tmp_path / "export", municipality=GENTOFTE)
    assert [p.name for p in exported] == [
        "company_contacts.csv",
        "recruitment_requests.csv",
        "company_offers.csv",
    ]
    via_web = tmp_path / "via-web.duckdb"
    import_spells(synthetic["spells"], via_web)
    import_activations(exported[2], via_web)
    import_records("company_contacts", exported[0], via_web)
    import_records("recruitment_requests", exported[1], via_web)

    expected, got = _tables(direct), _tables(via_web)
    assert set(expected) == set(TABLES)
    assert got == expected
    # The figures are not empty: the synthetic records fill the report year.
    created = {
        c.column: c.value for c in expected["tabel 4"].cells if c.row.startswith("Oprettede")
    }
    assert (created["2022"] or 0) > 0


@pytest.mark.django_db
def test_export_has_the_store_columns_and_import_again_replaces(
    synthetic: dict[str, Path], tmp_path: Path
) -> None:
    import_files(synthetic["web"])
    paths = export_files(tmp_path / "ud")
    header = {p.name: p.read_text(encoding="utf-8").splitlines()[0] for p in paths}
    assert header["company_contacts.csv"] == ",".join(FILE_COLUMNS["company_contacts"])
    assert header["recruitment_requests.csv"] == ",".join(FILE_COLUMNS["recruitment_requests"])
    assert header["company_offers.csv"] == ",".join(OFFER_COLUMNS)
    before = (Contact.objects.count(), RecruitmentRequest.objects.count(), Company.objects.count())
    # Close one open request in a file and import the files again: the request is replaced.
    requests = pd.read_csv(paths[1], dtype=str, keep_default_na=False)
    open_row = requests.index[requests["closed"] == ""][0]
    requests.loc[open_row, ["closed", "close_reason"]] = ["2022-12-30", "egne_kanaler"]
    requests.loc[open_row, "created"] = min(requests.loc[open_row, "created"], "2022-12-30")
    requests.to_csv(tmp_path / "ud" / "recruitment_requests.csv", index=False)
    counts = import_files(tmp_path / "ud")
    assert counts["companies_created"] == 0
    after = (Contact.objects.count(), RecruitmentRequest.objects.count(), Company.objects.count())
    assert after == before
    changed = RecruitmentRequest.objects.get(request_id=requests.loc[open_row, "request_id"])
    assert changed.close_reason == "egne_kanaler"
    assert str(changed.closed) == "2022-12-30"


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    return path


CONTACTS_HEADER = ",".join(FILE_COLUMNS["company_contacts"])
REQUESTS_HEADER = ",".join(FILE_COLUMNS["recruitment_requests"])
GOOD_CONTACT = "157,K1,2022-03-01,10403782,Anne,telefon,1,rekruttering"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "text", "file", "line", "field"),
    [
        (
            "company_contacts",
            f"{CONTACTS_HEADER}\n{GOOD_CONTACT}\n157,K2,2022-03-02,10403783,Bo,telefon,1,x\n",
            "company_contacts.csv",
            3,
            "cvr",
        ),
        (
            "company_contacts",
            f"{CONTACTS_HEADER}\n{GOOD_CONTACT}\n157,K2,2022-03-02,10403782,Bo,telefon,4,x\n",
            "company_contacts.csv",
            3,
            "track",
        ),
        (
            "recruitment_requests",
            f"{REQUESTS_HEADER}\n157,R1,10403782,2022-03-01,Kok,1,2022-04-01,,\n",
            "recruitment_requests.csv",
            2,
            "close_reason",
        ),
        (
            "recruitment_requests",
            f"{REQUESTS_HEADER}\n157,R1,10403782,2022-03-01,Kok,0,,,\n",
            "recruitment_requests.csv",
            2,
            "positions",
        ),
        (
            "company_offers",
            "cpr,offer,start,end,hours_per_week,cvr\n0101901234,loentilskud,2022-01-01,,,10403782\n",
            "company_offers.csv",
            1,
            "cpr",
        ),
        (
            "company_offers",
            "person_id,offer,start,end,hours_per_week,cvr\nP1,loentilskud,2022-01-01,,,10403782\n"
            "010190-1234,loentilskud,2022-01-01,,,10403782\n",
            "company_offers.csv",
            3,
            "person_id",
        ),
        (
            "company_offers",
            "person_id,offer,start,end,hours_per_week,cvr\nP1,loentilskud,2022-01-01,,,\n",
            "company_offers.csv",
            2,
            "cvr",
        ),
        (
            "company_offers",
            "person_id,offer,start,end,hours_per_week,cvr\nP1,loentilskud,2022-01-01,,200,10403782\n",
            "company_offers.csv",
            2,
            "hours_per_week",
        ),
    ],
)
def test_bad_input_names_file_line_field_and_writes_nothing(
    tmp_path: Path, name: str, text: str, file: str, line: int, field: str
) -> None:
    _write(tmp_path, "company_contacts", f"{CONTACTS_HEADER}\n{GOOD_CONTACT}\n")
    _write(tmp_path, name, text)
    with pytest.raises(InputError) as error:
        import_files(tmp_path)
    assert (file, line, field) in {(p.file, p.row, p.field) for p in error.value.problems}
    assert "0101901234" not in str(error.value) and "010190-1234" not in str(error.value)
    assert not Company.objects.exists()
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_no_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        import_files(tmp_path)


def test_upload_form(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(world.users["consultant"])
    url = reverse("companies:upload")
    good = SimpleUploadedFile("k.csv", f"{CONTACTS_HEADER}\n{GOOD_CONTACT}\n".encode())
    response = client.post(url, {"company_contacts": good}, follow=True)
    assert "Indlæst: 1 virksomhedskontakter, 1 nye virksomheder." in response.content.decode()
    assert Contact.objects.get().company.cvr == "10403782"
    bad = SimpleUploadedFile(
        "t.csv",
        b"cpr,offer,start,end,hours_per_week,cvr\n0101901234,smaajob,2022-01-01,,,10403782\n",
    )
    page = client.post(url, {"company_offers": bad}).content.decode()
    assert "company_offers.csv, række 1, felt &#x27;cpr&#x27;" in page
    assert "0101901234" not in page
    assert not CompanyOffer.objects.exists()
    assert "Vælg mindst én fil." in client.post(url, {}).content.decode()
