"""The company service's models, forms, lists and pages (tables 3 and 4 checked by hand)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from jobtal.domain.periods import quarter
from jobtal.web.companies import forms, queries
from jobtal.web.companies.models import (
    Company,
    CompanyOffer,
    Contact,
    RecruitmentRequest,
    ResponsibilityMembership,
)
from jobtal.web.companies.status import parse_quarter, status_tables
from jobtal.web.companies.validators import cvr_is_valid, looks_like_cpr

from .helpers import World, client_for

pytestmark = pytest.mark.django_db

# Valid CVR numbers, checked by hand: 1*2+0*7+4*6+0*5+3*4+7*3+8*2+2*1 = 77 = 7*11, and
# 1*2+2*7+3*6+4*5+5*4+6*3+7*2+4*1 = 110 = 10*11.
CVR_A, CVR_B = "10403782", "12345674"


def company(cvr: str = CVR_A, name: str = "Bageriet ApS") -> Company:
    return Company.objects.create(cvr=cvr, name=name)


# --- Models -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cvr", "valid"),
    [
        (CVR_A, True),
        (CVR_B, True),
        ("10403783", False),  # last digit changed: sum 78, not divisible by 11
        ("1040378", False),
        ("1040378a", False),
        ("104037820", False),
    ],
)
def test_cvr_modulus_11(cvr: str, valid: bool) -> None:
    assert cvr_is_valid(cvr) is valid
    record = Company(cvr=cvr, name="X")
    if valid:
        record.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert "cvr" in error.value.message_dict
        assert cvr not in str(error.value)  # the number is never echoed


def test_cvr_unique() -> None:
    company()
    with pytest.raises(ValidationError):
        Company(cvr=CVR_A, name="Andet navn").full_clean()


@pytest.mark.parametrize(
    ("person", "refused"),
    [
        ("0101901234", True),
        ("010190-1234", True),
        ("borger 0101901234", True),
        ("P0000001", False),
        ("01019012345", False),  # 11 digits: not a CPR number's shape
        ("abc-123456", False),
    ],
)
def test_offer_refuses_cpr_numbers(person: str, refused: bool) -> None:
    assert looks_like_cpr(person) is refused
    offer = CompanyOffer(
        company=company(), person=person, offer="loentilskud", start=date(2022, 1, 1)
    )
    if refused:
        with pytest.raises(ValidationError) as error:
            offer.full_clean()
        assert "person" in error.value.message_dict
        assert person not in str(error.value)
    else:
        offer.full_clean()


def _request(**values: object) -> RecruitmentRequest:
    base = {
        "request_id": "R-1",
        "company": Company.objects.get_or_create(cvr=CVR_A, defaults={"name": "Bageriet"})[0],
        "created_on": date(2022, 3, 1),
        "job_title": "Kok",
    }
    return RecruitmentRequest(**{**base, **values})


@pytest.mark.parametrize(
    ("closed", "reason", "error_field"),
    [
        (None, "", None),
        (date(2022, 4, 1), "egne_kanaler", None),
        (date(2022, 4, 1), "", "close_reason"),
        (None, "anden", "closed"),
        (date(2022, 2, 1), "anden", "closed"),  # closed before created
    ],
)
def test_close_reason_present_exactly_when_closed(
    closed: date | None, reason: str, error_field: str | None
) -> None:
    request = _request(closed=closed, close_reason=reason)
    if error_field is None:
        request.full_clean()
        return
    with pytest.raises(ValidationError) as error:
        request.full_clean()
    assert error_field in error.value.message_dict


def test_close_reason_rule_holds_in_the_database() -> None:
    request = _request(closed=date(2022, 4, 1), close_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        request.save()
    request = _request(request_id="R-2", positions=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        request.save()


def test_positions_at_least_one() -> None:
    with pytest.raises(ValidationError) as error:
        _request(positions=0).full_clean()
    assert "positions" in error.value.message_dict


def test_soft_delete_and_history() -> None:
    record = company()
    record.name = "Bageriet A/S"
    record.save()
    record.soft_delete()
    assert not Company.objects.filter(pk=record.pk).exists()
    assert Company.all_objects.get(pk=record.pk).deleted_at is not None
    assert [h.name for h in record.history.order_by("history_date")][:2] == [
        "Bageriet ApS",
        "Bageriet A/S",
    ]


def test_records_carry_the_municipality(settings: object) -> None:
    assert company().municipality == 157
    settings.JOBTAL_MUNICIPALITY = 101  # type: ignore[attr-defined]
    assert company(CVR_B).municipality == 101


def test_diploma_only_when_criteria_met() -> None:
    membership = ResponsibilityMembership(
        company=company(), year=2022, criteria_met=False, diploma_issued=True
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "diploma_issued" in error.value.message_dict


# --- Forms ------------------------------------------------------------------------------------


def test_company_form_danish_errors() -> None:
    form = forms.CompanyForm(
        {"cvr": "10403783", "name": "", "industry_code": "12", "municipality": 157}
    )
    assert not form.is_valid()
    assert form.errors["cvr"] == ["Ugyldigt CVR-nummer (kontrolcifferet passer ikke)."]
    assert form.errors["industry_code"] == ["Branchekoden (DB07) skal være 6 cifre."]
    assert form.errors["name"] == ["Dette felt er påkrævet."]


def test_close_form_needs_day_and_reason() -> None:
    request = _request()
    request.save()
    form = forms.CloseRequestForm({"closed": "2022-04-01"}, instance=request)
    assert not form.is_valid()
    assert "close_reason" in form.errors
    form = forms.CloseRequestForm(
        {"closed": "2022-04-01", "close_reason": "ordinaert_job"}, instance=request
    )
    assert form.is_valid(), form.errors
    form.save()
    request.refresh_from_db()
    assert (request.closed, request.close_reason) == (date(2022, 4, 1), "ordinaert_job")


def test_contact_form_needs_a_consultant() -> None:
    data = {
        "company": company().pk,
        "date": "2022-03-01",
        "channel": "telefon",
        "track": 2,
        "topic": "fastholdelse",
        "contact_id": "K-1",
        "municipality": 157,
    }
    form = forms.ContactForm(data)
    assert not form.is_valid()
    assert form.errors["consultant"] == ["Angiv konsulenten (navn eller bruger)."]
    assert forms.ContactForm({**data, "consultant": "Anne Kjær"}).is_valid()


def test_offer_form_refuses_cpr() -> None:
    data = {
        "company": company().pk,
        "person": "010190-1234",
        "offer": "virksomhedspraktik",
        "start": "2022-03-01",
        "municipality": 157,
    }
    form = forms.CompanyOfferForm(data)
    assert not form.is_valid()
    assert "CPR" in form.errors["person"][0]


def test_award_winner_on_shortlist() -> None:
    a, b = company(), company(CVR_B, "Værkstedet")
    data = {"year": 2022, "shortlist": [a.pk], "winner": b.pk, "decision_date": "2022-11-01"}
    form = forms.AwardForm({**data, "municipality": 157})
    assert not form.is_valid()
    assert form.errors["winner"] == ["Vinderen skal være på arbejdsgruppens shortliste."]
    assert forms.AwardForm({**data, "winner": a.pk, "municipality": 157}).is_valid()


# --- Lists ------------------------------------------------------------------------------------


def test_open_requests_older_than_30_days_first() -> None:
    today = date(2023, 2, 1)
    firm = company()

    def make(request_id: str, age: int, closed_age: int | None = None) -> None:
        closed = today - timedelta(days=closed_age) if closed_age is not None else None
        RecruitmentRequest.objects.create(
            request_id=request_id,
            company=firm,
            created_on=today - timedelta(days=age),
            job_title="Kok",
            closed=closed,
            close_reason="anden" if closed else "",
        )

    make("nyt-aabent", 5)
    make("gammelt-lukket", 90, closed_age=60)
    make("31-dage-aabent", 31)
    make("30-dage-aabent", 30)  # exactly 30 days: not older than 30 days
    make("60-dage-aabent", 60)
    make("nyt-lukket", 2, closed_age=1)
    order = [r.request_id for r in queries.requests_in_order("", today)]
    # Overdue open ones first, oldest first; then the rest, newest first.
    assert order == [
        "60-dage-aabent",
        "31-dage-aabent",
        "nyt-lukket",
        "nyt-aabent",
        "30-dage-aabent",
        "gammelt-lukket",
    ]
    assert [r.request_id for r in queries.requests_in_order("over30", today)] == [
        "60-dage-aabent",
        "31-dage-aabent",
    ]
    assert [r.request_id for r in queries.requests_in_order("lukket", today)] == [
        "nyt-lukket",
        "gammelt-lukket",
    ]


def test_contact_filters() -> None:
    a, b = company(), company(CVR_B, "Værkstedet")
    for i, (firm, day, track, who) in enumerate(
        [
            (a, date(2022, 1, 10), 1, "Anne Kjær"),
            (a, date(2022, 2, 10), 2, "Bo Lindholm"),
            (b, date(2022, 3, 10), 1, "Anne Kjær"),
        ]
    ):
        Contact.objects.create(
            contact_id=f"K{i}",
            company=firm,
            date=day,
            track=track,
            consultant=who,
            channel="telefon",
            topic="rekruttering",
        )
    ids = lambda found: sorted(c.contact_id for c in found)  # noqa: E731
    assert ids(queries.contacts(first=date(2022, 2, 1))) == ["K1", "K2"]
    assert ids(queries.contacts(last=date(2022, 2, 10))) == ["K0", "K1"]
    assert ids(queries.contacts(track=1)) == ["K0", "K2"]
    assert ids(queries.contacts(consultant="anne")) == ["K0", "K2"]
    assert [c.cvr for c in queries.companies("værk")] == [CVR_B]
    assert [c.cvr for c in queries.companies("1040")] == [CVR_A]


# --- Status: tables 3 and 4 by hand -----------------------------------------------------------


def _cells(table: object) -> dict[tuple[str, str], float | None]:
    return {(c.row, c.column): c.value for c in table.cells}  # type: ignore[attr-defined]


def test_status_tables_by_hand() -> None:
    """2022: A and B contacted; A has an offer started in 2022, B's offer started in 2021
    (does not count). Requests 2022: one open, one closed by own channels, one closed in 2023
    (still open at the end of 2022Q4)."""
    a, b = company(), company(CVR_B, "Værkstedet")
    for i, (firm, day) in enumerate(
        [(a, date(2022, 3, 1)), (a, date(2022, 5, 1)), (b, date(2022, 6, 1))]
    ):
        Contact.objects.create(
            contact_id=f"K{i}",
            company=firm,
            date=day,
            consultant="Anne",
            channel="telefon",
            track=1,
            topic="rekruttering",
        )
    CompanyOffer.objects.create(company=a, person="P1", offer="loentilskud", start=date(2022, 8, 1))
    CompanyOffer.objects.create(
        company=b, person="P2", offer="virksomhedspraktik", start=date(2021, 12, 1)
    )
    CompanyOffer.objects.create(company=b, person="P3", offer="smaajob", start=date(2022, 8, 1))
    for rid, created, closed, reason in [
        ("R1", date(2022, 2, 1), None, ""),
        ("R2", date(2022, 3, 1), date(2022, 4, 1), "egne_kanaler"),
        ("R3", date(2022, 11, 1), date(2023, 1, 5), "ordinaert_job"),
    ]:
        RecruitmentRequest.objects.create(
            request_id=rid,
            company=a,
            created_on=created,
            job_title="Kok",
            closed=closed,
            close_reason=reason,
        )
    table3, table4 = status_tables(157, quarter(2022, 4))
    t3 = _cells(table3)
    assert t3[("Antal unikke kontaktede virksomheder", "2022 (jan-dec)")] == 2
    assert t3[("Heraf antal unikke virksomheder med praktik/løntilskud", "2022 (jan-dec)")] == 1
    assert t3[("Andel virksomheder med virksomhedsrettet tilbud", "2022 (jan-dec)")] == 50.0
    assert t3[("Antal unikke kontaktede virksomheder", "2021 (hele året)")] is None
    t4 = _cells(table4)
    assert t4[("Oprettede rekrutteringsanmodninger i alt", "2022")] == 3
    assert t4[("Heraf fortsat åbne rekrutteringsanmodninger", "2022")] == 2
    assert t4[("Heraf afsluttede rekrutteringsanmodninger", "2022")] == 1
    assert t4[("Virksomheden rekrutterede via egne kanaler", "2022")] == 1
    assert t4[("Virksomheden rekrutterede via egne kanaler", "2022 andel")] == 100.0
    assert t4[("Jobcentret rekrutterede til ordinær job", "2022")] == 0


def test_parse_quarter() -> None:
    assert parse_quarter("2022Q4", date(2023, 5, 1)) == quarter(2022, 4)
    assert parse_quarter("", date(2023, 5, 1)) == quarter(2023, 2)
    assert parse_quarter("2022Q5", date(2023, 12, 31)) == quarter(2023, 4)


# --- Pages ------------------------------------------------------------------------------------


def test_consultant_records_and_closes_a_request(world: World) -> None:
    client = client_for(world.users["consultant"])
    firm = company()
    response = client.post(
        reverse("companies:request_create"),
        {
            "request_id": "R-100",
            "company": firm.pk,
            "created_on": "2022-10-03",
            "job_title": "Tømrer",
            "positions": 2,
            "municipality": 157,
        },
    )
    created = RecruitmentRequest.objects.get(request_id="R-100")
    assert response.status_code == 302
    assert response["Location"] == reverse("companies:request_detail", args=[created.pk])
    close = reverse("companies:request_close", args=[created.pk])
    refused = client.post(close, {"closed": "2022-10-20"})
    assert refused.status_code == 200
    assert "Dette felt er påkrævet." in refused.content.decode()
    assert client.post(close, {"closed": "2022-10-20", "close_reason": "anden"}).status_code == 302
    created.refresh_from_db()
    assert (created.closed, created.close_reason) == (date(2022, 10, 20), "anden")
    page = client.get(reverse("companies:status") + "?kvartal=2022Q4").content.decode()
    assert "Tabel 4. Status på rekrutteringsanmodninger" in page
    assert "Anden lukningsårsag" in page


def test_forms_post_a_csrf_token(world: World) -> None:
    client = client_for(world.users["secretariat"], enforce_csrf_checks=True)
    page = client.get(reverse("companies:company_create")).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    response = client.post(reverse("companies:company_create"), {"cvr": CVR_A, "name": "X"})
    assert response.status_code == 403
    assert not Company.objects.exists()


def test_soft_delete_by_post(world: World) -> None:
    firm = company()
    client = client_for(world.users["consultant"])
    response = client.post(reverse("companies:delete", args=["virksomhed", firm.pk]))
    assert response.status_code == 302
    assert Company.all_objects.get(pk=firm.pk).deleted_at is not None
    assert CVR_A not in client.get(reverse("companies:company_list")).content.decode()
