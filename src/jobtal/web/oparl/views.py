"""Views of the OParl API: parse the request, ask data/serialize/listing, answer JSON.

The API serves the public's data to everyone, logged in or not (data.PUBLIC)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from jobtal.web.meetings.views.permissions import Permission, requires
from jobtal.web.oparl import data, listing, serialize

# The external lists of the body, by the path segment that names them.
BODY_LISTS = (
    "organization",
    "person",
    "membership",
    "meeting",
    "location",
    "agendaitem",
    "consultation",
    "paper",
    "file",
    "legislativeterm",
)
NOT_FOUND = "Objektet findes ikke."


def _json(payload: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    # Read-only public data without cookies: any web page may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str) -> JsonResponse:
    return _json({"error": message, "status": status}, status=status)


def _list(request: HttpRequest, entries: list[data.Entry]) -> JsonResponse:
    try:
        query = listing.parse_query(request.GET)
    except listing.BadRequest as error:
        return _error(400, str(error))
    url = request.build_absolute_uri(request.path)
    try:
        page = listing.page_of(entries, query, url, serialize.Links(request))
    except LookupError:
        return _error(404, "Siden findes ikke.")
    return _json(page)


@require_GET
@requires(Permission.PUBLIC)
def system(request: HttpRequest) -> JsonResponse:
    """The entry point: the System object."""
    return _json(serialize.system(serialize.Links(request)))


@require_GET
@requires(Permission.PUBLIC)
def body_list(request: HttpRequest) -> JsonResponse:
    """The system's bodies (one: the municipality)."""
    return _list(request, data.body_entries())


@require_GET
@requires(Permission.PUBLIC)
def body_objects(request: HttpRequest, pk: int, kind: str) -> JsonResponse:
    """One of the body's external lists (organizations, meetings, papers, ...)."""
    if kind not in BODY_LISTS or not data.body_entries(pk=pk):
        return _error(404, "Listen findes ikke.")
    return _list(request, data.SOURCES[kind]())


@require_GET
@requires(Permission.PUBLIC)
def organization_meetings(request: HttpRequest, pk: int) -> JsonResponse:
    """The published meetings of one committee."""
    if data.entry("organization", pk) is None:
        return _error(404, NOT_FOUND)
    return _list(request, data.meeting_entries(committee_id=pk))


@require_GET
@requires(Permission.PUBLIC)
def obj(request: HttpRequest, kind: str, pk: int) -> JsonResponse:
    """One object; 404 for what the public may not see, the same as for a missing one."""
    found = data.entry(kind, pk)
    if found is None:
        return _error(404, NOT_FOUND)
    return _json(serialize.to_json(found, serialize.Links(request)))
