"""Django settings of jobtal's web application. Values come from jobtal.web.config."""

from __future__ import annotations

import os
from pathlib import Path

from jobtal import settings as jobtal_settings
from jobtal.web import config

_CONFIG = config.load()
WEB_DIR = Path(__file__).resolve().parent
DKFDS_DIST = WEB_DIR / "frontend" / "node_modules" / "dkfds" / "dist"

SECRET_KEY = _CONFIG.secret_key
DEBUG = _CONFIG.debug
ALLOWED_HOSTS = (
    [*_CONFIG.allowed_hosts, "testserver"] if not _CONFIG.production else (_CONFIG.allowed_hosts)
)
JOBTAL_PRODUCTION = _CONFIG.production

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "jobtal.web.meetings",
    "jobtal.web.oparl",
    "jobtal.web.keyfigures",
    "jobtal.web.finance",
    "jobtal.web.companies",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns locked-out logins into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "jobtal.web.urls"
WSGI_APPLICATION = "jobtal.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jobtal.web.meetings.context.site",
            ],
        },
    },
]

# SQLite in JOBTAL_WEB_DB by default; PostgreSQL when JOBTAL_DATABASE_URL (or DATABASE_URL)
# is set (config.django_database).
DATABASES = {"default": config.django_database(_CONFIG)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "da"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Det Fælles Designsystem straight from its npm package; missing when npm was not run, and
# then the pages fall back to plain HTML (templates check DKFDS_AVAILABLE).
STATICFILES_DIRS = [("dkfds", DKFDS_DIST)] if DKFDS_DIST.is_dir() else []
STATICFILES_DIRS.append(("jobtal", WEB_DIR / "static"))
DKFDS_AVAILABLE = DKFDS_DIST.is_dir()
# WhiteNoise serves from the finders directly, so `collectstatic` is not needed for the demo.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded attachments: stored here, never under a public URL (see views.attachments).
MEDIA_ROOT = _CONFIG.files
JOBTAL_UPLOAD_MAX_BYTES = _CONFIG.upload_max_bytes
# Requests larger than this are refused before the form sees them (plus room for fields).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# The analytical store the key figures pages read: JOBTAL_DB when set, else the demo's store
# beside the web database (demo/jobtal.duckdb next to demo/web.sqlite3) when there is one.
_DEMO_STORE = _CONFIG.database.parent / "jobtal.duckdb"
JOBTAL_KEYFIGURES_DB = (
    _DEMO_STORE
    if "JOBTAL_DB" not in os.environ and _DEMO_STORE.is_file()
    else Path(jobtal_settings.get("DB"))
)
# Computed key figures, one JSON file per municipality and year (keyfigures/data.py).
JOBTAL_KEYFIGURES_CACHE = MEDIA_ROOT / "noegletal-cache"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "meetings:meeting_list"
LOGOUT_REDIRECT_URL = "meetings:meeting_list"

# Login throttling: five failures lock the user name and address pair for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the forms carry the token; no script reads the cookie
SESSION_COOKIE_SECURE = _CONFIG.production
CSRF_COOKIE_SECURE = _CONFIG.production
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Logs carry paths, status codes and ids only: no item or attachment text is ever logged
# (closed text must not reach a log file), and error mails are off.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}
ADMINS: list[tuple[str, str]] = []
