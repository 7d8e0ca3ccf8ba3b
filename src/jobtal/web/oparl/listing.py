"""OParl list objects: the date filters and pagination of external lists."""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from jobtal.web.oparl.data import Entry
from jobtal.web.oparl.serialize import Json, Links, to_json

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadRequest(ValueError):
    """A parameter the API cannot use; the message is Danish and shown to the client."""


@dataclass(frozen=True)
class Query:
    """The parsed list parameters."""

    limit: int = DEFAULT_LIMIT
    page: int = 1
    bounds: tuple[tuple[str, datetime.datetime], ...] = ()

    def keeps(self, entry: Entry) -> bool:
        """Does the entry pass the date filters (inclusive bounds)?"""
        for name, bound in self.bounds:
            value = entry.created if name.startswith("created") else entry.modified
            if name.endswith("_since") and value < bound:
                return False
            if name.endswith("_until") and value > bound:
                return False
        return True

    def params(self, page: int) -> str:
        """The query string of the same list at another page."""
        pairs = [(name, bound.isoformat()) for name, bound in self.bounds]
        pairs += [("limit", str(self.limit)), ("page", str(page))]
        return urlencode(pairs)


def _positive(raw: str | None, default: int, name: str) -> int:
    if raw is None or raw == "":
        return default
    if re.fullmatch(r"[0-9]{1,9}", raw) is None or int(raw) < 1:
        raise BadRequest(f"{name} skal være et positivt heltal.")
    return int(raw)


def _moment(raw: str, name: str) -> datetime.datetime:
    # A "+" of an offset arrives as a space when the client did not encode it.
    try:
        value = parse_datetime(raw.strip().replace(" ", "+"))
    except ValueError:  # well formed, but no such moment (month 13)
        value = None
    if value is None:
        raise BadRequest(f"{name} skal være et tidspunkt efter ISO 8601.")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def parse_query(params: QueryDict) -> Query:
    """The list parameters, or BadRequest."""
    limit = min(_positive(params.get("limit"), DEFAULT_LIMIT, "limit"), MAX_LIMIT)
    page = _positive(params.get("page"), 1, "page")
    bounds = tuple((name, _moment(params[name], name)) for name in FILTERS if params.get(name))
    return Query(limit=limit, page=page, bounds=bounds)


def page_of(entries: list[Entry], query: Query, url: str, links: Links) -> Json:
    """The OParl list object of one page: `data`, `pagination` and `links`.

    Raises LookupError for a page beyond the last."""
    kept = [e for e in entries if query.keeps(e)]
    pages = max(1, math.ceil(len(kept) / query.limit))
    if query.page > pages:
        raise LookupError(query.page)
    start = (query.page - 1) * query.limit
    nav = {
        "first": f"{url}?{query.params(1)}",
        "last": f"{url}?{query.params(pages)}",
        "self": f"{url}?{query.params(query.page)}",
    }
    if query.page > 1:
        nav["prev"] = f"{url}?{query.params(query.page - 1)}"
    if query.page < pages:
        nav["next"] = f"{url}?{query.params(query.page + 1)}"
    return {
        "data": [to_json(e, links) for e in kept[start : start + query.limit]],
        "pagination": {
            "totalElements": len(kept),
            "elementsPerPage": query.limit,
            "currentPage": query.page,
            "totalPages": pages,
        },
        "links": nav,
    }
