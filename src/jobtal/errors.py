"""The one error shape for bad input: where it is (file, row, field) and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in an input file. `row` is the line number as a spreadsheet shows it: the
    header is line 1, the first data row line 2 (for Parquet: the header counts as line 1 too)."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"række {self.row}")
        if self.field is not None:
            where.append(f"felt '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


class InputError(Exception):
    """Bad input. Nothing has been written when this is raised; the CLI exits with status 2."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
