"""`{% item_reports item %}`: the reports linked to an agenda item that the reader may see."""

from __future__ import annotations

from typing import Any

from django import template

from jobtal.web.keyfigures.access import reports_for_item

register = template.Library()


@register.inclusion_tag("keyfigures/_item_reports.html", takes_context=True)
def item_reports(context: dict[str, Any], item: Any) -> dict[str, Any]:
    """`item` is the page's ItemView (or an AgendaItem): anything with the item's id."""
    request = context["request"]
    item_id = getattr(item, "id", None) or item.pk
    return {"reports": reports_for_item(item_id, request.user)}
