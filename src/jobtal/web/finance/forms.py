"""The finance forms: one model form per kind of record, and the upload of CSV files. Every
form is posted with Django's CSRF token. Amounts are entered in kroner and take a decimal
comma (`1234,50`) as well as a point."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from jobtal.web.finance.models import MODELS
from jobtal.web.finance.records import FILE_NAMES

MAX_FILE_BYTES = 5 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"


class RecordForm(forms.ModelForm):
    """Create or edit a record; labels are the models' Danish names, capitalised."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]
            if isinstance(field, forms.DecimalField):
                field.localize = True
                field.widget = forms.TextInput(attrs={"inputmode": "decimal"})
                field.widget.is_localized = True
            if isinstance(field, forms.DateField):
                field.widget = DateInput(format="%Y-%m-%d")
            field.widget.attrs.setdefault("class", _css(field))


def _css(field: forms.Field) -> str:
    if isinstance(field.widget, forms.CheckboxInput):
        return "form-checkbox"
    if isinstance(field.widget, forms.Select):
        return "form-select"
    return "form-input"


def record_form(table: str) -> type[RecordForm]:
    """The form of the records of a store table (every editable field, in model order)."""
    model = MODELS[table]
    meta = type("Meta", (), {"model": model, "exclude": ("deleted_at",)})
    return type(f"{model.__name__}Form", (RecordForm,), {"Meta": meta})


class UploadForm(forms.Form):
    """One optional file per kind of record, each named as the store expects it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for table, name in FILE_NAMES.items():
            self.fields[table] = forms.FileField(
                label=name,
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"class": "form-file-input", "accept": ".csv"}
                ),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        files = {t: f for t, f in cleaned.items() if f}
        if not files:
            raise ValidationError("Vælg mindst én CSV-fil.")
        for table, upload in files.items():
            if upload.size > MAX_FILE_BYTES:
                self.add_error(table, "Filen er for stor (højst 5 MB).")
        return cleaned
