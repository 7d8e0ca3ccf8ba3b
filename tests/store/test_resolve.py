"""Overlap resolution (DOMAIN.md, definition 1), against hand-computed segments and overlaps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jobtal.errors import InputError
from jobtal.store import schema
from jobtal.store.resolve import rebuild_segments, resolve_priority

D = date.fromisoformat
Spell = tuple[str, int, str, str, str, str | None]


def resolve(
    db: Path, spells: list[Spell], priority: list[str] | None = None
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], int]:
    """Store the spells, rebuild, and return (segments, overlaps, count) sorted by start."""
    con = schema.connect(db)
    try:
        con.executemany("INSERT INTO benefit_spells VALUES (?, ?, ?, ?, ?, ?)", spells)
        count = rebuild_segments(con, priority)
        segments = con.execute(
            "SELECT target_group, municipality, start_date, end_date FROM benefit_segments "
            "ORDER BY start_date, target_group"
        ).fetchall()
        overlaps = con.execute(
            "SELECT start_date, end_date, kept_benefit, dropped_benefit FROM benefit_overlaps "
            "ORDER BY start_date, kept_benefit, dropped_benefit"
        ).fetchall()
        return segments, overlaps, count
    finally:
        con.close()


def test_sickness_benefit_keeps_march_and_dagpenge_gets_april(db: Path) -> None:
    segments, overlaps, count = resolve(
        db,
        [
            ("p", 157, "sygedagpenge", "", "2022-01-01", "2022-03-31"),
            ("p", 157, "dagpenge", "", "2022-03-01", "2022-04-30"),
        ],
    )
    assert segments == [
        ("sygedagpenge", 157, D("2022-01-01"), D("2022-03-31")),
        ("dagpenge", 157, D("2022-04-01"), D("2022-04-30")),
    ]
    assert overlaps == [(D("2022-03-01"), D("2022-03-31"), "sygedagpenge", "dagpenge")]
    assert count == 1


def test_a_given_priority_reverses_the_outcome(db: Path) -> None:
    segments, overlaps, _ = resolve(
        db,
        [
            ("p", 157, "sygedagpenge", "", "2022-01-01", "2022-03-31"),
            ("p", 157, "dagpenge", "", "2022-03-01", "2022-04-30"),
        ],
        priority=["dagpenge"],
    )
    assert segments == [
        ("sygedagpenge", 157, D("2022-01-01"), D("2022-02-28")),
        ("dagpenge", 157, D("2022-03-01"), D("2022-04-30")),
    ]
    assert overlaps == [(D("2022-03-01"), D("2022-03-31"), "dagpenge", "sygedagpenge")]


def test_priority_from_the_setting(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBTAL_BENEFIT_PRIORITY", "dagpenge, kontanthjaelp")
    assert resolve_priority(None)[:3] == ("dagpenge", "kontanthjaelp", "foertidspension")
    _, overlaps, _ = resolve(
        db,
        [
            ("p", 157, "sygedagpenge", "", "2022-01-01", "2022-03-31"),
            ("p", 157, "dagpenge", "", "2022-03-01", "2022-04-30"),
        ],
    )
    assert overlaps == [(D("2022-03-01"), D("2022-03-31"), "dagpenge", "sygedagpenge")]


def test_unknown_benefit_in_priority_is_an_input_error() -> None:
    with pytest.raises(InputError, match="ukendte ydelseskoder i prioriteten: dagpege"):
        resolve_priority(["dagpege"])


def test_open_spells_stay_open(db: Path) -> None:
    segments, overlaps, _ = resolve(
        db,
        [
            ("p", 101, "kontanthjaelp", "jobparat", "2022-01-01", None),
            ("p", 101, "sygedagpenge", "", "2022-06-01", "2022-06-30"),
            ("q", 101, "kontanthjaelp", "aktivitetsparat", "2022-01-01", None),
            ("q", 101, "sygedagpenge", "", "2022-03-01", None),
        ],
    )
    assert segments == [
        ("kh_aktivitetsparat", 101, D("2022-01-01"), D("2022-02-28")),
        ("kh_jobparat", 101, D("2022-01-01"), D("2022-05-31")),
        ("sygedagpenge", 101, D("2022-03-01"), None),
        ("sygedagpenge", 101, D("2022-06-01"), D("2022-06-30")),
        ("kh_jobparat", 101, D("2022-07-01"), None),
    ]
    assert overlaps == [
        (D("2022-03-01"), None, "sygedagpenge", "kontanthjaelp"),
        (D("2022-06-01"), D("2022-06-30"), "sygedagpenge", "kontanthjaelp"),
    ]


def test_same_benefit_tie_goes_to_the_category_order(db: Path) -> None:
    segments, overlaps, _ = resolve(
        db,
        [
            ("p", 157, "kontanthjaelp", "aktivitetsparat", "2022-01-01", "2022-03-31"),
            ("p", 157, "kontanthjaelp", "jobparat", "2022-02-01", "2022-02-28"),
        ],
    )
    assert segments == [
        ("kh_aktivitetsparat", 157, D("2022-01-01"), D("2022-01-31")),
        ("kh_jobparat", 157, D("2022-02-01"), D("2022-02-28")),
        ("kh_aktivitetsparat", 157, D("2022-03-01"), D("2022-03-31")),
    ]
    assert overlaps == [(D("2022-02-01"), D("2022-02-28"), "kontanthjaelp", "kontanthjaelp")]


def test_same_benefit_and_category_tie_goes_to_the_earlier_start(db: Path) -> None:
    segments, overlaps, _ = resolve(
        db,
        [
            ("p", 157, "dagpenge", "", "2022-01-01", "2022-02-28"),
            ("p", 101, "dagpenge", "", "2022-02-01", "2022-03-31"),
        ],
    )
    assert segments == [
        ("dagpenge", 157, D("2022-01-01"), D("2022-02-28")),
        ("dagpenge", 101, D("2022-03-01"), D("2022-03-31")),
    ]
    assert overlaps == [(D("2022-02-01"), D("2022-02-28"), "dagpenge", "dagpenge")]


def test_three_spells_and_touching_spells(db: Path) -> None:
    segments, overlaps, _ = resolve(
        db,
        [
            ("p", 157, "sygedagpenge", "", "2022-01-01", "2022-03-31"),
            ("p", 157, "dagpenge", "", "2022-03-01", "2022-04-30"),
            ("p", 157, "foertidspension", "", "2022-03-01", "2022-03-10"),
            # touches the dagpenge spell: one segment, no overlap
            ("p", 157, "dagpenge", "jobparat", "2022-05-01", "2022-05-31"),
        ],
    )
    assert segments == [
        ("sygedagpenge", 157, D("2022-01-01"), D("2022-02-28")),
        ("foertidspension", 157, D("2022-03-01"), D("2022-03-10")),
        ("sygedagpenge", 157, D("2022-03-11"), D("2022-03-31")),
        ("dagpenge", 157, D("2022-04-01"), D("2022-05-31")),
    ]
    assert overlaps == [
        (D("2022-03-01"), D("2022-03-10"), "foertidspension", "dagpenge"),
        (D("2022-03-01"), D("2022-03-10"), "foertidspension", "sygedagpenge"),
        (D("2022-03-11"), D("2022-03-31"), "sygedagpenge", "dagpenge"),
    ]


def test_rebuild_replaces_earlier_segments(db: Path) -> None:
    resolve(db, [("p", 157, "dagpenge", "", "2022-01-01", "2022-01-31")])
    segments, _, _ = resolve(db, [("p", 157, "sygedagpenge", "", "2022-01-01", "2022-01-31")])
    assert segments == [("sygedagpenge", 157, D("2022-01-01"), D("2022-01-31"))]
