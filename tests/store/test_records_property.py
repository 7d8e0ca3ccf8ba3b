"""Properties of the report inputs' checks against independent implementations: the CVR
check digit, decimal commas and points, and months."""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jobtal.store import schema
from jobtal.store.records import import_records

CONTACTS = "municipality;contact_id;date;cvr;consultant;channel;track;topic"


def cvr_is_valid(text: str) -> bool:
    """An independent route to the CVR check: the last digit must be the check digit that the
    first seven give (11 minus their weighted sum modulo 11; a remainder needing 10 is no
    valid number; remainder 0 gives 0)."""
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(text[:7], (2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
    check = (11 - remainder) % 11
    return check < 10 and check == int(text[7])


def _import(table: str, lines: list[str]) -> tuple[set[int], list[tuple[object, ...]]]:
    """Import with skip_bad_rows into a fresh store: (lines rejected, the table's rows)."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "in.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        db = Path(directory) / "store.duckdb"
        summary = import_records(table, path, db, skip_bad_rows=True)
        rows = schema.contents(db)[table] if db.exists() else []
        return {r.row for r in summary.rejected if r.row is not None}, rows


cvr_texts = st.one_of(
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    # Valid numbers are rare among random digits (about 1 in 11): build some on purpose.
    st.text(alphabet="0123456789", min_size=7, max_size=7).map(
        lambda seven: (
            seven
            + str(
                (
                    11
                    - sum(int(d) * w for d, w in zip(seven, (2, 7, 6, 5, 4, 3, 2), strict=True))
                    % 11
                )
                % 11
            )[-1]
        )
    ),
    st.text(alphabet="0123456789 -x", min_size=6, max_size=10),
)


@settings(max_examples=25, deadline=None)
@given(st.lists(cvr_texts, min_size=1, max_size=30))
def test_cvr_check_digit_agrees_with_an_independent_implementation(cvrs: list[str]) -> None:
    lines = [CONTACTS] + [f"157;k{i};2022-01-03;{cvr};A;tlf;1;X" for i, cvr in enumerate(cvrs)]
    rejected, rows = _import("company_contacts", lines)
    expected_bad = {i + 2 for i, cvr in enumerate(cvrs) if not cvr_is_valid(cvr.strip())}
    assert rejected == expected_bad
    assert sorted(row[3] for row in rows) == sorted(
        c.strip() for c in cvrs if cvr_is_valid(c.strip())
    )


amounts = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False
)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(amounts, st.booleans()), min_size=1, max_size=20))
def test_decimal_comma_and_point_read_the_same_amount(values: list[tuple[Decimal, bool]]) -> None:
    lines = ["municipality;date;expense_type;topic;amount_dkk"] + [
        f"157;2022-09-30;service;emne {i};{str(v).replace('.', ',') if comma else str(v)}"
        for i, (v, comma) in enumerate(values)
    ]
    rejected, rows = _import("expected_variances", lines)
    assert rejected == set()
    assert sorted((row[3], row[4]) for row in rows) == sorted(
        (f"emne {i}", float(v)) for i, (v, _) in enumerate(values)
    )


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(days, st.booleans()), min_size=1, max_size=20, unique_by=lambda x: x[0]))
def test_a_month_is_its_first_day_or_year_and_month(values: list[tuple[date, bool]]) -> None:
    """`2022-10` and `2022-10-01` are October 2022; any other day of the month is refused."""
    lines = ["person_id;month;wage_hours"] + [
        f"p{i};{d.isoformat()[:7] if short else d.isoformat()};1"
        for i, (d, short) in enumerate(values)
    ]
    rejected, rows = _import("wage_months", lines)
    assert rejected == {i + 2 for i, (d, short) in enumerate(values) if not short and d.day != 1}
    assert sorted(rows) == sorted(
        (f"p{i}", d.replace(day=1), 1.0)
        for i, (d, short) in enumerate(values)
        if short or d.day == 1
    )
