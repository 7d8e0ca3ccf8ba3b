"""Importers of person-level files: benefit spells and activation spells.

Both follow the same steps, and nothing reaches the store before every step has passed:
1. read the file once (checksum, UTF-8, header) and stage it as text in an in-memory DuckDB;
2. check every row in SQL and report all problems at once (InputError);
3. replace CPR numbers by keyed pseudonyms (jobtal.store.pseudonym);
4. in one transaction on the store: replace the rows with the same key, insert the rest,
   rebuild the resolved segments (spells only) and log the import once per checksum.

Definitions:
- Key of a benefit spell: (person_id, benefit, category, start_date); of an activation:
  (person_id, offer, start_date). A row whose key is in the store replaces the stored row, so a
  later file can close an open spell.
- Rows of one file that are equal in every value count as one row. Rows that share a key but
  differ otherwise are an error.
- With `skip_bad_rows`, bad rows (and rows contradicting an earlier row's key) are left out
  instead, and returned in the summary for the quarantine file (jobtal.store.quarantine).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from jobtal.domain.municipalities import codes as municipality_codes
from jobtal.domain.target_groups import BENEFITS, GROUP_OF, OFFERS, allowed_categories
from jobtal.errors import InputError, Problem
from jobtal.store import pseudonym, reading, schema
from jobtal.store.quarantine import Rejected
from jobtal.store.reading import Scanned
from jobtal.store.resolve import rebuild_segments, resolve_priority
from jobtal.store.validation import (
    MACROS,
    Check,
    date_checks,
    raise_key_conflicts,
    raise_problems,
    reject_key_conflicts,
    reject_problems,
)


@dataclass(frozen=True)
class ImportSummary:
    """What an import did.

    rows_read: data rows in the file. rows_stored: distinct rows written (duplicates in the
    file count once). rows_replaced: of those, rows that replaced a stored row with the same key.
    persons: distinct persons in the file. overlaps: rows in benefit_overlaps after the import
    (the whole store; 0 for activations). already_imported: a file with the same checksum was
    imported before (the import is applied again, but logged once). rejected: the bad rows
    left out with `skip_bad_rows` (empty otherwise); columns: the file's columns, for the
    quarantine file. first_day, last_day: the earliest start and latest end (None when open)
    of the stored rows: the period the file covers.
    """

    kind: str
    file: str
    rows_read: int
    rows_stored: int
    rows_replaced: int
    persons: int
    overlaps: int
    already_imported: bool
    rejected: tuple[Rejected, ...] = ()
    columns: tuple[str, ...] = ()
    first_day: date | None = None
    last_day: date | None = None

    @property
    def skipped(self) -> int:
        """Bad rows left out (only with skip_bad_rows)."""
        return len(self.rejected)

    @property
    def duplicates(self) -> int:
        """Rows of the file that repeated another row exactly."""
        return self.rows_read - self.rows_stored - self.skipped


@dataclass(frozen=True)
class _Kind:
    """One kind of person-level file: its columns, checks and target table."""

    name: str
    table: str
    required: tuple[str, ...]
    key: tuple[str, ...]
    rest: tuple[str, ...]
    key_label: str
    typed_sql: str
    checks: Callable[[], list[Check]]

    @property
    def columns(self) -> tuple[str, ...]:
        return self.key + self.rest


ID_COLUMNS = ("person_id", "cpr")


def import_spells(
    path: str | Path,
    db_path: str | Path,
    *,
    priority: Sequence[str] | None = None,
    skip_bad_rows: bool = False,
    on_step: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Import a file of benefit spells into the store at `db_path` and rebuild
    benefit_segments and benefit_overlaps with `priority` (None: the setting, else the
    default order). Raises InputError, leaving the store untouched, on any bad row, unless
    `skip_bad_rows` (then bad rows are left out and listed in the summary). `on_step` is
    called after each of the STEPS (for a progress bar)."""
    order = resolve_priority(priority)
    after = lambda con: rebuild_segments(con, order)  # noqa: E731
    return _import(Path(path), Path(db_path), SPELLS, after, skip_bad_rows, on_step)


