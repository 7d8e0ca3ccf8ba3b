"""The benchmark runner: `make bench`.

    python benchmarks/run.py [--sizes 250000,500000,1000000,2000000] [--engines ...]
                             [--workloads import,appendix,quarter,report]
                             [--baseline-max 1000000] [--work DIR] [--out FILE] [--demo DIR]
    python benchmarks/run.py --render benchmarks/results.json

For each size, a national synthetic population of about that many persons (jobtal.synth,
all 98 municipalities, with the scale found by a few trial generations) is written as
Parquet and imported by the real importers; then each workload of `workloads.py` runs in a
fresh process per engine, so that the sizes and engines do not share memory or caches.
Before any timing, the pandas baseline is checked against the DuckDB engine on the
smallest size (equal monthly figures within 1e-9), so that the comparison is fair.

The pandas baseline runs only up to `--baseline-max` persons: it holds one row per person
and day of gross unemployment, which at 2 M persons needs more memory and minutes than a
shared machine should give it.

The `report` workload is measured once, on the national demo store: the runner makes it in
the scratch directory as `jobtal demo` does (its seed and scale, all 98 municipalities) with
Gentofte's report inputs (`workloads.py demo`), or uses the store of an earlier demo with
`--demo DIR`; then times building and writing Gentofte's quarterly report for 2022Q4 in a
fresh process and checks the written report with `jobtal verify`'s check (not timed). Its
target: under 30 s.

With `--workloads` naming only some workloads, the rows of the other workloads already in
`--out` are kept, so that e.g. `--workloads report` adds the report to an earlier full run.

Writes a list of {"workload", "engine", "persons", "spells", "wall_s", "peak_mb",
"ratio_to_baseline"} to `--out`: ratio_to_baseline is wall_s ÷ the baseline's wall_s for
the same workload and size (0.05 means 20 times faster), null where no baseline ran.
Prints the table, the growth of each workload's cost with the number of spells (the
exponent b in wall ∝ spells^b between the smallest and the largest size; 1 is linear), and
whether the speed targets of the appendix hold.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobtal.synth import Population

HERE = Path(__file__).resolve().parent
SIZES = (250_000, 500_000, 1_000_000, 2_000_000)
ENGINES = ("duckdb", "spark", "pandas")
BASELINE = "pandas"
# (workload, engines it runs on); import fills the DuckDB store, so it has one engine.
WORKLOADS = (("import", ("duckdb",)), ("appendix", ENGINES), ("quarter", ENGINES))
WORKLOAD_NAMES = {
    "import": "import (spells + activations)",
    "appendix": "appendix, 98 municipalities, 3 years",
    "quarter": "one municipality's figures for a quarter",
    "report": "quarterly report Gentofte 2022Q4 (demo)",
}
ALL_WORKLOADS = ("import", "appendix", "quarter", "report")
REPORT_TARGET_S = 30.0
SPEED_SIZE = 1_000_000
# Workloads that failed in this run (reported at the end, left out of the results).
FAILED: list[str] = []
SPEED_TARGET = 10.0


@dataclass
class Result:
    workload: str
    engine: str
    persons: int
    spells: int
    wall_s: float
    peak_mb: float
    ratio_to_baseline: float | None = None


def _population(target: int, tolerance: float = 0.02) -> Population:
    """A national population with about `target` persons (secant search on the scale)."""
    from jobtal.synth import build_population

    # Persons grow about linearly with the scale: roughly 0.12 M + 3.1 M × scale.
    scale = max((target - 120_000) / 3_100_000, 0.002)
    tried: list[tuple[float, int]] = []
    for _ in range(6):
        population = build_population(scale=scale)
        tried.append((scale, population.n_persons))
        if abs(population.n_persons / target - 1) <= tolerance:
            break
        if len(tried) == 1:
            scale *= target / population.n_persons
        else:
            (s0, n0), (s1, n1) = tried[-2], tried[-1]
            scale = s1 + (target - n1) * (s1 - s0) / (n1 - n0) if n1 != n0 else s1
        scale = max(scale, 0.001)
    return population


class WorkloadFailed(Exception):
    """A workload process exited with an error (its stderr has been printed)."""


def _worker(*args: str) -> dict[str, float]:
    """Run one workload in a fresh process and return its JSON line."""
    command = [sys.executable, str(HERE / "workloads.py"), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise WorkloadFailed(" ".join(args[:2]))
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@dataclass
class Size:
    target: int
    persons: int
    spells: int
    directory: Path

    @property
    def db(self) -> Path:
        return self.directory / "jobtal.duckdb"


def _prepare(target: int, work: Path) -> tuple[Size, Path, Path]:
    from jobtal.synth import write_parquet

    started = time.perf_counter()
    population = _population(target)
    directory = work / f"p{target}"
    spells, activations = write_parquet(population, directory / "input")
    size = Size(target, population.n_persons, population.n_spells, directory)
    print(
        f"{target:>9,} persons wanted: {size.persons:,} persons, {size.spells:,} spells "
        f"({time.perf_counter() - started:.0f} s to generate)",
        flush=True,
    )
    return size, spells, activations


def _measure(size: Size, workload: str, engine: str, *extra: str) -> Result | None:
    """One workload on one engine, or None (reported) when it failed."""
    try:
        measured = _worker(workload, engine, str(size.db), *extra)
    except WorkloadFailed as failure:
        print(f"  {workload:<9} {engine:<7} FAILED ({failure}); left out", flush=True)
        FAILED.append(f"{workload} on {engine} at {size.persons:,} persons")
        return None
    result = Result(
        workload, engine, size.persons, size.spells, measured["wall_s"], measured["peak_mb"]
    )
    print(
        f"  {workload:<9} {engine:<7} {result.wall_s:9.2f} s {result.peak_mb:9.0f} MB",
        flush=True,
    )
    return result


def _run_engines(size: Size, args: argparse.Namespace) -> list[Result]:
    """The appendix and quarter workloads on every engine (the baseline up to its cap)."""
    results = []
    for workload, engines in WORKLOADS[1:]:
        if workload not in args.workloads:
            continue
        for engine in engines:
            if engine not in args.engines:
                continue
            if engine == BASELINE and size.persons > args.baseline_max * 1.05:
                continue
            result = _measure(size, workload, engine)
            if result is not None:
                results.append(result)
    return results


def _demo_store(work: Path, demo: str | None) -> Path:
    """The national demo store with Gentofte's report inputs: made now in a fresh process
    (workloads.py demo), or the store of an earlier `jobtal demo --out DIR`."""
    if demo is not None:
        db = Path(demo) / "jobtal.duckdb"
        if not db.is_file():
            raise SystemExit(f"no demo store at {db}")
        return db
    db = work / "demo" / "jobtal.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    print(f"making the demo store {db} ...", flush=True)
    try:
        made = _worker("demo", "duckdb", str(db))
    except WorkloadFailed:
        raise SystemExit(
            "the demo store could not be made; the report cannot be measured"
        ) from None
    print(f"  made in {made['wall_s']:.0f} s, peak {made['peak_mb']:.0f} MB", flush=True)
    return db


def _store_size(db: Path) -> tuple[int, int]:
    """Persons and benefit spells in a store."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "SELECT count(DISTINCT person_id), count(*) FROM benefit_spells"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1])


