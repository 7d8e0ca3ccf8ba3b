"""The report's tables from records and aggregated inputs, read from hand-written stores.

Values are computed by hand from the rows inserted below. The finance records are the
published seed's own figures (its budget lines, appropriations and variances), so that the
economic status, variance explanation and Budgetændringer computed from them must reproduce
the printed tables within rounding: an independent route to the printed figures. The labels,
units and decimals of every table for 2022Q4 must be those of the transcribed seed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from jobtal.domain.periods import quarter
from jobtal.published.tables import budget_changes, report_table
from jobtal.report.model import ReportTable
from jobtal.report.tables_records import record_tables
from jobtal.store.schema import connect

SEED = "gentofte-2023-02"
GEN, KBH = 157, 101
AREA = "Erhvervs-, Beskæftigelses- og Integrationsudvalget"
MIO = 1_000_000.0
TYPES = {"Service": "service", "Overførsler": "overfoersler"}
FINANCE_TABLES = (
    "økonomisk status service",
    "afvigelsesforklaring service",
    "økonomisk status overførsler",
    "afvigelsesforklaring overførsler",
    "budgetændringer",
)
ALL_TABLES = (
    "økonomisk status service",
    "afvigelsesforklaring service",
    "økonomisk status overførsler",
    "afvigelsesforklaring overførsler",
    "tabel 1",
    "tabel 3",
    "tabel 4",
    "tabel 10",
    "tabel 13",
    "budgetændringer",
)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def _seed_amount(table: str, row: str, column: str) -> float:
    for cell in report_table(SEED, table):
        if cell["row"] == row and cell["column"] == column:
            assert cell["value"] is not None
            return cell["value"] * MIO
    raise KeyError((table, row, column))


def _finance_rows(con: duckdb.DuckDBPyConnection) -> None:
    """The seed's finance inputs as records: budget lines and spending from the status
    tables, approved appropriations and variances from Budgetændringer."""
    status = {"service": "Serviceudgifter 1110", "overfoersler": "Overførselsudgifter 2050"}
    suffix = {"service": "service", "overfoersler": "overførsler"}
    for expense_type, row in status.items():
        table = f"økonomisk status {suffix[expense_type]}"
        account = row.rsplit(" ", 1)[1]
        original = _seed_amount(table, row, "Oprindeligt budget")
        _insert(con, "budget_lines", [(GEN, 2022, AREA, expense_type, account, original)])
        spent = _seed_amount(table, row, "Forbrug")
        _insert(
            con,
            "spending",
            [
                (GEN, date(2022, 9, 30), expense_type, spent * 0.7),  # an earlier row
                (GEN, date(2022, 12, 31), expense_type, spent),
            ],
        )
    for change in budget_changes(SEED):
        expense_type = TYPES[change["expense_type"]]
        amount = change["amount"] * MIO
        if change["change_type"] == "Tillægsbevilling":
            row = (GEN, change["date"], "tillaegsbevilling", expense_type, change["topic"])
            _insert(con, "appropriations", [(*row, amount, True)])
        else:
            row = (GEN, change["date"], expense_type, change["topic"], amount)
            _insert(con, "expected_variances", [row])
    # An older forecast, replaced by the one of 30 November, and the next year's budget
    # change: neither counts.
    _insert(
        con,
        "expected_variances",
        [(GEN, date(2022, 8, 31), "overfoersler", "Tidligere skøn", -50 * MIO)],
    )
    _insert(
        con,
        "appropriations",
        [(GEN, date(2023, 1, 15), "tillaegsbevilling", "service", "Næste år", 1 * MIO, True)],
    )


def _company_rows(con: duckdb.DuckDBPyConnection) -> None:
    # p1 is a citizen of Gentofte (fleksjob, not a unit-cost group), p2 of København.
    _insert(
        con,
        "benefit_segments",
        [
            ("p1", GEN, "fleksjob", date(2019, 1, 1), None),
            ("p2", KBH, "fleksjob", date(2019, 1, 1), None),
        ],
    )
    _insert(
        con,
        "activation_spells",
        [
            ("p1", "loentilskud", date(2019, 3, 1), date(2019, 5, 31), 37.0, "10000001"),
            # starts before 2020 and runs on: not an offer started in 2020
            ("p1", "virksomhedspraktik", date(2019, 12, 31), date(2020, 3, 1), None, "10000001"),
            # at a contacted company, but of a København citizen
            ("p2", "loentilskud", date(2021, 2, 1), date(2021, 4, 1), 37.0, "10000003"),
            ("p1", "virksomhedspraktik", date(2022, 6, 1), date(2022, 7, 1), None, "10000002"),
        ],
    )
    contacts = [
        (date(2019, 2, 1), "10000001"),
        (date(2019, 2, 2), "10000002"),
        (date(2020, 5, 1), "10000001"),
        (date(2021, 1, 5), "10000001"),
        (date(2021, 1, 6), "10000003"),
        (date(2022, 12, 31), "10000001"),  # the period's last day
        (date(2022, 3, 1), "10000002"),
        (date(2022, 3, 2), "10000002"),
        (date(2022, 4, 1), "10000003"),
        (date(2023, 1, 2), "10000004"),  # after the quarter
    ]
    _insert(
        con,
        "company_contacts",
        [
            (GEN, f"k{i}", day, cvr, "konsulent", "telefon", 1, "rekruttering")
            for i, (day, cvr) in enumerate(contacts)
        ],
    )
    _insert(
        con,
        "company_contacts",
        [(KBH, "x", date(2022, 1, 1), "10000009", "konsulent", "telefon", 1, "rekruttering")],
    )


def _request_rows(con: duckdb.DuckDBPyConnection) -> None:
    requests = [
        (date(2020, 2, 1), date(2020, 3, 1), "ordinaert_job"),
        (date(2020, 4, 1), date(2020, 12, 31), "anden"),
        (date(2021, 2, 1), date(2021, 12, 31), "egne_kanaler"),  # closed on 31 December
        (date(2021, 3, 1), date(2022, 1, 1), "ordinaert_job"),  # closed on 1 January
        (date(2021, 4, 1), None, None),
        (date(2022, 2, 1), date(2022, 5, 1), "ordinaert_job"),
        (date(2022, 3, 1), None, None),
    ]
    _insert(
        con,
        "recruitment_requests",
        [
            (GEN, f"r{i}", "10000001", created, "Job", 1, closed, reason, None)
            for i, (created, closed, reason) in enumerate(requests)
        ],
    )


def _other_rows(con: duckdb.DuckDBPyConnection) -> None:
    cap = [
        (GEN, date(2017, 1, 1), 1012, 202, 234444.0),
        (GEN, date(2022, 6, 1), 400, 50, 60000.0),
        (GEN, date(2022, 12, 1), 398, 56, 76807.0),
        (GEN, date(2023, 1, 1), 390, 40, 50000.0),
        (KBH, date(2016, 1, 1), 5000, 1000, 1.0),
    ]
    _insert(con, "cash_benefit_cap", cap)
    employment = [
        (GEN, date(y, m, 1), 500.0, float(e))
        for y, e in ((2019, 220), (2020, 230), (2021, 250))
        for m in range(1, 13)
    ]
    employment += [(GEN, date(2022, m, 1), 560.0, 317.0) for m in range(1, 12)]
    _insert(con, "integration_employment", employment)
    # Unit-cost groups: 2018 1 + 3/12 full-time persons, 2022 1 + 6/12.
    _insert(
        con,
        "benefit_segments",
        [
            ("u1", GEN, "dagpenge", date(2018, 1, 1), date(2018, 12, 31)),
            ("u2", GEN, "sygedagpenge", date(2018, 1, 1), date(2018, 3, 31)),
            ("u1", GEN, "kh_jobparat", date(2022, 1, 1), None),
            ("u3", GEN, "ledighedsydelse", date(2022, 7, 1), date(2022, 12, 31)),
            ("u4", GEN, "seniorpension", date(2018, 1, 1), None),
            ("u5", KBH, "dagpenge", date(2018, 1, 1), None),
        ],
    )
    _insert(
        con,
        "operating_costs",
        [
            (GEN, 2018, "vejledning_opkvalificering", 2_000_000.0, False),
            (GEN, 2018, "mentor", 500_000.0, False),
            (GEN, 2022, "vejledning_opkvalificering", 1_200_000.0, False),
            (GEN, 2022, "mentor", 300_000.0, True),
        ],
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("records") / "store.duckdb"
    con = connect(path)
    try:
        _finance_rows(con)
        _company_rows(con)
        _request_rows(con)
        _other_rows(con)
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def tables(store: Path) -> dict[str, ReportTable]:
    return {t.name: t for t in record_tables(store, GEN, quarter(2022, 4))}


def test_every_table_in_the_seeds_order(store: Path) -> None:
    assert [t.name for t in record_tables(store, GEN, quarter(2022, 4))] == list(ALL_TABLES)


@pytest.mark.parametrize("name", ALL_TABLES)
def test_labels_units_and_decimals_are_the_published_ones(
    tables: dict[str, ReportTable], name: str
) -> None:
    published = report_table(SEED, name)
    expected = [(c["row"], c["column"], c["unit"], c["decimals"]) for c in published]
    mine = [(c.row, c.column, c.unit, c.decimals) for c in tables[name].cells]
    assert sorted(mine) == sorted(expected)
    assert list(tables[name].rows) == list(dict.fromkeys(c["row"] for c in published))
    # Every cell's labels are among the table's declared rows and columns.
    assert {c.row for c in tables[name].cells} <= set(tables[name].rows)
    assert {c.column for c in tables[name].cells} <= set(tables[name].columns)


def test_captions_and_sources_as_printed(tables: dict[str, ReportTable]) -> None:
    assert tables["tabel 3"].title == "Tabel 3. Kontaktede virksomheder med oprettet tilbud"
    assert tables["tabel 3"].source == "Kilde: Kommunens eget ledelsesinformationssystem"
    assert tables["tabel 4"].title == "Tabel 4. Status på rekrutteringsanmodninger"
    assert tables["tabel 10"].title == (
        "Tabel 10. Flygtninge og familiesammenførte (årsgennemsnit)"
    )
    assert tables["tabel 10"].source == "Kilde: Jobindsats.dk"
    assert tables["tabel 1"].title == (
        "Tabel 1. Antal borgere berørt af kontanthjælpsloftet, januar 2017-december 2022 "
        "(månedsvis opgørelse)"
    )
    assert tables["budgetændringer"].title == f"Budgetændringer - {AREA}"


def _count(change_type: str, expense_type: str | None = None) -> int:
    return sum(
        1
        for c in budget_changes(SEED)
        if c["change_type"] == change_type and expense_type in (None, TYPES[c["expense_type"]])
    )


def _terms(table: str, row: str, column: str) -> int:
    """How many of the seed's rounded amounts a figure sums."""
    kind = "service" if table.endswith("service") else "overfoersler"
    approved, variances = _count("Tillægsbevilling", kind), _count("Afvigelse", kind)
    if table == "budgetændringer":
        return {
            "Oprindeligt budget": 2,
            "Korrigeret budget": 2 + _count("Tillægsbevilling"),
            "Forventet regnskab": 2 + _count("Tillægsbevilling") + _count("Afvigelse"),
        }.get(row, 1)
    if table.startswith("økonomisk status"):
        if column == "Beløb":  # the deviation line: the variances
            return variances
        return {
            "Korrigeret budget": 1 + approved,
            "Forventede bevillingsændringer": 0,
            "Forventet regnskab": 1 + approved + variances,
        }.get(column, 1)
    return {
        "Korrigeret budget (a)": 1 + approved,
        "Tekniske omplaceringer (b)": 0,
        "Ansøgte tillægsbevillinger i alt (c)": 0,
        "Andre afvigelser (d)": variances,
        "Forventet regnskab (e=a+b+c+d)": 1 + approved + variances,
    }.get(row, 1)


