"""The secretariat's forms. Every form is posted with Django's CSRF token."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from jobtal.web.meetings import uploads
from jobtal.web.meetings.models import (
    AgendaItem,
    AnnualPlanEntry,
    Attachment,
    Case,
    Committee,
    Meeting,
)
from jobtal.web.meetings.models.case import CASE_REF_PATTERN


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class MeetingForm(forms.ModelForm):
    """Create or edit a meeting (date, time, place) of a committee the user serves."""

    class Meta:
        model = Meeting
        fields = ["committee", "date", "start_time", "end_time", "place"]  # noqa: RUF012
        labels = {"committee": "Udvalg"}  # noqa: RUF012
        widgets = {  # noqa: RUF012
            "date": DateInput(format="%Y-%m-%d"),
            "start_time": TimeInput(format="%H:%M"),
            "end_time": TimeInput(format="%H:%M"),
        }

    def __init__(self, *args: Any, committees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if committees is not None:
            self.fields["committee"].queryset = committees


class AgendaItemForm(forms.ModelForm):
    """An item's title, open/closed, case and sections (the decision has its own form)."""

    case_ref = forms.RegexField(
        label="Sags-ID",
        regex=CASE_REF_PATTERN,
        required=False,
        error_messages={"invalid": "Sags-ID skrives som EMN-2023-00838."},
    )

    class Meta:
        model = AgendaItem
        fields = [  # noqa: RUF012
            "title",
            "is_closed",
            "public_title",
            "department",
            "summary",
            "background",
            "recommendation",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in ("summary", "background")}  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.case_id:
            self.fields["case_ref"].initial = self.instance.case.case_ref

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("is_closed") and not (data.get("public_title") or "").strip():
            # The law asks for a public title; "Lukket punkt" alone is not enough.
            self.add_error("public_title", "Et lukket punkt skal have en offentlig titel.")
        return data

    def save(self, commit: bool = True) -> AgendaItem:
        ref = self.cleaned_data.get("case_ref") or ""
        self.instance.case = Case.objects.get_or_create(case_ref=ref)[0] if ref else None
        return super().save(commit=commit)


class DecisionForm(forms.Form):
    """The decision on an item; closed items also get the public version."""

    decision = forms.CharField(label="Beslutning", widget=forms.Textarea(attrs={"rows": 4}))
    public_decision = forms.CharField(
        label="Offentlig beslutning (lukkede punkter)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.ModelForm):
    """An attachment's entry and, optionally, its file (type and size checked)."""

    upload = forms.FileField(label="Fil", required=False)

    class Meta:
        model = Attachment
        fields = ["title", "document_number", "case_ref", "is_closed", "order"]  # noqa: RUF012

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            self.file_type = uploads.validate_upload(upload)
        return upload

    def save(self, commit: bool = True) -> Attachment:
        upload = self.cleaned_data.get("upload")
        attachment = super().save(commit=False)
        if upload:
            attachment.file_name = upload.name[:200]
            attachment.content_type = self.file_type.content_type
            attachment.size = upload.size or 0
            attachment.text = uploads.extract_text(upload, self.file_type)
            attachment.file.save(upload.name, upload, save=False)
        if commit:
            attachment.save()
        return attachment


class MonthField(forms.DateField):
    """A month written 2023-05 (the browser's month input); stored as its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]  # noqa: RUF012

    def to_python(self, value: Any) -> datetime.date | None:
        date = super().to_python(value)
        return date.replace(day=1) if date else None


class AnnualPlanEntryForm(forms.ModelForm):
    """A theme item or standing item for a month's meeting."""

    month = MonthField(label="Møde i måned")

    class Meta:
        model = AnnualPlanEntry
        fields = ["committee", "month", "kind", "title", "details", "order"]  # noqa: RUF012

    def __init__(self, *args: Any, committees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if committees is not None:
            self.fields["committee"].queryset = committees


def editable_committees(access: Any) -> Any:
    """Committees the user may edit (for the committee choice of the forms)."""
    committees = Committee.objects.all()
    return committees if access.everything else committees.filter(pk__in=access.edit)
