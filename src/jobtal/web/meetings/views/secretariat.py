"""The secretariat's pages: meetings, items, attachments, decisions and the annual plan.

Each view only parses the request, checks the committee (access.require_edit) and calls a
form or services; state errors are shown as messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jobtal.web.meetings import access, services
from jobtal.web.meetings.forms import (
    AgendaItemForm,
    AnnualPlanEntryForm,
    AttachmentForm,
    DecisionForm,
    MeetingForm,
    editable_committees,
)
from jobtal.web.meetings.models import AgendaItem, AnnualPlanEntry, Attachment, Meeting
from jobtal.web.meetings.views.permissions import Permission, requires


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    access.require_edit(request.user, meeting.committee_id)
    return meeting


def _item(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "case"), pk=pk)
    access.require_edit(request.user, item.meeting.committee_id)
    return item


def _attachment(request: HttpRequest, pk: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("item__meeting"), pk=pk)
    access.require_edit(request.user, attachment.item.meeting.committee_id)
    return attachment


def _form_page(request: HttpRequest, form: Any, title: str, **extra: Any) -> HttpResponse:
    return render(
        request, "meetings/secretariat/form.html", {"form": form, "title": title, **extra}
    )


def _run(request: HttpRequest, step: Callable[[], None], done: str) -> None:
    """Run a service step; its state error becomes a message instead of a 500."""
    try:
        step()
    except services.StateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)


@requires(Permission.SECRETARIAT)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The meetings of the committees the user serves."""
    committees = editable_committees(access.access_for(request.user))
    meetings = Meeting.objects.filter(committee__in=committees).select_related("committee")
    return render(request, "meetings/secretariat/dashboard.html", {"meetings": meetings})


@requires(Permission.SECRETARIAT)
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Plan a new meeting."""
    committees = editable_committees(access.access_for(request.user))
    form = MeetingForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, "Mødet er oprettet.")
        return redirect("meetings:sec_meeting", pk=meeting.pk)
    return _form_page(request, form, "Nyt møde")


@requires(Permission.SECRETARIAT)
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a meeting; the page also lists its items with their actions."""
    meeting = _meeting(request, pk)
    committees = editable_committees(access.access_for(request.user))
    form = MeetingForm(request.POST or None, instance=meeting, committees=committees)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Mødet er gemt.")
        return redirect("meetings:sec_meeting", pk=meeting.pk)
    items = meeting.items.prefetch_related("attachments")
    return render(
        request,
        "meetings/secretariat/meeting.html",
        {"meeting": meeting, "form": form, "items": items},
    )


@requires(Permission.SECRETARIAT)
@require_POST
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the agenda."""
    meeting = _meeting(request, pk)
    _run(request, lambda: services.publish_agenda(meeting), "Dagsordenen er offentliggjort.")
    return redirect("meetings:sec_meeting", pk=pk)


@requires(Permission.SECRETARIAT)
@require_POST
def meeting_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the minutes."""
    meeting = _meeting(request, pk)
    _run(request, lambda: services.approve_minutes(meeting), "Referatet er godkendt.")
    return redirect("meetings:sec_meeting", pk=pk)


