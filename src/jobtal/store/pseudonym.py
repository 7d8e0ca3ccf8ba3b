"""Keyed pseudonyms that replace CPR numbers before anything is stored.

The pseudonym of a CPR number is the first 32 hex characters of
HMAC-SHA256(key, the ten digits without a dash), where the key is the hex secret of the
setting PSEUDONYM_KEY. The same CPR number always gets the same pseudonym under the same key;
without the key the pseudonym cannot be traced back by trying all CPR numbers.

A CPR number is never written anywhere by jobtal, and never shown in a message.
"""

from __future__ import annotations

import hashlib
import hmac

import pyarrow as pa

from jobtal import settings
from jobtal.errors import InputError, Problem

PSEUDONYM_HEX_CHARS = 32
MIN_KEY_HEX_CHARS = 32  # 128 bits: short keys would make the pseudonyms guessable

# A CPR number as accepted: DDMMYYXXXX or DDMMYY-XXXX (surrounding spaces already trimmed).
CPR_PATTERN = r"^[0-9]{6}-?[0-9]{4}$"


def cpr_is_valid_sql(column: str) -> str:
    """A DuckDB expression that is true when `column` is a CPR number: ten digits (with an
    optional dash after the sixth) whose first six form a real date DDMMYY. The century is not
    known from the number alone, so 29 February is accepted in every year divisible by four."""
    return (
        f"(regexp_matches({column}, '{CPR_PATTERN}') "
        f"AND try_strptime(left({column}, 6), '%d%m%y') IS NOT NULL)"
    )


def cpr_digits_sql(column: str) -> str:
    """A DuckDB expression giving the ten digits of a CPR number (the dash removed)."""
    return f"replace({column}, '-', '')"


def key_from_settings(file: str) -> bytes:
    """The pseudonym key from the setting PSEUDONYM_KEY; InputError naming `file` if it is
    missing or not a hex string of at least 32 characters. The key is never shown."""
    setting = "JOBTAL_PSEUDONYM_KEY"
    text = settings.get("PSEUDONYM_KEY").strip()
    if not text:
        message = (
            f"filen har en cpr-kolonne, men der er ingen nøgle til pseudonymisering; "
            f"sæt {setting} (hex, mindst {MIN_KEY_HEX_CHARS} tegn)"
        )
        raise InputError([Problem(file, None, "cpr", message)])
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) * 2 < MIN_KEY_HEX_CHARS:
        message = f"{setting} skal være hex med mindst {MIN_KEY_HEX_CHARS} tegn"
        raise InputError([Problem(file, None, "cpr", message)])
    return key


def pseudonym(cpr_digits: str, key: bytes) -> str:
    """The pseudonym of one CPR number given as ten digits.

    >>> pseudonym("0101901234", bytes(16)) == pseudonym("0101901234", bytes(16))
    True
    >>> len(pseudonym("0101901234", bytes(16)))
    32
    """
    digest = hmac.new(key, cpr_digits.encode("ascii"), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_HEX_CHARS]


def pseudonymise(cpr_digits: pa.Array | pa.ChunkedArray, key: bytes) -> pa.Array:
    """Pseudonyms for an array of CPR numbers (ten digits each), in the same order.

    The HMAC state after absorbing the key is computed once and copied per value, which
    makes a million values take about a second.
    """
    keyed = hmac.new(key, digestmod=hashlib.sha256)
    out: list[str] = []
    for value in cpr_digits.to_pylist():
        h = keyed.copy()
        h.update(value.encode("ascii"))
        out.append(h.hexdigest()[:PSEUDONYM_HEX_CHARS])
    return pa.array(out, type=pa.string())
