"""The importers of the quarterly report's inputs (jobtal.store.records): a good file of each
kind reads back exactly; every rule refuses a bad row by line and field and leaves the store
as it was; `--skip-bad-rows`, key replacement, idempotence, CPR pseudonyms and the directory
import (all or nothing)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest

from jobtal.errors import InputError
from jobtal.store import pseudonym, schema
from jobtal.store.records import (
    COMMAND_NAMES,
    FILE_COLUMNS,
    KINDS,
    import_directory,
    import_records,
    kind_of,
)
from jobtal.store.schema import REPORT_INPUT_TABLES

D = date.fromisoformat

# A good file of each kind (first line the header), and the rows the store must then hold,
# sorted, written by hand from the file: months as their first day, decimal commas read,
# codes in lower case, booleans as True/False, duplicates once, empty cells NULL.
GOOD: dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]] = {
    "wage_months": (
        (
            "person_id;month;wage_hours",
            "p1;2022-10;12,5",
            "p1;2022-11-01;3",
            "p2;2022-10;7.25",
            "p2;2022-10-01;7,25",  # the row above again: stored once
        ),
        [
            ("p1", D("2022-10-01"), 12.5),
            ("p1", D("2022-11-01"), 3.0),
            ("p2", D("2022-10-01"), 7.25),
        ],
    ),
    "education_spells": (
        (
            "person_id,kind,start,end,age_at_start",
            "p1,SU,2022-08-01,2023-06-30,19",
            "p2,laerling,2022-01-10,,31",
            "p3,laerling,2021-01-10,2021-12-31,",
        ),
        [
            ("p1", "su", D("2022-08-01"), D("2023-06-30"), 19),
            ("p2", "laerling", D("2022-01-10"), None, 31),
            ("p3", "laerling", D("2021-01-10"), D("2021-12-31"), None),
        ],
    ),
    "cases": (
        (
            "person_id,municipality,team,start,end",
            "p1,157,Team Job, 2020-03-01 ,2022-12-31",
            "p2,157,Team Sygedagpenge,2022-05-01,",
        ),
        [
            ("p1", 157, "Team Job", D("2020-03-01"), D("2022-12-31")),
            ("p2", 157, "Team Sygedagpenge", D("2022-05-01"), None),
        ],
    ),
    "staffing": (
        (
            "municipality;quarter;team;group_category;staff_years",
            "157;2022Q4;Team Job;ledighedsrelateret;12,5",
            "157;2022q4;Team Sygedagpenge;Oevrige;8",
            "157;2018Q4;Team Job;ledighedsrelateret;10.25",
        ),
        [
            (157, "2018Q4", "Team Job", "ledighedsrelateret", 10.25),
            (157, "2022Q4", "Team Job", "ledighedsrelateret", 12.5),
            (157, "2022Q4", "Team Sygedagpenge", "oevrige", 8.0),
        ],
    ),
    "operating_costs": (
        (
            "municipality;year;category;amount_dkk;expected",
            "157;2018;vejledning_opkvalificering;12345678,5;nej",
            "157;2022;ordinaer_uddannelse;2000000;JA",
            "157;2022;mentor;1500000.25;1",
            "157;2018;mentor;900000;false",
        ),
        [
            (157, 2018, "mentor", 900000.0, False),
            (157, 2018, "vejledning_opkvalificering", 12345678.5, False),
            (157, 2022, "mentor", 1500000.25, True),
            (157, 2022, "ordinaer_uddannelse", 2000000.0, True),
        ],
    ),
    "cash_benefit_cap": (
        (
            "municipality,month,persons_covered,persons_reduced,total_reduction_dkk",
            '157,2020-04,120,35,"45678,5"',
            "157,2022-12-01,98,20,30100",
        ),
        [
            (157, D("2020-04-01"), 120, 35, 45678.5),
            (157, D("2022-12-01"), 98, 20, 30100.0),
        ],
    ),
    "integration_employment": (
        (
            "municipality;month;persons;employed",
            "157;2022-01;512,5;210,25",
            "157;2022-02;510;215",
        ),
        [
            (157, D("2022-01-01"), 512.5, 210.25),
            (157, D("2022-02-01"), 510.0, 215.0),
        ],
    ),
    "budget_lines": (
        (
            "municipality;year;appropriation_area;expense_type;account;original_budget_dkk",
            "157;2022;Beskæftigelse;service;1110;120000000",
            "157;2022;Beskæftigelse;Overfoersler;2050;440400000,5",
        ),
        [
            (157, 2022, "Beskæftigelse", "overfoersler", "2050", 440400000.5),
            (157, 2022, "Beskæftigelse", "service", "1110", 120000000.0),
        ],
    ),
    "appropriations": (
        (
            "municipality;date;kind;expense_type;topic;amount_dkk;approved",
            "157;2022-03-15;tillaegsbevilling;service;Ukraine;2500000;ja",
            "157;2022-06-20;teknisk_omplacering;overfoersler;Flytning af midler;-1200000,5;nej",
        ),
        [
            (157, D("2022-03-15"), "tillaegsbevilling", "service", "Ukraine", 2500000.0, True),
            (
                157,
                D("2022-06-20"),
                "teknisk_omplacering",
                "overfoersler",
                "Flytning af midler",
                -1200000.5,
                False,
            ),
        ],
    ),
    "expected_variances": (
        (
            "municipality,date,expense_type,topic,amount_dkk",
            "157,2022-09-30,overfoersler,Færre på dagpenge,-8000000",
            '157,2022-09-30,service,Mentor,"350000,75"',
        ),
        [
            (157, D("2022-09-30"), "overfoersler", "Færre på dagpenge", -8000000.0),
            (157, D("2022-09-30"), "service", "Mentor", 350000.75),
        ],
    ),
    "spending": (
        (
            "municipality,date,expense_type,amount_dkk",
            "157,2022-09-30,service,80000000",
            "157,2022-09-30,overfoersler,330000000.5",
        ),
        [
            (157, D("2022-09-30"), "overfoersler", 330000000.5),
            (157, D("2022-09-30"), "service", 80000000.0),
        ],
    ),
    "company_contacts": (
        (
            "municipality;contact_id;date;cvr;consultant;channel;track;topic",
            "157;k1;2022-02-03;10000009;Anne;telefon;1;Rekruttering",
            "157;k2;2022-02-04;10000017;Bo;besøg;3;Fastholdelse",
        ),
        [
            (157, "k1", D("2022-02-03"), "10000009", "Anne", "telefon", 1, "Rekruttering"),
            (157, "k2", D("2022-02-04"), "10000017", "Bo", "besøg", 3, "Fastholdelse"),
        ],
    ),
    "recruitment_requests": (
        (
            "municipality;request_id;cvr;created;job_title;positions;closed;close_reason;forwarded",
            "157;r1;10000009;2022-01-05;Kok;2;2022-02-01;ordinaert_job;",
            "157;r2;10000017;2022-03-05;Tjener;1;;;2022-03-10",
            "157;r3;10000017;2022-04-01;Rengøring;3;2022-04-01;Egne_kanaler;",
        ),
        [
            (
                157,
                "r1",
                "10000009",
                D("2022-01-05"),
                "Kok",
                2,
                D("2022-02-01"),
                "ordinaert_job",
                None,
            ),
            (157, "r2", "10000017", D("2022-03-05"), "Tjener", 1, None, None, D("2022-03-10")),
            (
                157,
                "r3",
                "10000017",
                D("2022-04-01"),
                "Rengøring",
                3,
                D("2022-04-01"),
                "egne_kanaler",
                None,
            ),
        ],
    ),
}


def _table(db: Path, table: str) -> list[tuple[object, ...]]:
    return schema.contents(db)[table]


def _store_columns(table: str) -> list[str]:
    con = duckdb.connect()
    try:
        con.execute(schema.DDL)
        return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    finally:
        con.close()


def test_every_report_input_has_a_kind_a_command_and_a_good_sample() -> None:
    assert set(KINDS) == set(REPORT_INPUT_TABLES) == set(FILE_COLUMNS) == set(GOOD)
    assert sorted(COMMAND_NAMES.values()) == sorted(REPORT_INPUT_TABLES)


@pytest.mark.parametrize("table", REPORT_INPUT_TABLES)
def test_file_columns_are_the_store_columns(table: str) -> None:
    """The contract others rely on: the store's names, with start/end for the dates."""
    renamed = {"start_date": "start", "end_date": "end"}
    expected = tuple(renamed.get(name, name) for name in _store_columns(table))
    assert FILE_COLUMNS[table] == expected
    assert KINDS[table].file_columns == expected


