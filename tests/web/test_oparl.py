"""The OParl 1.1 API: a walk of the whole demo API validated against the draft-07 schemas,
no closed text anywhere in it, pagination, the date filters and deleted objects."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from jobtal.web.meetings.models import Attachment, Committee

from .helpers import World
from .test_leaks import closed_texts

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "oparl" / "schema"
HOST = "http://testserver"
API = HOST + "/oparl/"
MARKER = "FORTROLIGT-DEMO-7"


# --- schemas ---------------------------------------------------------------------------------


def _registry() -> tuple[Registry, dict[str, dict[str, Any]]]:
    """Every schema under its $id and under "<$id>.json": the schemas refer to each other by
    relative file names ("File.json") resolved against their ids."""
    registry: Registry = Registry()
    by_type: dict[str, dict[str, Any]] = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        registry = registry.with_resources([(schema["$id"], resource)])
        registry = registry.with_resources([(schema["$id"] + ".json", resource)])
        by_type[schema["$id"]] = schema
    return registry, by_type


def _format_checker() -> FormatChecker:
    """Draft-07 formats, plus OParl's "url" (an absolute http(s) URL); date-time checked
    without optional packages."""
    checker = FormatChecker()

    @checker.checks("url")
    def _url(value: object) -> bool:
        return not isinstance(value, str) or bool(re.match(r"^https?://[^\s/]+/\S*$", value))

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        if isinstance(value, str):
            parsed = datetime.datetime.fromisoformat(value)
            return "T" in value and parsed.tzinfo is not None
        return True

    return checker


REGISTRY, SCHEMA_BY_TYPE = _registry()
CHECKER = _format_checker()


def validate(obj: dict[str, Any]) -> None:
    """Validate one OParl object against the schema of its type; all errors in the message."""
    schema = SCHEMA_BY_TYPE[obj["type"]]
    validator = Draft7Validator(schema, registry=REGISTRY, format_checker=CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(obj)]
    assert errors == [], f"{obj['id']}: {errors}"


# --- the walk --------------------------------------------------------------------------------


def _urls(value: Any) -> Iterator[str]:
    """Every API URL in a JSON value, at any depth."""
    if isinstance(value, str) and value.startswith(API):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _urls(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _urls(inner)


def _site_urls(value: Any) -> Iterator[str]:
    """Every URL of the web site (not the API) in a JSON value: `web`, `accessUrl`."""
    return (u for u in _strings(value) if u.startswith(HOST) and not u.startswith(API))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield " ".join(value.split())
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _check_list(url: str, payload: dict[str, Any]) -> None:
    assert set(payload) == {"data", "pagination", "links"}, url
    assert {"totalElements", "elementsPerPage", "currentPage", "totalPages"} <= set(
        payload["pagination"]
    )
    assert {"first", "last"} <= set(payload["links"])
    for obj in payload["data"]:
        validate(obj)


def walk(client: Client) -> dict[str, dict[str, Any]]:
    """Every answer reachable from /oparl/ by following every API URL in the answers: each
    list's objects and each object validated against the schemas."""
    seen: dict[str, dict[str, Any]] = {}
    queue = [API]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url.removeprefix(HOST))
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/json")
        payload = response.json()
        seen[url] = payload
        if "data" in payload:
            _check_list(url, payload)
        else:
            assert payload["id"] == url
            validate(payload)
        queue += [u for u in _urls(payload) if u not in seen]
        assert len(seen) < 2000, "the walk does not end"
    return seen


