"""`jobtal serve`: serve the web application (meetings, agendas, minutes, annual plan).

    jobtal serve [--host 127.0.0.1] [--port 8000]

The database and file folder come from JOBTAL_WEB_DB and JOBTAL_WEB_FILES (`jobtal
settings`); the tables are created or updated first.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="start webapplikationen med udvalgets møder",
        description="Start webapplikationen (dagsordener, referater, årsplan) på en lokal "
        "adresse. Databasen angives med JOBTAL_WEB_DB.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="adresse (standard: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (standard: 8000)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from jobtal.web import site

    site.configure()
    site.migrate()
    site.serve(args.host, args.port)
    return 0
