"""Every model change of the web application has its migration."""

from __future__ import annotations

import io

from django.core.management import call_command


def test_no_model_change_lacks_a_migration(db: None) -> None:
    output = io.StringIO()
    # --check exits with SystemExit(1) when a migration would be made.
    call_command("makemigrations", "--check", "--dry-run", stdout=output)
    assert "No changes detected" in output.getvalue()
