"""The benchmark's workloads, each run in a fresh process by `benchmarks/run.py`.

    python benchmarks/workloads.py WORKLOAD ENGINE DB [SPELLS ACTIVATIONS | OUT]

Workloads (the year of the appendix is 2022, so its months are 2020-01 … 2022-12):

import    the real importers (`import_spells`, `import_activations`) from the synthetic
          Parquet files into a fresh store DB; engine `duckdb` only (the store is DuckDB).
appendix  the appendix *Nøgletal* for every municipality with data (all 98) and three
          years: `jobtal.report.appendix_store.load_appendices` on the engine `duckdb` or
          `spark`; for `pandas`, the same call with the monthly figures computed by the
          plain pandas baseline (`pandas_baseline.monthly`) instead of the engine.
quarter   one municipality's figures for a quarter: Gentofte's (157) monthly figures for
          October–December 2022, from the spells of the persons with any segment in
          Gentofte (the person-level core of the quarterly report).
demo      not measured as a result: makes the national demo store DB with `jobtal demo`'s
          own steps (`generate_inputs`, `import_inputs`: seed and scale 1, all 98
          municipalities, and Gentofte's report inputs), so the two never drift apart.
report    the whole quarterly report for Gentofte 2022Q4 from the demo store DB:
          `jobtal.report.build.build_report` and `jobtal.report.write.write_report` into
          OUT (the fifth argument; emptied first); engine `duckdb` only. Not timed
          afterwards: `jobtal.published.consistency.check` on the written reference-data
          folder OUT/data (the line's `disagreements`: how many printed figures of the
          generated report rounding cannot explain, 0 when the report agrees with itself).
check     not timed: the baseline's monthly figures and appendix against the DuckDB
          engine's on DB, exits 1 on any difference above 1e-9.

Prints one JSON line: wall_s (the workload alone, after the imports of Python modules; for
Spark including the start of its session, as for a command), peak_mb (the peak resident
memory of this process and its children together, e.g. Spark's JVM, sampled every 100 ms,
and never below this process's own ru_maxrss) and rows (the size of the result: for the
report, the number of files written).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas_baseline

from jobtal.domain.periods import Month, quarter
from jobtal.store.importers import import_activations, import_spells

YEAR = 2022
FIRST, LAST = Month(YEAR - 2, 1), Month(YEAR, 12)
QUARTER = (Month(YEAR, 10), Month(YEAR, 12))
MUNICIPALITY = 157
TOLERANCE = 1e-9


class PeakMemory:
    """Samples the resident memory of this process and all its descendants."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(os.getpid()))
            self._stop.wait(self.interval)

    @property
    def peak_mb(self) -> float:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
        return max(self.peak_kb, own) / 1024


