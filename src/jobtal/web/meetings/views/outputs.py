"""Outputs: PDFs, the iCal feed, the RSS feed and attachment files."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from jobtal.web.meetings import access, ical, pdf, uploads
from jobtal.web.meetings.models import Meeting
from jobtal.web.meetings.views.permissions import Permission, requires


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _public_meeting_or_404(pk: int) -> Meeting:
    """Public outputs use the public's view whoever asks, so a member's login never changes
    what a public PDF or feed contains."""
    return access.meeting_or_404(None, pk)


@requires(Permission.PUBLIC)
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The public agenda as PDF."""
    meeting = _public_meeting_or_404(pk)
    data = pdf.render_meeting_pdf(meeting, None, minutes=False)
    return _pdf_response(data, f"dagsorden-{meeting.date:%Y-%m-%d}.pdf")


@requires(Permission.PUBLIC)
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The public minutes as PDF, once approved."""
    meeting = _public_meeting_or_404(pk)
    if not meeting.minutes_approved:
        raise Http404("Referatet er ikke godkendt.")
    data = pdf.render_meeting_pdf(meeting, None, minutes=True)
    return _pdf_response(data, f"referat-{meeting.date:%Y-%m-%d}.pdf")


@requires(Permission.MEMBER)
def members_agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The members' agenda (with closed items) as PDF."""
    meeting = access.meeting_or_404(request.user, pk)
    access.require_closed_access(request.user, meeting.committee_id)
    data = pdf.render_meeting_pdf(meeting, request.user, minutes=False)
    return _pdf_response(data, f"dagsorden-lukket-{meeting.date:%Y-%m-%d}.pdf")


@requires(Permission.MEMBER)
def members_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The members' minutes (with closed decisions) as PDF."""
    meeting = access.meeting_or_404(request.user, pk)
    access.require_closed_access(request.user, meeting.committee_id)
    data = pdf.render_meeting_pdf(meeting, request.user, minutes=True)
    return _pdf_response(data, f"referat-lukket-{meeting.date:%Y-%m-%d}.pdf")


@requires(Permission.PUBLIC)
def ical_feed(request: HttpRequest) -> HttpResponse:
    """The public meetings as an iCalendar feed."""
    base = request.build_absolute_uri("/").rstrip("/")
    body = ical.calendar(access.public_meetings().order_by("date"), base)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="udvalgsmoeder.ics"'
    return response


class _PublishedFeed(Feed):
    """Published agendas and approved minutes, newest first (the public's view only)."""

    title = "Dagsordener og referater"
    description = "Offentliggjorte dagsordener og godkendte referater fra udvalgets møder."
    feed_type = Rss201rev2Feed
    language = "da"

    def link(self) -> str:
        return reverse("meetings:meeting_list")

    def items(self) -> list[tuple[str, Meeting]]:
        meetings = access.public_meetings().order_by("-date")[:30]
        entries: list[tuple[str, Meeting]] = []
        for meeting in meetings:
            if meeting.minutes_approved:
                entries.append(("Referat", meeting))
            entries.append(("Dagsorden", meeting))
        return entries

    def item_title(self, entry: tuple[str, Meeting]) -> str:
        kind, meeting = entry
        return f"{kind}: {meeting.committee.name}, {meeting.date:%d.%m.%Y}"

    def item_description(self, entry: tuple[str, Meeting]) -> str:
        _, meeting = entry
        titles = [f"{v.number}. {v.title}" for v in access.public_item_views(meeting)]
        return "; ".join(titles)

    def item_link(self, entry: tuple[str, Meeting]) -> str:
        return reverse("meetings:meeting_detail", args=[entry[1].pk])

    def item_guid(self, entry: tuple[str, Meeting]) -> str:
        kind, meeting = entry
        return f"{kind.lower()}-{meeting.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry: tuple[str, Meeting]):  # type: ignore[no-untyped-def]
        kind, meeting = entry
        return meeting.minutes_approved_at if kind == "Referat" else meeting.published_at


_feed = _PublishedFeed()


@requires(Permission.PUBLIC)
def rss_feed(request: HttpRequest) -> HttpResponse:
    """RSS of published agendas and minutes."""
    return _feed(request)


@requires(Permission.PUBLIC)
def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment's file, if the user may see the attachment; with the stored content type
    (never guessed) and a sandbox policy, so a file cannot run script in our origin."""
    attachment = access.attachment_or_404(request.user, pk)
    if not attachment.file:
        raise Http404("Bilaget har ingen fil.")
    kind = uploads.ALLOWED.get(uploads.extension(attachment.file.name))
    inline = bool(kind and kind.inline)
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type or "application/octet-stream",
        as_attachment=not inline,
        filename=attachment.file_name or attachment.file.name.rsplit("/", 1)[-1],
    )
    response["Content-Security-Policy"] = "sandbox"
    if attachment.is_closed or attachment.item.is_closed:
        response["Cache-Control"] = "private, no-store"
    return response
