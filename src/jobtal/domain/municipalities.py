"""The 98 Danish municipalities with their codes, jobindsats names, regions and RAR areas."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

WHOLE_COUNTRY = "Hele landet"


@dataclass(frozen=True)
class Municipality:
    code: int
    name: str
    region: str
    rar: str


@cache
def all_municipalities() -> tuple[Municipality, ...]:
    """All municipalities, in the order of their codes (from the packaged reference list)."""
    text = resources.files("jobtal.data").joinpath("municipalities.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter=";")
    found = [
        Municipality(
            code=int(row["kommunekode"]),
            name=row["jobindsats_area_navn"],
            region=row["region"],
            rar=row["RAR_2015_2024"],
        )
        for row in rows
    ]
    return tuple(sorted(found, key=lambda m: m.code))


def by_code(code: int) -> Municipality:
    """The municipality with this code; KeyError with a Danish message if there is none."""
    for municipality in all_municipalities():
        if municipality.code == code:
            return municipality
    raise KeyError(f"ukendt kommunekode: {code}")


def by_name(name: str) -> Municipality:
    """The municipality with this jobindsats area name (case-insensitive)."""
    wanted = name.strip().casefold()
    for municipality in all_municipalities():
        if municipality.name.casefold() == wanted:
            return municipality
    raise KeyError(f"ukendt kommune: {name!r}")


def codes() -> frozenset[int]:
    return frozenset(m.code for m in all_municipalities())
