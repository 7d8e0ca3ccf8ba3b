"""The company service's forms (Danish labels from the models; every form posts a CSRF
token). Filters of the lists are plain GET forms."""

from __future__ import annotations

from typing import Any

from django import forms

from jobtal.web.companies.models import (
    Award,
    CloseReason,
    Company,
    CompanyOffer,
    Contact,
    RecruitmentRequest,
    ResponsibilityMembership,
    Track,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _dates(*names: str) -> dict[str, forms.Widget]:
    return {name: DateInput() for name in names}


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["cvr", "name", "industry_code", "size_band", "municipality"]  # noqa: RUF012


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [  # noqa: RUF012
            "company",
            "date",
            "consultant",
            "consultant_user",
            "channel",
            "track",
            "topic",
            "notes",
            "contact_id",
            "municipality",
        ]
        widgets = _dates("date")
        help_texts = {"consultant": "Navnet, eller vælg brugeren herunder."}  # noqa: RUF012


class RecruitmentRequestForm(forms.ModelForm):
    class Meta:
        model = RecruitmentRequest
        fields = [  # noqa: RUF012
            "request_id",
            "company",
            "created_on",
            "job_title",
            "positions",
            "forwarded",
            "closed",
            "close_reason",
            "municipality",
        ]
        widgets = _dates("created_on", "forwarded", "closed")


class CloseRequestForm(forms.ModelForm):
    """Close an open request: the day and the reason, both required."""

    class Meta:
        model = RecruitmentRequest
        fields = ["closed", "close_reason"]  # noqa: RUF012
        widgets = _dates("closed")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closed"].required = True
        self.fields["close_reason"].required = True
        self.fields["close_reason"].choices = CloseReason.choices


class CompanyOfferForm(forms.ModelForm):
    class Meta:
        model = CompanyOffer
        fields = ["company", "person", "offer", "start", "end", "hours_per_week", "municipality"]  # noqa: RUF012
        widgets = _dates("start", "end")


class ResponsibilityMembershipForm(forms.ModelForm):
    class Meta:
        model = ResponsibilityMembership
        fields = ["company", "year", "criteria_met", "diploma_issued", "municipality"]  # noqa: RUF012


class AwardForm(forms.ModelForm):
    """The award of a year; the winner must be on the shortlist when there is one."""

    class Meta:
        model = Award
        fields = ["year", "nominations", "shortlist", "decision_date", "winner", "municipality"]  # noqa: RUF012
        widgets = {  # noqa: RUF012
            **_dates("decision_date"),
            "nominations": forms.CheckboxSelectMultiple,
            "shortlist": forms.CheckboxSelectMultiple,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        shortlist, winner = data.get("shortlist"), data.get("winner")
        if winner is not None and shortlist and winner not in shortlist:
            self.add_error("winner", "Vinderen skal være på arbejdsgruppens shortliste.")
        if winner is not None and not data.get("decision_date"):
            self.add_error("decision_date", "Angiv datoen for udvalgets beslutning.")
        return data


class CompanyFilter(forms.Form):
    q = forms.CharField(label="Navn eller CVR-nummer", required=False)


class ContactFilter(forms.Form):
    first = forms.DateField(label="Fra og med", required=False, widget=DateInput())
    last = forms.DateField(label="Til og med", required=False, widget=DateInput())
    track = forms.TypedChoiceField(
        label="Spor", required=False, coerce=int, choices=[("", "Alle"), *Track.choices]
    )
    consultant = forms.CharField(label="Konsulent", required=False)


class RequestFilter(forms.Form):
    STATUSES = [  # noqa: RUF012
        ("", "Alle"),
        ("aaben", "Åbne"),
        ("lukket", "Lukkede"),
        ("over30", "Åbne over 30 dage"),
    ]
    status = forms.ChoiceField(label="Status", required=False, choices=STATUSES)


class UploadForm(forms.Form):
    """The CSV files of the company service; at least one."""

    company_contacts = forms.FileField(
        label="Virksomhedskontakter (company_contacts.csv)", required=False
    )
    recruitment_requests = forms.FileField(
        label="Rekrutteringsanmodninger (recruitment_requests.csv)", required=False
    )
    company_offers = forms.FileField(
        label="Virksomhedsrettede tilbud (company_offers.csv)", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(name) for name in self.fields):
            raise forms.ValidationError("Vælg mindst én fil.")
        return data
