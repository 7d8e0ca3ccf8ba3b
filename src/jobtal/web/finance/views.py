"""The finance pages under /oekonomi/: internal only. Reading needs Permission.INTERNAL
(secretariat, company consultant, analyst), editing Permission.FINANCE_RECORDS (secretariat,
analyst); the public and committee members without a staff role get nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jobtal.domain.periods import quarter as quarter_period
from jobtal.errors import InputError
from jobtal.web.finance import status as finance_status
from jobtal.web.finance.forms import UploadForm, record_form
from jobtal.web.finance.kinds import BY_SLUG, KINDS, Kind, column_label, shown_value
from jobtal.web.finance.models import GENTOFTE, BudgetLine, ExpenseType
from jobtal.web.finance.records import FILE_NAMES, import_files
from jobtal.web.meetings.access import access_for
from jobtal.web.meetings.views.permissions import Permission, requires


def _kind(slug: str) -> Kind:
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404("Siden findes ikke.") from None


def _municipality() -> int:
    """The municipality whose status is shown: the setting JOBTAL_MUNICIPALITY, else 157."""
    return int(getattr(settings, "JOBTAL_MUNICIPALITY", GENTOFTE))


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@requires(Permission.INTERNAL)
def index(request: HttpRequest) -> HttpResponse:
    """The kinds of records with their counts, the status and the upload."""
    kinds = [(kind, kind.model.objects.count()) for kind in KINDS]
    return render(request, "finance/index.html", {"kinds": kinds, **_can_edit(request)})


def _can_edit(request: HttpRequest) -> dict[str, Any]:
    return {"can_edit": access_for(request.user).keeps_finance_records}


@requires(Permission.INTERNAL)
def record_list(request: HttpRequest, slug: str) -> HttpResponse:
    """A kind's records, filtered by year (`?aar=`) and expense type (`?udgiftstype=`)."""
    kind = _kind(slug)
    records = kind.model.objects.all()
    year = _int(request.GET.get("aar"))
    if year is not None:
        records = records.filter(**kind.year_filter(year))
    expense_type = request.GET.get("udgiftstype", "")
    if kind.has_expense_type and expense_type in ExpenseType.values:
        records = records.filter(expense_type=expense_type)
    rows = [(r, [shown_value(r, c) for c in kind.columns]) for r in records]
    context = {
        "kind": kind,
        "headers": [column_label(kind, c) for c in kind.columns],
        "rows": rows,
        "year": year,
        "expense_type": expense_type,
        "expense_types": ExpenseType.choices,
        **_can_edit(request),
    }
    return render(request, "finance/record_list.html", context)


@requires(Permission.FINANCE_RECORDS)
def record_create(request: HttpRequest, slug: str) -> HttpResponse:
    kind = _kind(slug)
    form = record_form(kind.table)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{kind.title}: posten er oprettet.")
        return redirect("finance:record_list", kind.slug)
    title = f"Ny post: {kind.title.lower()}"
    return render(request, "finance/form.html", {"kind": kind, "form": form, "title": title})


@requires(Permission.FINANCE_RECORDS)
def record_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Edit a record; its history (who changed what, when) is listed below the form."""
    kind = _kind(slug)
    record = get_object_or_404(kind.model.objects, pk=pk)
    form = record_form(kind.table)(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{kind.title}: posten er gemt.")
        return redirect("finance:record_list", kind.slug)
    history = record.history.select_related("history_user").order_by("-history_date")
    context = {
        "kind": kind,
        "form": form,
        "record": record,
        "history": history,
        "title": f"{kind.title}: {record}",
    }
    return render(request, "finance/form.html", context)


@requires(Permission.FINANCE_RECORDS)
@require_POST
def record_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Soft delete: the record leaves the lists, the report's files and the status, and
    keeps its history."""
    kind = _kind(slug)
    record = get_object_or_404(kind.model.objects, pk=pk)
    record.soft_delete()
    messages.success(request, f"{kind.title}: posten er slettet.")
    return redirect("finance:record_list", kind.slug)


@requires(Permission.INTERNAL)
def status(request: HttpRequest) -> HttpResponse:
    """The economic status of both expense types with the variance explanation,
    *Budgetændringer*, and tables 12 and 13 when the analytical store is available, for the
    year `?aar=` (default: the latest budget year) as of the end of quarter `?kvartal=`
    (default 4), computed live from the records with the report's code."""
    municipality = _municipality()
    years = sorted(
        set(BudgetLine.objects.filter(municipality=municipality).values_list("year", flat=True))
    )
    year = _int(request.GET.get("aar")) or (years[-1] if years else None)
    number = _int(request.GET.get("kvartal")) or 4
    if number not in (1, 2, 3, 4):
        number = 4
    context: dict[str, Any] = {"years": years, "year": year, "quarter": number, "tables": []}
    if year is not None:
        period = quarter_period(year, number)
        tables = finance_status.status_tables(municipality, period)
        store = Path(settings.JOBTAL_KEYFIGURES_DB)
        try:
            extra = finance_status.store_tables(store, municipality, period)
        except duckdb.Error:
            # A store being rewritten (or not a store): the records' tables still show.
            extra, context["store_error"] = [], True
        context["tables"] = [finance_status.shown(t) for t in [*tables, *extra]]
        context["store_available"] = store.is_file()
    return render(request, "finance/status.html", context)


@requires(Permission.FINANCE_RECORDS)
def upload(request: HttpRequest) -> HttpResponse:
    """Upload of the CSV files in the store's input format; all or nothing."""
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory(prefix="jobtal-upload-") as folder:
            for table, upload_file in form.cleaned_data.items():
                if upload_file:
                    target = Path(folder) / FILE_NAMES[table]
                    with target.open("wb") as handle:
                        for chunk in upload_file.chunks():
                            handle.write(chunk)
            try:
                counts = import_files(Path(folder))
            except InputError as error:
                problems = [str(p).replace(folder + "/", "") for p in error.problems]
            else:
                shown = ", ".join(f"{FILE_NAMES[t]}: {n}" for t, n in counts.items())
                messages.success(request, f"Indlæst (rækker pr. fil): {shown}.")
                return redirect("finance:index")
    return render(request, "finance/upload.html", {"form": form, "problems": problems})
