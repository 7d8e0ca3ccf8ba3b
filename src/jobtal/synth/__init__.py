"""A deterministic synthetic population calibrated to the published figures.

`build_population(seed, scale, municipalities)` generates benefit and activation spells for
2018–2022 whose annual averages for Gentofte (code 157) reproduce the published appendix
(target groups, long-term unemployed, company-directed offers by group) and whose sum over all
98 municipalities reproduces the national totals implied by the published national shares.
`write_parquet(population, directory)` writes them in the importers' input format.
`write_report_inputs(population, directory)` writes the quarterly report's other inputs for
Gentofte, calibrated to the seed's tables; `with_company_cvrs(population)` gives the
company-directed activations the valid CVR numbers those inputs refer to.
"""

from jobtal.synth.population import (
    DEFAULT_SEED,
    Population,
    activations_table,
    build_population,
    spells_table,
    write_parquet,
)
from jobtal.synth.report_inputs import ReportInputs, with_company_cvrs, write_report_inputs

__all__ = [
    "DEFAULT_SEED",
    "Population",
    "ReportInputs",
    "activations_table",
    "build_population",
    "spells_table",
    "with_company_cvrs",
    "write_parquet",
    "write_report_inputs",
]