def _measure_report(work: Path, demo: str | None) -> Result | None:
    """The quarterly report on the demo store, or None (reported) when it failed."""
    db = _demo_store(work, demo)
    persons, spells = _store_size(db)
    print(f"demo store {db}: {persons:,} persons, {spells:,} spells", flush=True)
    try:
        measured = _worker("report", "duckdb", str(db), str(work / "report"))
    except WorkloadFailed as failure:
        print(f"  report    duckdb  FAILED ({failure}); left out", flush=True)
        FAILED.append("report on duckdb (demo store)")
        return None
    result = Result("report", "duckdb", persons, spells, measured["wall_s"], measured["peak_mb"])
    print(
        f"  report    duckdb  {result.wall_s:9.2f} s {result.peak_mb:9.0f} MB, "
        f"{measured['rows']:.0f} files written; jobtal verify on its data/: "
        f"{measured['disagreements']:.0f} disagreements rounding does not explain",
        flush=True,
    )
    return result


def _check_baseline(size: Size) -> None:
    print("  checking the pandas baseline against the DuckDB engine ...", flush=True)
    try:
        _worker("check", "duckdb", str(size.db))
    except WorkloadFailed:
        raise SystemExit("the baseline disagrees with the engine: no fair comparison") from None
    print("  the baseline agrees with the engine (all values within 1e-9)", flush=True)


