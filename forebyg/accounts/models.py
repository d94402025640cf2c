# SPDX-License-Identifier: MPL-2.0
"""Users: each belongs to one municipality, has one role, and usually one team."""

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from forebyg.core.models import new_id
from forebyg.core.pointread import PointRead


class Role(models.TextChoices):
    RECEIVING_UNIT = "receiving_unit", _("Receiving unit")
    CASEWORKER = "caseworker", _("Caseworker")
    TEAM_LEADER = "team_leader", _("Team leader")
    MANAGER = "manager", _("Manager")
    ANALYST = "analyst", _("Analyst")
    NETWORK_SECRETARIAT = "network_secretariat", _("Network secretariat")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that work with children's cases and may see personal data.
CASE_ROLES = {Role.RECEIVING_UNIT, Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER}


class UserManager(DjangoUserManager):
    """Users come with their municipality: every page shows it (base.html), and the logged-in user
    is read through this manager, so reading it costs no query of its own (issue #20). The join is an
    outer one (a user may have no municipality): lock users with `select_for_update(of=("self",))`,
    which PostgreSQL requires for such a join."""

    def get_queryset(self):
        return super().get_queryset().select_related("municipality")

    def get(self, *args, **kwargs):
        """`User.objects.get(pk=…)` alone is how the authentication backends read the logged-in user on
        every request (ModelBackend.get_user): the same query, compiled once (forebyg.core.pointread).
        Any other `get` is Django's."""
        if (not args and len(kwargs) == 1 and kwargs.get("pk") is not None and self._db is None
                and not self._hints):
            user = _user_by_pk.get(kwargs["pk"])
            if user is None:
                raise self.model.DoesNotExist(f"{self.model._meta.object_name} matching query does not exist.")
            return user
        return super().get(*args, **kwargs)


_user_by_pk = PointRead(lambda: User.objects.get_queryset(), "pk")


class User(AbstractUser):
    # The stable interchange id ("staff" records refer to users by it).
    ext_id = models.CharField(max_length=64, unique=True, default=new_id, editable=False)
    full_name = models.CharField(max_length=200, blank=True, verbose_name=_("name"))
    municipality = models.ForeignKey(
        "core.Municipality", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.CASEWORKER)
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    # The OpenID Connect subject ("sub") of the municipality's identity provider, bound at the first
    # single sign-on (see forebyg.accounts.oidc).
    oidc_subject = models.CharField(max_length=255, null=True, blank=True, unique=True, editable=False)

    objects: "ClassVar[UserManager]" = UserManager()

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def has_case_access(self) -> bool:
        return self.is_active and self.municipality_id is not None and self.role in CASE_ROLES
