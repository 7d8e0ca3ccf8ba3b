"""The company service's pages: internal only. Reading needs Permission.INTERNAL
(secretariat, consultants, analysts), editing Permission.COMPANY_RECORDS (secretariat,
consultants). The public and committee members without a staff role get nothing."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobtal.errors import InputError
from jobtal.formatting import number
from jobtal.web.companies import forms, queries, records, status
from jobtal.web.companies.models import (
    Award,
    Company,
    CompanyOffer,
    Contact,
    RecruitmentRequest,
    ResponsibilityMembership,
)
from jobtal.web.companies.validators import default_municipality
from jobtal.web.meetings.access import access_for
from jobtal.web.meetings.views.permissions import Permission, requires

READ = requires(Permission.INTERNAL)
EDIT = requires(Permission.COMPANY_RECORDS)


def _today() -> Any:
    return timezone.localdate()


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    context["can_edit"] = access_for(request.user).keeps_company_records
    return render(request, f"companies/{template}", context)


def _form_page(
    request: HttpRequest,
    form_class: type[Any],
    title: str,
    done: Callable[[Any], str],
    instance: Model | None = None,
    **initial: Any,
) -> HttpResponse:
    """Show or save a model form; after saving, go to `done(saved object)`."""
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=instance, initial=initial or None)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, "Gemt.")
        return redirect(done(saved))
    return _page(request, "form.html", form=form, title=title)


# --- Companies -----------------------------------------------------------------------------


@READ
def company_list(request: HttpRequest) -> HttpResponse:
    form = forms.CompanyFilter(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    return _page(request, "company_list.html", form=form, companies=queries.companies(q)[:500])


@READ
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company, pk=pk)
    return _page(
        request,
        "company_detail.html",
        company=company,
        contacts=company.contacts.filter(deleted_at__isnull=True)[:200],
        requests=company.requests.filter(deleted_at__isnull=True),
        offers=company.offers.filter(deleted_at__isnull=True),
        memberships=company.responsibility_years.filter(deleted_at__isnull=True),
    )


def _company_url(company: Company) -> str:
    return reverse("companies:company_detail", args=[company.pk])


@EDIT
def company_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, forms.CompanyForm, "Ny virksomhed", _company_url)


@EDIT
def company_edit(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company, pk=pk)
    return _form_page(request, forms.CompanyForm, "Rediger virksomhed", _company_url, company)


# --- Contacts ------------------------------------------------------------------------------


@READ
def contact_list(request: HttpRequest) -> HttpResponse:
    form = forms.ContactFilter(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    found = queries.contacts(
        first=data.get("first"),
        last=data.get("last"),
        track=data.get("track") or None,
        consultant=data.get("consultant") or "",
    )
    return _page(request, "contact_list.html", form=form, count=found.count(), contacts=found[:500])


@READ
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.select_related("company"), pk=pk)
    return _page(request, "contact_detail.html", contact=contact)


def _contact_url(contact: Contact) -> str:
    return reverse("companies:contact_detail", args=[contact.pk])


@EDIT
def contact_create(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        forms.ContactForm,
        "Ny virksomhedskontakt",
        _contact_url,
        company=request.GET.get("virksomhed"),
        consultant_user=request.user.pk,
        date=_today(),
    )


@EDIT
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact, pk=pk)
    return _form_page(
        request, forms.ContactForm, "Rediger virksomhedskontakt", _contact_url, contact
    )


# --- Recruitment requests ------------------------------------------------------------------


@READ
def request_list(request: HttpRequest) -> HttpResponse:
    form = forms.RequestFilter(request.GET)
    chosen = form.cleaned_data["status"] if form.is_valid() else ""
    today = _today()
    found = queries.requests_in_order(chosen, today)
    rows = [(r, r.is_overdue(today)) for r in found]
    return _page(request, "request_list.html", form=form, rows=rows)


@READ
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(RecruitmentRequest.objects.select_related("company"), pk=pk)
    return _page(
        request,
        "request_detail.html",
        req=found,
        overdue=found.is_overdue(_today()),
        close_form=forms.CloseRequestForm(initial={"closed": _today()}) if found.is_open else None,
    )


def _request_url(found: RecruitmentRequest) -> str:
    return reverse("companies:request_detail", args=[found.pk])


@EDIT
def request_create(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        forms.RecruitmentRequestForm,
        "Ny rekrutteringsanmodning",
        _request_url,
        company=request.GET.get("virksomhed"),
        created_on=_today(),
    )


@EDIT
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(RecruitmentRequest, pk=pk)
    return _form_page(
        request,
        forms.RecruitmentRequestForm,
        "Rediger rekrutteringsanmodning",
        _request_url,
        found,
    )


@EDIT
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close an open request with a day and a reason."""
    found = get_object_or_404(RecruitmentRequest, pk=pk)
    if not found.is_open:
        messages.error(request, "Anmodningen er allerede lukket.")
        return redirect(_request_url(found))
    return _form_page(
        request,
        forms.CloseRequestForm,
        f"Luk anmodning {found.request_id}",
        _request_url,
        found,
        closed=_today(),
    )


