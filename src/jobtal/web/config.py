"""The web application's configuration, read from jobtal's declared settings.

Kept apart from the Django settings module so the production checks can be tested without
importing Django settings twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

from jobtal import settings

# Only for development and tests: a fixed key keeps sessions valid across restarts there.
DEVELOPMENT_SECRET_KEY = "jobtal-development-only-not-secret"


@dataclass(frozen=True)
class WebConfig:
    """Everything the Django settings module needs from jobtal's settings."""

    production: bool
    secret_key: str
    debug: bool
    allowed_hosts: list[str]
    database: Path
    database_url: str
    files: Path
    upload_max_bytes: int


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load() -> WebConfig:
    """Read the settings; raise ImproperlyConfigured for an unsafe production setup."""
    env = settings.get("ENV").strip().lower()
    if env not in {"development", "production"}:
        raise ImproperlyConfigured(f"JOBTAL_ENV skal være development eller production: {env!r}")
    production = env == "production"
    secret_key = settings.get("SECRET_KEY")
    debug = _flag(settings.get("DEBUG"))
    if production and not secret_key:
        raise ImproperlyConfigured("JOBTAL_SECRET_KEY skal sættes, når JOBTAL_ENV=production.")
    if production and debug:
        raise ImproperlyConfigured(
            "JOBTAL_DEBUG må ikke være slået til, når JOBTAL_ENV=production."
        )
    return WebConfig(
        production=production,
        secret_key=secret_key or DEVELOPMENT_SECRET_KEY,
        debug=debug,
        allowed_hosts=[h.strip() for h in settings.get("ALLOWED_HOSTS").split(",") if h.strip()],
        database=Path(settings.get("WEB_DB")),
        database_url=database_url(),
        files=Path(settings.get("WEB_FILES")),
        upload_max_bytes=int(float(settings.get("UPLOAD_MAX_MB")) * 1024 * 1024),
    )


# URL schemes of PostgreSQL (both spellings are in common use) and of SQLite.
_POSTGRES_SCHEMES = {"postgres", "postgresql"}


def database_url() -> str:
    """JOBTAL_DATABASE_URL, else the conventional DATABASE_URL (12-factor style, as used by
    hosting platforms and dj-database-url), else empty: SQLite."""
    return settings.get("DATABASE_URL").strip() or os.environ.get("DATABASE_URL", "").strip()


def django_database(config: WebConfig) -> dict[str, Any]:
    """Django's `DATABASES["default"]`: SQLite in `config.database` when no database URL is
    set, else the database the URL names (postgres://user:password@host:port/name)."""
    if not config.database_url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": config.database}
    return parse_database_url(config.database_url)


def parse_database_url(url: str) -> dict[str, Any]:
    """A database URL as Django settings; raise ImproperlyConfigured when it cannot be used.

    `postgres://user:password@host:5432/name?sslmode=require` (percent-encoding allowed in
    every part; a host that starts with `/`, written `%2F...`, is a socket directory) or
    `sqlite:///path/to/file.sqlite3`. Query parameters become connection OPTIONS."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        name = unquote(parts.path[1:] if parts.path.startswith("//") else parts.path)
        if not name or name == "/":
            raise ImproperlyConfigured("En sqlite-adresse skal angive en fil: sqlite:///sti.")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": Path(name)}
    if scheme not in _POSTGRES_SCHEMES:
        raise ImproperlyConfigured(
            "JOBTAL_DATABASE_URL skal begynde med postgres:// (PostgreSQL) eller sqlite:///, "
            f"ikke {scheme + '://' if scheme else 'en adresse uden skema'}."
        )
    name = unquote(parts.path.lstrip("/"))
    if not name or "/" in name:
        raise ImproperlyConfigured(
            "JOBTAL_DATABASE_URL skal slutte med databasens navn: postgres://vært:port/navn."
        )
    try:
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(
            f"JOBTAL_DATABASE_URL har et ugyldigt portnummer: {error}"
        ) from error
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": _host(parts.netloc),
        "PORT": str(port) if port else "",
        "OPTIONS": dict(parse_qsl(parts.query)),
    }


def _host(netloc: str) -> str:
    """The host of a URL's network location as written (urlsplit lower-cases it, which would
    change a socket directory), without user, password, port or IPv6 brackets."""
    host_port = netloc.rpartition("@")[2]
    if host_port.startswith("["):
        return host_port[1 : host_port.find("]")]
    return unquote(host_port.partition(":")[0])