@pytest.mark.parametrize("name", FINANCE_TABLES)
def test_finance_from_the_seeds_records_reproduces_the_printed_tables(
    tables: dict[str, ReportTable], name: str
) -> None:
    for printed in report_table(SEED, name):
        computed = tables[name].value(printed["row"], printed["column"])
        assert printed["value"] is not None and computed is not None
        # 0,05 mio. kr. for each rounded amount summed, and for the printed figure's own.
        tolerance = 0.05 * MIO * (_terms(name, printed["row"], printed["column"]) + 1)
        assert computed == pytest.approx(printed["value"] * MIO, abs=tolerance), (
            printed["row"],
            printed["column"],
        )


def test_finance_hand_computed_from_the_records(tables: dict[str, ReportTable]) -> None:
    service = tables["økonomisk status service"]
    row = "Serviceudgifter 1110"
    assert service.value(row, "Oprindeligt budget") == pytest.approx(3.7 * MIO)
    # The 29-08 change (0,0) and the 31-10 change (-0,4); 2023's change does not count.
    assert service.value(row, "Korrigeret budget") == pytest.approx((3.7 + 0.0 - 0.4) * MIO)
    assert service.value(row, "Forbrug") == pytest.approx(2.9 * MIO)  # the latest row
    assert service.value(row, "Forventede bevillingsændringer") == 0.0
    assert service.value(row, "Forventet regnskab") == pytest.approx((3.3 - 0.5) * MIO)
    transfers = tables["afvigelsesforklaring overførsler"]
    # Only the variances of 30 November: the older forecast of -50 mio. kr. is replaced.
    assert transfers.value("Andre afvigelser (d)", "i mio. kr.") == pytest.approx(
        (-7.2 - 5.7 - 3.3 - 4.6 - 5.6 - 3.4) * MIO
    )
    budget = tables["budgetændringer"]
    lines = [c for c in budget.cells if c.column == "Beløbsændring"]
    corrected = budget.value("Korrigeret budget", "Beløb")
    outturn = budget.value("Forventet regnskab", "Beløb")
    assert corrected is not None and outturn is not None
    # The shown amounts add up: totals are sums of the unrounded lines.
    assert budget.value("Oprindeligt budget", "Beløb") == pytest.approx((3.7 + 578.3) * MIO)
    assert corrected == pytest.approx((3.7 + 578.3) * MIO + sum(c.value or 0 for c in lines[:8]))
    assert outturn == pytest.approx(corrected + sum(c.value or 0 for c in lines[8:]))


