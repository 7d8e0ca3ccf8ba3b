"""A progress bar for long imports and fetches, shown only when stderr is a terminal.

Piped or redirected output (scripts, tests, logs) gets no bar, only the command's one-line
summary; so the summary is the only output a script has to read.
"""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30


class Progress:
    """`Progress(total, label)`; call `step(note)` after each unit of work, `close()` at the
    end. Does nothing unless the stream is a terminal."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total, self.label, self.done = max(total, 1), label, 0
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def step(self, note: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        filled = WIDTH * min(self.done, self.total) // self.total
        bar = "█" * filled + "·" * (WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {note[-40:]:<40}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
