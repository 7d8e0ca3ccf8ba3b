"""The company service's models, one per file."""

from jobtal.web.companies.models.award import Award
from jobtal.web.companies.models.company import Company, SizeBand
from jobtal.web.companies.models.company_offer import CompanyOffer, Offer
from jobtal.web.companies.models.contact import Contact, Track
from jobtal.web.companies.models.recruitment_request import (
    OVERDUE_DAYS,
    CloseReason,
    RecruitmentRequest,
)
from jobtal.web.companies.models.responsibility import ResponsibilityMembership

__all__ = [
    "OVERDUE_DAYS",
    "Award",
    "CloseReason",
    "Company",
    "CompanyOffer",
    "Contact",
    "Offer",
    "RecruitmentRequest",
    "ResponsibilityMembership",
    "SizeBand",
    "Track",
]
