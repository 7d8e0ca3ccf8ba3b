"""`jobtal series`: the stored jobindsats series as tidy rows, labels as jobindsats gives them.

    jobtal series [--table T] [--area A] [--period P] [--measure M] [--format json|csv] [--db]

Each row is `{"source_table", "area", "period", "measure", "dimensions", "value"}`;
`dimensions` is an object of the other label columns, `value` null where jobindsats gave
null (0 or suppressed).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import duckdb

from jobtal import settings
from jobtal.errors import InputError, Problem

COLUMNS = ("source_table", "area", "period", "measure", "dimensions", "value")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "series", help="vis de gemte jobindsats-serier som rækker (JSON eller CSV)"
    )
    parser.add_argument("--table", help="tabel-id, fx y01a02")
    parser.add_argument("--area", help="område, fx Gentofte eller Hele landet")
    parser.add_argument("--period", help="periodekode, fx 2022M12")
    parser.add_argument("--measure", help="måltal, som jobindsats skriver det")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--db", help="databasen (standard: indstillingen JOBTAL_DB)")
    parser.set_defaults(handler=run)


def query(
    db_path: str | Path,
    table: str | None = None,
    area: str | None = None,
    period: str | None = None,
    measure: str | None = None,
) -> list[dict[str, object]]:
    """The stored values matching the filters (None = any), in a stable order."""
    path = Path(db_path)
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "databasen findes ikke")])
    filters = {"lower(source_table)": table and table.lower(), "area": area}
    filters |= {"period": period, "measure": measure}
    where = [f"{column} = ?" for column, value in filters.items() if value is not None]
    sql = (
        f"SELECT {', '.join(COLUMNS)} FROM jobindsats_series"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + " ORDER BY source_table, area, measure, dimensions, first_month, last_month, period"
    )
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = con.execute(sql, [v for v in filters.values() if v is not None]).fetchall()
    except duckdb.CatalogException:
        found = []  # a store from before jobindsats_series holds no series
    finally:
        con.close()
    return [
        {**dict(zip(COLUMNS, row, strict=True)), "dimensions": json.loads(row[4])} for row in found
    ]


def run(args: argparse.Namespace) -> int:
    rows = query(args.db or settings.get("DB"), args.table, args.area, args.period, args.measure)
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return 0
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        dims = json.dumps(row["dimensions"], ensure_ascii=False, sort_keys=True)
        writer.writerow([*(row[c] for c in COLUMNS[:4]), dims, _csv_value(row["value"])])
    sys.stdout.write(out.getvalue())
    return 0


def _csv_value(value: object) -> str:
    return "" if value is None else repr(value)
