"""The company service's records as CSV files: import into the web database and export for
the analytical store.

Files (the store's input formats, `docs/input-formats.md`):
- `company_contacts.csv`, `recruitment_requests.csv`: the columns of
  `jobtal.store.records.FILE_COLUMNS`;
- `company_offers.csv`: the activation spell format of `jobtal.store.importers.
  import_activations` (person_id, offer, start, end, hours_per_week, cvr).

Importing validates each file with exactly the store importers' rules, by importing it into a
temporary DuckDB store and reading the validated, typed rows back. The app adds the rules its
records have beyond an activation spell: the person is a pseudonym (`person_id`; a `cpr`
column or a CPR-like value is refused), the offer is one at a company (løntilskud,
virksomhedspraktik, småjob) and carries a valid CVR number. Any problem is an InputError
naming the file, line and field, and nothing is written to the web database. Companies are
created as needed (one per CVR, named by their CVR until someone names them); a record with
the key of an existing one replaces it (contacts: municipality and contact id; requests:
request id; offers: person, offer and start).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
from django.db import transaction
from django.db.models import Model
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from jobtal.errors import InputError, Problem
from jobtal.store.importers import import_activations
from jobtal.store.records import FILE_COLUMNS, import_records
from jobtal.web.companies.models import (
    Company,
    CompanyOffer,
    Contact,
    Offer,
    RecruitmentRequest,
)
from jobtal.web.companies.validators import cvr_is_valid, default_municipality, looks_like_cpr

CONTACTS = "company_contacts"
REQUESTS = "recruitment_requests"
OFFERS = "company_offers"
FILES = (CONTACTS, REQUESTS, OFFERS)
OFFER_COLUMNS = ("person_id", "offer", "start", "end", "hours_per_week", "cvr")

Row = dict[str, Any]


# --- Import --------------------------------------------------------------------------------


def import_files(directory: Path) -> dict[str, int]:
    """Import the company service's CSV files found in `directory` (at least one of
    FILES, as `<name>.csv`). Returns the rows stored per file and `companies_created`."""
    paths = {name: Path(directory) / f"{name}.csv" for name in FILES}
    present = {name: path for name, path in paths.items() if path.is_file()}
    if not present:
        names = ", ".join(f"{name}.csv" for name in FILES)
        raise InputError([Problem(str(directory), None, None, f"ingen af filerne {names}")])
    rows = _validated(present)
    with transaction.atomic():
        companies, created = _companies(rows)
        counts = {
            CONTACTS: _store_contacts(rows.get(CONTACTS, []), companies),
            REQUESTS: _store_requests(rows.get(REQUESTS, []), companies),
            OFFERS: _store_offers(rows.get(OFFERS, []), companies),
        }
    return {**{k: v for k, v in counts.items() if k in present}, "companies_created": created}


def _validated(present: dict[str, Path]) -> dict[str, list[Row]]:
    """The files' rows as the store importers type them; InputError naming every problem."""
    problems: list[Problem] = []
    if OFFERS in present:
        problems += offer_problems(present[OFFERS])
    with tempfile.TemporaryDirectory(prefix="jobtal-virksomheder-") as tmp:
        store = Path(tmp) / "check.duckdb"
        for name, path in present.items():
            try:
                if name == OFFERS:
                    import_activations(path, store)
                else:
                    import_records(name, path, store)
            except InputError as error:
                problems += error.problems
        if problems:
            raise InputError([_named(p, present) for p in problems])
        con = duckdb.connect(str(store), read_only=True)
        try:
            return {name: _read_back(con, name) for name in present}
        finally:
            con.close()


def _named(problem: Problem, present: dict[str, Path]) -> Problem:
    """The problem with the file's name rather than its (possibly temporary) path."""
    for path in present.values():
        if problem.file == str(path):
            return replace(problem, file=path.name)
    return problem


_READ_BACK = {
    CONTACTS: "SELECT municipality, contact_id, date, cvr, consultant, channel, track, topic "
    "FROM company_contacts",
    REQUESTS: "SELECT municipality, request_id, cvr, created, job_title, positions, closed, "
    "close_reason, forwarded FROM recruitment_requests",
    OFFERS: "SELECT person_id, offer, start_date, end_date, hours_per_week, cvr "
    "FROM activation_spells",
}


def _read_back(con: duckdb.DuckDBPyConnection, name: str) -> list[Row]:
    cursor = con.execute(_READ_BACK[name])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


def offer_problems(path: Path) -> list[Problem]:
    """The app's rules for company_offers.csv beyond the activation importer's: pseudonyms
    only, offers at a company, a valid CVR. Values are never repeated in a message."""
    name = path.name
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        if "cpr" in header:
            return [Problem(name, 1, "cpr", "CPR-numre modtages ikke; brug borgerens pseudonym")]
        problems: list[Problem] = []
        for line, row in enumerate(reader, start=2):
            problems += _offer_row_problems(name, line, row)
    return problems


def _offer_row_problems(name: str, line: int, row: dict[str, str | None]) -> list[Problem]:
    found = []
    person = (row.get("person_id") or "").strip()
    if looks_like_cpr(person):
        found.append(Problem(name, line, "person_id", "ligner et CPR-nummer; brug pseudonymet"))
    offer = (row.get("offer") or "").strip().lower()
    if offer and offer not in Offer.values:
        allowed = ", ".join(Offer.values)
        found.append(Problem(name, line, "offer", f"ikke et tilbud på en virksomhed ({allowed})"))
    cvr = (row.get("cvr") or "").strip()
    if not cvr:
        found.append(Problem(name, line, "cvr", "CVR-nummer mangler"))
    elif not cvr_is_valid(cvr):
        found.append(Problem(name, line, "cvr", "ugyldigt CVR-nummer"))
    return found


