"""The quarterly report's other inputs for one municipality, consistent with the synthetic
population and calibrated to the seed's tables (`jobtal.published`, gentofte-2023-02).

`write_report_inputs(population, directory)` writes one file per store table of the report's
inputs (`jobtal.store.schema.REPORT_INPUT_TABLES`) into `directory`, with the columns of
`jobtal.store.records.FILE_COLUMNS` (the person-level ones as Parquet, the rest as CSV), for
`jobtal.store.records.import_directory`; and, outside `directory`, extra upskilling
activations in the activation importer's format (`jobtal.store.importers.import_activations`).

The company-directed activations must carry the CVR numbers the contacts refer to: write the
activations from `with_company_cvrs(population)` (see `jobtal.synth.inputs_companies`).
What each file is calibrated to, and how, is described in the modules `inputs_persons`,
`inputs_cases`, `inputs_companies` and `inputs_finance`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from jobtal.measures.groups import UNIT_COST_GROUPS
from jobtal.synth import inputs_cases, inputs_companies, inputs_finance, inputs_persons
from jobtal.synth.inputs_local import local
from jobtal.synth.population import DEFAULT_SEED, Population
from jobtal.synth.targets import GENTOFTE

# The files, in the order of jobtal.store.schema.REPORT_INPUT_TABLES.
PARQUET_TABLES = ("wage_months", "education_spells", "cases")
CSV_TABLES = (
    "staffing",
    "operating_costs",
    "cash_benefit_cap",
    "integration_employment",
    "budget_lines",
    "appropriations",
    "expected_variances",
    "spending",
    "company_contacts",
    "recruitment_requests",
)
UPSKILLING_FILE = "upskilling_activations.parquet"


@dataclass(frozen=True)
class ReportInputs:
    """Where the inputs were written: `files` by store table (13 files in `directory`) and
    the extra upskilling activations (outside `directory`)."""

    directory: Path
    files: dict[str, Path]
    upskilling_activations: Path


def with_company_cvrs(
    population: Population, municipality: int = GENTOFTE, seed: int = DEFAULT_SEED
) -> Population:
    """The population with valid CVR numbers on its company-directed activations, those of
    `municipality` being the companies its contacts refer to. No spell changes."""
    cvr = inputs_companies.company_cvrs(population, municipality, seed)
    return dataclasses.replace(population, act_cvr=cvr)


def _rng(seed: int, municipality: int, stream: int) -> np.random.Generator:
    """An independent random stream per input, so one input does not shift another."""
    return np.random.default_rng([seed, municipality, 900 + stream])


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = np.where(out[column], "true", "false")
    out.to_csv(path, index=False, encoding="utf-8")


def write_report_inputs(
    population: Population,
    directory: Path,
    municipality: int = GENTOFTE,
    seed: int = DEFAULT_SEED,
) -> ReportInputs:
    """Write the report's inputs for `municipality` (see the module docstring)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    view = local(population, municipality)
    frames: dict[str, pd.DataFrame] = {}
    tables: dict[str, pa.Table] = {
        "wage_months": inputs_persons.wage_months(view, _rng(seed, municipality, 1)),
        "education_spells": inputs_persons.education_spells(view, _rng(seed, municipality, 2)),
    }
    cases = inputs_cases.build_cases(view, _rng(seed, municipality, 3))
    tables["cases"] = inputs_cases.cases_table(view, cases)
    frames["staffing"] = pd.DataFrame(
        inputs_cases.staffing(municipality, _rng(seed, municipality, 4)),
        columns=["municipality", "quarter", "team", "group_category", "staff_years"],
    )
    frames["operating_costs"] = inputs_finance.operating_costs(
        view, UNIT_COST_GROUPS, _rng(seed, municipality, 5)
    )
    frames["cash_benefit_cap"] = inputs_finance.cash_benefit_cap(
        municipality, _rng(seed, municipality, 6)
    )
    frames["integration_employment"] = inputs_finance.integration_employment(
        municipality, _rng(seed, municipality, 7)
    )
    frames.update(inputs_finance.finance(municipality))
    companies = inputs_companies.Companies(population, municipality, seed)
    frames["company_contacts"] = inputs_companies.company_contacts(
        companies, municipality, _rng(seed, municipality, 8)
    )
    frames["recruitment_requests"] = inputs_companies.recruitment_requests(
        companies, municipality, _rng(seed, municipality, 9)
    )
    files: dict[str, Path] = {}
    for name in PARQUET_TABLES:
        files[name] = directory / f"{name}.parquet"
        pq.write_table(tables[name], files[name])
    for name in CSV_TABLES:
        files[name] = directory / f"{name}.csv"
        _write_csv(frames[name], files[name])
    upskilling = directory.parent / UPSKILLING_FILE
    pq.write_table(
        inputs_persons.upskilling_activations(view, population, _rng(seed, municipality, 10)),
        upskilling,
    )
    return ReportInputs(directory, files, upskilling)
