"""Every view declares its permission with @requires(...); a test checks that all do.

- PUBLIC: anyone; what is shown is filtered by jobtal.web.meetings.access.
- MEMBER: logged in, and member or secretariat of the object's committee (the view calls
  access.require_closed_access with the committee); anonymous users are sent to the login.
- SECRETARIAT: logged in as secretariat of some committee (or administrator); the view then
  calls access.require_edit with the object's committee.
- INTERNAL: secretariat, company consultant or analyst (access.Access.is_internal): reading
  the company service's and finance's internal records.
- COMPANY_RECORDS: secretariat or company consultant: keeping the company service's records.
- FINANCE_RECORDS: secretariat or analyst: keeping budgets, appropriations, staffing, costs.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jobtal.web.meetings.access import access_for


class Permission(enum.Enum):
    PUBLIC = "offentlig"
    MEMBER = "udvalgsmedlem eller sekretariat"
    SECRETARIAT = "sekretariat"
    INTERNAL = "sekretariat, virksomhedskonsulent eller analytiker"
    COMPANY_RECORDS = "sekretariat eller virksomhedskonsulent"
    FINANCE_RECORDS = "sekretariat eller analytiker"


# Which staff may pass each permission beyond PUBLIC and MEMBER (the latter is checked by the
# view against the object's committee).
_ALLOWED: dict[Permission, Callable[[Any], bool]] = {
    Permission.SECRETARIAT: lambda access: access.is_secretariat,
    Permission.INTERNAL: lambda access: access.is_internal,
    Permission.COMPANY_RECORDS: lambda access: access.keeps_company_records,
    Permission.FINANCE_RECORDS: lambda access: access.keeps_finance_records,
}


View = Callable[..., HttpResponse]


def requires(permission: Permission) -> Callable[[View], View]:
    """Declare and enforce a view's permission."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if permission is not Permission.PUBLIC and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = _ALLOWED.get(permission)
            if allowed is not None and not allowed(access_for(request.user)):
                raise PermissionDenied(f"Kun for {permission.value}.")
            return view(request, *args, **kwargs)

        wrapper.permission = permission  # type: ignore[attr-defined]
        return wrapper

    return decorate