def _tree_rss_kb(root: int) -> int:
    """Resident memory (kB) of `root` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, ... rss (pages) is field 24 of stat, here 21.
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root]
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_import(db: Path, spells: Path, activations: Path) -> int:

    for suffix in ("", ".wal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    stored = import_spells(spells, db).rows_stored
    return stored + import_activations(activations, db).rows_stored


def _baseline_engine() -> None:
    """Make the appendix code take its monthly figures from the pandas baseline."""
    from jobtal.measures import monthly

    def compute(db_path: object, first: Month, last: Month, engine_name: str = "") -> object:
        return pandas_baseline.monthly(str(db_path), first, last)

    monthly.compute_monthly = compute


def run_appendix(engine: str, db: Path) -> int:
    from jobtal.report.appendix_store import load_appendices

    if engine == "pandas":
        _baseline_engine()
    appendices = load_appendices(db, None, YEAR, "duckdb" if engine == "pandas" else engine)
    return sum(len(appendix.rows) for appendix in appendices.values())


def _quarter_engine(engine: str, db: Path) -> pd.DataFrame:
    from jobtal.measures import engine as engines
    from jobtal.measures.monthly import monthly_figures

    con = engines.connect(db, engine)
    try:
        segments, activations = con.table("benefit_segments"), con.table("activation_spells")
        persons = segments.filter(segments.municipality == MUNICIPALITY).select("person_id")
        persons = persons.distinct()
        figures = monthly_figures(
            segments.semi_join(persons, "person_id"),
            activations.semi_join(persons, "person_id"),
            *QUARTER,
        )
        return con.to_pandas(figures.filter(figures.municipality == MUNICIPALITY))
    finally:
        con.disconnect()


def _quarter_pandas(db: Path) -> pd.DataFrame:
    segments, activations = pandas_baseline.read_store(db)
    own = pandas_baseline.of_persons_in(segments, activations, MUNICIPALITY)
    figures = pandas_baseline.monthly_from_frames(*own, *QUARTER)
    return figures[figures["municipality"] == MUNICIPALITY]


def run_demo_store(db: Path) -> int:
    """The demo's store, made by the demo's own steps (generate, import) into DB's folder;
    the number of persons."""
    from jobtal.commands.demo import Progress, generate_inputs, import_inputs, import_records

    inputs = generate_inputs(db.parent, 1.0, None, Progress())
    import_inputs(inputs, db, Progress())
    # The demo takes these through the web application's apps; their export equals the
    # files (tests/web/test_*_records.py), so the benchmark imports the files directly.
    import_records(inputs.web_records, db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT COUNT(DISTINCT person_id) FROM benefit_spells").fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


def run_report(db: Path, out: Path) -> int:
    """Build and write the quarterly report; the number of files written."""
    from jobtal.report.build import build_report
    from jobtal.report.write import write_report

    shutil.rmtree(out, ignore_errors=True)
    report = build_report(db, MUNICIPALITY, quarter(YEAR, 4))
    return len(write_report(report, out))


def report_disagreements(out: Path) -> int:
    """The printed figures of the written report that rounding cannot explain (not timed)."""
    from jobtal.published.consistency import check

    return len(check(out / "data"))


def run_quarter(engine: str, db: Path) -> int:
    return len(_quarter_pandas(db) if engine == "pandas" else _quarter_engine(engine, db))


def _differences(engine: pd.DataFrame, baseline: pd.DataFrame) -> int:
    key = ["municipality", "target_group", "month", "measure"]
    merged = engine.merge(baseline, on=key, how="outer", suffixes=("_e", "_b"))
    merged = merged.fillna({"value_e": 0.0, "value_b": 0.0})
    return int(((merged["value_e"] - merged["value_b"]).abs() > TOLERANCE).sum())


def run_check(db: Path) -> int:
    """Differences between the baseline and the DuckDB engine (0 = they agree)."""
    from jobtal.measures.monthly import compute_monthly

    monthly = compute_monthly(db, FIRST, LAST)
    baseline = pandas_baseline.monthly(db, FIRST, LAST)
    quarter = _differences(_quarter_engine("duckdb", db), _quarter_pandas(db))
    differences = _differences(monthly, baseline) + quarter
    print(f"check: {len(monthly)} monthly values, {differences} differences", file=sys.stderr)
    return differences


def _workload(argv: list[str]) -> Callable[[], int]:
    name, engine, db = argv[0], argv[1], Path(argv[2])
    if name == "import":
        return lambda: run_import(db, Path(argv[3]), Path(argv[4]))
    if name == "appendix":
        return lambda: run_appendix(engine, db)
    if name == "quarter":
        return lambda: run_quarter(engine, db)
    if name == "demo":
        return lambda: run_demo_store(db)
    if name == "report":
        return lambda: run_report(db, Path(argv[3]))
    if name == "check":
        return lambda: run_check(db)
    raise SystemExit(f"unknown workload {name!r}")


def main(argv: list[str]) -> int:
    action = _workload(argv)
    with PeakMemory() as memory:
        started = time.perf_counter()
        rows = action()
        wall = time.perf_counter() - started
    line = {"wall_s": wall, "peak_mb": memory.peak_mb, "rows": rows}
    if argv[0] == "report":
        line["disagreements"] = report_disagreements(Path(argv[3]))
    print(json.dumps(line))
    if argv[0] == "check" and rows:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