def test_table_1_hand_computed(tables: dict[str, ReportTable]) -> None:
    t = tables["tabel 1"]
    assert t.rows == ("Januar 2017", "December 2022", "Udvikling i pct.")
    share = "Andel af borgere med reduktion i kontanthjælpsloft"
    average = "Gns. reduceret beløb (DKK)"
    assert t.value("Januar 2017", share) == pytest.approx(202 / 1012 * 100)
    assert t.value("December 2022", average) == pytest.approx(76807 / 56)
    assert t.value("Udvikling i pct.", "Antal borgere med reduktion i kontanthjælpsloft") == (
        pytest.approx((56 / 202 - 1) * 100)
    )
    assert t.value("Udvikling i pct.", share) == pytest.approx(
        ((56 / 398) / (202 / 1012) - 1) * 100
    )


def test_table_3_hand_computed(tables: dict[str, ReportTable]) -> None:
    t = tables["tabel 3"]
    rows = (
        "Antal unikke kontaktede virksomheder",
        "Heraf antal unikke virksomheder med praktik/løntilskud",
        "Andel virksomheder med virksomhedsrettet tilbud",
    )
    expected = {
        "2019 (hele året)": (2, 1, 50.0),  # 10000001 with a løntilskud started in March
        "2020 (hele året)": (1, 0, 0.0),  # the praktik started on 31 December 2019
        "2021 (hele året)": (2, 0, 0.0),  # the offer at 10000003 is a København citizen's
        "2022 (jan-dec)": (3, 1, 100 / 3),  # 10000002 with a praktik started in June
    }
    for column, values in expected.items():
        assert tuple(t.value(row, column) for row in rows) == pytest.approx(values), column


