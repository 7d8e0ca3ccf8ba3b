"""Importers of the quarterly report's inputs (the tables after "Inputs of the quarterly
report" in jobtal.store.schema), driven by one declaration per kind of file (KINDS).

File columns: exactly the store table's column names, except that `start_date`/`end_date` are
`start`/`end` in a file, and a person-level file may have `cpr` instead of `person_id`.

Every kind is imported the same way as benefit spells (jobtal.store.importers), and nothing
reaches the store before every step has passed:
1. read the file once (checksum, UTF-8, header) and stage it as text in an in-memory DuckDB;
2. type every column and check every row in SQL (the column's type, whether it may be empty,
   its allowed values and bounds, and the kind's rules across columns); report all problems
   at once (InputError), or with `skip_bad_rows` leave the bad rows out;
3. replace CPR numbers by keyed pseudonyms (jobtal.store.pseudonym);
4. in one transaction on the store: replace the rows with the same key, insert the rest and
   log the import once per checksum.

Definitions:
- A row whose key is in the store replaces the stored row (a later file can close an open
  case or correct an amount). Rows of one file that are equal in every value (after typing:
  `1,5` equals `1.5`) count as one row; rows that share a key but differ otherwise are an
  error.
- Months are written `2022-10` or `2022-10-01` and stored as the first day of the month.
  Amounts and other numbers take a decimal point or a decimal comma, no thousands separator.
  Booleans are `ja/nej`, `true/false` or `1/0`; codes are compared without case.
- A CVR number is 8 digits whose weighted sum (weights 2, 7, 6, 5, 4, 3, 2, 1) is divisible
  by 11.
- The period of an import summary is the first and last day the stored rows cover (a month
  covers its days, a quarter or a year likewise; a date is one day); the last day is None
  when a row is open (a case or an education without end, a request not closed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa

from jobtal.domain.municipalities import codes as municipality_codes
from jobtal.errors import InputError, Problem
from jobtal.formatting import number
from jobtal.store import pseudonym, reading, schema
from jobtal.store.importers import (
    STEPS,
    ImportSummary,
    _id_checks,
    _id_column,
    _person_sql,
    _pseudonymise,
)
from jobtal.store.quarantine import Rejected
from jobtal.store.reading import Scanned
from jobtal.store.schema import REPORT_INPUT_TABLES
from jobtal.store.validation import (
    BAD_DATE,
    MACROS,
    Check,
    raise_key_conflicts,
    raise_problems,
    reject_key_conflicts,
    reject_problems,
)

# The columns of each kind of file, by store table, in the order of the store table. A
# person-level file has `person_id` or, instead, `cpr` (replaced by a pseudonym).
FILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "wage_months": ("person_id", "month", "wage_hours"),
    "education_spells": ("person_id", "kind", "start", "end", "age_at_start"),
    "cases": ("person_id", "municipality", "team", "start", "end"),
    "staffing": ("municipality", "quarter", "team", "group_category", "staff_years"),
    "operating_costs": ("municipality", "year", "category", "amount_dkk", "expected"),
    "cash_benefit_cap": (
        "municipality",
        "month",
        "persons_covered",
        "persons_reduced",
        "total_reduction_dkk",
    ),
    "integration_employment": ("municipality", "month", "persons", "employed"),
    "budget_lines": (
        "municipality",
        "year",
        "appropriation_area",
        "expense_type",
        "account",
        "original_budget_dkk",
    ),
    "appropriations": (
        "municipality",
        "date",
        "kind",
        "expense_type",
        "topic",
        "amount_dkk",
        "approved",
    ),
    "expected_variances": ("municipality", "date", "expense_type", "topic", "amount_dkk"),
    "spending": ("municipality", "date", "expense_type", "amount_dkk"),
    "company_contacts": (
        "municipality",
        "contact_id",
        "date",
        "cvr",
        "consultant",
        "channel",
        "track",
        "topic",
    ),
    "recruitment_requests": (
        "municipality",
        "request_id",
        "cvr",
        "created",
        "job_title",
        "positions",
        "closed",
        "close_reason",
        "forwarded",
    ),
}

# The kinds as the command names them (`jobtal import wage-months FILE`), by store table.
COMMAND_NAMES: dict[str, str] = {
    "wage-months": "wage_months",
    "education": "education_spells",
    "cases": "cases",
    "staffing": "staffing",
    "operating-costs": "operating_costs",
    "cash-benefit-cap": "cash_benefit_cap",
    "integration-employment": "integration_employment",
    "budget": "budget_lines",
    "appropriations": "appropriations",
    "variances": "expected_variances",
    "spending": "spending",
    "company-contacts": "company_contacts",
    "recruitment-requests": "recruitment_requests",
}


# The types of a column:
# person        person_id, or cpr (replaced by a keyed pseudonym)
# text          any text, surrounding spaces removed
# code          one of the column's `values`
# municipality  a municipality code of jobtal.domain.municipalities
# date          ÅÅÅÅ-MM-DD
# month         ÅÅÅÅ-MM or ÅÅÅÅ-MM-01, stored as the first day of the month
# quarter       ÅÅÅÅQn, e.g. 2022Q4
# year          ÅÅÅÅ
# integer       a whole number
# number        decimal point or decimal comma, no thousands separator
# boolean       ja/nej, true/false, 1/0
# cvr           8 digits with the modulus-11 check
ColumnType = Literal[
    "person",
    "text",
    "code",
    "municipality",
    "date",
    "month",
    "quarter",
    "year",
    "integer",
    "number",
    "boolean",
    "cvr",
]


@dataclass(frozen=True)
class Column:
    """One column of a file.

    name: the column in the file (the store's column name, except `start`/`end`). type: one of
    ColumnType. label: what it is, in Danish (messages and documentation). nullable: the value may
    be empty (stored as NULL). optional: the file may lack the column (every value NULL).
    values: the allowed values of a `code` column (compared without case, stored in lower
    case). low, high: bounds of a number (inclusive; `low_open`: the value must exceed low).
    """

    name: str
    type: ColumnType
    label: str
    nullable: bool = False
    optional: bool = False
    values: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    low_open: bool = False

    @property
    def store(self) -> str:
        """The store's column name."""
        return _STORE_NAME.get(self.name, self.name)


_STORE_NAME = {"start": "start_date", "end": "end_date"}


@dataclass(frozen=True)
class RecordKind:
    """One kind of file of the report's inputs: the store table it fills, its columns, the
    key (store column names), the label of the key in Danish, checks across columns and the
    period a row covers (SQL over the store columns: first day, last day; NULL = open)."""

    table: str
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    key_label: str
    begins: str
    ends: str
    rules: tuple[Check, ...] = ()

    @property
    def has_persons(self) -> bool:
        return self.columns[0].type == "person"

    @property
    def file_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def store_columns(self) -> tuple[str, ...]:
        return tuple(column.store for column in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        """The columns a file must have (person_id/cpr are checked apart)."""
        return tuple(c.name for c in self.columns if not c.optional and c.type != "person")


EXPENSE_TYPES = ("service", "overfoersler")
COST_CATEGORIES = ("vejledning_opkvalificering", "ordinaer_uddannelse", "mentor")
GROUP_CATEGORIES = ("ledighedsrelateret", "oevrige")
EDUCATION_KINDS = ("su", "laerling")
APPROPRIATION_KINDS = ("tillaegsbevilling", "teknisk_omplacering")
CLOSE_REASONS = ("ordinaert_job", "egne_kanaler", "anden")

_PERSON = Column("person_id", "person", "person")
_MUNICIPALITY = Column("municipality", "municipality", "kommunekode")
_MONTH = Column("month", "month", "måned")
_DATE = Column("date", "date", "dato")
_YEAR = Column("year", "year", "år")
_START = Column("start", "date", "startdato")
_END = Column("end", "date", "slutdato", nullable=True)
_EXPENSE_TYPE = Column("expense_type", "code", "udgiftstype", values=EXPENSE_TYPES)
_TOPIC = Column("topic", "text", "emne")


def _amount(name: str, label: str = "beløb") -> Column:
    return Column(name, "number", label)


def _not_before(field: str, later: str, earlier: str, message: str) -> Check:
    """`later` ≥ `earlier` where both are given."""
    return Check(field, f'"{later}" < "{earlier}"', f"'{message}'")


def _not_more(field: str, part: str, whole: str, message: str) -> Check:
    """`part` ≤ `whole`; the message shows both values."""
    return Check(
        field,
        f'"{part}" > "{whole}"',
        f"'{message}:' || shown(\"t_{part}\") || ' >' || shown(\"t_{whole}\")",
    )


_SPELL_END = _not_before("end", "end_date", "start_date", "slutdato ligger før startdato")
_MONTH_SPAN = ('"month"', 'last_day("month")')
_DATE_SPAN = ('"date"', '"date"')
_YEAR_SPAN = ('make_date("year", 1, 1)', 'make_date("year", 12, 31)')
_QUARTER_START = (
    'make_date(CAST(left("quarter", 4) AS INTEGER), '
    'CAST(right("quarter", 1) AS INTEGER) * 3 - 2, 1)'
)

KINDS: dict[str, RecordKind] = {
    kind.table: kind
    for kind in (
        RecordKind(
            "wage_months",
            "lønmåneder",
            (_PERSON, _MONTH, Column("wage_hours", "number", "løntimer", low=0, low_open=True)),
            key=("person_id", "month"),
            key_label="person og måned",
            begins=_MONTH_SPAN[0],
            ends=_MONTH_SPAN[1],
        ),
        RecordKind(
            "education_spells",
            "uddannelsesforløb",
            (
                _PERSON,
                Column("kind", "code", "uddannelsestype", values=EDUCATION_KINDS),
                _START,
                _END,
                Column(
                    "age_at_start",
                    "integer",
                    "alder ved start",
                    nullable=True,
                    optional=True,
                    low=0,
                    high=130,
                ),
            ),
            key=("person_id", "kind", "start_date"),
            key_label="person, uddannelsestype og startdato",
            begins='"start_date"',
            ends='"end_date"',
            rules=(_SPELL_END,),
        ),
        RecordKind(
            "cases",
            "sagsforløb",
            (_PERSON, _MUNICIPALITY, Column("team", "text", "team"), _START, _END),
            key=("municipality", "person_id", "start_date"),
            key_label="kommune, person og startdato",
            begins='"start_date"',
            ends='"end_date"',
            rules=(_SPELL_END,),
        ),
        RecordKind(
            "staffing",
            "årsværk",
            (
                _MUNICIPALITY,
                Column("quarter", "quarter", "kvartal"),
                Column("team", "text", "team"),
                Column("group_category", "code", "gruppekategori", values=GROUP_CATEGORIES),
                Column("staff_years", "number", "årsværk", low=0),
            ),
            key=("municipality", "quarter", "team"),
            key_label="kommune, kvartal og team",
            begins=_QUARTER_START,
            ends=f"last_day({_QUARTER_START} + INTERVAL 2 MONTH)",
        ),
        RecordKind(
            "operating_costs",
            "driftsudgifter",
            (
                _MUNICIPALITY,
                _YEAR,
                Column("category", "code", "udgiftskategori", values=COST_CATEGORIES),
                _amount("amount_dkk"),
                Column("expected", "boolean", "forventet"),
            ),
            key=("municipality", "year", "category"),
            key_label="kommune, år og kategori",
            begins=_YEAR_SPAN[0],
            ends=_YEAR_SPAN[1],
        ),
        RecordKind(
            "cash_benefit_cap",
            "kontanthjælpsloft",
            (
                _MUNICIPALITY,
                _MONTH,
                Column("persons_covered", "integer", "personer omfattet", low=0),
                Column("persons_reduced", "integer", "personer med nedsættelse", low=0),
                Column("total_reduction_dkk", "number", "samlet nedsættelse", low=0),
            ),
            key=("municipality", "month"),
            key_label="kommune og måned",
            begins=_MONTH_SPAN[0],
            ends=_MONTH_SPAN[1],
            rules=(
                _not_more(
                    "persons_reduced",
                    "persons_reduced",
                    "persons_covered",
                    "flere personer med nedsættelse end personer omfattet",
                ),
            ),
        ),
        RecordKind(
            "integration_employment",
            "flygtninge i beskæftigelse",
            (
                _MUNICIPALITY,
                _MONTH,
                Column("persons", "number", "personer", low=0),
                Column("employed", "number", "personer i beskæftigelse", low=0),
            ),
            key=("municipality", "month"),
            key_label="kommune og måned",
            begins=_MONTH_SPAN[0],
            ends=_MONTH_SPAN[1],
            rules=(
                _not_more(
                    "employed", "employed", "persons", "flere i beskæftigelse end personer i alt"
                ),
            ),
        ),
        RecordKind(
            "budget_lines",
            "budgetlinjer",
            (
                _MUNICIPALITY,
                _YEAR,
                Column("appropriation_area", "text", "bevillingsområde"),
                _EXPENSE_TYPE,
                Column("account", "text", "konto"),
                _amount("original_budget_dkk", "oprindeligt budget"),
            ),
            key=("municipality", "year", "expense_type"),
            key_label="kommune, år og udgiftstype",
            begins=_YEAR_SPAN[0],
            ends=_YEAR_SPAN[1],
        ),
        RecordKind(
            "appropriations",
            "bevillingsændringer",
            (
                _MUNICIPALITY,
                _DATE,
                Column("kind", "code", "bevillingstype", values=APPROPRIATION_KINDS),
                _EXPENSE_TYPE,
                _TOPIC,
                _amount("amount_dkk"),
                Column("approved", "boolean", "godkendt"),
            ),
            key=("municipality", "date", "kind", "expense_type", "topic"),
            key_label="kommune, dato, bevillingstype, udgiftstype og emne",
            begins=_DATE_SPAN[0],
            ends=_DATE_SPAN[1],
        ),
        RecordKind(
            "expected_variances",
            "forventede afvigelser",
            (_MUNICIPALITY, _DATE, _EXPENSE_TYPE, _TOPIC, _amount("amount_dkk")),
            key=("municipality", "date", "expense_type", "topic"),
            key_label="kommune, dato, udgiftstype og emne",
            begins=_DATE_SPAN[0],
            ends=_DATE_SPAN[1],
        ),
        RecordKind(
            "spending",
            "forbrug",
            (_MUNICIPALITY, _DATE, _EXPENSE_TYPE, _amount("amount_dkk")),
            key=("municipality", "date", "expense_type"),
            key_label="kommune, dato og udgiftstype",
            begins=_DATE_SPAN[0],
            ends=_DATE_SPAN[1],
        ),
        RecordKind(
            "company_contacts",
            "virksomhedskontakter",
            (
                _MUNICIPALITY,
                Column("contact_id", "text", "kontakt-id"),
                _DATE,
                Column("cvr", "cvr", "CVR-nummer"),
                Column("consultant", "text", "konsulent"),
                Column("channel", "text", "kanal"),
                Column("track", "integer", "spor", low=1, high=3),
                _TOPIC,
            ),
            key=("municipality", "contact_id"),
            key_label="kommune og kontakt-id",
            begins=_DATE_SPAN[0],
            ends=_DATE_SPAN[1],
        ),
        RecordKind(
            "recruitment_requests",
            "rekrutteringsanmodninger",
            (
                _MUNICIPALITY,
                Column("request_id", "text", "anmodnings-id"),
                Column("cvr", "cvr", "CVR-nummer"),
                Column("created", "date", "oprettet"),
                Column("job_title", "text", "stillingsbetegnelse"),
                Column("positions", "integer", "antal stillinger", low=1),
                Column("closed", "date", "lukket", nullable=True),
                Column("close_reason", "code", "lukkeårsag", nullable=True, values=CLOSE_REASONS),
                Column("forwarded", "date", "videresendt", nullable=True),
            ),
            key=("municipality", "request_id"),
            key_label="kommune og anmodnings-id",
            begins='"created"',
            ends='"closed"',
            rules=(
                _not_before("closed", "closed", "created", "lukket før oprettet"),
                _not_before("forwarded", "forwarded", "created", "videresendt før oprettet"),
                Check(
                    "close_reason",
                    '"t_closed" IS NOT NULL AND "t_close_reason" IS NULL',
                    "'lukkeårsag mangler (anmodningen er lukket)'",
                ),
                Check(
                    "close_reason",
                    '"t_closed" IS NULL AND "t_close_reason" IS NOT NULL',
                    "'lukkeårsag uden lukkedato (en åben anmodning har ingen lukkeårsag)'",
                ),
            ),
        ),
    )
}


def kind_of(name: str) -> RecordKind:
    """The kind named by its store table (`wage_months`) or its command name (`wage-months`)."""
    table = COMMAND_NAMES.get(name, name)
    if table not in KINDS:
        known = ", ".join(COMMAND_NAMES)
        raise ValueError(f"ukendt type af inddata: {name!r} (kendte typer: {known})")
    return KINDS[table]


def import_records(
    kind: str,
    file: str | Path,
    db_path: str | Path,
    *,
    skip_bad_rows: bool = False,
    key: bytes | None = None,
    on_step: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Import one file of the report's inputs of `kind` (a store table or a command name) into
    the store at `db_path`. Raises InputError, leaving the store untouched, on any bad row,
    unless `skip_bad_rows` (then bad rows are left out and listed in the summary). `key` is
    the pseudonym key for a `cpr` column (None: the setting PSEUDONYM_KEY). `on_step` is
    called after each of the STEPS (for a progress bar)."""
    step = on_step or (lambda name: None)
    staged = _stage_file(kind_of(kind), Path(file), skip_bad_rows, key)
    step(STEPS[0])
    step(STEPS[1])
    (result,) = _write(Path(db_path), [staged])
    step(STEPS[2])
    return _summary(staged, *result)


def import_directory(
    directory: str | Path, db_path: str | Path, *, key: bytes | None = None
) -> list[ImportSummary]:
    """Import every file `<table>.csv` or `<table>.parquet` of `directory` whose name is one
    of the report's input tables, in one transaction: all files or none. Any other file, two
    files of one table, or a bad row in any file is an InputError naming every problem, and
    the store is left untouched. Files whose names begin with `.` are ignored. Returns one
    summary per file, in the order of REPORT_INPUT_TABLES."""
    files = _directory_files(Path(directory))
    staged: list[_Staged] = []
    problems: list[Problem] = []
    for table, path in files:
        try:
            staged.append(_stage_file(KINDS[table], path, False, key))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    results = _write(Path(db_path), staged)
    return [_summary(s, *result) for s, result in zip(staged, results, strict=True)]


def _directory_files(directory: Path) -> list[tuple[str, Path]]:
    """The (table, file) pairs of a directory, in the order of REPORT_INPUT_TABLES."""
    where = str(directory)
    if not directory.is_dir():
        raise InputError([Problem(where, None, None, "mappen findes ikke")])
    found: dict[str, Path] = {}
    problems = []
    accepted = ", ".join(f"{t}.csv" for t in REPORT_INPUT_TABLES)
    for path in sorted(directory.iterdir()):
        if path.name.startswith("."):
            continue
        table, suffix = path.stem, path.suffix.lower()
        if not path.is_file() or suffix not in (".csv", ".parquet") or table not in KINDS:
            message = (
                "ukendt fil: navnet skal være en af rapportens inddatatabeller med .csv eller "
                f".parquet ({accepted})"
            )
            problems.append(Problem(str(path), None, None, message))
        elif table in found:
            message = f"to filer til tabellen {table}: {found[table].name} og {path.name}"
            problems.append(Problem(str(path), None, None, message))
        else:
            found[table] = path
    if problems:
        raise InputError(problems)
    if not found:
        message = f"mappen har ingen af rapportens inddatafiler ({accepted})"
        raise InputError([Problem(where, None, None, message)])
    return [(table, found[table]) for table in REPORT_INPUT_TABLES if table in found]


@dataclass(frozen=True)
class _Staged:
    """A file read, checked and pseudonymised, ready to be written."""

    kind: RecordKind
    scanned: Scanned
    rows_read: int
    incoming: pa.Table
    rejected: tuple[Rejected, ...]
    columns: tuple[str, ...]
    persons: int
    first_day: date | None
    last_day: date | None


def _summary(staged: _Staged, replaced: int, already: bool) -> ImportSummary:
    return ImportSummary(
        kind=staged.kind.table,
        file=staged.scanned.file,
        rows_read=staged.rows_read,
        rows_stored=staged.incoming.num_rows,
        rows_replaced=replaced,
        persons=staged.persons,
        overlaps=0,
        already_imported=already,
        rejected=staged.rejected,
        columns=staged.columns,
        first_day=staged.first_day,
        last_day=staged.last_day,
    )


def _stage_file(kind: RecordKind, path: Path, skip: bool, key: bytes | None) -> _Staged:
    scanned = reading.scan(path)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    # The staging tables may hold CPR numbers: they must never be spilled to a temporary file.
    con.execute("SET temp_directory = ''")
    try:
        return _stage(con, kind, path, scanned, skip, key)
    finally:
        con.close()


def _stage(
    con: duckdb.DuckDBPyConnection,
    kind: RecordKind,
    path: Path,
    scanned: Scanned,
    skip: bool,
    key: bytes | None,
) -> _Staged:
    """Load, check and pseudonymise the file into the distinct rows to store."""
    names = reading.load_raw(con, path, scanned)
    missing = reading.first_missing(scanned.file, names, kind.required)
    id_column = _id_column(scanned.file, names) if kind.has_persons else None
    if missing:
        raise InputError(missing)
    if id_column == "cpr" and key is None:
        key = pseudonym.key_from_settings(scanned.file)
    con.execute(MACROS)
    con.register("_codes_source", pa.table({"code": sorted(municipality_codes())}))
    con.execute("CREATE TEMP TABLE _codes AS SELECT * FROM _codes_source")
    con.execute(typed_sql(kind, names, id_column))
    checks = [*(_id_checks(id_column) if id_column else []), *column_checks(kind)]
    hidden = "cpr" if id_column == "cpr" else None
    rows_read = int(con.execute("SELECT count(*) FROM typed").fetchall()[0][0])
    if skip:
        rejected = reject_problems(con, scanned, checks, hidden)
    else:
        raise_problems(con, scanned, checks)
        rejected = []
    values = ", ".join(_typed_name(c) for c in kind.columns)
    con.execute(
        f"CREATE TABLE distinct_rows AS SELECT {values}, min(idx) AS idx FROM typed GROUP BY ALL"
    )
    key_columns = [_typed_name(_column(kind, k)) for k in kind.key]
    field = _file_name(kind, kind.key[-1])
    if skip:
        rejected += reject_key_conflicts(
            con, scanned, key_columns, kind.key_label, hidden, field=field
        )
    else:
        raise_key_conflicts(con, scanned, key_columns, kind.key_label, field=field)
    select = ", ".join(f'{_typed_name(c)} AS "{c.store}"' for c in kind.columns)
    incoming = con.sql(f"SELECT {select} FROM distinct_rows").to_arrow_table()
    persons, first_day, last_day = _extent(con, kind)
    if id_column == "cpr" and key is not None:
        incoming = _pseudonymise(incoming, key)
    return _Staged(
        kind, scanned, rows_read, incoming, tuple(rejected), names, persons, first_day, last_day
    )


def _column(kind: RecordKind, store: str) -> Column:
    return next(c for c in kind.columns if c.store == store)


def _file_name(kind: RecordKind, store: str) -> str:
    return _column(kind, store).name


def _typed_name(column: Column) -> str:
    """The column in the staging table `typed`: the person is `person` (the person_id, or
    the CPR digits until they are pseudonymised), the others their store name."""
    return "person" if column.type == "person" else f'"{column.store}"'


def _extent(
    con: duckdb.DuckDBPyConnection, kind: RecordKind
) -> tuple[int, date | None, date | None]:
    """Distinct persons, first day and last day (None when a row is open) of the rows."""
    person = "count(DISTINCT person)" if kind.has_persons else "0"
    found = con.execute(
        f"""
        SELECT {person}, min(b), CASE WHEN count(*) = count(e) THEN max(e) END
        FROM (SELECT *, {kind.begins} AS b, {kind.ends} AS e FROM distinct_rows)
        """
    ).fetchall()[0]
    return int(found[0]), found[1], found[2]


NUMBER_PATTERN = "[+-]?[0-9]+([.,][0-9]+)?([eE][+-]?[0-9]+)?"
INTEGER_PATTERN = "[+-]?[0-9]+([.,]0+)?"
TRUE_TEXTS = ("ja", "true", "1")
FALSE_TEXTS = ("nej", "false", "0")
# CVR: 8 digits whose weighted sum with these weights is divisible by 11.
CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


# The typed value of a column from its text {t} (NULL when empty or invalid), per type.
_MONTH_DAY = "in_range(iso_date(CASE WHEN {t} LIKE '____-__' THEN {t} || '-01' ELSE {t} END))"
_CVR_SUM = " + ".join(
    f"CAST(substr({{t}}, {i + 1}, 1) AS INTEGER) * {w}" for i, w in enumerate(CVR_WEIGHTS)
)
_VALUE = {
    "text": "{t}",
    "code": "CASE WHEN lower({t}) IN ({values}) THEN lower({t}) END",
    "municipality": "CASE WHEN regexp_full_match({t}, '[0-9]{{1,4}}') "
    "AND TRY_CAST({t} AS SMALLINT) IN (SELECT code FROM _codes) THEN TRY_CAST({t} AS SMALLINT) END",
    "date": "in_range(iso_date({t}))",
    "month": f"CASE WHEN day({_MONTH_DAY}) = 1 THEN {_MONTH_DAY} END",
    "quarter": "CASE WHEN regexp_full_match(upper({t}), '(19|20|21)[0-9]{{2}}Q[1-4]') "
    "THEN upper({t}) END",
    "year": "CASE WHEN regexp_full_match({t}, '(19|20|21)[0-9]{{2}}') "
    "THEN CAST({t} AS SMALLINT) END",
    "integer": f"CASE WHEN regexp_full_match({{t}}, '{INTEGER_PATTERN}') "
    "THEN TRY_CAST(regexp_replace({t}, '[.,]0+$', '') AS INTEGER) END",
    "number": f"CASE WHEN regexp_full_match({{t}}, '{NUMBER_PATTERN}') "
    "THEN TRY_CAST(replace({t}, ',', '.') AS DOUBLE) END",
    "boolean": f"CASE WHEN lower({{t}}) IN ({_listed(TRUE_TEXTS)}) THEN true "
    f"WHEN lower({{t}}) IN ({_listed(FALSE_TEXTS)}) THEN false END",
    "cvr": f"CASE WHEN regexp_full_match({{t}}, '[0-9]{{{{8}}}}') AND ({_CVR_SUM}) % 11 = 0 "
    "THEN {t} END",
}


def value_sql(column: Column) -> str:
    """The typed value of a column from its text `t_<store>` (NULL when empty or invalid)."""
    return _VALUE[column.type].format(t=f'"t_{column.store}"', values=_listed(column.values))


# Why a non-empty text is not a valid value, per type (a SQL text expression over `t`).
_INVALID = {
    "code": "'ukendt værdi' || shown({t}) || ' (gyldige værdier: {values})'",
    "municipality": "'ukendt kommunekode' || shown({t}) || "
    "' (skal være en af de 98 kommunekoder, fx 157)'",
    "date": BAD_DATE.format("{t}"),
    "month": "'ugyldig måned' || shown({t}) || "
    "' (skal være ÅÅÅÅ-MM eller månedens første dag, ÅÅÅÅ-MM-01)'",
    "quarter": "'ugyldigt kvartal' || shown({t}) || ' (skal være ÅÅÅÅQn, fx 2022Q4)'",
    "year": "'ugyldigt år' || shown({t}) || ' (skal være et årstal mellem 1900 og 2199)'",
    "integer": "'ugyldigt heltal' || shown({t}) || ' (skal være et helt tal)'",
    "number": "'ugyldigt tal' || shown({t}) || "
    "' (decimalpunktum eller decimalkomma, ingen tusindtalsseparator; fx 1234,5)'",
    "boolean": "'ugyldig sandhedsværdi' || shown({t}) || "
    "' (skal være ja, nej, true, false, 1 eller 0)'",
    # A CVR number is never echoed: it may be a sole proprietor's personal identifier.
    "cvr": "CASE WHEN regexp_full_match({t}, '[0-9]{{8}}') "
    "THEN 'ugyldigt CVR-nummer (kontrolcifferet passer ikke)' "
    "ELSE 'ugyldigt CVR-nummer (skal være 8 cifre)' END",
}


def column_checks(kind: RecordKind) -> list[Check]:
    """The checks of every column of `kind` (empty, invalid, out of bounds), then its rules."""
    checks = []
    for column in kind.columns:
        if column.type == "person":
            continue
        t, value = f'"t_{column.store}"', f'"{column.store}"'
        if not column.nullable:
            checks.append(Check(column.name, f"{t} IS NULL", f"'{column.label} mangler'"))
        if column.type in _INVALID:
            message = _INVALID[column.type].format(t=t, values=", ".join(column.values))
            checks.append(Check(column.name, f"{t} IS NOT NULL AND {value} IS NULL", message))
        bound = _bound(column)
        if bound:
            condition, wording = bound
            message = f"'{column.label}' || shown({t}) || ' skal være {wording}'"
            checks.append(Check(column.name, f"{value} IS NOT NULL AND NOT ({condition})", message))
    return [*checks, *kind.rules]


def _bound(column: Column) -> tuple[str, str] | None:
    """(SQL condition a valid value meets, its wording in Danish), or None without bounds."""
    value = f'"{column.store}"'
    low, high = _shown_number(column.low), _shown_number(column.high)
    if column.low is not None and column.high is not None:
        return f"{value} BETWEEN {column.low} AND {column.high}", f"mellem {low} og {high}"
    if column.low is not None and column.low_open:
        return f"{value} > {column.low}", f"større end {low}"
    if column.low is not None:
        return f"{value} >= {column.low}", f"mindst {low}"
    if column.high is not None:
        return f"{value} <= {column.high}", f"højst {high}"
    return None


def _shown_number(value: float | None) -> str:
    return "" if value is None else number(value)


def typed_sql(kind: RecordKind, names: tuple[str, ...], id_column: str | None) -> str:
    """The staging table `typed`: per row its index, the person (if any), and per column its
    text `t_<store>` (trimmed, empty = NULL; NULL when the file lacks an optional column) and
    its typed value under the store's name."""
    texts = ["rowid AS idx"]
    if id_column is not None:
        texts.append(f"{_person_sql(id_column)} AS person")
        texts.append(f"NULLIF(trim(\"{id_column}\"), '') AS person_text")
    values = []
    for column in kind.columns:
        if column.type == "person":
            continue
        text = f"NULLIF(trim(\"{column.name}\"), '')" if column.name in names else "NULL"
        texts.append(f'CAST({text} AS VARCHAR) AS "t_{column.store}"')
        values.append(f'{value_sql(column)} AS "{column.store}"')
    return (
        f"CREATE TABLE typed AS WITH texts AS (SELECT {', '.join(texts)} FROM raw) "
        f"SELECT *, {', '.join(values)} FROM texts"
    )


def _write(db_path: Path, staged: list[_Staged]) -> list[tuple[int, bool]]:
    """Write every staged file in one transaction; on any error roll back, so the store is as
    it was. Returns per file (rows replaced, already imported)."""
    con = schema.connect(db_path)
    try:
        con.execute("SET enable_progress_bar = false")
        # Row order in the store carries no meaning; not keeping it saves time and memory.
        con.execute("SET preserve_insertion_order = false")
        con.execute("BEGIN TRANSACTION")
        try:
            results = [_apply(con, s) for s in staged]
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return results
    finally:
        con.close()


def _apply(con: duckdb.DuckDBPyConnection, staged: _Staged) -> tuple[int, bool]:
    """Replace the stored rows with the keys of the file, insert the rest, log the import
    once per checksum."""
    kind = staged.kind
    same_key = " AND ".join(f't."{column}" = i."{column}"' for column in kind.key)
    columns = ", ".join(f'"{column}"' for column in kind.store_columns)
    con.register("incoming", staged.incoming)
    try:
        replaced = con.execute(
            f"SELECT count(*) FROM {kind.table} t JOIN incoming i ON {same_key}"
        ).fetchall()[0][0]
        con.execute(f"DELETE FROM {kind.table} t USING incoming i WHERE {same_key}")
        con.execute(f"INSERT INTO {kind.table} ({columns}) SELECT {columns} FROM incoming")
    finally:
        con.unregister("incoming")
    already = con.execute(
        "SELECT count(*) FROM import_log WHERE kind = ? AND sha256 = ?",
        [kind.table, staged.scanned.sha256],
    ).fetchall()[0][0]
    if not already:
        con.execute(
            "INSERT INTO import_log VALUES (current_localtimestamp(), ?, ?, ?, ?)",
            [kind.table, staged.scanned.file, staged.scanned.sha256, staged.rows_read],
        )
    return int(replaced), bool(already)
