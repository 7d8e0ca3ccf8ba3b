"""The transcribed report tables, statements and relations load, and match the seed by hand."""

from __future__ import annotations

import pytest

from jobtal.published import tables

NAME = "gentofte-2023-02"


def cell(table: str, row: str, column: str) -> tables.ReportCell:
    """The one transcribed cell at table/row/column."""
    (found,) = [
        c for c in tables.report_table(NAME, table) if c["row"] == row and c["column"] == column
    ]
    return found


def test_every_table_of_the_report_is_transcribed() -> None:
    names = tables.table_names(NAME)
    assert [f"tabel {n}" for n in range(1, 14)] == [n for n in names if n.startswith("tabel ")]
    for other in (
        "økonomisk status service",
        "økonomisk status overførsler",
        "afvigelsesforklaring service",
        "afvigelsesforklaring overførsler",
        "budgetændringer",
    ):
        assert other in names


def test_loaders_read_every_file() -> None:
    cells = tables.report_tables(NAME)
    assert len(cells) == 228
    assert all(c["unit"] in tables.UNITS and (c["page"] or 0) >= 1 for c in cells)
    assert len({(c["table"], c["row"], c["column"]) for c in cells}) == len(cells)
    assert len(tables.statements(NAME)) == 87
    assert len(tables.relations(NAME)) == 85


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "decimals", "page"),
    [
        ("tabel 4", "Heraf afsluttede rekrutteringsanmodninger", "2022", 230, 0, 7),
        ("tabel 4", "Heraf fortsat åbne rekrutteringsanmodninger", "2020", None, 0, 7),
        ("tabel 4", "Jobcentret rekrutterede til ordinær job", "2022 andel", 47, 0, 7),
        ("tabel 12", "Øvrige målgrupper", "2022 Antal årsværk", 40.2, 1, 13),
        (
            "tabel 1",
            "Januar 2017",
            "Andel af borgere med reduktion i kontanthjælpsloft",
            20.0,
            1,
            5,
        ),
        (
            "tabel 1",
            "Udvikling i pct.",
            "Antal borgere omfattet af kontanthjælpsloftet i alt",
            -61,
            0,
            5,
        ),
        ("tabel 2", "Gentofte", "2021", 361, 0, 6),
        ("tabel 2", "Gentoftes landsandel", "2022", 1.48, 2, 6),
        ("tabel 6", "Afsluttede forløb i perioden", "Rullende år 4kv21-3kv22", 2131, 0, 8),
        ("tabel 11", "Andel med ordinære løntimer", "år-til-dato* 2022", 11.5, 1, 11),
        ("tabel 13", "Målgrupper i alt", "Udvikling i kr. og pct. Kr. pr. FTP", -5647, 0, 13),
        ("økonomisk status overførsler", "Overførselsudgifter 2050", "Forbrug", 474.2, 1, 1),
        ("afvigelsesforklaring overførsler", "Heraf: Øvrige", "i mio. kr.", -3.4, 1, 2),
        ("budgetændringer", "Forventet regnskab", "Beløb", 530.1, 1, 1),
    ],
)
def test_cells_checked_by_hand_against_the_seed(
    table: str, row: str, column: str, value: float | None, decimals: int, page: int
) -> None:
    found = cell(table, row, column)
    assert (found["value"], found["decimals"], found["page"]) == (value, decimals, page)


def test_budget_changes_parse_the_printed_rows() -> None:
    changes = tables.budget_changes(NAME)
    appropriations = [c for c in changes if c["section"] == "Budgetudvikling"]
    variances = [c for c in changes if c["section"] == "Forventede afvigelser"]
    assert (len(appropriations), len(variances)) == (8, 7)
    assert appropriations[-1]["topic"] == "Færre borgere i arbejdsmarkedsforanstaltninger"
    assert appropriations[-1]["amount"] == -14.6
    assert str(variances[0]["date"]) == "2022-11-30"
    assert variances[0]["expense_type"] == "Service"
    assert round(sum(c["amount"] for c in variances), 1) == -30.3


def test_statements_are_signed_and_keep_their_rounding() -> None:
    by_quote = {s["quote"]: s for s in tables.statements(NAME)}
    fall = by_quote["svarende til et fald på 2,0 pct."]
    assert (fall["value"], fall["decimals"], fall["unit"]) == (-2.0, 1, "pct")
    assert by_quote["og 184 personer i virksomhedspraktik"]["refers_to"] is None


def test_unknown_names_raise_a_danish_key_error() -> None:
    with pytest.raises(KeyError, match="ukendt tabel"):
        tables.report_table(NAME, "tabel 14")
    with pytest.raises(KeyError, match="ukendt publiceret rapport"):
        tables.statements("gentofte-1999-01")


def test_decimals_are_read_from_the_printed_text() -> None:
    assert [tables.decimals_of(t) for t in ("20.0", "-61", "1.48", "0")] == [1, 0, 2, 0]
