"""`jobtal demo`: the whole pipeline on a synthetic national population.

    jobtal demo --out DIR [--serve 0|1] [--scale S] [--seed N]

Steps, each reported on the terminal with the elapsed seconds:
1. generate the synthetic population (jobtal.synth) into DIR/input/*.parquet, and Gentofte's
   other report inputs (wage months, education, cases, staffing, costs, cash-benefit cap,
   refugees in employment, finance, company contacts, recruitment requests, upskilling
   offers) into DIR/input/report/ and DIR/input/upskilling_activations.parquet;
2. import all of it with the ordinary importers into a fresh DIR/jobtal.duckdb (an existing
   demo database and DIR/output/ are deleted first, so the demo is reproducible);
3. write the quarterly report for Gentofte 2022Q4 into DIR/output/ (`jobtal report`: HTML,
   PDF, the appendix PDFs, tables as CSV and JSON, reference data in DIR/output/data/);
4. compute the appendix *Nøgletal* 2022 for every municipality in one engine run, and print
   Gentofte's beside the published one; write Gentofte's computed and published appendix, all
   municipalities' appendices, and the comparison as CSV and JSON into DIR/output/;
5. verify the published seed report (`jobtal verify --published gentofte-2023-02`) and the
   generated one, into DIR/output/verifikation-*.{txt,json};
6. build the web application's database DIR/web.sqlite3 (before the report) with the seed's
   meeting, its annual plan, demo users (printed with their passwords) and the company
   service's and finance records (DIR/input/web/, moved out of the report inputs), whose
   export (DIR/input/web-export/) is what the store and so the report get; attach the
   generated report to item 4 (after it), and with `--serve 1` serve it on
   http://127.0.0.1:8000.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from jobtal import published
from jobtal.formatting import number
from jobtal.report.appendix_output import render_table, write_appendices, write_appendix
from jobtal.report.compare import compare_appendix, render_comparison

if TYPE_CHECKING:
    from jobtal.synth import Population

MUNICIPALITY = 157
YEAR = 2022
QUARTER = 4
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


# The report inputs that people keep in the web application (apps companies and finance);
# the demo loads them there and the store gets them from the apps' export.
WEB_RECORDS = (
    "company_contacts",
    "recruitment_requests",
    "budget_lines",
    "appropriations",
    "expected_variances",
    "spending",
    "staffing",
    "operating_costs",
)
COMPANY_OFFERS = "company_offers.csv"  # activation format, for the companies app


@dataclass(frozen=True)
class DemoInputs:
    """The files the demo generates and imports."""

    spells: Path
    activations: Path
    report_inputs: Path  # a folder for jobtal.store.records.import_directory
    upskilling: Path  # activation spells of upskilling offers
    web_records: Path  # WEB_RECORDS and COMPANY_OFFERS, for the web application's apps


def generate_inputs(out: Path, scale: float, seed: int | None, progress: Progress) -> DemoInputs:
    from jobtal.synth import (
        DEFAULT_SEED,
        build_population,
        with_company_cvrs,
        write_parquet,
        write_report_inputs,
    )

    chosen = DEFAULT_SEED if seed is None else seed
    population = progress.step(
        "Danner syntetisk befolkning for 98 kommuner",
        # Valid CVR numbers on the company-directed offers, those of Gentofte being the
        # companies its contacts name (table 3 counts them).
        lambda: with_company_cvrs(build_population(chosen, scale), MUNICIPALITY, chosen),
    )
    progress.note(
        f"{number(population.n_persons)} personer, {number(population.n_spells)} ydelsesforløb, "
        f"{number(population.n_activations)} aktiveringsforløb"
    )
    spells, activations = progress.step(
        f"Skriver {out / 'input'}/*.parquet", lambda: write_parquet(population, out / "input")
    )
    inputs = progress.step(
        "Danner Gentoftes øvrige data til kvartalsrapporten",
        lambda: write_report_inputs(population, out / "input" / "report", MUNICIPALITY, chosen),
    )
    web = _web_records(population, inputs.directory, out / "input" / "web")
    return DemoInputs(spells, activations, inputs.directory, inputs.upskilling_activations, web)


def _web_records(population: Population, report_inputs: Path, web: Path) -> Path:
    """Move the records kept in the web application out of the report inputs into `web`,
    with Gentofte's company-directed offers at companies (activation format)."""
    from jobtal.domain.target_groups import COMPANY_OFFERS as OFFERS
    from jobtal.synth import activations_table

    shutil.rmtree(web, ignore_errors=True)
    web.mkdir(parents=True)
    for table in WEB_RECORDS:
        shutil.move(report_inputs / f"{table}.csv", web / f"{table}.csv")
    residents = np.unique(population.person[population.municipality == MUNICIPALITY])
    activations = activations_table(population)
    at_companies = pc.and_(
        pc.is_in(activations["offer"], pa.array(OFFERS)), pc.is_valid(activations["cvr"])
    )
    of_residents = pa.array(np.isin(population.act_person, residents))
    offers = activations.filter(pc.and_(at_companies, of_residents))
    pa_csv.write_csv(offers, web / COMPANY_OFFERS)
    return web


