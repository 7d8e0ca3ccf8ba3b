"""The JSON contract of the appendix: tables, rows, labels, measures and years."""

from __future__ import annotations

import json
import math

from jobtal import published
from jobtal.domain.target_groups import APPENDIX_MEASURES, APPENDIX_TABLES
from jobtal.report.appendix import build_appendix
from jobtal.report.appendix_output import to_json

from .frames import monthly, months_of

CHANGES = {"change_pct", "change_pp"}


def _rows() -> list:
    data = monthly(
        months_of(157, "dagpenge", 2021, "ftp", 10),
        months_of(157, "dagpenge", 2022, "ftp", 5),
        months_of(157, "kh_jobparat", 2022, "wage_subsidy_ftp", 1),
    )
    return build_appendix(data, 157, 2022, None)


def test_every_table_has_exactly_the_domain_rows_in_order() -> None:
    rows = _rows()
    assert list(dict.fromkeys(r["table"] for r in rows)) == list(APPENDIX_TABLES)
    for table, domain_rows in APPENDIX_TABLES.items():
        seen = list(dict.fromkeys((r["label"], r["parent"]) for r in rows if r["table"] == table))
        assert seen == [(row.label, row.parent) for row in domain_rows]


def test_every_row_has_its_tables_measures_for_three_years_changes_from_the_second() -> None:
    rows = _rows()
    for table, domain_rows in APPENDIX_TABLES.items():
        for domain_row in domain_rows:
            mine = {
                (r["year"], r["measure"])
                for r in rows
                if r["table"] == table
                and r["label"] == domain_row.label
                and r["parent"] == domain_row.parent
            }
            expected = {
                (year, measure)
                for year in (2020, 2021, 2022)
                for measure in APPENDIX_MEASURES[table]
                if not (measure in CHANGES and year == 2020)
            }
            assert mine == expected, (table, domain_row.label)


def test_rows_have_exactly_the_contract_keys_and_json_values() -> None:
    rows = _rows()
    for r in rows:
        assert set(r) == {"table", "label", "parent", "year", "measure", "value"}
        assert r["value"] is None or (isinstance(r["value"], float) and math.isfinite(r["value"]))
        assert isinstance(r["year"], int)
    assert json.loads(to_json(rows)) == rows


def test_computed_rows_match_the_published_transcription_row_for_row() -> None:
    # The published appendix was transcribed in the same shape: same tables, labels, measures.
    def keys(rows: list) -> set:
        return {(r["table"], r["label"], r["parent"], r["year"], r["measure"]) for r in rows}

    assert keys(_rows()) == keys(published.appendix("gentofte-2023-02"))
