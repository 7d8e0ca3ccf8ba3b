"""Fetching data from the jobindsats.dk API (versions 2 and 3), with the standard library.

Definitions:
- Authentication: the key from the setting JOBINDSATS_KEY (environment variable
  `JOBTAL_JOBINDSATS_KEY`), never from a file the project tracks. v2 sends it as
  `Authorization: <key>`, v3 as `Authorization: Bearer <key>`.
- Requests: v2 `POST {base}/v2/data/{TABLE}/json` with a JSON body
  `{"area": [...], "period": [...], ...}` (the form of STAR's examples, so a month range is
  sent as its list of months); v3 `GET {base}/v3/data/{table}?period.{unit}=...&area=...
  &measure=...&format=json`. Other parameters are passed through as given (`--param`).
- Retries: HTTP 429 and 5xx and connection errors are retried up to `retries` times, waiting
  `Retry-After` seconds when the server says so, else `backoff × 2^attempt` seconds.
- A bad key (v2: `{"Forkert nøgle eller nøglen er udløbet.": ""}`; v3: HTTP 401/403, or 422
  with a `cause`) raises InputError with jobindsats' own words.
- Every reply with a body is saved as received, before it is parsed, as
  `{table}_{UTC time}_{hash of the request}.{json|csv}` in the output directory, so an import
  can be repeated offline; an error reply is saved with `.fejl` before the suffix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jobtal import settings
from jobtal.errors import InputError, Problem
from jobtal.jobindsats import periods
from jobtal.jobindsats.formats import error_reply

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
SOURCE = "jobindsats.dk"


@dataclass(frozen=True)
class Query:
    """What to fetch: a table, its areas, a period (a code or a range `2020M01:2022M12`),
    optionally some measures, and further parameters passed as given."""

    table: str
    areas: tuple[str, ...] = ()
    period: str | None = None
    measures: tuple[str, ...] = ()
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    body: bytes | None
    headers: Mapping[str, str]

    @property
    def digest(self) -> str:
        """A short hash of what was asked (not of the key), for the saved file's name."""
        text = f"{self.method} {self.url}".encode() + (self.body or b"")
        return hashlib.sha256(text).hexdigest()[:10]


def _fail(message: str) -> InputError:
    return InputError([Problem(SOURCE, None, None, message)])


def key_from_settings() -> str:
    key = settings.get("JOBINDSATS_KEY").strip()
    if not key:
        raise _fail(
            "ingen nøgle til jobindsats.dk: sæt miljøvariablen JOBTAL_JOBINDSATS_KEY "
            "(nøglen fås hos STAR og må ikke ligge i en fil i projektet)"
        )
    return key


def period_codes(text: str) -> list[str]:
    """The codes a period argument stands for: a range `2020M01:2022M12` becomes its months
    (quarters, years) in order; a single code stays itself."""
    if ":" not in text:
        return [periods.parse(text).code]
    start, end = (periods.parse(part) for part in text.split(":", 1))
    if start.kind != end.kind or start.kind not in ("month", "quarter", "year"):
        raise ValueError(f"et interval skal gå fra måned til måned, kvartal til kvartal: {text}")
    step = {"month": 1, "quarter": 3, "year": 12}[start.kind]
    codes, current = [], start
    while current.last <= end.last:
        codes.append(current.code)
        nxt = current.last.shift(step)
        current = periods.parse(_code(start.kind, nxt.year, nxt.month))
    return codes


def _code(kind: str, year: int, month: int) -> str:
    if kind == "month":
        return f"{year}M{month:02d}"
    if kind == "quarter":
        return f"{year}Q{month // 3:02d}"
    return f"{year}Y01"


def build_request(version: int, base: str, key: str, query: Query) -> Request:
    """The HTTP request for a query in API version 2 or 3 (see the module docstring)."""
    base = base.rstrip("/")
    if version == 2:
        body: dict[str, object] = {"area": list(query.areas) or "*"}
        if query.period:
            body["period"] = period_codes(query.period)
        body.update(query.params)
        return Request(
            "POST",
            f"{base}/v2/data/{query.table.upper()}/json",
            json.dumps(body, ensure_ascii=False).encode("utf-8"),
            {"Authorization": key, "Content-Type": "application/json"},
        )
    params: list[tuple[str, str]] = []
    if query.period:
        unit = periods.parse(query.period.split(":", 1)[0]).code[4]
        params.append((f"period.{unit}", query.period))
    params += [("area", area) for area in query.areas]
    params += [("measure", measure) for measure in query.measures]
    params += [*query.params.items(), ("format", "json")]
    url = f"{base}/v3/data/{query.table.lower()}?{urllib.parse.urlencode(params)}"
    return Request("GET", url, None, {"Authorization": f"Bearer {key}"})