@requires(Permission.SECRETARIAT)
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel the meeting."""
    meeting = _meeting(request, pk)
    _run(request, lambda: services.cancel_meeting(meeting), "Mødet er aflyst.")
    return redirect("meetings:sec_meeting", pk=pk)


@requires(Permission.SECRETARIAT)
def item_create(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """Add an item at the end of the agenda."""
    meeting = _meeting(request, meeting_pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.require_editable(meeting)
        except services.StateError as error:
            messages.error(request, str(error))
            return redirect("meetings:sec_meeting", pk=meeting.pk)
        form.instance.meeting = meeting
        form.instance.number = form.instance.order = services.next_position(meeting)
        form.save()
        messages.success(request, "Punktet er oprettet.")
        return redirect("meetings:sec_meeting", pk=meeting.pk)
    return _form_page(request, form, "Nyt punkt", meeting=meeting)


@requires(Permission.SECRETARIAT)
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an item's title, open/closed, case and sections."""
    item = _item(request, pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Punktet er gemt.")
        return redirect("meetings:sec_meeting", pk=item.meeting_id)
    return _form_page(request, form, f"Punkt {item.number}", meeting=item.meeting)


@requires(Permission.SECRETARIAT)
def item_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision on an item."""
    item = _item(request, pk)
    initial = {"decision": item.decision, "public_decision": item.public_decision}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_decision(item, data["decision"], data["public_decision"])
        except services.StateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Beslutningen på punkt {item.number} er registreret.")
            return redirect("meetings:sec_meeting", pk=item.meeting_id)
    return _form_page(request, form, f"Beslutning, punkt {item.number}", meeting=item.meeting)


@requires(Permission.SECRETARIAT)
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an item one place up or down."""
    item = _item(request, pk)
    step = -1 if request.POST.get("retning") == "op" else 1
    _run(request, lambda: services.move_item(item, step), "Rækkefølgen er ændret.")
    return redirect("meetings:sec_meeting", pk=item.meeting_id)


@requires(Permission.SECRETARIAT)
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an item (soft: it stays in the history)."""
    item = _item(request, pk)
    _run(request, lambda: services.delete_item(item), "Punktet er slettet.")
    return redirect("meetings:sec_meeting", pk=item.meeting_id)


@requires(Permission.SECRETARIAT)
def attachment_create(request: HttpRequest, item_pk: int) -> HttpResponse:
    """Add an attachment (entry and optional file) to an item."""
    item = _item(request, item_pk)
    form = AttachmentForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "case_ref": item.case.case_ref if item.case else "",
            "order": item.attachments.count() + 1,
        },
    )
    if request.method == "POST" and form.is_valid():
        form.instance.item = item
        form.save()
        messages.success(request, "Bilaget er tilføjet.")
        return redirect("meetings:sec_meeting", pk=item.meeting_id)
    return _form_page(request, form, f"Nyt bilag, punkt {item.number}", meeting=item.meeting)


@requires(Permission.SECRETARIAT)
def attachment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an attachment, or replace its file."""
    attachment = _attachment(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None, instance=attachment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Bilaget er gemt.")
        return redirect("meetings:sec_meeting", pk=attachment.item.meeting_id)
    return _form_page(request, form, "Bilag", meeting=attachment.item.meeting)


@requires(Permission.SECRETARIAT)
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an attachment (soft)."""
    attachment = _attachment(request, pk)
    attachment.soft_delete()
    messages.success(request, "Bilaget er slettet.")
    return redirect("meetings:sec_meeting", pk=attachment.item.meeting_id)


@requires(Permission.SECRETARIAT)
def plan_list(request: HttpRequest) -> HttpResponse:
    """The annual-plan entries of the committees the user serves."""
    committees = editable_committees(access.access_for(request.user))
    entries = AnnualPlanEntry.objects.filter(committee__in=committees)
    return render(request, "meetings/secretariat/plan.html", {"entries": entries})


@requires(Permission.SECRETARIAT)
def plan_create(request: HttpRequest) -> HttpResponse:
    """Add an entry to the annual plan."""
    committees = editable_committees(access.access_for(request.user))
    form = AnnualPlanEntryForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Punktet er tilføjet årsplanen.")
        return redirect("meetings:sec_plan")
    return _form_page(request, form, "Nyt punkt i årsplanen")


@requires(Permission.SECRETARIAT)
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an annual-plan entry."""
    entry = get_object_or_404(AnnualPlanEntry, pk=pk)
    access.require_edit(request.user, entry.committee_id)
    committees = editable_committees(access.access_for(request.user))
    form = AnnualPlanEntryForm(request.POST or None, instance=entry, committees=committees)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Årsplanen er gemt.")
        return redirect("meetings:sec_plan")
    return _form_page(request, form, "Punkt i årsplanen")


@requires(Permission.SECRETARIAT)
@require_POST
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an annual-plan entry (soft)."""
    entry = get_object_or_404(AnnualPlanEntry, pk=pk)
    access.require_edit(request.user, entry.committee_id)
    entry.soft_delete()
    messages.success(request, "Punktet er fjernet fra årsplanen.")
    return redirect("meetings:sec_plan")
