"""The rules of the company service's identifiers: CVR numbers, pseudonyms (never CPR) and the
municipality every record carries.

- A CVR number is 8 digits whose weighted sum (weights 2, 7, 6, 5, 4, 3, 2, 1) is divisible by
  11 (the modulus-11 rule, the same as `jobtal.store.records` checks in SQL).
- A citizen is recorded by pseudonym only. A value that looks like a CPR number (10 digits,
  or 6 digits, a dash and 4 digits) is refused, whether or not its check digit is valid:
  a CPR number must never be stored, so the rule errs on the side of refusing.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError

from jobtal.store.records import CVR_WEIGHTS

GENTOFTE = 157
_CVR = re.compile(r"^\d{8}$")
_CPR_LIKE = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")


def cvr_is_valid(value: str) -> bool:
    """8 digits passing the modulus-11 check.

    >>> cvr_is_valid("10403782"), cvr_is_valid("10403783"), cvr_is_valid("1040378")
    (True, False, False)
    """
    if not _CVR.match(value):
        return False
    return sum(int(d) * w for d, w in zip(value, CVR_WEIGHTS, strict=True)) % 11 == 0


def validate_cvr(value: str) -> None:
    """Django validator; the message never repeats the number (it may identify a person)."""
    if not _CVR.match(value):
        raise ValidationError("CVR-nummeret skal være 8 cifre.")
    if not cvr_is_valid(value):
        raise ValidationError("Ugyldigt CVR-nummer (kontrolcifferet passer ikke).")


def looks_like_cpr(value: str) -> bool:
    """Whether `value` contains a CPR-like number: 10 digits, with or without a dash after
    the sixth.

    >>> looks_like_cpr("0101901234"), looks_like_cpr("010190-1234"), looks_like_cpr("P0000001")
    (True, True, False)
    """
    return _CPR_LIKE.search(value) is not None


def validate_not_cpr(value: str) -> None:
    """Refuse a CPR number (the message does not repeat it)."""
    if looks_like_cpr(value):
        raise ValidationError(
            "Det ligner et CPR-nummer. Brug borgerens pseudonym; CPR-numre gemmes aldrig her."
        )


def default_municipality() -> int:
    """The municipality of new records: the setting JOBTAL_MUNICIPALITY, else Gentofte."""
    return int(getattr(settings, "JOBTAL_MUNICIPALITY", GENTOFTE))
