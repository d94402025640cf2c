# SPDX-License-Identifier: MPL-2.0
"""A municipality's deadline settings: its closing days and its rule configuration
(overrides of UNCONFIRMED parameters, disabled rules, local practice standards).
Stored as the domain core's own JSON forms and versioned like every record."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from forebyg.core.models import Record


class DeadlineSettings(Record):
    calendar = models.JSONField(default=dict, blank=True, verbose_name=_("working-day calendar"))
    rules = models.JSONField(default=dict, blank=True, verbose_name=_("rule configuration"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality"], name="one_deadline_settings_per_municipality")]


class ChildRecords(models.Model):
    """The deadline engine's records about one child at one revision, shared by the server
    processes on PostgreSQL (forebyg.deadlines.records). Derived data, signed, rebuilt whenever the
    child changes, removed with the child's data by retention; not exported, no history."""

    child_id = models.CharField(primary_key=True, max_length=64)
    revision = models.UUIDField()
    payload = models.BinaryField()