def test_table_4_hand_computed(tables: dict[str, ReportTable]) -> None:
    t = tables["tabel 4"]
    created = "Oprettede rekrutteringsanmodninger i alt"
    still_open = "Heraf fortsat åbne rekrutteringsanmodninger"
    closed = "Heraf afsluttede rekrutteringsanmodninger"
    job = "Jobcentret rekrutterede til ordinær job"
    own = "Virksomheden rekrutterede via egne kanaler"
    other = "Anden lukningsårsag"
    assert [t.value(r, "2020") for r in (created, still_open, closed, job, own, other)] == [
        2,
        0,
        2,
        1,
        0,
        1,
    ]
    # 2021: closed on 31 December counts as closed, closed on 1 January as still open.
    assert [t.value(r, "2021") for r in (created, still_open, closed, job, own, other)] == [
        3,
        2,
        1,
        0,
        1,
        0,
    ]
    assert t.value(own, "2021 andel") == 100.0
    assert [t.value(r, "2022") for r in (created, still_open, closed, job)] == [2, 1, 1, 1]
    assert t.value(job, "2020 andel") == 50.0


def test_table_10_hand_computed(tables: dict[str, ReportTable]) -> None:
    t = tables["tabel 10"]
    assert t.columns == (
        "2019 (hele året)",
        "2020 (hele året)",
        "2021 (hele året)",
        "2022 (jan-nov)",
    )
    assert t.value("Antal beskæftigede", "2019 (hele året)") == pytest.approx(220)
    assert t.value("Andel beskæftigede", "2021 (hele året)") == pytest.approx(50.0)
    assert t.value("Andel beskæftigede", "2022 (jan-nov)") == pytest.approx(317 / 560 * 100)


