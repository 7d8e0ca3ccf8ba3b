"""The demo builds its own SQLite database even when a database URL is set."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def test_demo_site_ignores_a_database_url(tmp_path: Path) -> None:
    # A URL that cannot be reached: if the demo used it, building would fail.
    env = {**os.environ, "JOBTAL_DATABASE_URL": "postgres://nobody@127.0.0.1:9/nowhere"}
    env["DATABASE_URL"] = env["JOBTAL_DATABASE_URL"]
    result = subprocess.run(
        [sys.executable, "-m", "jobtal.web.demo_site", "--out", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "web.sqlite3") as con:
        (meetings,) = con.execute("SELECT COUNT(*) FROM meetings_meeting").fetchone()
    assert meetings >= 1