@pytest.mark.parametrize("table", REPORT_INPUT_TABLES)
def test_a_good_file_reads_back_exactly(
    table: str, write: Callable[..., Path], db: Path, contents
) -> None:
    lines, stored = GOOD[table]
    summary = import_records(table, write(f"{table}.csv", *lines), db)
    assert _table(db, table) == sorted(stored, key=repr)
    assert (summary.kind, summary.rows_read, summary.rows_stored) == (
        table,
        len(lines) - 1,
        len(stored),
    )
    assert summary.rows_replaced == 0 and not summary.already_imported
    others = {t: v for t, v in contents(db).items() if t not in (table, "import_log")}
    assert all(not v for v in others.values())
    log = contents(db, {"import_log": ("imported_at", "sha256")})["import_log"]
    assert log == [(table, str(db.parent / f"{table}.csv"), len(lines) - 1)]


def test_the_command_name_and_the_table_name_are_the_same_kind() -> None:
    assert kind_of("wage-months") is kind_of("wage_months") is KINDS["wage_months"]
    assert kind_of("budget").table == "budget_lines"
    with pytest.raises(ValueError, match="ukendt type"):
        kind_of("benefit_spells")


def test_summary_counts_persons_and_the_period(write: Callable[..., Path], db: Path) -> None:
    lines, _ = GOOD["wage_months"]
    wages = import_records("wage_months", write("w.csv", *lines), db)
    assert (wages.persons, wages.duplicates) == (2, 1)
    assert (wages.first_day, wages.last_day) == (D("2022-10-01"), D("2022-11-30"))
    lines, _ = GOOD["education_spells"]
    education = import_records("education_spells", write("e.csv", *lines), db)
    assert (education.first_day, education.last_day) == (D("2021-01-10"), None)  # p2 is open
    lines, _ = GOOD["staffing"]
    staffing = import_records("staffing", write("s.csv", *lines), db)
    assert staffing.persons == 0
    assert (staffing.first_day, staffing.last_day) == (D("2018-10-01"), D("2022-12-31"))
    lines, _ = GOOD["operating_costs"]
    costs = import_records("operating_costs", write("o.csv", *lines), db)
    assert (costs.first_day, costs.last_day) == (D("2018-01-01"), D("2022-12-31"))


