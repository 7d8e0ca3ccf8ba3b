"""The finance records: the models' rules (key among live records, soft delete, history,
validators), the forms (Danish labels, decimal comma, CSRF), amounts shown in mio. kr., and
the CSV import's validation (the store importers' rules, nothing written on error,
replacement by key) and upload."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from jobtal.errors import InputError
from jobtal.web.finance.forms import record_form
from jobtal.web.finance.models import Appropriation, BudgetLine, OperatingCost, Spending, Staffing
from jobtal.web.finance.records import import_files

from .helpers import World, client_for

BUDGET_HEADER = "municipality,year,appropriation_area,expense_type,account,original_budget_dkk\n"
SPENDING_HEADER = "municipality,date,expense_type,amount_dkk\n"


def _budget(**changes: object) -> BudgetLine:
    values: dict[str, object] = {
        "year": 2022,
        "appropriation_area": "Erhverv, beskæftigelse og integration",
        "expense_type": "overfoersler",
        "account": "2050",
        "original_budget_dkk": Decimal("578300000"),
    }
    return BudgetLine.objects.create(**{**values, **changes})


# --- models ---------------------------------------------------------------------------------


def test_key_is_unique_among_live_records(db: None) -> None:
    first = _budget()
    with pytest.raises(IntegrityError), transaction.atomic():
        _budget(account="9999")
    first.soft_delete()
    second = _budget(account="2051")  # a deleted record frees its key
    assert list(BudgetLine.objects.all()) == [second]
    assert BudgetLine.all_objects.count() == 2


def test_history_keeps_who_changed_what(db: None) -> None:
    line = _budget()
    line.original_budget_dkk = Decimal("580000000")
    line.save()
    amounts = [h.original_budget_dkk for h in line.history.order_by("history_date")]
    assert amounts == [Decimal("578300000.00"), Decimal("580000000.00")]


@pytest.mark.parametrize(
    ("model", "values", "field"),
    [
        (Staffing, {"quarter": "2022Q5", "staff_years": Decimal(1)}, "quarter"),
        (Staffing, {"quarter": "2022Q4", "staff_years": Decimal(-1)}, "staff_years"),
        (OperatingCost, {"municipality": 999}, "municipality"),
        (OperatingCost, {"year": 1850}, "year"),
    ],
)
def test_validators(db: None, model: type, values: dict[str, object], field: str) -> None:
    defaults: dict[type, dict[str, object]] = {
        Staffing: {"team": "Team Unge", "group_category": "oevrige"},
        OperatingCost: {
            "year": 2022,
            "category": "mentor",
            "amount_dkk": Decimal(1),
            "expected": True,
        },
    }
    record = model(**{**defaults[model], **values})
    with pytest.raises(ValidationError) as raised:
        record.full_clean()
    assert list(raised.value.message_dict) == [field]


# --- forms ----------------------------------------------------------------------------------


def test_form_takes_a_decimal_comma_and_has_danish_labels(db: None) -> None:
    form_class = record_form("appropriations")
    form = form_class(
        {
            "municipality": "157",
            "date": "2022-10-31",
            "kind": "teknisk_omplacering",
            "expense_type": "service",
            "topic": "Omplacering",
            "amount_dkk": "-377500,50",
            "approved": "",
        }
    )
    assert form.is_valid(), form.errors
    record = form.save()
    assert record.amount_dkk == Decimal("-377500.50")
    assert record.approved is False
    labels = [str(f.label) for f in form_class().fields.values()]
    assert labels == [
        "Kommunekode",
        "Dato",
        "Bevillingstype",
        "Udgiftstype",
        "Emne",
        "Beløb (kr.)",
        "Godkendt",
    ]


def test_form_refuses_an_unknown_code_and_a_bad_quarter(db: None) -> None:
    form = record_form("staffing")(
        {
            "municipality": "157",
            "quarter": "2022-4",
            "team": "Team",
            "group_category": "andre",
            "staff_years": "2,5",
        }
    )
    assert not form.is_valid()
    assert set(form.errors) == {"quarter", "group_category"}
    assert "ÅÅÅÅQn" in form.errors["quarter"][0]


def test_edit_page_posts_with_csrf_and_records_the_user(world: World) -> None:
    line = _budget()
    client = client_for(world.users["analyst"], enforce_csrf_checks=True)
    address = reverse("finance:record_edit", args=["budget", line.pk])
    page = client.get(address)
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    refused = client.post(address, {"account": "1"})
    assert refused.status_code == 403  # no token
    token = page.cookies["csrftoken"].value
    data = {
        "municipality": "157",
        "year": "2022",
        "appropriation_area": "Erhverv",
        "expense_type": "overfoersler",
        "account": "2050",
        "original_budget_dkk": "582000000",
        "csrfmiddlewaretoken": token,
    }
    assert client.post(address, data).status_code == 302
    line.refresh_from_db()
    assert line.original_budget_dkk == Decimal("582000000")
    latest = line.history.latest("history_date")
    assert latest.history_user == world.users["analyst"]
    history_page = client.get(address).content.decode()
    assert "t-analytiker" in history_page


# --- amounts in mio. kr. -------------------------------------------------------------------


def test_lists_show_amounts_in_mio_kr_the_danish_way(world: World) -> None:
    _budget()  # 578.300.000 kr.
    _budget(year=2023, original_budget_dkk=Decimal("560350000"))  # 560,35 → 560,4
    Spending.objects.create(
        date=date(2022, 3, 31), expense_type="service", amount_dkk=Decimal("-49999")
    )
    Spending.objects.create(
        date=date(2022, 4, 30), expense_type="service", amount_dkk=Decimal("-50000")
    )
    client = client_for(world.users["consultant"])
    page = client.get(reverse("finance:record_list", args=["budget"])).content.decode()
    assert "<td>578,3</td>" in page and "<td>560,4</td>" in page
    only_2023 = client.get(reverse("finance:record_list", args=["budget"]), {"aar": "2023"})
    assert "578,3" not in only_2023.content.decode()
    spending = client.get(reverse("finance:record_list", args=["forbrug"])).content.decode()
    assert "<td>-0,1</td>" in spending
    assert "<td>0,0</td>" in spending  # under 50.000 kr. prints 0,0, as the report does
    assert "Ret</a>" not in page  # a consultant reads, never edits


# --- import ---------------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_import_refuses_bad_rows_with_file_line_and_field(db: None, tmp_path: Path) -> None:
    _write(tmp_path, "budget_lines.csv", BUDGET_HEADER + "157,2022,Område,service,1110,3700000\n")
    _write(
        tmp_path,
        "spending.csv",
        SPENDING_HEADER + "157,2022-01-31,service,1\n157,2022-02-30,service,x\n",
    )
    with pytest.raises(InputError) as raised:
        import_files(tmp_path)
    where = {(Path(p.file).name, p.row, p.field) for p in raised.value.problems}
    assert ("spending.csv", 3, "date") in where
    assert ("spending.csv", 3, "amount_dkk") in where
    # Nothing written, not even the good file's rows.
    assert BudgetLine.objects.count() == 0
    assert Spending.objects.count() == 0


def test_import_replaces_records_with_the_same_key(db: None, tmp_path: Path) -> None:
    _budget(expense_type="service", account="1110", original_budget_dkk=Decimal(1))
    _write(
        tmp_path,
        "budget_lines.csv",
        BUDGET_HEADER
        + '157,2022,Område,SERVICE,1110,"3700000,5"\n157,2022,Område,overfoersler,2050,578300000\n',
    )
    assert import_files(tmp_path) == {"budget_lines": 2}
    service = BudgetLine.objects.get(expense_type="service")
    assert service.original_budget_dkk == Decimal("3700000.50")
    assert service.history.count() == 2  # created, then replaced by the import
    assert BudgetLine.objects.count() == 2


def test_import_needs_one_of_the_files(db: None, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"budget_lines\.csv"):
        import_files(tmp_path)


def test_upload_imports_or_lists_the_problems(world: World) -> None:
    client = client_for(world.users["secretariat"])
    bad = SimpleUploadedFile("x.csv", (BUDGET_HEADER + "157,2022,Område,drift,1110,1\n").encode())
    page = client.post(reverse("finance:upload"), {"budget_lines": bad}).content.decode()
    assert "budget_lines.csv, række 2, felt &#x27;expense_type&#x27;" in page
    assert "jobtal-upload-" not in page  # the temporary folder is not shown
    assert BudgetLine.objects.count() == 0
    good = SimpleUploadedFile(
        "x.csv", (BUDGET_HEADER + "157,2022,Område,service,1110,3700000\n").encode()
    )
    response = client.post(reverse("finance:upload"), {"budget_lines": good})
    assert response.status_code == 302
    assert BudgetLine.objects.get().original_budget_dkk == Decimal("3700000")


def test_delete_is_soft_and_leaves_the_status(world: World) -> None:
    _budget(expense_type="service", account="1110", original_budget_dkk=Decimal("3700000"))
    grant = Appropriation.objects.create(
        date=date(2022, 10, 31),
        kind="tillaegsbevilling",
        expense_type="service",
        topic="Færre udgifter",
        amount_dkk=Decimal("-400000"),
        approved=True,
    )
    client = client_for(world.users["analyst"])
    status = reverse("finance:status")
    assert "Færre udgifter" in client.get(status).content.decode()
    client.post(reverse("finance:record_delete", args=["bevillinger", grant.pk]))
    assert "Færre udgifter" not in client.get(status).content.decode()
    assert Appropriation.all_objects.get(pk=grant.pk).deleted_at is not None


def test_status_page_survives_an_unreadable_store(
    world: World, settings: object, tmp_path: Path
) -> None:
    _budget(expense_type="service", account="1110", original_budget_dkk=Decimal("3700000"))
    Staffing.objects.create(
        quarter="2022Q4", team="Team Unge", group_category="oevrige", staff_years=Decimal(2)
    )
    broken = tmp_path / "jobtal.duckdb"
    broken.write_text("ikke en database")
    settings.JOBTAL_KEYFIGURES_DB = broken  # type: ignore[attr-defined]
    response = client_for(world.users["analyst"]).get(reverse("finance:status"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<td class="text-align-right">3,7</td>' in page  # the original budget
    assert "Analysedatabasen kunne ikke læses" in page
