"""Register a report folder written by `jobtal report` as a PublishedReport."""

from __future__ import annotations

import re
from pathlib import Path

from jobtal.web.keyfigures.models import PublishedReport
from jobtal.web.meetings.models import AgendaItem

REPORT_HTML = re.compile(r"^kvartalsrapport-(\d{4}Q[1-4])\.html$")


def report_quarter(folder: Path) -> str | None:
    """The latest quarter with a `kvartalsrapport-<quarter>.html` in the folder, or None."""
    if not folder.is_dir():
        return None
    quarters = [m.group(1) for p in folder.iterdir() if (m := REPORT_HTML.match(p.name))]
    return max(quarters) if quarters else None


def default_title(quarter: str) -> str:
    """`2022Q4` → `Kvartalsrapportering, 4. kvartal 2022`."""
    return f"Kvartalsrapportering, {quarter[-1]}. kvartal {quarter[:4]}"


def register_report(
    folder: Path,
    *,
    municipality: int,
    item: AgendaItem | None = None,
    published: bool = False,
    title: str | None = None,
) -> PublishedReport | None:
    """A PublishedReport for the folder's latest quarterly report (None when the folder has
    no `kvartalsrapport-*.html`), linked to `item` when given."""
    quarter = report_quarter(folder)
    if quarter is None:
        return None
    return PublishedReport.objects.create(
        municipality=municipality,
        quarter=quarter,
        title=title or default_title(quarter),
        folder=str(folder.resolve()),
        agenda_item=item,
        published=published,
    )
