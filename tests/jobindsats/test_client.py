"""The jobindsats client against a local fake server (never the network): requests of v2
and v3, retries with backoff on 429/503, bad-key messages, replies saved as received."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from jobtal.cli import main
from jobtal.errors import InputError
from jobtal.jobindsats import client
from jobtal.jobindsats.client import Client, Query

from .conftest import REFERENCE, rows

KEY = "test-key-123"
V2_BAD_KEY = '{"Forkert nøgle eller nøglen er udløbet.":""}'.encode()
V3_REFUSED = b'{"code":422,"cause":"Unknown period type: M","request_id":"abc"}'


@dataclass
class Fake:
    """Scripted replies (status, body, headers), served in order; the requests it got."""

    replies: list[tuple[int, bytes, dict[str, str]]] = field(default_factory=list)
    requests: list[dict[str, object]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def fake() -> Iterator[Fake]:
    state = Fake()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            state.requests.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "authorization": self.headers.get("Authorization"),
                    "body": self.rfile.read(length) if length else b"",
                }
            )
            status, body, headers = state.replies.pop(0)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _serve

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _client(tmp_path: Path, waits: list[float]) -> Client:
    return Client(tmp_path / "svar", retries=3, backoff=0.5, sleep=waits.append)


def test_v3_request_retries_on_429_and_503_and_saves_the_reply_as_received(
    fake: Fake, tmp_path: Path
) -> None:
    data = (REFERENCE / "real" / "v3_longterm_akasser.json").read_bytes()
    fake.replies = [
        (429, b"slow down", {"Retry-After": "7"}),
        (503, b"", {}),
        (200, data, {"Content-Type": "application/json"}),
    ]
    waits: list[float] = []
    query = Query("y25i09", ("Gentofte",), "2020M01:2022M12", ("Antal personer",))
    [saved] = client.fetch(
        query, 3, tmp_path, key=KEY, base=fake.url, client=_client(tmp_path, waits)
    )
    # Retry-After is obeyed; without it the wait doubles from the backoff: 0.5 × 2^1.
    assert waits == [7.0, 1.0]
    assert saved.read_bytes() == data
    assert saved.name.startswith("y25i09_") and saved.suffix == ".json"
    request = fake.requests[-1]
    assert request["authorization"] == f"Bearer {KEY}"
    assert request["method"] == "GET"
    assert request["path"] == (
        "/v3/data/y25i09?period.M=2020M01%3A2022M12&area=Gentofte"
        "&measure=Antal+personer&format=json"
    )


def test_v2_request_posts_the_months_of_the_range(fake: Fake, tmp_path: Path) -> None:
    fake.replies = [(200, (REFERENCE / "real" / "y30r21_v2.json").read_bytes(), {})]
    query = Query("y01a02", ("Gentofte",), "2022M11:2023M02", params={"_kon": "*"})
    client.fetch(query, 2, tmp_path, key=KEY, base=fake.url, client=_client(tmp_path, []))
    [request] = fake.requests
    assert (request["method"], request["path"]) == ("POST", "/v2/data/Y01A02/json")
    assert request["authorization"] == KEY
    assert json.loads(request["body"]) == {  # type: ignore[arg-type]
        "area": ["Gentofte"],
        "period": ["2022M11", "2022M12", "2023M01", "2023M02"],
        "_kon": "*",
    }


def test_retries_used_up_is_a_clear_error(fake: Fake, tmp_path: Path) -> None:
    fake.replies = [(503, b"", {})] * 4
    waits: list[float] = []
    with pytest.raises(InputError, match=r"svarer ikke.*4 forsøg"):
        client.fetch(
            Query("y01a02"), 3, tmp_path, key=KEY, base=fake.url, client=_client(tmp_path, waits)
        )
    assert waits == [0.5, 1.0, 2.0]


@pytest.mark.parametrize(
    ("version", "status", "body", "words"),
    [
        (2, 200, V2_BAD_KEY, "Forkert nøgle eller nøglen er udløbet"),
        (3, 422, V3_REFUSED, "422: Unknown period type: M"),
        (3, 401, b"", "HTTP 401; tjek nøglen"),
    ],
)
def test_refusals_are_reported_in_jobindsats_words(
    fake: Fake, tmp_path: Path, version: int, status: int, body: bytes, words: str
) -> None:
    fake.replies = [(status, body, {})]
    with pytest.raises(InputError, match=words):
        client.fetch(
            Query("y01a02"), version, tmp_path, key=KEY, base=fake.url, client=_client(tmp_path, [])
        )
    # The refusal is kept as received, marked as an error reply in its name.
    [kept] = (tmp_path / "svar").iterdir()
    assert ".fejl." in kept.name and kept.read_bytes() == body


def test_fetch_command_needs_a_key_and_imports_offline_afterwards(
    fake: Fake,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, db = tmp_path / "svar", tmp_path / "s.duckdb"
    argv = ["jobindsats", "fetch", "y25i09", "--period", "2026M05:2026M06", "--out", str(out)]
    assert main(argv) == 2
    assert "JOBTAL_JOBINDSATS_KEY" in capsys.readouterr().err
    monkeypatch.setenv("JOBTAL_JOBINDSATS_KEY", KEY)
    monkeypatch.setenv("JOBTAL_JOBINDSATS_URL", fake.url)
    fake.replies = [(200, (REFERENCE / "real" / "v3_longterm_akasser.json").read_bytes(), {})]
    assert main([*argv, "--import", "--db", str(db)]) == 0
    assert "184 værdier gemt" in capsys.readouterr().out
    # The saved reply imports again without the server, and changes nothing.
    [saved] = out.iterdir()
    assert main(["import", "jobindsats", str(saved), "--db", str(db)]) == 0
    assert "0 værdier gemt" in capsys.readouterr().out
    assert rows(db, "SELECT DISTINCT source_table FROM jobindsats_series") == [("y25i09",)]