def _objects(answers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The objects served at their own URL, by id."""
    return {url: p for url, p in answers.items() if "data" not in p}


def _of_type(answers: dict[str, dict[str, Any]], name: str) -> list[dict[str, Any]]:
    suffix = "/1.1/" + name
    return [p for p in _objects(answers).values() if p["type"].endswith(suffix)]


@pytest.mark.django_db
def test_walk_of_the_demo_api_validates(world: World) -> None:
    answers = walk(Client())
    types = {p["type"].rsplit("/", 1)[-1] for p in _objects(answers).values()}
    assert types == {
        "System",
        "Body",
        "LegislativeTerm",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "Location",
        "AgendaItem",
        "Consultation",
        "Paper",
        "File",
    }
    meetings = _of_type(answers, "Meeting")
    assert [m["id"] for m in meetings] == [API + f"meeting/{world.meeting.pk}/"]
    assert len(meetings[0]["agendaItem"]) == 8
    files = {f["id"] for f in _of_type(answers, "File")}
    assert files == {API + f"file/{world.open_file.pk}/"}
    # The web pages and files the objects point to answer the public.
    pages = {u for p in answers.values() for u in _site_urls(p)}
    assert HOST + f"/bilag/{world.open_file.pk}/" in pages
    for url in pages:
        assert Client().get(url.removeprefix(HOST)).status_code == 200, url


@pytest.mark.django_db
def test_walk_meets_no_closed_text(world: World) -> None:
    answers = walk(Client())
    forbidden = [t for t in closed_texts(world) if t != "9. maj 2023"]
    forbidden += [MARKER, "FORTROLIGT", world.draft.date.isoformat()]
    for url, payload in answers.items():
        text = "\n".join(_strings(payload))
        for secret in forbidden:
            assert secret not in text, f"closed text reached {url}: {secret[:40]!r}"


@pytest.mark.django_db
def test_closed_item_is_number_public_title_and_public_decision(world: World) -> None:
    item = Client().get(f"/oparl/agendaitem/{world.closed_item.pk}/").json()
    assert item["number"] == "7"
    assert item["public"] is False
    assert item["name"] == world.closed_item.public_title
    assert item["result"] == "Udvalget blev orienteret."
    assert "auxiliaryFile" not in item


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "member", "secretariat"])
def test_what_the_public_may_not_see_is_missing_for_everyone(world: World, who: str) -> None:
    from .helpers import client_for

    client = client_for(world.users[who])
    paths = [
        f"/oparl/meeting/{world.draft.pk}/",
        f"/oparl/agendaitem/{world.draft_item.pk}/",
        f"/oparl/file/{world.closed_file.pk}/",
        f"/oparl/file/{world.closed_item_file.pk}/",
        "/oparl/nothing/1/",
        # Secretariat staff are not published as persons or memberships.
        f"/oparl/person/{world.users['secretariat'].pk}/",
        f"/oparl/membership/{world.users['secretariat'].memberships.get().pk}/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"error": "Objektet findes ikke.", "status": 404}
    assert client.get("/oparl/").json()["id"] == API


# --- pagination and filters with hand-made objects -------------------------------------------


def _committees(count: int) -> list[Committee]:
    return [Committee.objects.create(name=f"Udvalg {n}", slug=f"udvalg-{n}") for n in range(count)]


ORGS = "/oparl/body/1/organization/"


@pytest.mark.django_db
def test_pagination() -> None:
    made = {API + f"organization/{c.pk}/" for c in _committees(5)}
    client = Client()
    first = client.get(ORGS, {"limit": 2}).json()
    assert first["pagination"] == {
        "totalElements": 5,
        "elementsPerPage": 2,
        "currentPage": 1,
        "totalPages": 3,
    }
    assert "prev" not in first["links"]
    second = client.get(first["links"]["next"].removeprefix(HOST)).json()
    assert second["links"]["prev"] == first["links"]["self"]
    third = client.get(second["links"]["next"].removeprefix(HOST)).json()
    assert "next" not in third["links"]
    assert third["links"]["self"] == first["links"]["last"]
    ids = [o["id"] for page in (first, second, third) for o in page["data"]]
    assert sorted(ids) == sorted(made)
    beyond = client.get(ORGS, {"limit": 2, "page": 4})
    assert beyond.status_code == 404
    assert beyond.json()["error"] == "Siden findes ikke."
    bad_params = (
        {"limit": 0},
        {"limit": "²"},
        {"page": "x"},
        {"modified_since": "i går"},
        {"modified_since": "2023-13-01T00:00:00"},
    )
    for bad in bad_params:
        response = client.get(ORGS, bad)
        assert response.status_code == 400
        assert response.json()["error"].endswith(".")


def _moment(year: int, month: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, 1, 12, 0))


@pytest.mark.django_db
def test_modified_since_until_and_created_since() -> None:
    old, middle, new = _committees(3)
    Committee.all_objects.filter(pk=old.pk).update(
        created=_moment(2020, 1), modified=_moment(2021, 1)
    )
    Committee.all_objects.filter(pk=middle.pk).update(
        created=_moment(2020, 1), modified=_moment(2024, 1)
    )
    Committee.all_objects.filter(pk=new.pk).update(
        created=_moment(2025, 1), modified=_moment(2025, 1)
    )
    client = Client()

    def names(params: dict[str, str] | str) -> list[str]:
        if isinstance(params, str):
            page = client.get(f"{ORGS}?{params}").json()
        else:
            page = client.get(ORGS, params).json()
        return [o["name"] for o in page["data"]]

    assert names({"modified_since": "2023-06-01T00:00:00+02:00"}) == ["Udvalg 1", "Udvalg 2"]
    assert names({"modified_until": "2023-06-01T00:00:00"}) == ["Udvalg 0"]
    assert names({"created_since": "2024-12-31T00:00:00Z"}) == ["Udvalg 2"]
    assert names(
        {"modified_since": "2022-01-01T00:00:00Z", "modified_until": "2024-06-01T00:00:00Z"}
    ) == ["Udvalg 1"]
    # An unencoded "+" arrives as a space; it is read as the offset it was.
    assert names("modified_since=2024-01-01T12:00:00+01:00") == ["Udvalg 1", "Udvalg 2"]
    # The filter travels with the pagination links.
    page = client.get(ORGS, {"modified_since": "2023-06-01T00:00:00+02:00", "limit": 1}).json()
    assert "modified_since=" in page["links"]["next"]
    assert client.get(page["links"]["next"].removeprefix(HOST)).json()["data"][0]["name"] == (
        "Udvalg 2"
    )


@pytest.mark.django_db
def test_deleted_objects_show_deleted_true() -> None:
    kept, gone = _committees(2)
    gone.soft_delete()
    client = Client()
    answer = client.get(f"/oparl/organization/{gone.pk}/").json()
    assert answer["deleted"] is True
    assert "name" not in answer
    validate(answer)
    listed = {o["id"]: o["deleted"] for o in client.get(ORGS).json()["data"]}
    assert listed == {
        API + f"organization/{kept.pk}/": False,
        API + f"organization/{gone.pk}/": True,
    }


@pytest.mark.django_db
def test_deleted_attachment_shows_deleted_closed_one_never(world: World) -> None:
    world.open_file.soft_delete()
    world.closed_file.soft_delete()
    client = Client()
    answer = client.get(f"/oparl/file/{world.open_file.pk}/").json()
    assert answer["deleted"] is True
    assert set(answer) == {"id", "type", "created", "modified", "deleted"}
    assert client.get(f"/oparl/file/{world.closed_file.pk}/").status_code == 404
    files = client.get("/oparl/body/1/file/").json()["data"]
    assert [f["id"] for f in files] == [API + f"file/{world.open_file.pk}/"]
    assert Attachment.all_objects.filter(pk=world.closed_file.pk, deleted_at__isnull=False).exists()


@pytest.mark.django_db
def test_meeting_change_marks_its_items_modified(world: World) -> None:
    """Approving the minutes changes what an item shows (its decision): the item counts as
    modified when its meeting is, so modified_since finds it."""
    later = timezone.now() + datetime.timedelta(days=1)
    world.meeting.__class__.all_objects.filter(pk=world.meeting.pk).update(modified=later)
    since = (later - datetime.timedelta(minutes=1)).isoformat()
    items = Client().get("/oparl/body/1/agendaitem/", {"modified_since": since}).json()
    assert items["pagination"]["totalElements"] == 8
    files = Client().get("/oparl/body/1/file/", {"modified_since": since}).json()
    assert [f["id"] for f in files["data"]] == [API + f"file/{world.open_file.pk}/"]
