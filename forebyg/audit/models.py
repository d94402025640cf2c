# SPDX-License-Identifier: MPL-2.0
"""Append-only change log and access log. Rows can be added, never changed or deleted."""

from django.conf import settings
from django.db import models


class AppendOnlyError(RuntimeError):
    pass


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted")


class LogEntry(AppendOnly):
    """One change: namespaced action type (e.g. `cases.measure.started`), actor, object, payload.

    The payload never holds CPR numbers or free text: see `forebyg.audit.services.redact`."""

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("core.Municipality", null=True, on_delete=models.PROTECT, related_name="+")
    action_type = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=64, db_index=True)
    child_id = models.CharField(max_length=64, null=True, db_index=True)
    payload = models.JSONField(default=dict)
    ip = models.GenericIPAddressField(null=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]


class AccessLog(AppendOnly):
    """One read of a child's personal data: who, when, which child, where from, why."""

    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    child_id = models.CharField(max_length=64, db_index=True)
    view = models.CharField(max_length=100)
    ip = models.GenericIPAddressField(null=True)
    reason = models.CharField(max_length=500, blank=True)
    # On what basis the reader could open the child: own, team, intake, municipality or glass
    # (see forebyg.security.access); empty for reads logged before the basis was recorded.
    basis = models.CharField(max_length=20, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
