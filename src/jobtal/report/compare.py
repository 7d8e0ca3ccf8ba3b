"""Computed appendix rows beside the rows of a published appendix (`jobtal demo`).

Rows are matched on (table, label, parent, year, measure). Published values are rounded as
printed, so a computed value *agrees* when it prints the same (`format_value`), and the
difference is shown beside it for the reader to judge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from jobtal import formatting
from jobtal.domain.target_groups import MEASURE_DECIMALS
from jobtal.published import AppendixRow
from jobtal.report.appendix_output import format_value

Key = tuple[str, str, str | None, int, str]


class ComparisonRow(TypedDict):
    table: str
    label: str
    parent: str | None
    year: int
    measure: str
    computed: float | None
    published: float | None
    difference: float | None  # computed − published; None unless both are defined
    agrees: bool | None  # both print the same; None when one side lacks the row


def _key(row: AppendixRow) -> Key:
    return (row["table"], row["label"], row["parent"], row["year"], row["measure"])


def _agrees(measure: str, computed: float | None, published: float | None) -> bool:
    return format_value(measure, computed) == format_value(measure, published)


def compare_appendix(
    computed: Sequence[AppendixRow], published: Sequence[AppendixRow]
) -> list[ComparisonRow]:
    """Every row of either side once: computed rows in their order, then rows only published."""
    by_key = {_key(r): r for r in published}
    seen: set[Key] = set()
    out: list[ComparisonRow] = []
    for row in computed:
        key = _key(row)
        seen.add(key)
        other = by_key.get(key)
        out.append(_pair(key, row["value"], other["value"] if other else None, other is not None))
    for key, other in by_key.items():
        if key not in seen:
            out.append(_pair(key, None, other["value"], present=False))
    return out


def _pair(
    key: Key, computed: float | None, published: float | None, present: bool
) -> ComparisonRow:
    table, label, parent, year, measure = key
    difference = computed - published if computed is not None and published is not None else None
    return ComparisonRow(
        table=table,
        label=label,
        parent=parent,
        year=year,
        measure=measure,
        computed=computed,
        published=published,
        difference=difference,
        agrees=_agrees(measure, computed, published) if present else None,
    )


def _show(row: ComparisonRow) -> list[str]:
    label = row["label"] if row["parent"] is None else f"{row['parent']} › {row['label']}"
    decimals = max(MEASURE_DECIMALS[row["measure"]], 1)
    mark = {True: "", False: "≠", None: "mangler"}[row["agrees"]]
    return [
        row["table"],
        label,
        str(row["year"]),
        row["measure"],
        format_value(row["measure"], row["computed"]),
        format_value(row["measure"], row["published"]),
        formatting.number(row["difference"], decimals),
        mark,
    ]


HEADINGS = ("Tabel", "Række", "År", "Mål", "Beregnet", "Publiceret", "Forskel", "")


def render_comparison(rows: Sequence[ComparisonRow], only_differences: bool = False) -> str:
    """The comparison as aligned text; with `only_differences`, only rows that do not agree."""
    shown = [r for r in rows if not (only_differences and r["agrees"])]
    lines = [list(HEADINGS)] + [_show(r) for r in shown]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADINGS))]
    right = {4, 5, 6}  # numbers are right-aligned
    text = [
        "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    ]
    agreeing = sum(1 for r in rows if r["agrees"])
    text.append(
        f"\n{agreeing} af {len(rows)} tal stemmer overens med det publicerede (afrundet som trykt)."
    )
    return "\n".join(text) + "\n"
