"""The progress bar: drawn only on a terminal; scripts and logs get the summary alone."""

from __future__ import annotations

import io

from jobtal.store.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_is_drawn_on_a_terminal() -> None:
    stream = _Terminal()
    progress = Progress(2, "Læser", stream)
    progress.step("a.json")
    progress.step("b.json")
    progress.close()
    text = stream.getvalue()
    assert "Læser [" in text and "1/2 a.json" in text and "2/2 b.json" in text
    assert text.endswith("\n")


def test_nothing_is_written_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(2, "Læser", stream)
    progress.step("a.json")
    progress.close()
    assert stream.getvalue() == ""