def test_table_13_hand_computed(tables: dict[str, ReportTable]) -> None:
    t = tables["tabel 13"]
    row = "Målgrupper i alt"
    assert t.value(row, "2018 Antal FTP (Årsgns.)") == pytest.approx(1 + 3 / 12)
    assert t.value(row, "2022 Antal FTP (Årsgns.)") == pytest.approx(1 + 6 / 12)
    assert t.value(row, "2018 Gns. omkostninger pr. FTP") == pytest.approx(2_500_000 / 1.25)
    # One of 2022's rows is expected, so the cost is "Forventet".
    assert t.value(row, "2022 Forventet gns. omkostninger pr. FTP") == pytest.approx(
        1_500_000 / 1.5
    )
    assert t.value(row, "Udvikling i kr. og pct. Kr. pr. FTP") == pytest.approx(-1_000_000)
    assert t.value(row, "Udvikling i kr. og pct. Pct.") == pytest.approx(-50.0)
    assert t.notes == ()


def test_another_quarter_shifts_the_years(store: Path) -> None:
    found = {t.name: t for t in record_tables(store, GEN, quarter(2023, 3))}
    # No budget lines for 2023: no economic status and no Budgetændringer.
    assert set(found) == {"tabel 1", "tabel 3", "tabel 4", "tabel 10", "tabel 13"}
    assert found["tabel 1"].rows == ("Januar 2017", "Januar 2023", "Udvikling i pct.")
    assert found["tabel 3"].columns == (
        "2020 (hele året)",
        "2021 (hele året)",
        "2022 (hele året)",
        "2023 (jan-sep)",
    )
    assert found["tabel 3"].value("Antal unikke kontaktede virksomheder", "2023 (jan-sep)") == 1
    assert found["tabel 4"].columns == (
        "2021",
        "2021 andel",
        "2022",
        "2022 andel",
        "2023",
        "2023 andel",
    )
    # 2022 as a whole year: the request created in 2021 and closed on 1 January 2022 is a
    # 2021 request, so 2022 has the two created in 2022.
    assert found["tabel 4"].value("Oprettede rekrutteringsanmodninger i alt", "2022") == 2
    assert found["tabel 4"].value("Oprettede rekrutteringsanmodninger i alt", "2023") == 0
    # No integration data in 2023; 2022 lacks December, so it has no whole-year average.
    assert found["tabel 10"].columns[-1] == "2023 (jan-sep)"
    assert found["tabel 10"].value("Antal beskæftigede", "2022 (hele året)") is None
    assert found["tabel 10"].value("Antal beskæftigede", "2023 (jan-sep)") is None
    assert "2023 Antal FTP (Årsgns.)" in found["tabel 13"].columns
    assert found["tabel 13"].notes == ("* 2023 er opgjort for januar-september",)
    # No 2023 costs: no cost per full-time person, and no change.
    assert found["tabel 13"].value("Målgrupper i alt", "Udvikling i kr. og pct. Pct.") is None


def test_years_before_the_first_record_have_no_data(store: Path) -> None:
    found = {t.name: t for t in record_tables(store, GEN, quarter(2022, 4))}
    assert found["tabel 3"].value("Antal unikke kontaktede virksomheder", "2019 (hele året)") == 2
    earlier = {t.name: t for t in record_tables(store, GEN, quarter(2021, 4))}
    # Requests start in 2020: for 2021Q4 the columns are 2019–2021, 2019 has no data.
    t4 = earlier["tabel 4"]
    assert t4.columns[0] == "2019"
    in_2019 = [c for c in t4.cells if c.column.startswith("2019")]
    assert len(in_2019) == 9 and all(c.value is None for c in in_2019)
    assert t4.value("Oprettede rekrutteringsanmodninger i alt", "2020") == 2


