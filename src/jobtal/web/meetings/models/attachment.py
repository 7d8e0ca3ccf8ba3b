"""An attachment (bilag) of an agenda item; closed attachments can sit on open items."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jobtal.web.meetings.models.agenda_item import AgendaItem
from jobtal.web.meetings.models.base import TimestampedModel


def attachment_path(instance: Attachment, filename: str) -> str:
    """Store files under a name of their own; the user's file name is kept in `file_name`."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"bilag/{instance.item.meeting_id}/{instance.document_number or 'uden-nr'}.{suffix}"


class Attachment(TimestampedModel):
    """An attachment such as "Nøgletal EBI februar 2023 (4966839 - EMN-2023-00747)"
    (OParl: File). `text` holds the searchable text extracted at upload."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    order = models.PositiveIntegerField("rækkefølge", default=1)
    title = models.CharField("titel", max_length=300)
    document_number = models.CharField("dokumentnummer", max_length=30, blank=True)
    case_ref = models.CharField("sags-ID", max_length=30, blank=True)
    is_closed = models.BooleanField("lukket bilag", default=False)
    file = models.FileField("fil", upload_to=attachment_path, blank=True)
    file_name = models.CharField("filnavn", max_length=200, blank=True)
    content_type = models.CharField("filtype", max_length=100, blank=True)
    size = models.PositiveIntegerField("størrelse (byte)", default=0)
    text = models.TextField("tekst til søgning", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bilag"
        verbose_name_plural = "bilag"
        ordering = (
            "item",
            "order",
        )

    def __str__(self) -> str:
        # No title here: see AgendaItem.__str__.
        return f"Bilag {self.pk} (punkt {self.item_id})"

    @property
    def reference(self) -> str:
        """ "4952184 - EMN-2023-00747" as printed in the attachment list."""
        return " - ".join(part for part in (self.document_number, self.case_ref) if part)