@dataclass
class Client:
    """Sends requests with retries and saves every reply as received (module docstring)."""

    out_dir: Path
    retries: int = 4
    backoff: float = 1.0
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    waits: list[float] = field(default_factory=list)

    def fetch(self, request: Request, table: str) -> Path:
        """Send the request; return the path of the saved reply. InputError on a bad key, a
        refused query or when the retries are used up."""
        for attempt in range(self.retries + 1):
            status, body, retry_after = self._send(request)
            if status in RETRY_STATUS or status == 0:
                if attempt == self.retries:
                    break
                wait = retry_after if retry_after is not None else self.backoff * 2**attempt
                self.waits.append(wait)
                self.sleep(wait)
                continue
            return self._save_and_check(status, body, table, request)
        raise _fail(
            f"jobindsats.dk svarer ikke (sidste status {status or 'ingen forbindelse'}) "
            f"efter {self.retries + 1} forsøg; prøv igen senere"
        )

    def _send(self, request: Request) -> tuple[int, bytes, float | None]:
        """(status, body, Retry-After seconds); status 0 for a connection error."""
        http = urllib.request.Request(
            request.url, data=request.body, headers=dict(request.headers), method=request.method
        )
        try:
            with urllib.request.urlopen(http, timeout=self.timeout) as reply:
                return reply.status, reply.read(), None
        except urllib.error.HTTPError as error:
            return error.code, error.read(), _retry_after(error.headers.get("Retry-After"))
        except (urllib.error.URLError, TimeoutError):
            return 0, b"", None

    def _save_and_check(self, status: int, body: bytes, table: str, request: Request) -> Path:
        path = self._save(body, table, request, ok=200 <= status < 300)
        message = _refusal(status, body)
        if message:
            if ".fejl." not in path.name:
                path = path.rename(path.with_name(path.name.replace(".", ".fejl.", 1)))
            raise _fail(f"{message} (svaret er gemt i {path})")
        return path

    def _save(self, body: bytes, table: str, request: Request, ok: bool) -> Path:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        suffix = "csv" if not body.lstrip().startswith((b"[", b"{")) else "json"
        name = f"{table.lower()}_{stamp}_{request.digest}.{'' if ok else 'fejl.'}{suffix}"
        path = self.out_dir / name
        path.write_bytes(body)
        return path


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _refusal(status: int, body: bytes) -> str | None:
    """Why jobindsats refused, in its own words where it gave them; None for data."""
    try:
        reply = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        reply = None
    message = error_reply(reply)
    if (message and "nøgle" in message.lower()) or status in (401, 403):
        detail = message or f"HTTP {status}"
        return f"{detail}; tjek nøglen i JOBTAL_JOBINDSATS_KEY"
    if message:
        return message
    if not 200 <= status < 300:
        return f"jobindsats svarede HTTP {status}"
    return None


def fetch(
    query: Query,
    version: int,
    out_dir: str | Path,
    *,
    key: str | None = None,
    base: str | None = None,
    client: Client | None = None,
    on_request: Callable[[str], None] | None = None,
) -> list[Path]:
    """Fetch a query, one request per area (all areas at once when none is given); return the
    saved replies. The key and base URL default to the settings."""
    key = key or key_from_settings()
    base = base or settings.get("JOBINDSATS_URL")
    client = client or Client(Path(out_dir))
    saved = []
    for areas in _per_area(query.areas):
        one = Query(query.table, areas, query.period, query.measures, query.params)
        saved.append(client.fetch(build_request(version, base, key, one), query.table))
        if on_request:
            on_request(", ".join(areas) or "alle områder")
    return saved


def _per_area(areas: Sequence[str]) -> list[tuple[str, ...]]:
    return [(area,) for area in areas] or [()]
