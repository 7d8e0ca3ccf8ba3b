"""The key figures pages: the appendix by municipality and year, a group's months, and the
published quarterly reports. Every view declares its permission; reports are filtered by
`keyfigures.access`, the appendix is public (it holds aggregated figures only)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from jobtal import formatting
from jobtal.domain.municipalities import by_code
from jobtal.report.appendix_store import SOURCE_PERSONS
from jobtal.web.keyfigures import access, data, presentation
from jobtal.web.keyfigures.forms import DEFAULT_MUNICIPALITY, ChoiceForm, group_label
from jobtal.web.keyfigures.models import REPORT_PDFS
from jobtal.web.meetings.views.permissions import Permission, requires

MEASURE_TITLES = {"ftp": "Fuldtidspersoner", "long_term_ftp": "Langtidsledige fuldtidspersoner"}
# Generated report HTML runs in an opaque origin: its own scripts (charts) run, but it can
# reach neither this site's cookies nor its pages, and only this site may frame it.
REPORT_HTML_POLICY = "sandbox allow-scripts allow-popups; frame-ancestors 'self'"
# Files are shown, never run: the browser's PDF viewer works, scripts and forms do not.
FILE_POLICY = "sandbox"


def _unavailable(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "keyfigures/unavailable.html", {"message": message}, status=status)


def _municipality_name(code: int) -> str:
    try:
        return by_code(code).name
    except KeyError:
        raise Http404("Kommunen findes ikke.") from None


@requires(Permission.PUBLIC)
def index(request: HttpRequest) -> HttpResponse:
    """The choice of municipality, year and target group; a complete choice goes to its page."""
    try:
        years = data.store_years()
    except data.StoreUnavailable as error:
        return _unavailable(request, error.message, 200)
    if {"kommune", "aar"} <= set(request.GET):
        form = ChoiceForm(request.GET, years=years)
        if form.is_valid():
            choice = form.cleaned_data
            if choice["gruppe"]:
                return redirect(
                    "keyfigures:group", choice["kommune"], choice["aar"], choice["gruppe"]
                )
            return redirect("keyfigures:appendix", choice["kommune"], choice["aar"])
    else:
        form = ChoiceForm(initial={"kommune": DEFAULT_MUNICIPALITY, "aar": years[-1]}, years=years)
    return render(request, "keyfigures/index.html", {"form": form})


def _figures(request: HttpRequest, municipality: int, year: int) -> data.KeyFigures | HttpResponse:
    """The key figures, or the friendly page that says why there are none."""
    name = _municipality_name(municipality)
    try:
        years = data.store_years()
        if year not in years:
            return _unavailable(request, f"Databasen har ingen tal for {year}.", 404)
        return data.key_figures(municipality, year)
    except data.StoreUnavailable as error:
        return _unavailable(request, error.message, 503)
    except data.NoData:
        return _unavailable(request, f"Databasen har ingen tal for {name} i {year}.", 404)


def _chart_context(chart: presentation.Chart | None) -> dict[str, Any]:
    if chart is None:
        return {"chart": None}
    return {"chart": chart}


@requires(Permission.PUBLIC)
def appendix(request: HttpRequest, municipality: int, year: int) -> HttpResponse:
    """The appendix *Nøgletal* of a municipality and year: chart and tables."""
    figures = _figures(request, municipality, year)
    if isinstance(figures, HttpResponse):
        return figures
    name = _municipality_name(municipality)
    from_persons = figures.own_source == SOURCE_PERSONS
    chart = presentation.appendix_chart(
        figures.rows,
        name,
        (lambda g: reverse("keyfigures:group", args=[municipality, year, g]))
        if from_persons
        else None,
    )
    form = ChoiceForm(initial={"kommune": municipality, "aar": year}, years=data.store_years())
    return render(
        request,
        "keyfigures/appendix.html",
        {
            "municipality": municipality,
            "name": name,
            "year": year,
            "tables": presentation.appendix_tables(figures.rows),
            "from_persons": from_persons,
            "form": form,
            **_chart_context(chart),
        },
    )


@requires(Permission.PUBLIC)
def group(request: HttpRequest, municipality: int, year: int, group: str) -> HttpResponse:
    """One group's 12 months of the year (drill-down from the appendix): chart and table."""
    if group not in data.DRILL_ROWS:
        raise Http404("Målgruppen findes ikke.")
    figures = _figures(request, municipality, year)
    if isinstance(figures, HttpResponse):
        return figures
    months = figures.group_months(group)
    measure = data.DRILL_ROWS[group][1]
    label = group_label(group)
    has_months = any(value for _, value in months)
    chart = (
        presentation.months_chart(months, label, MEASURE_TITLES[measure]) if has_months else None
    )
    return render(
        request,
        "keyfigures/group.html",
        {
            "municipality": municipality,
            "name": _municipality_name(municipality),
            "year": year,
            "label": label,
            "measure_title": MEASURE_TITLES[measure],
            "months": [(presentation.month_name(m), formatting.number(v, 1)) for m, v in months],
            "average": formatting.number(sum(v for _, v in months) / 12, 1),
            "has_months": has_months,
            **_chart_context(chart),
        },
    )


@requires(Permission.PUBLIC)
def report_list(request: HttpRequest) -> HttpResponse:
    """The quarterly reports the user may see."""
    reports = access.visible_reports(request.user)
    return render(
        request,
        "keyfigures/report_list.html",
        {"reports": [(r, by_code(r.municipality).name) for r in reports]},
    )


@requires(Permission.PUBLIC)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A report shown in the site (its generated HTML in a frame) with its PDFs."""
    report = access.report_or_404(request.user, pk)
    return render(
        request,
        "keyfigures/report_detail.html",
        {
            "report": report,
            "name": by_code(report.municipality).name,
            "has_html": report.html_path.is_file(),
            "pdfs": report.available_pdfs(),
            "item": report.agenda_item,
        },
    )


def _file(path: Any, content_type: str, policy: str, **kwargs: Any) -> FileResponse:
    if not path.is_file():
        raise Http404("Filen findes ikke.")
    response = FileResponse(path.open("rb"), content_type=content_type, **kwargs)
    response["Content-Security-Policy"] = policy
    return response


@requires(Permission.PUBLIC)
@xframe_options_sameorigin
def report_html(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's generated HTML, to be framed by the report's page."""
    report = access.report_or_404(request.user, pk)
    return _file(report.html_path, "text/html; charset=utf-8", REPORT_HTML_POLICY)


@requires(Permission.PUBLIC)
def report_pdf(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One of the report's PDFs, as a download."""
    report = access.report_or_404(request.user, pk)
    if kind not in REPORT_PDFS:
        raise Http404("Filen findes ikke.")
    path = report.pdf_path(kind)
    return _file(path, "application/pdf", FILE_POLICY, as_attachment=True, filename=path.name)
