"""Property test of every importer (spells, activations, jobindsats CSV / v2 JSON / v3 JSON):
random corruptions of a valid file either import exactly the valid rows or fail cleanly with
the store unchanged.

- Cell corruptions put a value that is invalid by the file's rules into chosen rows. Without
  `skip_bad_rows` the import must fail naming exactly those rows, leaving the store as it was;
  with it, the rows must be reported and the store must equal the store after importing the
  file without those rows.
- Byte corruptions (truncation, inserted bytes) may make anything of the file: the import must
  either fail with InputError and leave the store as it was, or succeed, and then a second
  import of the same file must change nothing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobtal.errors import InputError
from jobtal.jobindsats.importer import import_files
from jobtal.store.importers import import_activations, import_spells
from jobtal.store.schema import contents

Rows = list[list[object]]


@dataclass(frozen=True)
class Spec:
    """An importer, a valid file as rows, and values that make a cell of a column invalid."""

    name: str
    header: list[str]
    rows: Rows
    bad: dict[int, list[object]]
    fill: Rows
    write: Callable[[Path, list[str], Rows], Path]
    run: Callable[[Path, Path, bool], list[int | None]]
    row_number: Callable[[int], int]  # data row index -> the row number problems name
    volatile: dict[str, tuple[str, ...]]  # columns that name the file, its checksum or time


def _csv(delimiter: str, suffix: str) -> Callable[[Path, list[str], Rows], Path]:
    def write(path: Path, header: list[str], rows: Rows) -> Path:
        lines = [delimiter.join(header), *(delimiter.join(map(str, row)) for row in rows)]
        target = path.with_suffix(suffix)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return target

    return write


def _v3(path: Path, header: list[str], rows: Rows) -> Path:
    target = path.with_suffix(".json")
    target.write_text(json.dumps({"columns": header, "rows": rows}, ensure_ascii=False))
    return target


def _v2(path: Path, header: list[str], rows: Rows) -> Path:
    names = ["area", "period", "_tilbud", "m1", "m2"]
    variables = [{"Name": n, "Label": label} for n, label in zip(names, header, strict=True)]
    target = path.with_suffix(".json")
    target.write_text(json.dumps([{"Variables": variables, "Data": rows}], ensure_ascii=False))
    return target


def _run_spells(path: Path, db: Path, skip: bool) -> list[int | None]:
    return [r.row for r in import_spells(path, db, skip_bad_rows=skip).rejected]


def _run_activations(path: Path, db: Path, skip: bool) -> list[int | None]:
    return [r.row for r in import_activations(path, db, skip_bad_rows=skip).rejected]


def _run_jobindsats(path: Path, db: Path, skip: bool) -> list[int | None]:
    return [bad.row for s in import_files([path], db, skip_bad_rows=skip) for bad in s.bad]


PERSON_VOLATILE = {"import_log": ("imported_at", "file", "sha256", "rows")}
SERIES_VOLATILE = {
    "import_log": ("imported_at", "file", "sha256", "rows"),
    "jobindsats_series": ("source_file", "sha256", "imported_at"),
    "series_replacements": ("new_source_file", "new_sha256", "replaced_at"),
}

SPELLS = Spec(
    "spells",
    ["person_id", "municipality", "benefit", "category", "start", "end"],
    [
        ["p1", "157", "dagpenge", "", "2022-01-01", "2022-03-31"],
        ["p2", "157", "kontanthjaelp", "jobparat", "2022-02-01", ""],
        ["p3", "101", "sygedagpenge", "", "2021-06-01", "2022-01-31"],
        ["p4", "147", "shy", "aktivitetsparat", "2022-03-01", "2022-06-30"],
        ["p5", "157", "uddannelseshjaelp", "uddannelsesparat", "2022-01-15", "2022-12-31"],
        ["p6", "101", "fleksjob", "", "2020-01-01", ""],
    ],
    {
        0: [""],
        1: ["999", "abc", ""],
        2: ["nope", ""],
        3: ["ukendt"],
        4: ["2022-13-01", "", "01-01-2022"],
        5: ["2022-02-30", "x", "1900-01-01"],
    },
    [
        ["p1", "157", "dagpenge", "", "2022-01-01", "2022-02-28"],  # replaced by the file
        ["p9", "151", "revalidering", "", "2021-01-01", ""],
    ],
    _csv(",", ".csv"),
    _run_spells,
    lambda index: index + 2,
    PERSON_VOLATILE,
)

ACTIVATIONS = Spec(
    "activations",
    ["person_id", "offer", "start", "end", "hours_per_week", "cvr"],
    [
        ["a1", "loentilskud", "2022-01-01", "2022-03-31", "37", "12345678"],
        ["a2", "virksomhedspraktik", "2022-02-01", "", "20", ""],
        ["a3", "opkvalificering", "2021-06-01", "2022-01-31", "", ""],
        ["a4", "mentor", "2022-03-01", "2022-06-30", "7.5", ""],
        ["a5", "smaajob", "2022-01-15", "2022-12-31", "", "87654321"],
        ["a6", "ordinaer_uddannelse", "2020-01-01", "", "37", ""],
    ],
    {
        0: [""],
        1: ["nope", ""],
        2: ["2022-02-30", ""],
        3: ["x", "1900-01-01"],
        4: ["0", "-1", "abc", "200"],
        5: ["123", "1234567x"],
    },
    [["a1", "loentilskud", "2022-01-01", "2022-02-28", "37", ""]],
    _csv(",", ".csv"),
    _run_activations,
    lambda index: index + 2,
    PERSON_VOLATILE,
)

SERIES_HEADER = ["Område", "Periode", "Tilbud", "Antal fuldtidsaktiverede", "Andel"]
SERIES_ROWS: Rows = [
    [area, f"2022M0{m}", offer, str(10 * m + i), f"{m},{i}"]
    for i, area in enumerate(["Gentofte", "Hele landet"])
    for m in (1, 2)
    for offer in ["Ansættelse med løntilskud i alt", "Virksomhedspraktik i alt"][: 1 + (m == 1)]
]
SERIES_FILL: Rows = [
    ["Gentofte", "2022M01", "Ansættelse med løntilskud i alt", "99", "1,0"],  # replaced
    ["Gentofte", "2021M12", "Virksomhedspraktik i alt", "3", "0,5"],
]


def _json_rows(rows: Rows) -> Rows:
    """The rows as a v2/v3 reply has them: counts as numbers, shares as decimal-comma text."""
    return [[a, p, t, int(str(n)), s] for a, p, t, n, s in rows]


SERIES_BAD: dict[int, list[object]] = {
    0: ["", None],
    1: ["2022M13", "xx", None],
    2: [None],
    3: ["abc", "1,2,3", True, [1]],
    4: ["abc", "5.80"],
}

JOBINDSATS_CSV = Spec(
    "jobindsats-csv",
    SERIES_HEADER,
    SERIES_ROWS,
    {k: [v for v in values if isinstance(v, str)] for k, values in SERIES_BAD.items() if k != 2},
    SERIES_FILL,
    _csv(";", ".csv"),
    _run_jobindsats,
    lambda index: index + 2,
    SERIES_VOLATILE,
)
JOBINDSATS_V3 = Spec(
    "jobindsats-v3",
    SERIES_HEADER,
    _json_rows(SERIES_ROWS),
    SERIES_BAD,
    _json_rows(SERIES_FILL),
    _v3,
    _run_jobindsats,
    lambda index: index + 1,
    SERIES_VOLATILE,
)
JOBINDSATS_V2 = Spec(
    "jobindsats-v2",
    SERIES_HEADER,
    _json_rows(SERIES_ROWS),
    SERIES_BAD,
    _json_rows(SERIES_FILL),
    _v2,
    _run_jobindsats,
    lambda index: index + 1,
    SERIES_VOLATILE,
)
SPECS = [SPELLS, ACTIVATIONS, JOBINDSATS_CSV, JOBINDSATS_V3, JOBINDSATS_V2]


def _name(spec: Spec, stem: str) -> str:
    """Jobindsats files are named by their table (y01c01: activation of dagpenge recipients)."""
    return f"y01c01_{stem}" if spec.name.startswith("jobindsats") else stem


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """For each importer, a store holding an earlier import (some keys of the file too)."""
    stores = {}
    for spec in SPECS:
        folder = tmp_path_factory.mktemp(spec.name)
        path = spec.write(folder / _name(spec, "earlier"), spec.header, spec.fill)
        spec.run(path, folder / "store.duckdb", False)
        stores[spec.name] = folder / "store.duckdb"
    return stores


@st.composite
def cell_corruptions(draw: st.DrawFn, spec: Spec) -> dict[int, tuple[int, object]]:
    """Up to a third of the rows, each with one column set to an invalid value."""
    indexes = draw(
        st.sets(st.integers(0, len(spec.rows) - 1), min_size=1, max_size=len(spec.rows) // 3)
    )
    return {
        i: draw(
            st.sampled_from(sorted(spec.bad)).flatmap(
                lambda col: st.tuples(st.just(col), st.sampled_from(spec.bad[col]))
            )
        )
        for i in indexes
    }


def _corrupted(spec: Spec, corruptions: dict[int, tuple[int, object]]) -> Rows:
    rows = [list(row) for row in spec.rows]
    for index, (column, value) in corruptions.items():
        rows[index][column] = value
    return rows


HYPOTHESIS = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
@HYPOTHESIS
@given(data=st.data())
def test_bad_cells_fail_cleanly_or_are_skipped_exactly(
    spec: Spec, filled: dict[str, Path], data: st.DataObject
) -> None:
    corruptions = data.draw(cell_corruptions(spec))
    bad_rows = sorted(spec.row_number(i) for i in corruptions)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = spec.write(work / _name(spec, "file"), spec.header, _corrupted(spec, corruptions))
        db = work / "store.duckdb"
        shutil.copy(filled[spec.name], db)
        before = contents(db, {})
        with pytest.raises(InputError) as raised:
            spec.run(path, db, False)
        assert sorted({p.row for p in raised.value.problems}) == bad_rows
        assert {p.file for p in raised.value.problems} == {str(path)}
        assert contents(db, {}) == before

        assert sorted(spec.run(path, db, True)) == bad_rows
        good = [row for i, row in enumerate(spec.rows) if i not in corruptions]
        reference = work / "reference.duckdb"
        shutil.copy(filled[spec.name], reference)
        spec.run(spec.write(work / _name(spec, "good"), spec.header, good), reference, False)
        assert contents(db, spec.volatile) == contents(reference, spec.volatile)


@st.composite
def byte_corruptions(draw: st.DrawFn, size: int) -> tuple[str, int, bytes]:
    position = draw(st.integers(0, size))
    kind = draw(st.sampled_from(["truncate", "insert"]))
    inserted = draw(
        st.sampled_from([b"\xff", b"\xe6", b'"', b"\n", b";", b",", b"[", b"}", b"\x00"])
    )
    return kind, position, inserted


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
@HYPOTHESIS
@given(data=st.data())
def test_damaged_bytes_fail_cleanly_or_import_repeatably(
    spec: Spec, filled: dict[str, Path], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = spec.write(work / _name(spec, "file"), spec.header, spec.rows)
        raw = path.read_bytes()
        kind, position, inserted = data.draw(byte_corruptions(len(raw)))
        damaged = (
            raw[:position] if kind == "truncate" else raw[:position] + inserted + raw[position:]
        )
        path.write_bytes(damaged)
        db = work / "store.duckdb"
        shutil.copy(filled[spec.name], db)
        before = contents(db, {})
        for skip in (False, True):
            try:
                spec.run(path, db, skip)
            except InputError:
                assert contents(db, {}) == before
                continue
            after = contents(db, {})
            spec.run(path, db, skip)
            assert contents(db, {}) == after
            before = after


@pytest.mark.slow
def test_national_synthetic_population_imported_twice_leaves_the_store_equal(
    tmp_path: Path,
) -> None:
    """The baseline of the property above: an uncorrupted national population (all 98
    municipalities, the 97 besides Gentofte at 1 % of their size) imported twice leaves every
    table of the store equal in content, import_log included (logged once per checksum)."""
    synth = pytest.importorskip("jobtal.synth")
    spells, activations = synth.write_parquet(synth.build_population(scale=0.01), tmp_path)
    db = tmp_path / "store.duckdb"
    first_spells = import_spells(spells, db)
    first_activations = import_activations(activations, db)
    once = contents(db, {})
    assert first_spells.rows_stored > 100_000 and first_activations.rows_stored > 1_000
    assert len({row[1] for row in once["benefit_spells"]}) == 98  # every municipality
    again = (import_spells(spells, db), import_activations(activations, db))
    assert all(summary.already_imported for summary in again)
    assert contents(db, {}) == once
