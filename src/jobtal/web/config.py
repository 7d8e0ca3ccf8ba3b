"""The web application's configuration, read from jobtal's declared settings.

Kept apart from the Django settings module so the production checks can be tested without
importing Django settings twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
        files=Path(settings.get("WEB_FILES")),
        upload_max_bytes=int(float(settings.get("UPLOAD_MAX_MB")) * 1024 * 1024),
    )
