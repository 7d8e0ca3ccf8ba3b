"""The report's tables from person-level data (`person_tables`) on a store written by hand:
the labels of 2022Q4 are exactly the published ones, and the figures are those worked out
by hand in the comments."""

from __future__ import annotations

import doctest
from datetime import date
from pathlib import Path

import pytest

import jobtal.report.tables_persons
from jobtal.domain.periods import Month, quarter
from jobtal.errors import InputError
from jobtal.measures.monthly import compute_monthly
from jobtal.published.tables import report_table
from jobtal.report.model import ReportTable
from jobtal.report.persons_inputs import load_inputs
from jobtal.report.published_report import published_tables
from jobtal.report.tables_persons import person_tables
from jobtal.store.schema import connect

PUBLISHED = "gentofte-2023-02"
GENTOFTE = 157
MINE = ("tabel 2", "tabel 5", "tabel 6", "tabel 7", "tabel 8", "tabel 9", "tabel 11", "tabel 12")


def d(text: str) -> date:
    return date.fromisoformat(text)


def make_store(path: Path, rows: dict[str, list[tuple]]) -> Path:
    """A store at `path` with `rows` inserted per table with SQL."""
    con = connect(path)
    try:
        for table, values in rows.items():
            for row in values:
                con.execute(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in row)})", row)
    finally:
        con.close()
    return path


def _seg(person: str, group: str, start: str) -> tuple:
    return (person, GENTOFTE, group, d(start), None)


def _rows() -> dict[str, list[tuple]]:
    """a: dagpenge since 2018 (long-term from 19 October 2018); b: uddannelseshjælp, c:
    jobparat S&H, e: aktivitetsparat kontanthjælp, all three since 2019. Upskilling starts
    in February 2019 and (the last) April 2021; wage data up to October 2022."""
    return {
        "benefit_segments": [
            _seg("a", "dagpenge", "2018-01-01"),
            _seg("b", "uddh_uddannelsesparat", "2019-01-01"),
            _seg("c", "shy_jobparat", "2019-01-01"),
            _seg("e", "kh_aktivitetsparat", "2019-01-01"),
        ],
        "activation_spells": [
            ("a", "opkvalificering", d("2019-02-01"), d("2019-02-28"), None, None),
            ("a", "opkvalificering", d("2021-04-15"), d("2021-05-15"), None, None),
        ],
        "wage_months": [
            ("b", d("2022-10-01"), 20.0),
            ("c", d("2019-03-01"), 20.0),
            ("e", d("2021-05-01"), 20.0),
        ],
        "cases": [
            ("a", GENTOFTE, "T2", d("2018-01-01"), None),
            ("e", GENTOFTE, "T1", d("2019-06-01"), None),
        ],
        "staffing": [
            (GENTOFTE, "2018Q4", "T1", "oevrige", 2.0),
            (GENTOFTE, "2018Q4", "T2", "ledighedsrelateret", 1.0),
            (GENTOFTE, "2022Q4", "T1", "oevrige", 4.0),
            (GENTOFTE, "2022Q4", "T2", "ledighedsrelateret", 2.0),
        ],
    }


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ReportTable]:
    store = make_store(tmp_path_factory.mktemp("persons") / "s.duckdb", _rows())
    return {t.name: t for t in person_tables(store, GENTOFTE, quarter(2022, 4))}


def _value(table: ReportTable, row: str, column: str) -> float | None:
    return table.value(row, column)


@pytest.mark.parametrize("name", MINE)
def test_labels_units_and_decimals_are_the_published_ones(
    tables: dict[str, ReportTable], name: str
) -> None:
    published = report_table(PUBLISHED, name)
    mine = tables[name]
    assert mine.rows == tuple(dict.fromkeys(c["row"] for c in published))
    assert mine.columns == tuple(dict.fromkeys(c["column"] for c in published))
    printed = {(c["row"], c["column"]): c for c in published if c["value"] is not None}
    assert {(c.row, c.column) for c in mine.cells} == set(printed)
    for cell in mine.cells:
        shown = printed[(cell.row, cell.column)]
        assert (cell.unit, cell.decimals) == (shown["unit"], shown["decimals"]), cell


@pytest.mark.parametrize("name", [*MINE, "figur 1", "figur 4", "figur 5"])
def test_captions_sources_notes_as_the_published_report(
    tables: dict[str, ReportTable], name: str
) -> None:
    published = {t.name: t for t in published_tables(PUBLISHED)}[name]
    mine = tables[name]
    assert (mine.title, mine.source, mine.row_header) == (
        published.title,
        published.source,
        published.row_header,
    )
    if name.startswith("tabel"):
        # The months of the year to date come from the data: upskilling starts to April
        # 2021, wages to October 2022, as in the seed.
        assert mine.notes == published.notes