def test_a_municipality_without_inputs_has_no_tables(store: Path) -> None:
    assert record_tables(store, 851, quarter(2022, 4)) == ()
    # København has a contact and a cap month, and nothing else.
    assert [t.name for t in record_tables(store, KBH, quarter(2022, 4))] == [
        "tabel 1",
        "tabel 3",
    ]


def test_a_store_without_the_report_inputs_has_no_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE benefit_segments (person_id VARCHAR, municipality SMALLINT, "
        "target_group VARCHAR, start_date DATE, end_date DATE)"
    )
    con.close()
    assert record_tables(path, GEN, quarter(2022, 4)) == ()


def test_requested_appropriations_and_technical_transfers(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    con = connect(path)
    _insert(con, "budget_lines", [(GEN, 2023, AREA, "service", "1110", 1 * MIO)])
    _insert(
        con,
        "appropriations",
        [
            (GEN, date(2023, 2, 1), "teknisk_omplacering", "service", "Flytning", 0.1 * MIO, True),
            (GEN, date(2023, 5, 1), "tillaegsbevilling", "service", "Ansøgt", 0.2 * MIO, False),
            (GEN, date(2023, 5, 1), "teknisk_omplacering", "service", "Flyt", -0.05 * MIO, False),
            # approved after the second quarter: not in the corrected budget as of June
            (GEN, date(2023, 7, 1), "tillaegsbevilling", "service", "Senere", 9 * MIO, True),
        ],
    )
    _insert(con, "expected_variances", [(GEN, date(2023, 6, 1), "service", "Ledige", -0.3 * MIO)])
    con.close()
    found = {t.name: t for t in record_tables(path, GEN, quarter(2023, 2))}
    assert set(found) == {
        "økonomisk status service",
        "afvigelsesforklaring service",
        "budgetændringer",
    }
    status = found["økonomisk status service"]
    row = "Serviceudgifter 1110"
    assert status.value(row, "Korrigeret budget") == pytest.approx(1.1 * MIO)
    assert status.value(row, "Forbrug") is None  # no spending recorded
    assert status.value(row, "Forventede bevillingsændringer") == pytest.approx(0.15 * MIO)
    assert status.value(row, "Forventet regnskab") == pytest.approx((1.1 + 0.15 - 0.3) * MIO)
    assert status.value(status.rows[1], "Beløb") == pytest.approx(-0.3 * MIO)
    explained = found["afvigelsesforklaring service"]
    assert explained.value("Tekniske omplaceringer (b)", "i mio. kr.") == pytest.approx(-0.05 * MIO)
    assert explained.value("Ansøgte tillægsbevillinger i alt (c)", "i mio. kr.") == (
        pytest.approx(0.2 * MIO)
    )
    assert explained.rows[4] == "Heraf: Ledige"
    assert found["budgetændringer"].rows == (
        "Oprindeligt budget",
        "01-02-2023 Teknisk omplacering Service Flytning",
        "Korrigeret budget",
        "01-05-2023 Ansøgt tillægsbevilling Service Ansøgt",
        "01-05-2023 Ansøgt teknisk omplacering Service Flyt",
        "01-06-2023 Afvigelse Service Ledige",
        "Forventet regnskab",
    )
    assert found["budgetændringer"].value("Forventet regnskab", "Beløb") == pytest.approx(
        (1.1 + 0.15 - 0.3) * MIO
    )


def test_a_single_cap_month_has_no_change_row(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    con = connect(path)
    _insert(con, "cash_benefit_cap", [(GEN, date(2022, 3, 1), 10, 0, 0.0)])
    con.close()
    (table,) = record_tables(path, GEN, quarter(2022, 4))
    assert table.rows == ("Marts 2022",)
    assert table.title == (
        "Tabel 1. Antal borgere berørt af kontanthjælpsloftet, marts 2022 (månedsvis opgørelse)"
    )
    assert table.value("Marts 2022", "Gns. reduceret beløb (DKK)") is None  # nobody reduced
    assert table.value("Marts 2022", "Andel af borgere med reduktion i kontanthjælpsloft") == 0.0
