"""`jobtal demo`: the whole pipeline on a synthetic national population.

    jobtal demo --out DIR [--serve 0|1] [--scale S] [--seed N]

Steps, each reported on the terminal with the elapsed seconds:
1. generate the synthetic population (jobtal.synth) into DIR/input/*.parquet;
2. import it with the ordinary importers into a fresh DIR/jobtal.duckdb (an existing demo
   database is deleted first, so the demo is reproducible);
3. compute the appendix *Nøgletal* 2022 for every municipality in one engine run, and print
   Gentofte's beside the published one;
4. write Gentofte's computed and published appendix, all municipalities' appendices, and the
   comparison as CSV and JSON into DIR/output/;
5. build the web application's database DIR/web.sqlite3 with the seed's meeting, its annual
   plan and demo users (printed with their passwords), and with `--serve 1` serve it on
   http://127.0.0.1:8000.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from jobtal import published
from jobtal.formatting import number
from jobtal.report.appendix_output import render_table, write_appendices, write_appendix
from jobtal.report.compare import compare_appendix, render_comparison

MUNICIPALITY = 157
YEAR = 2022
REPORT = "gentofte-2023-02"
WEB_PORT = 8000

T = TypeVar("T")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="dan en syntetisk befolkning, importér den og beregn Nøgletal for Gentofte 2022",
        description="Demo: syntetiske personforløb for hele landet (2018–2022), kalibreret til "
        "Gentoftes publicerede Nøgletal, importeret og beregnet som bilaget Nøgletal.",
    )
    parser.add_argument("--out", default="demo", help="mappe til demoens filer (standard: demo)")
    parser.add_argument(
        "--serve", type=int, choices=(0, 1), default=0, help="1: start webapplikationen bagefter"
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="de øvrige 97 kommuners størrelse som andel (standard 1; Gentofte altid fuld)",
    )
    parser.add_argument("--seed", type=int, default=None, help="frø for tilfældighederne")
    parser.set_defaults(handler=run)


class Progress:
    """Prints one line per step with the seconds elapsed since the start."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def step(self, text: str, action: Callable[[], T]) -> T:
        print(f"[{self.elapsed():7.1f} s] {text} ...", flush=True)
        return action()

    def note(self, text: str) -> None:
        print(f"[{self.elapsed():7.1f} s] {text}", flush=True)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def _generate(out: Path, scale: float, seed: int | None, progress: Progress) -> tuple[Path, Path]:
    from jobtal.synth import DEFAULT_SEED, build_population, write_parquet

    population = progress.step(
        "Danner syntetisk befolkning for 98 kommuner",
        lambda: build_population(DEFAULT_SEED if seed is None else seed, scale),
    )
    progress.note(
        f"{number(population.n_persons)} personer, {number(population.n_spells)} ydelsesforløb, "
        f"{number(population.n_activations)} aktiveringsforløb"
    )
    return progress.step(
        f"Skriver {out / 'input'}/*.parquet", lambda: write_parquet(population, out / "input")
    )


def _import(spells: Path, activations: Path, db: Path, progress: Progress) -> None:
    from jobtal.store.importers import import_activations, import_spells

    for suffix in ("", ".wal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    summary = progress.step(f"Importerer ydelsesforløb i {db}", lambda: import_spells(spells, db))
    progress.note(f"{number(summary.rows_stored)} forløb, {number(summary.overlaps)} overlap")
    summary = progress.step(
        "Importerer aktiveringsforløb", lambda: import_activations(activations, db)
    )
    progress.note(f"{number(summary.rows_stored)} aktiveringsforløb")


def _report(db: Path, out: Path, progress: Progress) -> None:
    from jobtal.report.appendix_store import load_appendices

    appendices = progress.step(
        f"Beregner Nøgletal {YEAR} for alle kommuner",
        lambda: load_appendices(db, None, YEAR),
    )
    computed = appendices[MUNICIPALITY].rows
    printed = published.appendix(REPORT)
    comparison = compare_appendix(computed, printed)
    print()
    print(render_table(computed, f"Nøgletal – Gentofte ({MUNICIPALITY}), {YEAR - 2}–{YEAR}"))
    print(f"Beregnet ved siden af publiceret ({REPORT}):")
    print(render_comparison(comparison))
    output = out / "output"
    paths = [
        *write_appendix(computed, output, "noegletal_beregnet"),
        *write_appendix(printed, output, "noegletal_publiceret"),
        *write_appendices(
            {code: appendix.rows for code, appendix in appendices.items()},
            output,
            f"noegletal_alle_kommuner_{YEAR}",
        ),
    ]
    compared = output / "sammenligning.json"
    compared.write_text(json.dumps(comparison, ensure_ascii=False, indent=2) + "\n", "utf-8")
    (output / "sammenligning.txt").write_text(render_comparison(comparison), "utf-8")
    progress.note("Skrev " + ", ".join(str(p) for p in [*paths, compared]))


def _web(out: Path, progress: Progress) -> None:
    # In its own process: Django reads the database path once per process (demo_site.py).
    command = [sys.executable, "-m", "jobtal.web.demo_site", "--out", str(out)]
    sys.stdout.flush()
    progress.step(
        "Opretter webapplikationens database med mødet fra februar 2023",
        lambda: subprocess.run(command, check=True),
    )


def _serve(out: Path) -> None:
    from jobtal.web import demo_site, site

    site.configure(*demo_site.paths(out))
    site.serve("127.0.0.1", WEB_PORT)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    progress = Progress()
    spells, activations = _generate(out, args.scale, args.seed, progress)
    db = out / "jobtal.duckdb"
    _import(spells, activations, db, progress)
    _report(db, out, progress)
    _web(out, progress)
    progress.note("Demoen er færdig.")
    if args.serve:
        _serve(out)
    sys.stdout.flush()
    return 0
