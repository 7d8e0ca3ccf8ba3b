import pytest

from jobtal.domain import municipalities


def test_98_municipalities_with_unique_codes_and_names() -> None:
    all_ = municipalities.all_municipalities()
    assert len(all_) == 98
    assert len({m.name for m in all_}) == 98


def test_gentofte() -> None:
    gentofte = municipalities.by_code(157)
    assert gentofte.name == "Gentofte"
    assert gentofte.rar == "RAR Hovedstaden"
    assert municipalities.by_name("gentofte") == gentofte


def test_rar_hovedstaden_is_the_capital_region_without_bornholm() -> None:
    capital = [m for m in municipalities.all_municipalities() if m.region == "Region Hovedstaden"]
    rar = [m for m in municipalities.all_municipalities() if m.rar == "RAR Hovedstaden"]
    assert len(capital) == 29
    assert {m.name for m in capital} - {m.name for m in rar} == {"Bornholm"}


def test_unknown_code() -> None:
    with pytest.raises(KeyError):
        municipalities.by_code(999)
