"""Production settings, login throttling, iCal format."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from jobtal.web import config

from .helpers import World


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"JOBTAL_ENV": "production"}, "JOBTAL_SECRET_KEY"),
        ({"JOBTAL_ENV": "production", "JOBTAL_SECRET_KEY": "x" * 50, "JOBTAL_DEBUG": "1"}, "DEBUG"),
        ({"JOBTAL_ENV": "staging"}, "JOBTAL_ENV"),
    ],
)
def test_production_refuses_unsafe_settings(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    for key in ("JOBTAL_SECRET_KEY", "JOBTAL_DEBUG"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        config.load()


def test_production_with_a_key_and_debug_off_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBTAL_ENV", "production")
    monkeypatch.setenv("JOBTAL_SECRET_KEY", "k" * 50)
    monkeypatch.setenv("JOBTAL_DEBUG", "0")
    loaded = config.load()
    assert loaded.production and not loaded.debug and loaded.secret_key == "k" * 50


def test_django_itself_refuses_to_start(tmp_path: object) -> None:
    """The real settings module, in a fresh process, as a server would load it."""
    env = {"JOBTAL_ENV": "production", "DJANGO_SETTINGS_MODULE": "jobtal.web.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "JOBTAL_SECRET_KEY" in result.stderr


def test_login_is_throttled(world: World) -> None:
    client = Client()
    login = reverse("login")
    for _ in range(4):
        response = client.post(login, {"username": "t-medlem", "password": "forkert"})
        assert response.status_code == 200
    # The fifth failure locks the user name from this address, even with the right password.
    assert client.post(login, {"username": "t-medlem", "password": "forkert"}).status_code == 429
    response = client.post(login, {"username": "t-medlem", "password": "kodeord-t-medlem"})
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()


def test_login_works_and_shows_closed_content(world: World) -> None:
    client = Client()
    response = client.post(
        reverse("login"), {"username": "t-medlem", "password": "kodeord-t-medlem"}
    )
    assert response.status_code == 302
    page = client.get(
        reverse("meetings:item_detail", args=[world.meeting.pk, world.closed_item.pk])
    )
    assert "FORTROLIGT-DEMO-7" in page.content.decode()


def test_ical_lists_public_meetings_with_crlf_and_folding(world: World) -> None:
    body = Client().get(reverse("meetings:ical")).content.decode()
    lines = body.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "DTSTART:20230207T160000Z" in lines  # 17.00 in Copenhagen, winter time
    assert (
        body.count("BEGIN:VEVENT") == 1
    )  # the draft and the other committee's plan are not public


def test_rss_has_agenda_and_minutes(world: World) -> None:
    body = Client().get(reverse("meetings:rss")).content.decode()
    assert "Referat: Erhvervs-, Beskæftigelses- og Integrationsudvalget, 07.02.2023" in body
    assert "Dagsorden: Erhvervs-, Beskæftigelses- og Integrationsudvalget, 07.02.2023" in body
    assert "7. Meddelelser fra formanden" in body
