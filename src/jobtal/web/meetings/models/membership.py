"""Who belongs to a committee, and in which role (also the secretariat that serves it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jobtal.web.meetings.models.base import TimestampedModel
from jobtal.web.meetings.models.committee import Committee


class Role(models.TextChoices):
    CHAIR = "chair", "formand"
    DEPUTY_CHAIR = "deputy_chair", "næstformand"
    MEMBER = "member", "medlem"
    # Staff who prepare the committee's meetings: they see closed content and may edit.
    SECRETARIAT = "secretariat", "sekretariat"


# Roles of the committee's politicians (they read closed content but do not edit).
MEMBER_ROLES = (Role.CHAIR, Role.DEPUTY_CHAIR, Role.MEMBER)


class Membership(TimestampedModel):
    """A user's role in one committee for a period (OParl: Membership)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rolle", max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField("fra", null=True, blank=True)
    end_date = models.DateField("til", null=True, blank=True)

    class Meta:
        verbose_name = "medlemskab"
        verbose_name_plural = "medlemskaber"
        ordering = (
            "committee",
            "role",
            "user__last_name",
        )

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.committee}"
