"""Interval arithmetic for rounded figures, and the disagreements of the published report."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from jobtal.published import consistency
from jobtal.published.consistency import Interval, evaluate, rounding_interval
from jobtal.published.tables import relations, statements

NAME = "gentofte-2023-02"
EXPECTED = Path(__file__).with_name("expected_disagreements.json")


def F(text: str) -> Fraction:
    """A fraction from a decimal string."""
    return Fraction(text)


def test_rounding_intervals_are_half_open_away_from_zero() -> None:
    assert rounding_interval(156, 0) == Interval(F("155.5"), F("156.5"), False, True)
    assert rounding_interval(-1.9, 1) == Interval(F("-1.95"), F("-1.85"), True, False)
    assert rounding_interval(0, 0) == Interval(F("-0.5"), F("0.5"), True, True)
    assert rounding_interval(0, 0, nonnegative=True) == Interval(F("0"), F("0.5"), False, True)
    assert rounding_interval(1.48, 2) == Interval(F("1.475"), F("1.485"), False, True)


def test_the_same_figure_printed_differently_never_meets() -> None:
    assert not rounding_interval(361, 0).meets(rounding_interval(362, 0))
    assert rounding_interval(38, 0).meets(rounding_interval(38.0, 1))
    assert Interval(F("1"), F("2")).meets(Interval(F("2"), F("3")))
    assert not Interval(F("1"), F("2"), hi_open=True).meets(Interval(F("2"), F("3")))


def test_change_1097_to_960_printed_minus_12_5_is_explained_by_rounding() -> None:
    result = evaluate("change_pct(1097|960)", {})
    assert result is not None
    # By hand: 959,5 ÷ 1.097,5 − 1 = −12,574 % and 960,5 ÷ 1.096,5 − 1 = −12,403 %.
    assert result.interval.lo == (F("959.5") / F("1097.5") - 1) * 100
    assert result.interval.hi == (F("960.5") / F("1096.5") - 1) * 100
    assert round(float(result.point or 0), 2) == -12.49
    assert result.interval.meets(rounding_interval(-12.5, 1))
    assert not result.interval.meets(rounding_interval(-12.7, 1))


def test_total_4415_against_components_summing_to_4436_is_real() -> None:
    components = [1097, 426, 155, 57, 692, 20, 1129, 450, 142, 59, 109, 100]
    result = evaluate(f"sum({'|'.join(map(str, components))})", {})
    assert result is not None and result.point == 4436
    # Twelve components, each within ±0,5: [4.430; 4.442).
    assert (result.interval.lo, result.interval.hi) == (4430, 4442)
    assert not result.interval.meets(rounding_interval(4415, 0))
    without_seniorpension = evaluate(f"sum({'|'.join(str(c) for c in components if c != 20)})", {})
    assert without_seniorpension is not None
    assert without_seniorpension.interval.meets(rounding_interval(4415, 0))


def test_children_rounded_down_cannot_make_a_parent_rounded_up() -> None:
    children = [consistency.Printed(v, 0, "ftp", "") for v in (73, 19, 0, 0, 61)]
    cells = {f"c{n}": child for n, child in enumerate(children)}
    result = evaluate("sum(c0|c1|c2|c3|c4)", cells)
    assert result is not None
    assert result.interval == Interval(F("151.5"), F("155.5"), False, True)
    assert not result.interval.meets(rounding_interval(156, 0))
    assert result.interval.meets(rounding_interval(155, 0))


def test_a_divisor_that_may_be_zero_makes_the_change_unbounded_or_undefined() -> None:
    zero = consistency.Printed(0, 0, "ftp", "")
    two = consistency.Printed(2, 0, "ftp", "")
    cells = {"zero": zero, "two": two}
    result = evaluate("change_pct(sum(zero|zero)|sum(two|zero))", cells)
    assert result is not None and result.may_be_undefined and result.point is None
    # As Jobafklaringsforløb 0 + 0 → 2 + 0: [1,5; 3) ÷ [0; 1) − 1 is above +50 %, without bound.
    assert result.interval == Interval(F("50"), None, True, True)
    assert not result.interval.meets(rounding_interval(0.0, 1))
    both_zero = evaluate("change_pct(zero|zero)", cells)
    assert both_zero is not None
    assert both_zero.interval.contains(F("-100")) and both_zero.interval.contains(F("0"))


def test_shares_and_differences_by_hand() -> None:
    share = evaluate("share(108|230)", {})
    assert share is not None and share.interval.meets(rounding_interval(47, 0))
    points = evaluate("diff(56.7|50.9)", {})
    assert points is not None
    assert (points.interval.lo, points.interval.hi) == (F("5.7"), F("5.9"))
    ratio = evaluate("ratio(1059|16.3)", {})  # tabel 12: printed 65,1, 1.059 ÷ 16,3 = 64,97
    assert ratio is not None and ratio.interval.meets(rounding_interval(65.1, 1))


def test_arguments_split_only_at_top_level_bars() -> None:
    text = "a (x)|sum(b|c)|d"
    assert consistency.split_arguments(text) == ["a (x)", "sum(b|c)", "d"]


def test_every_reference_in_the_data_names_a_printed_cell() -> None:
    cells = consistency._cells(NAME)
    for relation in relations(NAME):
        assert relation["cell"] in cells
        evaluate(relation["expression"], cells)
    for statement in statements(NAME):
        if statement["refers_to"]:
            evaluate(statement["refers_to"], cells)
    with pytest.raises(KeyError, match="ukendt celle"):
        evaluate("tabel 4:Oprettede:2022", cells)


def test_real_disagreements_match_the_reviewed_list() -> None:
    expected = json.loads(EXPECTED.read_text("utf-8"))["disagreements"]
    found = consistency.check(NAME)
    assert [(d.where, d.kind, d.printed, d.computed) for d in found] == [
        (e["where"], e["kind"], e["printed"], e["computed"]) for e in expected
    ]
    assert all(e["explanation"] for e in expected)
    assert not any(d.explained_by_rounding for d in found)
    assert consistency.check(NAME) == found  # stable order


def test_reviewed_rounding_cases_are_listed_only_on_request() -> None:
    reviewed = json.loads(EXPECTED.read_text("utf-8"))["reviewed_explained_by_rounding"]
    everything = consistency.check(NAME, include_rounding=True)
    explained = {d.where for d in everything if d.explained_by_rounding}
    assert {r["where"] for r in reviewed} <= explained
    real = [d for d in everything if not d.explained_by_rounding]
    assert real == consistency.check(NAME)
