"""The finance models, one per module, re-exported here."""

from jobtal.web.finance.models.appropriation import Appropriation
from jobtal.web.finance.models.budget_line import BudgetLine
from jobtal.web.finance.models.common import (
    GENTOFTE,
    AppropriationKind,
    CostCategory,
    ExpenseType,
    GroupCategory,
)
from jobtal.web.finance.models.expected_variance import ExpectedVariance
from jobtal.web.finance.models.operating_cost import OperatingCost
from jobtal.web.finance.models.spending import Spending
from jobtal.web.finance.models.staffing import Staffing

# The models by the store table they mirror, in the order of FILE_COLUMNS.
MODELS = {
    "staffing": Staffing,
    "operating_costs": OperatingCost,
    "budget_lines": BudgetLine,
    "appropriations": Appropriation,
    "expected_variances": ExpectedVariance,
    "spending": Spending,
}

__all__ = [
    "GENTOFTE",
    "MODELS",
    "Appropriation",
    "AppropriationKind",
    "BudgetLine",
    "CostCategory",
    "ExpectedVariance",
    "ExpenseType",
    "GroupCategory",
    "OperatingCost",
    "Spending",
    "Staffing",
]