def import_activations(
    path: str | Path,
    db_path: str | Path,
    *,
    skip_bad_rows: bool = False,
    on_step: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Import a file of activation spells into the store at `db_path`. Raises InputError,
    leaving the store untouched, on any bad row, unless `skip_bad_rows` (as import_spells)."""
    return _import(Path(path), Path(db_path), ACTIVATIONS, lambda con: 0, skip_bad_rows, on_step)


# The steps of an import, as `on_step` reports them.
STEPS = ("læst", "kontrolleret", "gemt")


def write_overlaps_report(db_path: str | Path, out: str | Path) -> int:
    """Write benefit_overlaps as CSV (comma, UTF-8, header); return the number of rows."""
    con = schema.connect(db_path, read_only=True)
    try:
        con.execute(
            "COPY (SELECT person_id, start_date, end_date, kept_benefit, dropped_benefit "
            "FROM benefit_overlaps ORDER BY person_id, start_date, kept_benefit, dropped_benefit)"
            " TO ? (FORMAT csv, HEADER true, DELIMITER ',')",
            [str(out)],
        ).fetchall()
        return int(con.execute("SELECT count(*) FROM benefit_overlaps").fetchall()[0][0])
    finally:
        con.close()


def _import(
    path: Path,
    db_path: Path,
    kind: _Kind,
    after_write: Callable[[duckdb.DuckDBPyConnection], int],
    skip_bad_rows: bool,
    on_step: Callable[[str], None] | None = None,
) -> ImportSummary:
    step = on_step or (lambda name: None)
    scanned = reading.scan(path)
    step(STEPS[0])
    # No DuckDB progress bar: the command shows its own, on a terminal only.
    staging = duckdb.connect()
    staging.execute("SET enable_progress_bar = false")
    # The staging tables may hold CPR numbers: they must never be spilled to a temporary file.
    staging.execute("SET temp_directory = ''")
    try:
        rows_read, incoming, rejected, columns = _stage(staging, path, scanned, kind, skip_bad_rows)
    finally:
        staging.close()
    step(STEPS[1])
    replaced, overlaps, already = _write(db_path, kind, incoming, scanned, rows_read, after_write)
    step(STEPS[2])
    return ImportSummary(
        kind=kind.name,
        file=scanned.file,
        rows_read=rows_read,
        rows_stored=incoming.num_rows,
        rows_replaced=replaced,
        persons=len(pc.unique(incoming["person_id"])),
        overlaps=overlaps,
        already_imported=already,
        rejected=tuple(rejected),
        columns=columns,
        first_day=_first_day(incoming),
        last_day=_last_day(incoming),
    )


def _first_day(incoming: pa.Table) -> date | None:
    return pc.min(incoming["start_date"]).as_py() if incoming.num_rows else None


def _last_day(incoming: pa.Table) -> date | None:
    """The latest end; None when there are no rows or a spell is still open."""
    if not incoming.num_rows or incoming["end_date"].null_count:
        return None
    return pc.max(incoming["end_date"]).as_py()


def _stage(
    con: duckdb.DuckDBPyConnection, path: Path, scanned: Scanned, kind: _Kind, skip: bool
) -> tuple[int, pa.Table, list[Rejected], tuple[str, ...]]:
    """Load, check and pseudonymise the file; return its row count, the distinct rows to
    store (with the store's column names), the rows left out (only when `skip`) and the
    file's column names."""
    names = reading.load_raw(con, path, scanned)
    id_column = _id_column(scanned.file, names)
    missing = reading.first_missing(scanned.file, names, kind.required)
    if missing:
        raise InputError(missing)
    key = pseudonym.key_from_settings(scanned.file) if id_column == "cpr" else None
    con.execute(MACROS)
    _load_code_tables(con)
    optional = {name: (f'"{name}"' if name in names else "NULL") for name in OPTIONAL}
    person_text = f"NULLIF(trim(\"{id_column}\"), '')"
    con.execute(
        kind.typed_sql.format(person=_person_sql(id_column), person_text=person_text, **optional)
    )
    checks = [*_id_checks(id_column), *kind.checks()]
    hidden = "cpr" if id_column == "cpr" else None
    rows_read = int(con.execute("SELECT count(*) FROM typed").fetchall()[0][0])
    rejected = reject_problems(con, scanned, checks, hidden) if skip else []
    if not skip:
        raise_problems(con, scanned, checks)
    values = ", ".join(["person", *kind.columns[1:]])
    con.execute(
        f"CREATE TABLE distinct_rows AS SELECT {values}, min(idx) AS idx FROM typed GROUP BY ALL"
    )
    key_columns = ["person", *kind.key[1:]]
    if skip:
        rejected += reject_key_conflicts(con, scanned, key_columns, kind.key_label, hidden)
    else:
        raise_key_conflicts(con, scanned, key_columns, kind.key_label)
    select = ", ".join(["person AS person_id", *kind.columns[1:]])
    incoming = con.sql(f"SELECT {select} FROM distinct_rows").to_arrow_table()
    if key is not None:
        incoming = _pseudonymise(incoming, key)
    return rows_read, incoming, rejected, names


def _id_column(file: str, names: tuple[str, ...]) -> str:
    present = [name for name in ID_COLUMNS if name in names]
    if len(present) != 1:
        message = (
            "filen har både person_id og cpr; brug kun én af dem"
            if present
            else "kolonnen mangler (person_id eller cpr)"
        )
        raise InputError([Problem(file, 1, "person_id", message)])
    return present[0]


def _person_sql(id_column: str) -> str:
    """The person as compared within the file: the person_id, or the CPR number's digits."""
    if id_column == "person_id":
        return "NULLIF(trim(\"person_id\"), '')"
    text = 'trim("cpr")'
    valid = pseudonym.cpr_is_valid_sql(text)
    return f"CASE WHEN {valid} THEN {pseudonym.cpr_digits_sql(text)} END"


def _id_checks(id_column: str) -> list[Check]:
    if id_column == "person_id":
        return [Check("person_id", "person IS NULL", "'person-id mangler'")]
    return [
        Check("cpr", "person_text IS NULL", "'CPR-nummer mangler'"),
        Check("cpr", "person_text IS NOT NULL AND person IS NULL", "'ugyldigt CPR-nummer'"),
    ]


def _pseudonymise(incoming: pa.Table, key: bytes) -> pa.Table:
    """Replace the CPR digits in person_id by pseudonyms, computing each person's once."""
    persons = pc.unique(incoming["person_id"])
    names = pseudonym.pseudonymise(persons, key)
    positions = pc.index_in(incoming["person_id"], value_set=persons)
    column = incoming.schema.get_field_index("person_id")
    return incoming.set_column(column, "person_id", pc.take(names, positions))


def _load_code_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Small tables of the valid codes, so that the checks are joins, not Python loops."""
    groups = sorted(GROUP_OF.items())
    con.register(
        "_groups_source",
        pa.table(
            {
                "benefit": [b for (b, _), _ in groups],
                "category": [c for (_, c), _ in groups],
                "target_group": [g for _, g in groups],
            }
        ),
    )
    allowed = {b: ", ".join(c or "(tom)" for c in allowed_categories(b)) for b in BENEFITS}
    con.register(
        "_allowed_source",
        pa.table({"benefit": list(allowed), "allowed": list(allowed.values())}),
    )
    con.register("_codes_source", pa.table({"code": sorted(municipality_codes())}))
    con.register("_offers_source", pa.table({"offer": list(OFFERS)}))
    for name in ("groups", "allowed", "codes", "offers"):
        con.execute(f"CREATE TEMP TABLE _{name} AS SELECT * FROM _{name}_source")
        con.unregister(f"_{name}_source")


def _write(
    db_path: Path,
    kind: _Kind,
    incoming: pa.Table,
    scanned: Scanned,
    rows_read: int,
    after_write: Callable[[duckdb.DuckDBPyConnection], int],
) -> tuple[int, int, bool]:
    """Write in one transaction; on any error roll back, so the store is as it was.
    Returns (rows replaced, overlaps, already imported)."""
    con = schema.connect(db_path)
    try:
        con.execute("SET enable_progress_bar = false")
        # Row order in the store carries no meaning; not keeping it saves time and memory.
        con.execute("SET preserve_insertion_order = false")
        con.register("incoming", incoming)
        con.execute("BEGIN TRANSACTION")
        try:
            result = _apply(con, kind, scanned, rows_read, after_write)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return result
    finally:
        con.close()


def _apply(
    con: duckdb.DuckDBPyConnection,
    kind: _Kind,
    scanned: Scanned,
    rows_read: int,
    after_write: Callable[[duckdb.DuckDBPyConnection], int],
) -> tuple[int, int, bool]:
    same_key = " AND ".join(f"t.{column} = i.{column}" for column in kind.key)
    columns = ", ".join(kind.columns)
    replaced = con.execute(
        f"SELECT count(*) FROM {kind.table} t JOIN incoming i ON {same_key}"
    ).fetchall()[0][0]
    con.execute(f"DELETE FROM {kind.table} t USING incoming i WHERE {same_key}")
    con.execute(f"INSERT INTO {kind.table} ({columns}) SELECT {columns} FROM incoming")
    overlaps = after_write(con)
    already = con.execute(
        "SELECT count(*) FROM import_log WHERE kind = ? AND sha256 = ?",
        [kind.name, scanned.sha256],
    ).fetchall()[0][0]
    if not already:
        con.execute(
            "INSERT INTO import_log VALUES (current_localtimestamp(), ?, ?, ?, ?)",
            [kind.name, scanned.file, scanned.sha256, rows_read],
        )
    return int(replaced), overlaps, bool(already)


# Optional columns: NULL when the file lacks them.
OPTIONAL = ("hours_per_week", "cvr")

# Each typed table is built in layers, so that no expression is computed twice per row:
# texts (trimmed, empty = NULL), then casts, then the date range and the code lookups.
_TYPED = """
    CREATE TABLE typed AS
    WITH texts AS (
        SELECT rowid AS idx, {{person}} AS person, {{person_text}} AS person_text,
               NULLIF(trim("start"), '') AS start_text, NULLIF(trim("end"), '') AS end_text,
               {texts}
        FROM raw
    ),
    casts AS (
        SELECT *, iso_date(start_text) AS start_any, iso_date(end_text) AS end_any, {casts}
        FROM texts
    )
    SELECT c.*, in_range(start_any) AS start_date, in_range(end_any) AS end_date {lookups}
"""

_SPELLS_TYPED = _TYPED.format(
    texts="""NULLIF(trim("municipality"), '') AS municipality_text,
             NULLIF(lower(trim("benefit")), '') AS benefit,
             coalesce(lower(trim("category")), '') AS category""",
    casts="TRY_CAST(municipality_text AS SMALLINT) AS municipality",
    lookups=""", g.target_group, a.allowed
    FROM casts c
    LEFT JOIN _groups g ON g.benefit = c.benefit AND g.category = c.category
    LEFT JOIN _allowed a ON a.benefit = c.benefit""",
)


def _spell_checks() -> list[Check]:
    return [
        Check("municipality", "municipality_text IS NULL", "'kommunekode mangler'"),
        Check(
            "municipality",
            "municipality_text IS NOT NULL AND "
            "(municipality IS NULL OR municipality NOT IN (SELECT code FROM _codes))",
            "'ukendt kommunekode' || shown(municipality_text) || "
            "' (skal være en af de 98 kommunekoder, fx 157)'",
        ),
        Check("benefit", "benefit IS NULL", "'ydelse mangler'"),
        Check(
            "benefit",
            "benefit IS NOT NULL AND allowed IS NULL",
            f"'ukendt ydelse' || shown(benefit) || ' (gyldige koder: {', '.join(BENEFITS)})'",
        ),
        Check(
            "category",
            "allowed IS NOT NULL AND target_group IS NULL",
            "'kategorien' || shown(NULLIF(category, '')) || ' er ikke tilladt for ' || benefit "
            "|| ' (tilladt: ' || allowed || ')'",
        ),
        *date_checks(),
    ]


_ACTIVATIONS_TYPED = _TYPED.format(
    texts="""NULLIF(lower(trim("offer")), '') AS offer,
             NULLIF(trim({hours_per_week}), '') AS hours_text,
             NULLIF(trim({cvr}), '') AS cvr""",
    casts="TRY_CAST(replace(hours_text, ',', '.') AS DOUBLE) AS hours_per_week",
    lookups="FROM casts c",
)


def _activation_checks() -> list[Check]:
    return [
        Check("offer", "offer IS NULL", "'tilbud mangler'"),
        Check(
            "offer",
            "offer IS NOT NULL AND offer NOT IN (SELECT offer FROM _offers)",
            f"'ukendt tilbud' || shown(offer) || ' (gyldige koder: {', '.join(OFFERS)})'",
        ),
        Check(
            "hours_per_week",
            "hours_text IS NOT NULL AND NOT coalesce(hours_per_week > 0 "
            "AND hours_per_week <= 168, false)",
            "'ugyldigt timetal' || shown(hours_text) || "
            "' (skal være et tal over 0 og højst 168, eller tomt)'",
        ),
        Check(
            "cvr",
            "cvr IS NOT NULL AND NOT regexp_full_match(cvr, '[0-9]{8}')",
            "'ugyldigt CVR-nummer (skal være 8 cifre)'",
        ),
        *date_checks(),
    ]


SPELLS = _Kind(
    name="spells",
    table="benefit_spells",
    required=("municipality", "benefit", "category", "start", "end"),
    key=("person_id", "benefit", "category", "start_date"),
    rest=("municipality", "end_date"),
    key_label="person, ydelse, kategori og startdato",
    typed_sql=_SPELLS_TYPED,
    checks=_spell_checks,
)

ACTIVATIONS = _Kind(
    name="activations",
    table="activation_spells",
    required=("offer", "start", "end"),
    key=("person_id", "offer", "start_date"),
    rest=("end_date", "hours_per_week", "cvr"),
    key_label="person, tilbud og startdato",
    typed_sql=_ACTIVATIONS_TYPED,
    checks=_activation_checks,
)