def test_notes_follow_the_data(tmp_path: Path) -> None:
    rows = _rows()
    rows["wage_months"] = [("b", d("2022-03-01"), 5.0)]
    rows["activation_spells"] = [("a", "ordinaer_uddannelse", d("2022-06-30"), None, None, None)]
    store = make_store(tmp_path / "s.duckdb", rows)
    found = {x.name: x for x in person_tables(store, GENTOFTE, quarter(2022, 4))}
    assert found["tabel 9"].notes == ("* År-til-dato er for januar-marts måned.",)
    assert found["tabel 9"].columns[-1] == "år-til-dato* 2022"
    assert found["tabel 5"].notes == (
        "* År-til-dato er for perioden januar-juni i hhv. 2019, 2020, 2021 og 2022",
    )
    assert found["tabel 5"].columns[:3] == (
        "Årsgns. (hele året) 2019",
        "Årsgns. (hele året) 2020",
        "Årsgns. (hele året) 2021",
    )


def test_table_2_long_term_on_dagpenge_and_national_share(tables: dict[str, ReportTable]) -> None:
    t = tables["tabel 2"]
    # a is long-term unemployed every day of 2020–2022, and the store's only municipality.
    for column in ("2020", "2021", "2022"):
        assert _value(t, "Gentofte", column) == pytest.approx(1.0)
        assert _value(t, "Hele landet", column) == pytest.approx(1.0)
        assert _value(t, "RAR hovedstaden", column) == pytest.approx(1.0)
        assert _value(t, "Gentoftes landsandel", column) == pytest.approx(100.0)
    assert _value(t, "Gentofte", "2021/2022") == pytest.approx(0.0)


def test_table_5_upskilling(tables: dict[str, ReportTable]) -> None:
    t = tables["tabel 5"]
    count = "Gns. antal personer, der månedligt har påbegyndt et opkvalificeringsforløb"
    share = "Gns. andel personer, der månedligt har påbegyndt et opkvalificeringsforløb"
    # One start in 2019 over 12 months; over January–April 1/4. The groups (a on dagpenge,
    # b on uddannelseshjælp, e on kontanthjælp) are 3 full-time persons every month.
    assert _value(t, count, "Årsgns. (hele året) 2019") == pytest.approx(1 / 12)
    assert _value(t, count, "Årsgns. (hele året) 2020") == 0.0
    assert _value(t, count, "Årsgns. (år-til-dato)* 2021") == pytest.approx(0.25)
    assert _value(t, share, "Årsgns. (hele året) 2019") == pytest.approx(1 / 12 / 3 * 100)
    assert _value(t, share, "Årsgns. (år-til-dato)* 2019") == pytest.approx(0.25 / 3 * 100)


def test_tables_6_7_8_9_11(tables: dict[str, ReportTable]) -> None:
    rolling = "Rullende år 4kv21-3kv22"
    # No unemployment course has ended (a's is open): 0 courses, share undefined.
    assert _value(tables["tabel 6"], "Afsluttede forløb i perioden", rolling) == 0.0
    assert _value(tables["tabel 6"], "Andel i pct.", rolling) is None
    count, share = "Antal personer med ordinære løntimer", "Andel med ordinære løntimer"
    # b: wages in October 2022 only.
    assert _value(tables["tabel 7"], count, "hele året 2021") == 0.0
    assert _value(tables["tabel 7"], share, "år-til-dato 2022") == pytest.approx(100.0)
    # c: wages in March 2019; e: wages in May 2021.
    assert _value(tables["tabel 9"], count, "hele året 2019") == 1.0
    assert _value(tables["tabel 9"], count, "år-til-dato* 2019") == 1.0
    assert _value(tables["tabel 9"], count, "år-til-dato* 2020") == 0.0
    assert _value(tables["tabel 11"], count, "år-til-dato* 2021") == 1.0
    # b, the one young person, has no company-directed offer.
    assert _value(tables["tabel 8"], "Andel personer i løntilskud og praktik", "2022") == 0.0


def test_table_12_cases_per_staff_year(tables: dict[str, ReportTable]) -> None:
    t = tables["tabel 12"]
    related, other, total = t.rows
    # 2018Q4: a's case (team T2, ledighedsrelateret) all quarter; e's starts in 2019.
    assert _value(t, related, "2018 Gns. antal sager (4 kvt.)") == pytest.approx(1.0)
    assert _value(t, related, "2018 Gns. antal sager pr. årsværk") == pytest.approx(1.0)
    assert _value(t, other, "2018 Gns. antal sager pr. årsværk") == 0.0
    # 2022Q4: one case each; 2 and 4 staff-years.
    assert _value(t, related, "2022 Gns. antal sager pr. årsværk") == pytest.approx(0.5)
    assert _value(t, other, "2022 Gns. antal sager pr. årsværk") == pytest.approx(0.25)
    change = "Udvikling i pct. Gns. antal sager pr. årsværk 2018-2022"
    assert _value(t, related, change) == pytest.approx(-50.0)
    assert _value(t, other, change) is None  # from 0
    assert _value(t, total, "2022 Antal årsværk") == pytest.approx(6.0)
    assert _value(t, total, change) == pytest.approx(0.0)  # 1/3 both years


