"""Every setting of jobtal, declared once with its default and help text.

A setting is read from the environment variable `JOBTAL_<NAME>`; the declaration here is the
only place a default lives, and the documentation is generated from it (`jobtal settings`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    secret: bool = False

    @property
    def env_var(self) -> str:
        return f"JOBTAL_{self.name}"


SETTINGS: tuple[Setting, ...] = (
    Setting("DB", "jobtal.duckdb", "Path of the analytical store (a DuckDB file)."),
    Setting(
        "PSEUDONYM_KEY",
        "",
        "Secret key for the keyed pseudonym (HMAC-SHA256) that replaces CPR numbers at import. "
        "Required to import files with a `cpr` column; keep it out of version control.",
        secret=True,
    ),
    Setting(
        "BENEFIT_PRIORITY",
        "",
        "Comma-separated benefit codes, highest priority first, deciding which benefit a "
        "person-day belongs to when spells overlap. Empty: the default order of DOMAIN.md.",
    ),
    Setting(
        "SPARK_MASTER",
        "local[2]",
        "Master URL of Apache Spark for the engine `spark`: `local[N]` runs Spark on this "
        "machine with N threads; `spark://host:7077` (or `yarn`) uses a cluster.",
    ),
    Setting(
        "JOBINDSATS_KEY",
        "",
        "API key for jobindsats.dk (requested from STAR), used by `jobtal jobindsats fetch`. "
        "Keep it in the environment, never in a file the project tracks.",
        secret=True,
    ),
    Setting(
        "JOBINDSATS_URL",
        "https://api.jobindsats.dk",
        "Base address of the jobindsats.dk API (v2 and v3 paths are added to it).",
    ),
    Setting(
        "JOBINDSATS_DIR",
        "jobindsats-svar",
        "Directory where `jobtal jobindsats fetch` saves every reply as received.",
    ),
    Setting(
        "ENV",
        "development",
        "`development` or `production`. In production the web application refuses to start "
        "without JOBTAL_SECRET_KEY or with JOBTAL_DEBUG on.",
    ),
    Setting(
        "SECRET_KEY",
        "",
        "Django's secret key for the web application (sessions, CSRF). Required in "
        "production; in development an insecure fixed key is used when empty.",
        secret=True,
    ),
    Setting("DEBUG", "0", "1: Django debug pages (never in production)."),
    Setting(
        "ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the web application answers to.",
    ),
    Setting(
        "WEB_DB",
        "jobtal-web.sqlite3",
        "Path of the web application's SQLite database (meetings, items, attachments).",
    ),
    Setting(
        "DATABASE_URL",
        "",
        "Database of the web application as a URL, e.g. "
        "`postgres://user:password@host:5432/name` for PostgreSQL (several users at once). "
        "Empty: SQLite in JOBTAL_WEB_DB. The conventional plain `DATABASE_URL` is read too "
        "when JOBTAL_DATABASE_URL is not set.",
        secret=True,
    ),
    Setting(
        "WEB_FILES",
        "jobtal-web-filer",
        "Directory where uploaded attachments are stored; never served directly, only "
        "through the application, which checks who may see each file.",
    ),
    Setting("UPLOAD_MAX_MB", "20", "Largest attachment that can be uploaded, in megabytes."),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str) -> str:
    """The value of a setting: its environment variable if set, else its default."""
    setting = _BY_NAME[name]
    return os.environ.get(setting.env_var, setting.default)
