"""The engine against the day-by-day reference on small random data (all four measures)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobtal.domain.periods import Month

from .bruteforce import brute_force
from .tables import Activation, Segment, figures

ORIGIN = date(2020, 1, 1)
# Gross-unemployed groups weigh more, so that the long-term rule is exercised often.
GROUPS = ("dagpenge", "dagpenge", "kh_jobparat", "kh_aktivitetsparat", "sygedagpenge")
OFFERS = ("loentilskud", "virksomhedspraktik", "opkvalificering", "mentor")


@st.composite
def person_segments(draw: st.DrawFn, person: str) -> list[Segment]:
    """Non-overlapping segments: each starts after a gap (possibly 0) after the previous."""
    rows: list[Segment] = []
    day = ORIGIN + timedelta(days=draw(st.integers(0, 120)))
    for _ in range(draw(st.integers(0, 4))):
        length = draw(st.one_of(st.integers(1, 40), st.integers(250, 450)))
        end: date | None = day + timedelta(days=length - 1)
        if draw(st.integers(0, 5)) == 0:
            end = None  # open: must be the person's last segment
        group = draw(st.sampled_from(GROUPS))
        rows.append((person, draw(st.sampled_from((101, 157))), group, day, end))
        if end is None:
            break
        day = end + timedelta(days=1 + draw(st.sampled_from((0, 0, 1, 10, 60))))
    return rows


@st.composite
def activation(draw: st.DrawFn, person: str) -> Activation:
    start = ORIGIN + timedelta(days=draw(st.integers(0, 540)))
    length = draw(st.integers(1, 300))
    end = None if draw(st.integers(0, 5)) == 0 else start + timedelta(days=length - 1)
    hours = draw(st.sampled_from((None, 10.0, 18.5, 37.0, 50.0)))
    return (person, draw(st.sampled_from(OFFERS)), start, end, hours)


@st.composite
def population(draw: st.DrawFn) -> tuple[list[Segment], list[Activation], Month, Month]:
    segments: list[Segment] = []
    activations: list[Activation] = []
    for person in ("a", "b", "c")[: draw(st.integers(1, 3))]:
        segments += draw(person_segments(person))
        activations += draw(st.lists(activation(person), max_size=4))
    first = Month(2020, 9).shift(draw(st.integers(0, 8)))
    return segments, activations, first, first.shift(draw(st.integers(0, 3)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(population())
def test_engine_agrees_with_day_by_day_reference(
    data: tuple[list[Segment], list[Activation], Month, Month],
) -> None:
    segments, activations, first, last = data
    expected = brute_force(segments, activations, first, last)
    assert figures(segments, activations, first, last) == pytest.approx(expected, abs=1e-9)