def _companies(rows: dict[str, list[Row]]) -> tuple[dict[str, Company], int]:
    """The companies of every CVR in the rows, creating (or restoring) those missing."""
    first_seen: dict[str, int] = {}
    for found in rows.values():
        for row in found:
            first_seen.setdefault(row["cvr"], row.get("municipality") or default_municipality())
    known = {c.cvr: c for c in Company.all_objects.filter(cvr__in=first_seen)}
    restored = [c for c in known.values() if c.deleted_at is not None]
    for company in restored:
        company.deleted_at = None
        company.save()
    new = [
        Company(cvr=cvr, name=f"CVR {cvr}", municipality=municipality)
        for cvr, municipality in first_seen.items()
        if cvr not in known
    ]
    bulk_create_with_history(new, Company)
    companies = {c.cvr: c for c in Company.objects.filter(cvr__in=first_seen)}
    return companies, len(new)


def _upsert(
    model: type[Model],
    existing: dict[Any, Any],
    rows: Iterable[tuple[Any, dict[str, Any]]],
    fields: list[str],
) -> int:
    """Replace the records whose key exists (restoring a soft-deleted one), create the rest."""
    changed, new = [], []
    for key, values in rows:
        record = existing.get(key)
        if record is None:
            new.append(model(**values))
            continue
        for field, value in values.items():
            setattr(record, field, value)
        record.deleted_at = None
        changed.append(record)
    if new:
        bulk_create_with_history(new, model)
    if changed:
        bulk_update_with_history(changed, model, [*fields, "deleted_at"])
    return len(new) + len(changed)


def _store_contacts(rows: list[Row], companies: dict[str, Company]) -> int:
    existing = {(c.municipality, c.contact_id): c for c in Contact.all_objects.all()}
    values = (
        (
            (r["municipality"], r["contact_id"]),
            {
                "municipality": r["municipality"],
                "contact_id": r["contact_id"],
                "company": companies[r["cvr"]],
                "date": r["date"],
                "consultant": r["consultant"],
                "channel": r["channel"],
                "track": r["track"],
                "topic": r["topic"],
            },
        )
        for r in rows
    )
    fields = ["company", "date", "consultant", "channel", "track", "topic"]
    return _upsert(Contact, existing, values, fields)


def _store_requests(rows: list[Row], companies: dict[str, Company]) -> int:
    existing = {r.request_id: r for r in RecruitmentRequest.all_objects.all()}
    values = (
        (
            r["request_id"],
            {
                "municipality": r["municipality"],
                "request_id": r["request_id"],
                "company": companies[r["cvr"]],
                "created_on": r["created"],
                "job_title": r["job_title"],
                "positions": r["positions"],
                "closed": r["closed"],
                "close_reason": r["close_reason"] or "",
                "forwarded": r["forwarded"],
            },
        )
        for r in rows
    )
    fields = [
        "municipality",
        "company",
        "created_on",
        "job_title",
        "positions",
        "closed",
        "close_reason",
        "forwarded",
    ]
    return _upsert(RecruitmentRequest, existing, values, fields)


def _store_offers(rows: list[Row], companies: dict[str, Company]) -> int:
    existing = {(o.person, o.offer, o.start): o for o in CompanyOffer.all_objects.all()}
    municipality = default_municipality()
    values = (
        (
            (r["person_id"], r["offer"], r["start_date"]),
            {
                "municipality": municipality,
                "person": r["person_id"],
                "offer": r["offer"],
                "start": r["start_date"],
                "company": companies[r["cvr"]],
                "end": r["end_date"],
                "hours_per_week": r["hours_per_week"],
            },
        )
        for r in rows
    )
    return _upsert(CompanyOffer, existing, values, ["company", "end", "hours_per_week"])


# --- Export --------------------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write(path: Path, columns: Iterable[str], rows: Iterable[Iterable[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(columns))
        writer.writerows([_text(v) for v in row] for row in rows)
    return path


def export_files(directory: Path, municipality: int = 157) -> list[Path]:
    """Write the municipality's records as `company_contacts.csv`, `recruitment_requests.csv`
    (store input format) and `company_offers.csv` (activation format) into `directory`, for
    `jobtal.store.records.import_directory` / `import_records` and `import_activations`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    contacts = Contact.objects.filter(municipality=municipality).select_related(
        "company", "consultant_user"
    )
    requests = RecruitmentRequest.objects.filter(municipality=municipality).select_related(
        "company"
    )
    offers = CompanyOffer.objects.filter(municipality=municipality).select_related("company")
    return [
        _write(
            directory / f"{CONTACTS}.csv",
            FILE_COLUMNS[CONTACTS],
            (
                (
                    c.municipality,
                    c.contact_id,
                    c.date,
                    c.company.cvr,
                    c.consultant_name,
                    c.channel,
                    c.track,
                    c.topic,
                )
                for c in contacts.order_by("date", "contact_id")
            ),
        ),
        _write(
            directory / f"{REQUESTS}.csv",
            FILE_COLUMNS[REQUESTS],
            (
                (
                    r.municipality,
                    r.request_id,
                    r.company.cvr,
                    r.created_on,
                    r.job_title,
                    r.positions,
                    r.closed,
                    r.close_reason or None,
                    r.forwarded,
                )
                for r in requests.order_by("created_on", "request_id")
            ),
        ),
        _write(
            directory / f"{OFFERS}.csv",
            OFFER_COLUMNS,
            (
                (o.person, o.offer, o.start, o.end, o.hours_per_week, o.company.cvr)
                for o in offers.order_by("start", "person", "offer")
            ),
        ),
    ]
