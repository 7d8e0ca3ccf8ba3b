"""The web database: SQLite by default, PostgreSQL when a database URL is set.

`make test` runs tests/web twice: on SQLite, and with JOBTAL_DATABASE_URL pointing at a
throwaway PostgreSQL server (scripts/pg-test-server). The first test proves which one ran.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from jobtal.web import config
from jobtal.web.meetings.models import Committee


def test_the_tests_run_on_the_database_the_url_names(db: None) -> None:
    url = config.database_url()
    with connection.cursor() as cursor:
        if url:
            assert url.startswith(("postgres://", "postgresql://"))
            assert connection.vendor == "postgresql"
            cursor.execute("SELECT version()")
            assert cursor.fetchone()[0].startswith("PostgreSQL ")
        else:
            assert connection.vendor == "sqlite"
            cursor.execute("SELECT sqlite_version()")
            assert cursor.fetchone()[0].startswith("3.")
    # Danish letters go in and come out unchanged, whichever the database.
    Committee.objects.create(name="Økonomiudvalget", short_name="ØU", slug="oeu")
    assert Committee.objects.get(slug="oeu").name == "Økonomiudvalget"


def test_postgres_url_becomes_django_settings() -> None:
    settings = config.parse_database_url(
        "postgres://jobtal:p%40ss%3Aord@db.example.dk:5433/jobtal_web?sslmode=require"
    )
    assert settings == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "jobtal_web",
        "USER": "jobtal",
        "PASSWORD": "p@ss:ord",
        "HOST": "db.example.dk",
        "PORT": "5433",
        "OPTIONS": {"sslmode": "require"},
    }


def test_postgresql_scheme_socket_directory_and_default_port() -> None:
    settings = config.parse_database_url("postgresql://%2Fvar%2Frun%2FPostgreSQL/jobtal")
    assert settings["HOST"] == "/var/run/PostgreSQL"
    assert (settings["PORT"], settings["USER"], settings["PASSWORD"]) == ("", "", "")
    assert config.parse_database_url("postgres://u@[::1]:5432/d")["HOST"] == "::1"


def test_sqlite_url() -> None:
    assert config.parse_database_url("sqlite:////srv/jobtal/web.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": Path("/srv/jobtal/web.sqlite3"),
    }


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u:p@h/d", "postgres://"),
        ("db.example.dk/jobtal", "uden skema"),
        ("postgres://u:p@h:5432/", "databasens navn"),
        ("postgres://u:p@h:port/d", "portnummer"),
        ("sqlite://", "fil"),
    ],
)
def test_unusable_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        config.parse_database_url(url)


def test_which_variable_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JOBTAL_WEB_DB", str(tmp_path / "web.sqlite3"))
    monkeypatch.delenv("JOBTAL_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert config.django_database(config.load()) == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": tmp_path / "web.sqlite3",
    }
    monkeypatch.setenv("DATABASE_URL", "postgres://h/plain")
    assert config.django_database(config.load())["NAME"] == "plain"
    monkeypatch.setenv("JOBTAL_DATABASE_URL", "postgres://h/jobtal")
    assert config.django_database(config.load())["NAME"] == "jobtal"
