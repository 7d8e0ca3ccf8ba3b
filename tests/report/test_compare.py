"""Computed appendix rows beside published ones."""

from __future__ import annotations

import pytest

from jobtal.published import AppendixRow
from jobtal.report.compare import compare_appendix, render_comparison


def _row(label: str, measure: str, value: float | None, year: int = 2022) -> AppendixRow:
    return AppendixRow(
        table="target_groups", label=label, parent=None, year=year, measure=measure, value=value
    )


def test_rows_are_paired_with_difference_and_agreement_as_printed() -> None:
    computed = [
        _row("Forsikrede ledige", "ftp", 649.4),
        _row("Forsikrede ledige", "change_pct", -32.46),
        _row("Kontanthjælp", "ftp", 300.0),
        _row("Sygedagpenge", "change_pct", None),
    ]
    published = [
        _row("Forsikrede ledige", "ftp", 649.0),
        _row("Forsikrede ledige", "change_pct", -32.4),
        _row("Kontanthjælp", "ftp", 321.0),
        _row("Sygedagpenge", "change_pct", None),
        _row("Seniorpension", "ftp", 103.0),
    ]
    pairs = compare_appendix(computed, published)
    assert [(p["label"], p["measure"]) for p in pairs][-1] == ("Seniorpension", "ftp")
    ftp, change, kh, syg, senior = pairs
    assert ftp["difference"] == pytest.approx(0.4)
    assert ftp["agrees"] is True
    assert change["agrees"] is False  # -32,5 % printed against -32,4 %
    assert kh["difference"] == -21.0
    assert kh["agrees"] is False
    assert syg["agrees"] is True and syg["difference"] is None
    assert senior["computed"] is None and senior["agrees"] is None


def test_rendered_comparison_marks_differences() -> None:
    pairs = compare_appendix(
        [_row("Kontanthjælp", "ftp", 300.0)], [_row("Kontanthjælp", "ftp", 321.0)]
    )
    text = render_comparison(pairs)
    line = next(line for line in text.splitlines() if "Kontanthjælp" in line)
    assert line.split()[-4:] == ["300", "321", "-21,0", "≠"]
    assert "0 af 1 tal stemmer overens" in text
    assert "Kontanthjælp" not in render_comparison(
        compare_appendix(
            [_row("Kontanthjælp", "ftp", 321.2)], [_row("Kontanthjælp", "ftp", 321.0)]
        ),
        only_differences=True,
    )