def test_parquet_gives_the_same_store_as_csv(
    write: Callable[..., Path], tmp_path: Path, contents
) -> None:
    """Parquet with typed columns (integers, dates, doubles, booleans) reads as the CSV does."""
    csv_path = write("a.csv", *GOOD["appropriations"][0])
    parquet = tmp_path / "a.parquet"
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT 157::SMALLINT AS municipality, DATE '2022-03-15' AS date, "
        "'tillaegsbevilling' AS kind, 'service' AS expense_type, 'Ukraine' AS topic, "
        "2500000.0::DOUBLE AS amount_dkk, true AS approved UNION ALL "
        "SELECT 157, DATE '2022-06-20', 'teknisk_omplacering', 'overfoersler', "
        "'Flytning af midler', -1200000.5, false) TO ? (FORMAT parquet)",
        [str(parquet)],
    )
    con.close()
    import_records("appropriations", csv_path, tmp_path / "csv.duckdb")
    import_records("appropriations", parquet, tmp_path / "parquet.duckdb")
    assert _table(tmp_path / "csv.duckdb", "appropriations") == _table(
        tmp_path / "parquet.duckdb", "appropriations"
    )


def test_bom_and_comma_or_semicolon_give_the_same_rows(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    lines = GOOD["spending"][0]
    semicolons = [line.replace(",", ";") for line in lines]
    import_records("spending", write("a.csv", *lines), tmp_path / "a.duckdb")
    import_records("spending", write("b.csv", *semicolons, bom=True), tmp_path / "b.duckdb")
    assert _table(tmp_path / "a.duckdb", "spending") == _table(tmp_path / "b.duckdb", "spending")


# ---------------------------------------------------------------------------------------
# Bad rows: each rule refuses the file, naming line and field; the store stays as it was.

# (table, header, bad row, field, a part of the message). The bad row is line 3 of the file
# (line 2 is the first good row of GOOD, which is fine on its own).
BAD = [
    ("wage_months", "p1;2022-13;5", "month", "ugyldig måned"),
    ("wage_months", "p1;2022-10-15;5", "month", "ugyldig måned '2022-10-15'"),
    ("wage_months", "p1;;5", "month", "måned mangler"),
    ("wage_months", "p1;2022-12;0", "wage_hours", "løntimer '0' skal være større end 0"),
    ("wage_months", "p1;2022-12;1.000,5", "wage_hours", "ugyldigt tal '1.000,5'"),
    ("wage_months", ";2022-12;5", "person_id", "person-id mangler"),
    ("education_spells", "p9,ph.d.,2022-01-01,,", "kind", "ukendt værdi 'ph.d.'"),
    ("education_spells", "p9,su,2022-02-30,,", "start", "ugyldig dato '2022-02-30'"),
    ("education_spells", "p9,su,2022-03-01,2022-02-28,", "end", "slutdato ligger før startdato"),
    ("education_spells", "p9,su,2022-03-01,,-1", "age_at_start", "skal være mellem 0 og 130"),
    ("education_spells", "p9,su,2022-03-01,,19.5", "age_at_start", "ugyldigt heltal '19.5'"),
    ("cases", "p9,999,Team Job,2022-01-01,", "municipality", "ukendt kommunekode '999'"),
    ("cases", "p9,157,,2022-01-01,", "team", "team mangler"),
    ("cases", "p9,157,Team Job,2022-01-01,2021-12-31", "end", "slutdato ligger før startdato"),
    ("staffing", "157;2022K4;Team Job;oevrige;1", "quarter", "ugyldigt kvartal '2022K4'"),
    ("staffing", "157;2022Q5;Team Job;oevrige;1", "quarter", "ugyldigt kvartal"),
    ("staffing", "157;2022Q3;Team Job;andre;1", "group_category", "ukendt værdi 'andre'"),
    ("staffing", "157;2022Q3;Team Job;oevrige;-1", "staff_years", "skal være mindst 0"),
    ("operating_costs", "157;2022;husleje;1;ja", "category", "ukendt værdi 'husleje'"),
    ("operating_costs", "157;22;mentor;1;ja", "year", "ugyldigt år '22'"),
    ("operating_costs", "157;2021;mentor;1;måske", "expected", "ugyldig sandhedsværdi 'måske'"),
    ("operating_costs", "157;2021;mentor;;ja", "amount_dkk", "beløb mangler"),
    ("cash_benefit_cap", "157,2022-11,10,-1,0", "persons_reduced", "skal være mindst 0"),
    ("cash_benefit_cap", "157,2022-11,10,11,0", "persons_reduced", "flere personer med"),
    ("cash_benefit_cap", "157,2022-11,10,2,-5", "total_reduction_dkk", "skal være mindst 0"),
    ("cash_benefit_cap", "157,2022-11,ti,2,5", "persons_covered", "ugyldigt heltal 'ti'"),
    ("integration_employment", "157;2022-03;10;10,5", "employed", "flere i beskæftigelse"),
    ("integration_employment", "157;2022-03;;0", "persons", "personer mangler"),
    ("budget_lines", "157;2023;Besk;drift;1110;1", "expense_type", "ukendt værdi 'drift'"),
    ("budget_lines", "157;2023;Besk;service;;1", "account", "konto mangler"),
    ("appropriations", "157;2022-04-01;bevilling;service;X;1;ja", "kind", "ukendt værdi"),
    ("appropriations", "157;2022-04-01;tillaegsbevilling;service;X;1;", "approved", "mangler"),
    ("appropriations", "157;01-04-2022;tillaegsbevilling;service;X;1;ja", "date", "ugyldig dato"),
    ("expected_variances", "157,2022-09-30,service,,1", "topic", "emne mangler"),
    ("spending", "157,2022-09-30,service,1e", "amount_dkk", "ugyldigt tal '1e'"),
    ("company_contacts", "157;k9;2022-02-03;10000008;A;tlf;1;X", "cvr", "kontrolcifferet"),
    ("company_contacts", "157;k9;2022-02-03;1000000;A;tlf;1;X", "cvr", "skal være 8 cifre"),
    ("company_contacts", "157;k9;2022-02-03;1000000A;A;tlf;1;X", "cvr", "skal være 8 cifre"),
    ("company_contacts", "157;k9;2022-02-03;10000009;A;tlf;4;X", "track", "mellem 1 og 3"),
    ("company_contacts", "157;k9;2022-02-03;10000009;A;tlf;0;X", "track", "mellem 1 og 3"),
    (
        "recruitment_requests",
        "157;r9;10000009;2022-01-05;Kok;2;2022-02-01;;",
        "close_reason",
        "lukkeårsag mangler",
    ),
    (
        "recruitment_requests",
        "157;r9;10000009;2022-01-05;Kok;2;;anden;",
        "close_reason",
        "lukkeårsag uden lukkedato",
    ),
    (
        "recruitment_requests",
        "157;r9;10000009;2022-01-05;Kok;2;2022-02-01;fyret;",
        "close_reason",
        "ukendt værdi 'fyret'",
    ),
    (
        "recruitment_requests",
        "157;r9;10000009;2022-01-05;Kok;2;2022-01-04;anden;",
        "closed",
        "lukket før oprettet",
    ),
    (
        "recruitment_requests",
        "157;r9;10000009;2022-01-05;Kok;2;;;2022-01-04",
        "forwarded",
        "videresendt før oprettet",
    ),
    ("recruitment_requests", "157;r9;10000009;2022-01-05;Kok;0;;;", "positions", "mindst 1"),
]


def _with_delimiter(row: str, header: str) -> str:
    return row.replace(";", ",") if "," in header else row


@pytest.mark.parametrize(("table", "row", "field", "message"), BAD)
def test_a_bad_row_is_refused_by_line_and_field(
    table: str,
    row: str,
    field: str,
    message: str,
    write: Callable[..., Path],
    db: Path,
    contents,
) -> None:
    import_records("spending", write("before.csv", *GOOD["spending"][0]), db)
    before = contents(db)
    header, first = GOOD[table][0][:2]
    path = write(f"{table}.csv", header, first, _with_delimiter(row, header))
    with pytest.raises(InputError) as raised:
        import_records(table, path, db)
    problems = raised.value.problems
    assert [(p.file, p.row, p.field) for p in problems] == [(str(path), 3, field)]
    assert message in problems[0].message
    assert contents(db) == before


def test_every_problem_of_a_file_is_reported_at_once(write: Callable[..., Path], db: Path) -> None:
    header = GOOD["company_contacts"][0][0]
    path = write(
        "c.csv",
        header,
        "999;k1;2022-02-30;10000008;A;tlf;5;X",  # municipality, date, cvr, track
        "157;;2022-02-03;10000009;;tlf;1;",  # contact_id, consultant, topic
    )
    with pytest.raises(InputError) as raised:
        import_records("company_contacts", path, db)
    assert [(p.row, p.field) for p in raised.value.problems] == [
        (2, "municipality"),
        (2, "date"),
        (2, "cvr"),
        (2, "track"),
        (3, "contact_id"),
        (3, "consultant"),
        (3, "topic"),
    ]
    assert not db.exists() or schema.contents(db)["company_contacts"] == []


def test_a_missing_column_is_named(write: Callable[..., Path], db: Path) -> None:
    path = write("s.csv", "municipality,date,amount_dkk", "157,2022-09-30,1")
    with pytest.raises(InputError) as raised:
        import_records("spending", path, db)
    assert [(p.row, p.field, p.message) for p in raised.value.problems] == [
        (1, "expense_type", "kolonnen mangler")
    ]


def test_an_optional_column_may_be_left_out(write: Callable[..., Path], db: Path) -> None:
    import_records("education", write("e.csv", "person_id,kind,start,end", "p,su,2022-01-01,"), db)
    assert _table(db, "education_spells") == [("p", "su", D("2022-01-01"), None, None)]


def test_person_level_files_need_person_id_or_cpr(write: Callable[..., Path], db: Path) -> None:
    with pytest.raises(InputError) as raised:
        import_records("wage_months", write("w.csv", "month,wage_hours", "2022-01,5"), db)
    assert [(p.row, p.field) for p in raised.value.problems] == [(1, "person_id")]


def test_a_key_with_other_values_in_one_file_is_an_error(
    write: Callable[..., Path], db: Path
) -> None:
    header = GOOD["spending"][0][0]
    path = write("s.csv", header, "157,2022-09-30,service,1", "157,2022-09-30,service,2")
    with pytest.raises(InputError) as raised:
        import_records("spending", path, db)
    (problem,) = raised.value.problems
    assert (problem.row, problem.field) == (3, "expense_type")
    assert problem.message == "samme kommune, dato og udgiftstype som række 2, men andre værdier"


def test_rows_equal_after_typing_count_once(write: Callable[..., Path], db: Path) -> None:
    header = GOOD["spending"][0][0]
    path = write("s.csv", header, '157,2022-09-30,Service,"1,5"', "157,2022-09-30,service,1.5")
    summary = import_records("spending", path, db)
    assert (summary.rows_read, summary.rows_stored, summary.duplicates) == (2, 1, 1)
    assert _table(db, "spending") == [(157, D("2022-09-30"), "service", 1.5)]


# ---------------------------------------------------------------------------------------
# Key replacement, idempotence, skip-bad-rows.


def test_a_later_file_replaces_rows_by_key(write: Callable[..., Path], db: Path) -> None:
    lines, _ = GOOD["recruitment_requests"]
    import_records("recruitment_requests", write("a.csv", *lines), db)
    # r2 is closed now; r4 is new.
    later = write(
        "b.csv",
        lines[0],
        "157;r2;10000017;2022-03-05;Tjener;1;2022-05-01;anden;2022-03-10",
        "157;r4;10000009;2022-06-01;Kok;1;;;",
    )
    summary = import_records("recruitment_requests", later, db)
    assert (summary.rows_stored, summary.rows_replaced) == (2, 1)
    stored = {row[1]: row for row in _table(db, "recruitment_requests")}
    assert sorted(stored) == ["r1", "r2", "r3", "r4"]
    assert stored["r2"][6:8] == (D("2022-05-01"), "anden")


def test_a_key_of_another_municipality_is_another_row(write: Callable[..., Path], db: Path) -> None:
    header = GOOD["spending"][0][0]
    import_records("spending", write("a.csv", header, "157,2022-09-30,service,1"), db)
    import_records("spending", write("b.csv", header, "101,2022-09-30,service,2"), db)
    assert len(_table(db, "spending")) == 2


@pytest.mark.parametrize("table", REPORT_INPUT_TABLES)
def test_importing_the_same_file_twice_gives_the_same_store(
    table: str, write: Callable[..., Path], db: Path, contents
) -> None:
    path = write(f"{table}.csv", *GOOD[table][0])
    import_records(table, path, db)
    first = contents(db)
    again = import_records(table, path, db)
    assert again.already_imported
    assert again.rows_replaced == again.rows_stored == len(GOOD[table][1])
    assert contents(db) == first


def test_skip_bad_rows_keeps_exactly_the_good_rows(
    write: Callable[..., Path], tmp_path: Path, contents
) -> None:
    lines, _ = GOOD["recruitment_requests"]
    bad = [
        "157;r8;10000008;2022-01-05;Kok;2;;;",  # line 5: check digit
        "157;r9;10000009;2022-01-05;Kok;2;2022-02-01;;",  # line 6: no reason
        "157;r1;10000009;2022-01-05;Kok;3;2022-02-01;ordinaert_job;",  # line 7: contradicts 2
    ]
    summary = import_records(
        "recruitment_requests",
        write("all.csv", *lines, *bad),
        tmp_path / "a.duckdb",
        skip_bad_rows=True,
    )
    import_records("recruitment_requests", write("good.csv", *lines), tmp_path / "b.duckdb")
    assert [(r.row, r.field) for r in summary.rejected] == [
        (5, "cvr"),
        (6, "close_reason"),
        (7, "request_id"),
    ]
    assert summary.rejected[2].reason.startswith("samme kommune og anmodnings-id som række 2")
    assert summary.rejected[0].values == tuple(bad[0].split(";"))
    assert (summary.rows_read, summary.rows_stored, summary.skipped) == (6, 3, 3)
    without_log = {"import_log": ("imported_at", "file", "sha256", "rows")}
    assert contents(tmp_path / "a.duckdb", without_log) == contents(
        tmp_path / "b.duckdb", without_log
    )


# ---------------------------------------------------------------------------------------
# CPR numbers: replaced by pseudonyms, never stored.

KEY = bytes.fromhex("00112233445566778899aabbccddeeff")
CPRS = ("0101901234", "3112851122", "2902001111")


@pytest.mark.parametrize(
    ("table", "lines"),
    [
        ("wage_months", ("cpr,month,wage_hours", *(f"{c},2022-10,5" for c in CPRS))),
        (
            "education_spells",
            ("cpr,kind,start,end,age_at_start", *(f"{c},su,2022-08-01,,20" for c in CPRS)),
        ),
        (
            "cases",
            (
                "cpr;municipality;team;start;end",
                *(f"{c[:6]}-{c[6:]};157;Team Job;2022-01-01;" for c in CPRS),
            ),
        ),
    ],
)
def test_cpr_never_reaches_the_store(
    table: str, lines: tuple[str, ...], write: Callable[..., Path], db: Path
) -> None:
    summary = import_records(table, write("cpr.csv", *lines), db, key=KEY)
    assert summary.persons == len(CPRS)
    stored = sorted(row[0] for row in _table(db, table))
    assert stored == sorted(pseudonym.pseudonym(c, KEY) for c in CPRS)
    raw = db.read_bytes()
    for cpr in CPRS:
        assert cpr.encode() not in raw
        assert f"{cpr[:6]}-{cpr[6:]}".encode() not in raw


def test_cpr_key_comes_from_the_setting(write: Callable[..., Path], db: Path, key: str) -> None:
    import_records(
        "wage_months", write("w.csv", "cpr,month,wage_hours", "0101901234,2022-10,5"), db
    )
    assert _table(db, "wage_months")[0][0] == pseudonym.pseudonym("0101901234", bytes.fromhex(key))


def test_cpr_without_a_key_is_refused(write: Callable[..., Path], db: Path, contents) -> None:
    path = write("w.csv", "cpr,month,wage_hours", "0101901234,2022-10,5")
    with pytest.raises(InputError) as raised:
        import_records("wage_months", path, db)
    assert raised.value.problems[0].field == "cpr"
    assert contents(db) == {}


def test_an_invalid_cpr_is_refused_without_showing_it(write: Callable[..., Path], db: Path) -> None:
    path = write("w.csv", "cpr,month,wage_hours", "3201901234,2022-10,5")
    with pytest.raises(InputError) as raised:
        import_records("wage_months", path, db, key=KEY)
    assert [(p.row, p.field, p.message) for p in raised.value.problems] == [
        (2, "cpr", "ugyldigt CPR-nummer")
    ]
    assert "3201901234" not in str(raised.value)


# ---------------------------------------------------------------------------------------
# import_directory: every file of the directory, all or nothing.


def _directory(tmp_path: Path, name: str, tables: tuple[str, ...] = REPORT_INPUT_TABLES) -> Path:
    directory = tmp_path / name
    directory.mkdir()
    for table in tables:
        text = "\n".join(GOOD[table][0]) + "\n"
        (directory / f"{table}.csv").write_text(text, encoding="utf-8")
    return directory


def test_import_directory_imports_every_file(tmp_path: Path, db: Path) -> None:
    summaries = import_directory(_directory(tmp_path, "in"), db)
    assert [s.kind for s in summaries] == list(REPORT_INPUT_TABLES)
    stored = schema.contents(db)
    for table in REPORT_INPUT_TABLES:
        assert stored[table] == sorted(GOOD[table][1], key=repr)
    assert len(stored["import_log"]) == len(REPORT_INPUT_TABLES)


def test_import_directory_gives_the_store_of_the_single_imports(tmp_path: Path, contents) -> None:
    directory = _directory(tmp_path, "in")
    import_directory(directory, tmp_path / "a.duckdb")
    for table in REPORT_INPUT_TABLES:
        import_records(table, directory / f"{table}.csv", tmp_path / "b.duckdb")
    without_time = {"import_log": ("imported_at",)}
    assert contents(tmp_path / "a.duckdb", without_time) == contents(
        tmp_path / "b.duckdb", without_time
    )


def test_import_directory_is_all_or_nothing(tmp_path: Path, db: Path, contents) -> None:
    import_records("spending", _directory(tmp_path, "first", ("spending",)) / "spending.csv", db)
    before = contents(db)
    directory = _directory(tmp_path, "in")
    # The last file in the order of the tables is bad; every file before it was good.
    bad = directory / "recruitment_requests.csv"
    bad.write_text(bad.read_text(encoding="utf-8") + "157;r9;1;2022-01-01;Kok;1;;;\n", "utf-8")
    also_bad = directory / "wage_months.csv"
    also_bad.write_text(also_bad.read_text(encoding="utf-8") + "p9;2022-13;1\n", "utf-8")
    with pytest.raises(InputError) as raised:
        import_directory(directory, db)
    assert [(p.file, p.row, p.field) for p in raised.value.problems] == [
        (str(also_bad), 6, "month"),
        (str(bad), 5, "cvr"),
    ]
    assert contents(db) == before


def test_import_directory_names_unknown_files(tmp_path: Path, db: Path) -> None:
    directory = _directory(tmp_path, "in", ("spending",))
    (directory / "budget.csv").write_text("x\n", encoding="utf-8")
    (directory / "spending.txt").write_text("x\n", encoding="utf-8")
    (directory / ".hidden").write_text("x\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        import_directory(directory, db)
    named = [Path(p.file).name for p in raised.value.problems]
    assert named == ["budget.csv", "spending.txt"]
    assert all(p.message.startswith("ukendt fil") for p in raised.value.problems)
    assert schema.contents(db) == {}


def test_import_directory_refuses_two_files_of_one_table(tmp_path: Path, db: Path) -> None:
    directory = _directory(tmp_path, "in", ("spending",))
    (directory / "spending.parquet").write_bytes(b"PAR1")
    with pytest.raises(InputError) as raised:
        import_directory(directory, db)
    assert re.search("to filer til tabellen spending", str(raised.value))
    assert schema.contents(db) == {}


def test_import_directory_of_nothing_is_an_error(tmp_path: Path, db: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="ingen af rapportens inddatafiler"):
        import_directory(tmp_path / "empty", db)
    with pytest.raises(InputError, match="mappen findes ikke"):
        import_directory(tmp_path / "missing", db)


def _documented_columns(command: str) -> tuple[str, ...]:
    """The columns in the table of a kind's section of docs/input-formats.md (the backticked
    names in each row's first cell)."""
    text = (Path(__file__).parents[2] / "docs" / "input-formats.md").read_text("utf-8")
    section = text.split(f"`jobtal import {command} FILE`\n", 1)[1].split("\n#", 1)[0]
    cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return tuple(name for cell in cells for name in re.findall(r"`([^`]+)`", cell))


@pytest.mark.parametrize(("command", "table"), COMMAND_NAMES.items())
def test_the_documentation_lists_every_column(command: str, table: str) -> None:
    documented = _documented_columns(command)
    expected = FILE_COLUMNS[table]
    if KINDS[table].has_persons:
        expected = ("person_id", "cpr", *expected[1:])
    assert documented == expected