def _ratios(results: list[Result]) -> None:
    baseline = {(r.workload, r.persons): r.wall_s for r in results if r.engine == BASELINE}
    for r in results:
        base = baseline.get((r.workload, r.persons))
        r.ratio_to_baseline = r.wall_s / base if base else None


def _exponent(small: Result, large: Result) -> float:
    return math.log(large.wall_s / small.wall_s) / math.log(large.spells / small.spells)


def growth(results: list[Result], last_step: bool = False) -> dict[tuple[str, str], float]:
    """The exponent b of wall ∝ spells^b from the smallest to the largest size, or with
    `last_step` between the two largest sizes (where fixed costs matter least)."""
    out: dict[tuple[str, str], float] = {}
    for key in sorted({(r.workload, r.engine) for r in results}):
        runs = sorted((r for r in results if (r.workload, r.engine) == key), key=lambda r: r.spells)
        small = runs[-2] if last_step and len(runs) >= 2 else runs[0]
        if len(runs) >= 2 and runs[-1].spells > small.spells:
            out[key] = _exponent(small, runs[-1])
    return out


def render(results: list[Result]) -> str:
    """The table, the growth with size, and the speed targets."""
    lines = [
        f"{'workload':<42} {'engine':<7} {'persons':>10} {'spells':>10} {'wall s':>9} "
        f"{'peak MB':>8} {'÷ pandas':>9} {'faster':>7}"
    ]
    for r in results:
        ratio = "" if r.ratio_to_baseline is None else f"{r.ratio_to_baseline:9.3f}"
        speed = 1 / r.ratio_to_baseline if r.ratio_to_baseline else None
        faster = "" if speed is None else f"{speed:6.1f}×" if speed >= 1 else f"{speed:6.2f}×"
        lines.append(
            f"{WORKLOAD_NAMES[r.workload]:<42} {r.engine:<7} {r.persons:>10,} {r.spells:>10,} "
            f"{r.wall_s:9.2f} {r.peak_mb:8.0f} {ratio:>9} {faster:>7}"
        )
    lines += [
        "",
        "Growth with size (wall ∝ spells^b; b = 1 is linear), from the smallest to the largest "
        "size and between the two largest:",
    ]
    last = growth(results, last_step=True)
    for key, b in growth(results).items():
        workload, engine = key
        lines.append(
            f"  {WORKLOAD_NAMES[workload]:<42} {engine:<7} b = {b:5.2f}, last step {last[key]:5.2f}"
        )
    lines += ["", *_targets(results)]
    return "\n".join(lines)


