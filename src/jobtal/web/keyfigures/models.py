"""A quarterly report written by `jobtal report`, published on the web (PublishedReport)."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.domain.municipalities import all_municipalities
from jobtal.web.meetings.models import AgendaItem
from jobtal.web.meetings.models.base import TimestampedModel

QUARTER = re.compile(r"^\d{4}Q[1-4]$")

# The PDFs of a report folder, by the name used in its URL: file stem and Danish title.
REPORT_PDFS: dict[str, str] = {
    "kvartalsrapport": "Kvartalsrapportering",
    "noegletal": "Nøgletal",
    "budgetaendringer": "Budgetændringer",
}


def validate_quarter(value: str) -> None:
    """A quarter as `jobtal report` names it: `2022Q4`."""
    if not QUARTER.match(value):
        raise ValidationError("Kvartalet skrives som fx 2022Q4.")


def municipality_choices() -> list[tuple[int, str]]:
    return [(m.code, m.name) for m in all_municipalities()]


class PublishedReport(TimestampedModel):
    """The folder of one quarterly report (`kvartalsrapport-<Q>.html`, its PDFs,
    `tables.json`), optionally tied to the agenda item that presents it.

    Who may see it is decided in one place, `keyfigures.access.report_visible`.
    """

    municipality = models.PositiveSmallIntegerField("kommune", choices=municipality_choices)
    quarter = models.CharField("kvartal", max_length=6, validators=[validate_quarter])
    title = models.CharField("titel", max_length=300)
    folder = models.CharField(
        "mappe",
        max_length=1000,
        help_text="Mappen, som `jobtal report` skrev rapporten i (på serveren).",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        related_name="reports",
        null=True,
        blank=True,
        verbose_name="dagsordenspunkt",
    )
    published = models.BooleanField("offentliggjort", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "offentliggjort rapport"
        verbose_name_plural = "offentliggjorte rapporter"
        ordering = ("-quarter", "municipality", "pk")

    def __str__(self) -> str:
        # No title: an unpublished report's title belongs to the committee (as for items).
        return f"Rapport {self.pk} ({self.quarter})"

    @property
    def html_path(self) -> Path:
        return Path(self.folder) / f"kvartalsrapport-{self.quarter}.html"

    def pdf_path(self, kind: str) -> Path:
        """The report folder's PDF of `kind` (a key of REPORT_PDFS)."""
        return Path(self.folder) / f"{kind}-{self.quarter}.pdf"

    def available_pdfs(self) -> list[tuple[str, str]]:
        """(kind, Danish title) of the PDFs present in the folder, in REPORT_PDFS order."""
        return [
            (kind, title) for kind, title in REPORT_PDFS.items() if self.pdf_path(kind).is_file()
        ]
