# SPDX-License-Identifier: MPL-2.0
"""The log of lookups in the CPR register: every lookup, by whom (or the command line), why, with what
outcome. Append-only like the audit logs; it never holds the CPR number, only its keyed hash."""

from django.conf import settings
from django.db import models

from forebyg.audit.models import AppendOnly


class RegisterLookup(AppendOnly):
    FOUND, NOT_FOUND, ERROR = "found", "not_found", "error"

    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("core.Municipality", null=True, on_delete=models.PROTECT, related_name="+")
    register = models.CharField(max_length=30)
    purpose = models.CharField(max_length=200)
    cpr_hash = models.CharField(max_length=64, db_index=True)  # forebyg.security.crypto.cpr_hash
    child_id = models.CharField(max_length=64, null=True, db_index=True)  # when the number is a registered child's
    outcome = models.CharField(max_length=20)
    detail = models.CharField(max_length=300, blank=True)  # an error's cause, for the operator
    ip = models.GenericIPAddressField(null=True)

    class Meta:
        ordering = ["-at", "-id"]
