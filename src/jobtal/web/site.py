"""Set up and serve jobtal's web application from the command line (demo and `jobtal serve`)."""

from __future__ import annotations

import os
from pathlib import Path

# Where a database URL may come from (jobtal.web.config.database_url).
DATABASE_URL_VARIABLES = ("JOBTAL_DATABASE_URL", "DATABASE_URL")


def configure(database: Path | None = None, files: Path | None = None) -> None:
    """Point the web application at a database and file folder, then start Django.

    Must run before anything imports the Django settings (they read the environment once).
    An explicit `database` is a SQLite file and wins over a database URL in the environment:
    the demo always builds and serves its own file, never a PostgreSQL server that happens
    to be configured for the tests or for production."""
    if database is not None:
        os.environ["JOBTAL_WEB_DB"] = str(database)
        for name in DATABASE_URL_VARIABLES:
            os.environ.pop(name, None)
    if files is not None:
        os.environ["JOBTAL_WEB_FILES"] = str(files)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobtal.web.settings")
    import django

    django.setup()


def migrate() -> None:
    """Create or update the database tables (idempotent)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def serve(host: str, port: int) -> None:
    """Serve the application with waitress until interrupted.

    waitress rather than Django's runserver: runserver is documented as a development server
    only, while waitress is a small pure-Python production WSGI server that installs
    everywhere pip does; WhiteNoise in the middleware serves the design system's files."""
    from waitress import serve as waitress_serve

    from jobtal.web.wsgi import application

    print(f"Webapplikationen kører på http://{host}:{port}/ (stop med Ctrl+C)", flush=True)
    waitress_serve(application, host=host, port=port, threads=4, ident="jobtal")