# --- Offers, Vi ta'r ansvar, the award -----------------------------------------------------


@READ
def offer_list(request: HttpRequest) -> HttpResponse:
    found = CompanyOffer.objects.select_related("company")
    return _page(request, "offer_list.html", offers=found[:500], count=found.count())


def _offers_url(_: object) -> str:
    return reverse("companies:offer_list")


@EDIT
def offer_create(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        forms.CompanyOfferForm,
        "Nyt virksomhedsrettet tilbud",
        _offers_url,
        company=request.GET.get("virksomhed"),
    )


@EDIT
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(CompanyOffer, pk=pk)
    return _form_page(
        request, forms.CompanyOfferForm, "Rediger virksomhedsrettet tilbud", _offers_url, found
    )


@READ
def responsibility_list(request: HttpRequest) -> HttpResponse:
    found = ResponsibilityMembership.objects.select_related("company")
    awards = Award.objects.select_related("winner").prefetch_related("nominations", "shortlist")
    return _page(request, "responsibility.html", memberships=found, awards=awards)


def _responsibility_url(_: object) -> str:
    return reverse("companies:responsibility_list")


@EDIT
def membership_create(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        forms.ResponsibilityMembershipForm,
        "Ny Vi ta'r ansvar-virksomhed",
        _responsibility_url,
        company=request.GET.get("virksomhed"),
        year=_today().year,
    )


@EDIT
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(ResponsibilityMembership, pk=pk)
    return _form_page(
        request,
        forms.ResponsibilityMembershipForm,
        "Rediger Vi ta'r ansvar-virksomhed",
        _responsibility_url,
        found,
    )


@EDIT
def award_create(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        forms.AwardForm,
        "Ny Vi ta'r ansvar-pris",
        _responsibility_url,
        year=_today().year,
    )


@EDIT
def award_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Award, pk=pk)
    return _form_page(
        request, forms.AwardForm, "Rediger Vi ta'r ansvar-pris", _responsibility_url, found
    )


# Soft delete: the kinds by their name in the URL, and the list to return to.
_DELETABLE: dict[str, tuple[type[Model], str]] = {
    "virksomhed": (Company, "companies:company_list"),
    "kontakt": (Contact, "companies:contact_list"),
    "anmodning": (RecruitmentRequest, "companies:request_list"),
    "tilbud": (CompanyOffer, "companies:offer_list"),
    "vi-tar-ansvar": (ResponsibilityMembership, "companies:responsibility_list"),
    "pris": (Award, "companies:responsibility_list"),
}


@EDIT
@require_POST
def delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Soft-delete a record (it stays in the database and its history)."""
    if kind not in _DELETABLE:
        raise Http404
    model, back = _DELETABLE[kind]
    found = get_object_or_404(model, pk=pk)
    found.soft_delete()
    messages.success(request, "Slettet.")
    return redirect(back)


# --- Status (tables 3 and 4) and CSV -------------------------------------------------------


@READ
def status_page(request: HttpRequest) -> HttpResponse:
    """Tables 3 and 4 of the quarterly report, live from the records."""
    period = status.parse_quarter(request.GET.get("kvartal"), _today())
    municipality = default_municipality()
    tables = [status.grid(t) for t in status.status_tables(municipality, period)]
    code = f"{period.last.year}Q{(period.last.month - 1) // 3 + 1}"
    return _page(request, "status.html", tables=tables, quarter=code)


@EDIT
def upload(request: HttpRequest) -> HttpResponse:
    """Upload the CSV files; all are checked before anything is stored."""
    posted = request.method == "POST"
    form = forms.UploadForm(request.POST if posted else None, request.FILES if posted else None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory(prefix="jobtal-upload-") as tmp:
            for name in records.FILES:
                uploaded = form.cleaned_data.get(name)
                if uploaded:
                    if uploaded.size > settings.JOBTAL_UPLOAD_MAX_BYTES:
                        problems.append(f"{name}.csv: filen er for stor")
                        continue
                    (Path(tmp) / f"{name}.csv").write_bytes(uploaded.read())
            if not problems:
                try:
                    counts = records.import_files(Path(tmp))
                except InputError as error:
                    problems = [str(p) for p in error.problems[:200]]
                else:
                    messages.success(request, _summary(counts))
                    return redirect("companies:upload")
    return _page(request, "upload.html", form=form, problems=problems)


_COUNT_LABELS = {
    records.CONTACTS: "virksomhedskontakter",
    records.REQUESTS: "rekrutteringsanmodninger",
    records.OFFERS: "virksomhedsrettede tilbud",
    "companies_created": "nye virksomheder",
}


def _summary(counts: dict[str, int]) -> str:
    parts = [f"{number(n, 0)} {_COUNT_LABELS[k]}" for k, n in counts.items()]
    return "Indlæst: " + ", ".join(parts) + "."
