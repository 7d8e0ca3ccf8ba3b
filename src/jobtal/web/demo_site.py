"""Build the demo's web database: `python -m jobtal.web.demo_site --out DIR`.

    python -m jobtal.web.demo_site --out DIR                  a fresh database with the demo
        [--records DIR --export DIR]                          and the company service's and
                                                              finance records of a folder,
                                                              exported again for the store
    python -m jobtal.web.demo_site --out DIR --attach-report  attach DIR/output's report files
                                                              to the demo meeting afterwards

Run by `jobtal demo` in its own process, because Django reads its settings (the database
path) once per process: a fresh process always gets the demo's database, never another one
that a caller (a test run, say) has already configured.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path


def paths(out: Path) -> tuple[Path, Path]:
    """The demo's web database and attachment folder under the demo folder."""
    return out / "web.sqlite3", out / "web-filer"


def build(out: Path, records: Path | None = None, export: Path | None = None) -> None:
    """A fresh database with the demo meeting; prints the users and their passwords. With
    `records`, the company service's and finance records in that folder are loaded into
    their apps, and with `export` written out again for the analytical store (into
    `export/companies` and `export/finance`)."""
    database, files = paths(out)
    database.unlink(missing_ok=True)
    shutil.rmtree(files, ignore_errors=True)
    from jobtal.web import site

    site.configure(database, files)
    site.migrate()
    from jobtal.web.meetings.demo import load_demo_meeting

    demo = load_demo_meeting(out / "output")
    print(f"Webdatabase: {database}")
    print(f"Møde: {demo.meeting} (referat godkendt), udkast: {demo.next_meeting}")
    for path in demo.attached_files:
        print(f"Vedhæftet som bilag: {path}")
    if records is not None:
        _load_records(records, export)
    print("Brugere til demoen (adgangskoden er ny for hver kørsel):")
    for user in demo.users:
        print(f"  {user.role:15} brugernavn {user.username:12} adgangskode {user.password}")


def _load_records(records: Path, export: Path | None) -> None:
    from jobtal.web.companies import records as companies
    from jobtal.web.finance import records as finance

    for name, app in (("virksomhedsservice", companies), ("økonomi", finance)):
        counts = app.import_files(records)
        print(f"Indlæst i {name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if export is not None:
        companies.export_files(export / "companies")
        finance.export_files(export / "finance")
        print(f"Eksporteret til analysedatabasen: {export}")


def attach(out: Path) -> None:
    """Attach the report files of `out/output` to the demo meeting's item 4 and publish the
    report there (the demo writes its report after building the web database)."""
    from jobtal.web import site

    site.configure(*paths(out))
    from jobtal.web.meetings.demo import attach_report

    for path in attach_report(out / "output"):
        print(f"Vedhæftet som bilag: {path}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jobtal.web.demo_site")
    parser.add_argument("--out", default="demo")
    parser.add_argument("--attach-report", action="store_true")
    parser.add_argument("--records", type=Path, default=None)
    parser.add_argument("--export", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.attach_report:
        attach(Path(args.out))
    else:
        build(Path(args.out), args.records, args.export)
    return 0


if __name__ == "__main__":
    sys.exit(main())
