"""Fields and rules shared by the finance records: the store's codes (jobtal.store.records)
as choices, amounts in kroner as Decimal, and the municipality code."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from jobtal.domain.municipalities import codes as municipality_codes

GENTOFTE = 157


class ExpenseType(models.TextChoices):
    SERVICE = "service", "service"
    TRANSFERS = "overfoersler", "overførsler"


class AppropriationKind(models.TextChoices):
    SUPPLEMENTARY = "tillaegsbevilling", "tillægsbevilling"
    TECHNICAL = "teknisk_omplacering", "teknisk omplacering"


class GroupCategory(models.TextChoices):
    UNEMPLOYMENT = "ledighedsrelateret", "ledighedsrelateret"
    OTHER = "oevrige", "øvrige"


class CostCategory(models.TextChoices):
    GUIDANCE = "vejledning_opkvalificering", "vejledning og opkvalificering"
    EDUCATION = "ordinaer_uddannelse", "ordinær uddannelse"
    MENTOR = "mentor", "mentor"


def validate_municipality(value: int) -> None:
    """One of the 98 municipality codes (as the store's importers require)."""
    if value not in municipality_codes():
        raise ValidationError(f"ukendt kommunekode {value} (skal være en af de 98 kommunekoder)")


def municipality_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        "kommunekode", default=GENTOFTE, validators=[validate_municipality]
    )


def year_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        "år", validators=[MinValueValidator(1900), MaxValueValidator(2199)]
    )


def amount_field(label: str = "beløb (kr.)") -> models.DecimalField:
    """Kroner with øre; the store keeps a DOUBLE, which holds such amounts exactly enough."""
    return models.DecimalField(label, max_digits=15, decimal_places=2)


def expense_type_field() -> models.CharField:
    return models.CharField("udgiftstype", max_length=20, choices=ExpenseType.choices)


QUARTER_VALIDATOR = RegexValidator(
    r"^(19|20|21)[0-9]{2}Q[1-4]$", "ugyldigt kvartal (skal være ÅÅÅÅQn, fx 2022Q4)"
)
NOT_NEGATIVE = MinValueValidator(Decimal(0), "må ikke være negativ")


def alive_unique(fields: tuple[str, ...], name: str) -> models.UniqueConstraint:
    """The store's key, unique among the rows not soft-deleted (a deleted row keeps its
    history, and a new row may take its key)."""
    return models.UniqueConstraint(
        fields=list(fields), condition=models.Q(deleted_at__isnull=True), name=name
    )