def import_inputs(inputs: DemoInputs, db: Path, progress: Progress) -> None:
    from jobtal.store.importers import import_activations, import_spells
    from jobtal.store.records import import_directory

    for suffix in ("", ".wal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    summary = progress.step(
        f"Importerer ydelsesforløb i {db}", lambda: import_spells(inputs.spells, db)
    )
    progress.note(f"{number(summary.rows_stored)} forløb, {number(summary.overlaps)} overlap")
    summary = progress.step(
        "Importerer aktiveringsforløb", lambda: import_activations(inputs.activations, db)
    )
    progress.note(f"{number(summary.rows_stored)} aktiveringsforløb")
    summary = progress.step(
        "Importerer opkvalificeringsforløb", lambda: import_activations(inputs.upskilling, db)
    )
    progress.note(f"{number(summary.rows_stored)} opkvalificeringsforløb")
    summaries = progress.step(
        "Importerer kvartalsrapportens øvrige data",
        lambda: import_directory(inputs.report_inputs, db),
    )
    progress.note(", ".join(f"{s.kind} {number(s.rows_stored)}" for s in summaries))


def import_records(directory: Path, db: Path) -> None:
    """Import the web application's records (WEB_RECORDS as `<table>.csv`, and the company
    offers COMPANY_OFFERS) from `directory` or its subfolders into the store."""
    from jobtal.store.importers import import_activations
    from jobtal.store.records import import_directory

    folders = [directory, *sorted(p for p in directory.iterdir() if p.is_dir())]
    for folder in folders:
        offers = folder / COMPANY_OFFERS
        if offers.is_file():
            import_activations(offers, db)
        staged = folder / "store"
        shutil.rmtree(staged, ignore_errors=True)
        staged.mkdir()
        for table in WEB_RECORDS:
            if (folder / f"{table}.csv").is_file():
                shutil.copy(folder / f"{table}.csv", staged / f"{table}.csv")
        if any(staged.iterdir()):
            import_directory(staged, db)
        shutil.rmtree(staged)


def _quarterly_report(db: Path, output: Path, progress: Progress) -> None:
    from jobtal.domain.periods import quarter
    from jobtal.report.build import build_report
    from jobtal.report.write import write_report

    report = progress.step(
        f"Beregner kvartalsrapporten for Gentofte {YEAR}Q{QUARTER}",
        lambda: build_report(db, MUNICIPALITY, quarter(YEAR, QUARTER)),
    )
    paths = progress.step(f"Skriver rapporten i {output}", lambda: write_report(report, output))
    progress.note(f"{len(paths)} filer, fx {output / f'kvartalsrapport-{YEAR}Q{QUARTER}.pdf'}")


def _verify(output: Path, progress: Progress) -> None:
    from jobtal.commands.verify import describe, render_text, to_json
    from jobtal.published.consistency import check

    sources: dict[str, str | Path] = {REPORT: REPORT, "beregnet": output / "data"}
    for name, source in sources.items():
        progress.note(f"Kontrollerer {describe(source)}")
        found = check(source)
        text = render_text(found, describe(source))
        (output / f"verifikation-{name}.txt").write_text(text + "\n", "utf-8")
        as_json = json.dumps(to_json(found), ensure_ascii=False, indent=2)
        (output / f"verifikation-{name}.json").write_text(as_json + "\n", "utf-8")
        progress.note(text.splitlines()[-1])


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


def _web(out: Path, records: Path, db: Path, progress: Progress) -> None:
    """Build the web database with the meeting and the company service's and finance
    records, and import the records from the apps' export into the store: the report reads
    what people keep in the web application."""
    export = out / "input" / "web-export"
    shutil.rmtree(export, ignore_errors=True)
    # In its own process: Django reads the database path once per process (demo_site.py).
    command = [sys.executable, "-m", "jobtal.web.demo_site", "--out", str(out)]
    command += ["--records", str(records), "--export", str(export)]
    sys.stdout.flush()
    progress.step(
        "Opretter webapplikationens database med mødet fra februar 2023, "
        "virksomhedsservice og økonomi",
        lambda: subprocess.run(command, check=True),
    )
    progress.step(
        "Importerer virksomhedsservice og økonomi fra webapplikationen",
        lambda: import_records(export, db),
    )


def _attach_report(out: Path, progress: Progress) -> None:
    command = [sys.executable, "-m", "jobtal.web.demo_site", "--out", str(out), "--attach-report"]
    sys.stdout.flush()
    progress.step(
        "Vedhæfter rapporten til punkt 4 på mødet", lambda: subprocess.run(command, check=True)
    )


def _serve(out: Path) -> None:
    from jobtal.web import demo_site, site

    site.configure(*demo_site.paths(out))
    site.serve("127.0.0.1", WEB_PORT)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    progress = Progress()
    inputs = generate_inputs(out, args.scale, args.seed, progress)
    db = out / "jobtal.duckdb"
    import_inputs(inputs, db, progress)
    output = out / "output"
    shutil.rmtree(output, ignore_errors=True)
    _web(out, inputs.web_records, db, progress)
    _quarterly_report(db, output, progress)
    _report(db, out, progress)
    _verify(output, progress)
    _attach_report(out, progress)
    progress.note("Demoen er færdig.")
    if args.serve:
        _serve(out)
    sys.stdout.flush()
    return 0
