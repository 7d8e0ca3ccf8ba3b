"""Importers of the quarterly report's inputs (the tables after "Inputs of the quarterly
report" in jobtal.store.schema), driven by one declaration per kind of file.

File columns: exactly the store table's column names, except that `start_date`/`end_date` are
`start`/`end` in a file, and a person-level file may have `cpr` instead of `person_id`.
"""

from __future__ import annotations

# The columns of each kind of file, by store table, in the order of the store table. A
# person-level file has `person_id` or, instead, `cpr` (replaced by a pseudonym).
FILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "wage_months": ("person_id", "month", "wage_hours"),
    "education_spells": ("person_id", "kind", "start", "end", "age_at_start"),
    "cases": ("person_id", "municipality", "team", "start", "end"),
    "staffing": ("municipality", "quarter", "team", "group_category", "staff_years"),
    "operating_costs": ("municipality", "year", "category", "amount_dkk", "expected"),
    "cash_benefit_cap": (
        "municipality",
        "month",
        "persons_covered",
        "persons_reduced",
        "total_reduction_dkk",
    ),
    "integration_employment": ("municipality", "month", "persons", "employed"),
    "budget_lines": (
        "municipality",
        "year",
        "appropriation_area",
        "expense_type",
        "account",
        "original_budget_dkk",
    ),
    "appropriations": (
        "municipality",
        "date",
        "kind",
        "expense_type",
        "topic",
        "amount_dkk",
        "approved",
    ),
    "expected_variances": ("municipality", "date", "expense_type", "topic", "amount_dkk"),
    "spending": ("municipality", "date", "expense_type", "amount_dkk"),
    "company_contacts": (
        "municipality",
        "contact_id",
        "date",
        "cvr",
        "consultant",
        "channel",
        "track",
        "topic",
    ),
    "recruitment_requests": (
        "municipality",
        "request_id",
        "cvr",
        "created",
        "job_title",
        "positions",
        "closed",
        "close_reason",
        "forwarded",
    ),
}

# The kinds as the command names them (`jobtal import wage-months FILE`), by store table.
COMMAND_NAMES: dict[str, str] = {
    "wage-months": "wage_months",
    "education": "education_spells",
    "cases": "cases",
    "staffing": "staffing",
    "operating-costs": "operating_costs",
    "cash-benefit-cap": "cash_benefit_cap",
    "integration-employment": "integration_employment",
    "budget": "budget_lines",
    "appropriations": "appropriations",
    "variances": "expected_variances",
    "spending": "spending",
    "company-contacts": "company_contacts",
    "recruitment-requests": "recruitment_requests",
}
