# SPDX-License-Identifier: MPL-2.0
"""Reference data (municipalities, regions with validity dates) and the base of every record."""

import uuid
from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


class Region(models.Model):
    code = models.PositiveIntegerField(primary_key=True)
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.PositiveIntegerField(primary_key=True, verbose_name=_("code"))
    name = models.CharField(max_length=100, verbose_name=_("name"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def region_on(self, day):
        m = self.region_memberships.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        ).select_related("region").first()
        return m.region if m else None


class RegionMembership(models.Model):
    """Which region a municipality belongs to, and when (regions change on 1 January 2027)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="region_memberships")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="memberships")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["municipality", "valid_from"]


def new_id() -> str:
    return uuid.uuid4().hex


class Record(models.Model):
    """Base of every municipal record: a stable interchange id, its municipality,
    who created it and when, and a full version history (a correction is a new
    version; the earlier ones stay readable). Queries are scoped to a
    municipality and fail loudly without a scope."""

    id = models.CharField(primary_key=True, max_length=64, default=new_id, editable=False)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(inherit=True)
    objects: "ClassVar[models.Manager[Self]]" = ScopedManager(municipality="municipality")
    # Set before a save, read by django-simple-history for the new version: who saved it (None: the
    # system) and why. Declared for the type checker only (no value: not a field).
    _history_user: "AbstractBaseUser | None"
    _change_reason: str

    class Meta:
        abstract = True


class Team(Record):
    name = models.CharField(max_length=200, verbose_name=_("name"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(Record):
    name = models.CharField(max_length=200, verbose_name=_("name"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Institution(Record):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        DAYCARE = "daycare", _("Daycare")
        HEALTH_VISITOR = "health_visitor", _("Health visitors")
        PPR = "ppr", _("PPR")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200, verbose_name=_("name"))
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
