import doctest

import pytest

import jobtal.domain.periods
import jobtal.domain.target_groups
import jobtal.formatting
from jobtal import formatting


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1097, 0, "1.097"),
        (4085.4, 0, "4.085"),
        (-5.649, 1, "-5,6"),
        (560.449, 1, "560,4"),
        (2.45, 1, "2,5"),  # half away from zero, not to even
        (-0.04, 1, "0,0"),  # never a negative zero
        (1234567.891, 2, "1.234.567,89"),
        (None, 0, "."),
    ],
)
def test_number(value: float | None, decimals: int, expected: str) -> None:
    assert formatting.number(value, decimals) == expected


def test_percent_has_a_no_break_space() -> None:
    assert formatting.percent(32.44) == "32,4\u00a0%"
    assert formatting.percent(1.0549, 2) == "1,05\u00a0%"


@pytest.mark.parametrize(
    "module", [jobtal.formatting, jobtal.domain.periods, jobtal.domain.target_groups]
)
def test_docstring_examples(module: object) -> None:
    failures, _ = doctest.testmod(module)  # type: ignore[arg-type]
    assert failures == 0
