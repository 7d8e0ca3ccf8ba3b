"""Attachment uploads: the allowed types, their size limit, and searchable text.

A file is accepted only when its extension is allowed AND its first bytes match that type, so
a renamed HTML file cannot be uploaded as a PDF; it is later served with the content type
stored here, never one guessed from the name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    content_type: str
    magic: bytes | None  # None: must be UTF-8 text
    inline: bool  # shown in the browser (PDF, images) rather than downloaded


ALLOWED: dict[str, FileType] = {
    "pdf": FileType("application/pdf", b"%PDF-", inline=True),
    "png": FileType("image/png", b"\x89PNG\r\n\x1a\n", inline=True),
    "jpg": FileType("image/jpeg", b"\xff\xd8\xff", inline=True),
    "jpeg": FileType("image/jpeg", b"\xff\xd8\xff", inline=True),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP, False
    ),
    "xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP, False
    ),
    "csv": FileType("text/csv; charset=utf-8", None, inline=False),
    "txt": FileType("text/plain; charset=utf-8", None, inline=False),
    "json": FileType("application/json", None, inline=False),
}


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_upload(upload: UploadedFile) -> FileType:
    """The file's type if it may be uploaded; ValidationError (Danish) otherwise."""
    limit = settings.JOBTAL_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(f"Filen er for stor: højst {limit // (1024 * 1024)} MB.")
    kind = ALLOWED.get(extension(upload.name or ""))
    if kind is None:
        allowed = ", ".join(sorted(ALLOWED))
        raise ValidationError(f"Filtypen er ikke tilladt. Tilladte typer: {allowed}.")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if kind.magic is not None and not head.startswith(kind.magic):
        raise ValidationError("Filens indhold passer ikke til filtypen.")
    if kind.magic is None:
        try:
            upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError("Tekstfiler skal være UTF-8.") from error
        finally:
            upload.seek(0)
    return kind


def extract_text(upload: UploadedFile, kind: FileType) -> str:
    """Text for search: the file itself for text files, the text layer of a PDF."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if kind.magic is None:
        return data.decode("utf-8")
    if kind.content_type == "application/pdf":
        return _pdf_text(data)
    return ""


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError):
        # An unreadable PDF is still a valid attachment; it is just not searchable.
        return ""
