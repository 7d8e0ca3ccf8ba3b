"""Helpers for the jobindsats tests: the reference replies and the store's contents."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

# Copies of the reference replies (see tests/data/jobindsats/README.md).
REFERENCE = Path(__file__).resolve().parents[1] / "data" / "jobindsats"


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("JOBTAL_DB", "JOBTAL_JOBINDSATS_KEY", "JOBTAL_JOBINDSATS_URL"):
        monkeypatch.delenv(name, raising=False)