def test_figure_5_weeks_since_case_start(tables: dict[str, ReportTable]) -> None:
    t = tables["figur 5"]
    assert t.columns[0] == "2020Q1" and t.columns[-1] == "2022Q3"
    assert len(t.columns) == 11
    # e, aktivitetsparat, case from 1 June 2019: 305 days to 31 March 2020.
    assert _value(t, "Gns. varighed (uger)", "2020Q1") == pytest.approx(305 / 7)
    assert _value(t, "Antal personer", "2022Q3") == 1.0


def test_charts(tables: dict[str, ReportTable]) -> None:
    assert tables["figur 1"].columns == ("2020", "2021", "2022")
    assert _value(tables["figur 1"], "Forsikrede ledige", "2022") == pytest.approx(1.0)
    assert _value(tables["figur 1"], "Sygedagpenge", "2022") == 0.0
    assert "I alt" not in tables["figur 1"].rows
    months = [Month(2020, 1).shift(i).code for i in range(36)]
    assert list(tables["figur 4"].columns) == months
    # c (jobparat S&H since 2019) is long-term from 19 October 2019: every day of 2020.
    assert _value(tables["figur 4"], "Kontanthjælp og S&H-ydelse", "2020M01") == pytest.approx(1)
    assert _value(tables["figur 4"], "I alt", "2022M12") == pytest.approx(2.0)
    assert _value(tables["figur 2"], "Dagpengemodtagere", "2022M12") == 0.0


def test_national_and_regional_figures_from_area_series(tmp_path: Path) -> None:
    rows = _rows()
    months = [Month(2020, 1).shift(i).first_day for i in range(36)]
    rows["area_series"] = [
        (area, "long_term", "langtid.dagpenge", month, "ftp", value, "jobindsats:test")
        for area, value in (("Hele landet", 200.0), ("RAR Hovedstaden", 50.0))
        for month in months
    ]
    store = make_store(tmp_path / "s.duckdb", rows)
    t = {x.name: x for x in person_tables(store, GENTOFTE, quarter(2022, 4))}["tabel 2"]
    assert _value(t, "Hele landet", "2021") == pytest.approx(200.0)
    assert _value(t, "RAR hovedstaden", "2022") == pytest.approx(50.0)
    assert _value(t, "Gentoftes landsandel", "2022") == pytest.approx(0.5)


def test_another_quarter_shifts_the_years(tmp_path: Path) -> None:
    # Report for 2022Q2: the quarter before is 2022Q1; table 12 compares with 2. kvt.
    store = make_store(tmp_path / "s.duckdb", _rows())
    found = {x.name: x for x in person_tables(store, GENTOFTE, quarter(2022, 2))}
    assert found["tabel 6"].columns[-1] == "Rullende år 2kv21-1kv22"
    assert "2022 Gns. antal sager (2. kvt.)" in found["tabel 12"].columns
    assert found["figur 5"].columns[-1] == "2022Q1"
    assert found["figur 4"].columns[-1] == "2022M06"


def test_a_municipality_without_persons_has_no_tables(tmp_path: Path) -> None:
    store = make_store(tmp_path / "s.duckdb", _rows())
    assert person_tables(store, 101, quarter(2022, 4)) == ()
    with pytest.raises(InputError, match="ingen persondata for København"):
        load_inputs(store, 101, quarter(2022, 4))


def test_no_store_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="databasen findes ikke"):
        person_tables(tmp_path / "none.duckdb", GENTOFTE, quarter(2022, 4))


def test_docstring_examples() -> None:
    failures, attempted = doctest.testmod(jobtal.report.tables_persons)
    assert attempted > 0
    assert failures == 0


def test_wage_data_only_before_the_years_shown_counts_as_none(tmp_path: Path) -> None:
    # Wages only in 2015: no wage data in 2019–2022, so L is the end of the quarter and
    # every count is 0 (whole years 2019–2021, year to date January–December).
    rows = _rows()
    rows["wage_months"] = [("b", d("2015-03-01"), 5.0)]
    store = make_store(tmp_path / "s.duckdb", rows)
    t = {x.name: x for x in person_tables(store, GENTOFTE, quarter(2022, 4))}["tabel 7"]
    assert t.columns[-1] == "år-til-dato 2022"
    assert t.notes == ("År-til-dato er for januar-december måned.",)
    assert {c.value for c in t.cells if c.row == "Antal personer med ordinære løntimer"} == {0.0}


def test_national_figures_are_computed_once_per_unchanged_store(tmp_path: Path) -> None:
    # Table 2 and the appendix ask `compute_monthly` for the same months: the second call
    # returns a copy of the first result, and a changed store is computed again.
    store = make_store(tmp_path / "s.duckdb", _rows())
    first, last = Month(2020, 1), Month(2022, 12)
    once = compute_monthly(store, first, last)
    once.loc[:, "value"] = -1.0  # a caller's change does not reach the next caller
    again = compute_monthly(store, first, last)
    assert (again["value"] > 0).all()
    make_store(store, {"benefit_segments": [_seg("x", "sygedagpenge", "2022-01-01")]})
    changed = compute_monthly(store, first, last)
    assert "sygedagpenge" in set(changed["target_group"])
    assert "sygedagpenge" not in set(again["target_group"])
