"""Shared fixtures for the store tests: small files, a store path, the store's contents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from jobtal.store.schema import contents as schema_contents

TEST_KEY = "00112233445566778899aabbccddeeff"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Path of a store that does not exist yet."""
    return tmp_path / "store.duckdb"


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write lines to a file in tmp_path: write(name, *lines, encoding=, bom=, newline=)."""

    def _write(
        name: str, *lines: str, encoding: str = "utf-8", bom: bool = False, newline: str = "\n"
    ) -> Path:
        path = tmp_path / name
        data = (newline.join(lines) + newline).encode(encoding)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return path

    return _write


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> str:
    """Set the pseudonym key for the test."""
    monkeypatch.setenv("JOBTAL_PSEUDONYM_KEY", TEST_KEY)
    return TEST_KEY


@pytest.fixture(autouse=True)
def _default_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the declared defaults, whatever the developer's environment says."""
    for name in ("JOBTAL_PSEUDONYM_KEY", "JOBTAL_BENEFIT_PRIORITY", "JOBTAL_DB"):
        monkeypatch.delenv(name, raising=False)


def _rows(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    """The rows of a query on the store, in the order the query gives."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def contents() -> Callable[[Path], dict[str, list[tuple[object, ...]]]]:
    """contents(db): every row of every table, sorted; {} when the store does not exist."""
    return schema_contents


@pytest.fixture
def rows() -> Callable[[Path, str], list[tuple[object, ...]]]:
    """rows(db, sql): the rows of a query on the store."""
    return _rows