def _targets(results: list[Result]) -> list[str]:
    """Whether the appendix on DuckDB is 10× faster than pandas at 1 M and grows ≤ linearly,
    and whether the quarterly report takes less than 30 s."""
    near = [
        r
        for r in results
        if r.workload == "appendix" and r.engine == "duckdb" and r.ratio_to_baseline
    ]
    lines = []
    if near:
        at = min(near, key=lambda r: abs(r.persons - SPEED_SIZE))
        speedup = 1 / (at.ratio_to_baseline or 1)
        verdict = "met" if speedup >= SPEED_TARGET else "NOT MET"
        lines.append(
            f"Target: appendix on DuckDB at {at.persons:,} persons is {speedup:.1f}× faster "
            f"than the pandas baseline (needs ≥ {SPEED_TARGET:.0f}×): {verdict}"
        )
    for r in results:
        if r.workload == "report":
            verdict = "met" if r.wall_s < REPORT_TARGET_S else "NOT MET"
            lines.append(
                f"Target: quarterly report Gentofte 2022Q4 on the demo store in {r.wall_s:.1f} s "
                f"(needs < {REPORT_TARGET_S:.0f} s): {verdict}"
            )
    b = growth(results).get(("appendix", "duckdb"))
    last = growth(results, last_step=True).get(("appendix", "duckdb"))
    if b is not None and last is not None:
        verdict = "met" if max(b, last) <= 1.0 else "NOT MET"
        lines.append(
            f"Target: appendix on DuckDB grows as spells^{b:.2f} overall, spells^{last:.2f} "
            f"over the last step (≤ linear): {verdict}"
        )
    return lines


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="jobtal benchmark")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument(
        "--workloads",
        default=",".join(ALL_WORKLOADS),
        help="the workloads to run; the rows of the others in --out are kept",
    )
    parser.add_argument(
        "--demo", default=None, help="use the store of an earlier `jobtal demo --out DIR`"
    )
    parser.add_argument("--baseline-max", type=int, default=1_000_000)
    parser.add_argument("--work", default=None, help="scratch directory (default: a temp dir)")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    parser.add_argument(
        "--render", metavar="FILE", help="only print the table of a results file written before"
    )
    args = parser.parse_args(argv)
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    args.engines = tuple(args.engines.split(","))
    args.workloads = tuple(args.workloads.split(","))
    unknown = set(args.workloads) - set(ALL_WORKLOADS)
    if unknown:
        parser.error(f"unknown workloads: {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.render:
        saved = json.loads(Path(args.render).read_text())
        print(render([Result(**row) for row in saved]))
        return 0
    out = Path(args.out)
    kept = _kept(out, args.workloads)
    work = Path(args.work or tempfile.mkdtemp(prefix="jobtal-bench-"))
    results: list[Result] = []
    try:
        if set(args.workloads) & {"import", "appendix", "quarter"}:
            results += _run_sizes(args, work, kept, out)
        if "report" in args.workloads:
            report = _measure_report(work, args.demo)
            results += [report] if report is not None else []
            _write([*kept, *results], out)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(render(_ordered([*kept, *results])))
    print(f"\nThe pandas baseline ran up to {args.baseline_max:,} persons (--baseline-max).")
    if FAILED:
        print("Failed and left out: " + "; ".join(FAILED))
    print(f"Wrote {args.out}")
    return 0


def _ordered(results: list[Result]) -> list[Result]:
    """By size, then workload and engine in the runner's order; the report (one size) last."""

    def key(r: Result) -> tuple[bool, int, int, int]:
        engine = ENGINES.index(r.engine) if r.engine in ENGINES else len(ENGINES)
        return (r.workload == "report", r.persons, ALL_WORKLOADS.index(r.workload), engine)

    return sorted(results, key=key)


def _kept(out: Path, workloads: tuple[str, ...]) -> list[Result]:
    """The rows of the workloads not run now, from an earlier results file."""
    if set(workloads) == set(ALL_WORKLOADS) or not out.is_file():
        return []
    saved = [Result(**row) for row in json.loads(out.read_text())]
    return [r for r in saved if r.workload not in workloads]


def _run_sizes(args: argparse.Namespace, work: Path, kept: list[Result], out: Path) -> list[Result]:
    """Import, appendix and quarter for every size (the stores are generated and imported even
    when only the appendix or quarter is measured)."""
    results: list[Result] = []
    for index, target in enumerate(args.sizes):
        size, spells, activations = _prepare(target, work)
        imported = _measure(size, "import", "duckdb", str(spells), str(activations))
        if imported is None:
            raise SystemExit("the import failed; nothing to measure")
        if "import" in args.workloads:
            results.append(imported)
        if index == 0 and BASELINE in args.engines:
            _check_baseline(size)
        results.extend(_run_engines(size, args))
        shutil.rmtree(size.directory, ignore_errors=True)
        _write([*kept, *results], out)
    return results


def _write(results: list[Result], out: Path) -> None:
    """The results so far, with their ratios (written after every size)."""
    _ratios(results)
    out.write_text(json.dumps([asdict(r) for r in _ordered(results)], indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
