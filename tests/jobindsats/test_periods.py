"""jobindsats period codes by rule: months, quarters, half years, years, rolling years."""

from __future__ import annotations

import pytest

from jobtal.jobindsats.periods import parse


@pytest.mark.parametrize(
    ("code", "kind", "first", "last"),
    [
        ("2022M12", "month", "2022M12", "2022M12"),
        ("2022Q04", "quarter", "2022M10", "2022M12"),
        ("2022Q1", "quarter", "2022M01", "2022M03"),
        ("2022H02", "half_year", "2022M07", "2022M12"),
        ("2022Y01", "year", "2022M01", "2022M12"),
        # The real reply of Y30R21: the 12 months ending with the second quarter of 2020.
        ("2020QMAT02", "rolling_year", "2019M07", "2020M06"),
        ("2022QMAT04", "rolling_year", "2022M01", "2022M12"),
        ("2021MMAT03", "rolling_year", "2020M04", "2021M03"),
        ("2022QÅTD03", "year_to_date", "2022M01", "2022M09"),
        ("2022MYTD05", "year_to_date", "2022M01", "2022M05"),
    ],
)
def test_codes_follow_the_rule(code: str, kind: str, first: str, last: str) -> None:
    period = parse(code)
    assert (period.kind, period.first.code, period.last.code) == (kind, first, last)


def test_rolling_year_has_twelve_months() -> None:
    assert len(parse("2020QMAT02").months()) == 12


@pytest.mark.parametrize("code", ["2022M13", "2022Q05", "2022Y02", "2022H03", "2022X01", "22M01"])
def test_codes_outside_the_rule_are_refused_in_danish(code: str) -> None:
    with pytest.raises(ValueError, match="ukendt periodekode"):
        parse(code)
