# SPDX-License-Identifier: MPL-2.0
"""One row per run of a scheduled job (forebyg.ops.runner): when, how it ended, a short summary.

At most one run of a job is "running" at a time: a partial unique index (job, where outcome is
running) makes the database refuse a second one, on SQLite and PostgreSQL alike."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")
    INTERRUPTED = "interrupted", _("interrupted")


class JobRun(models.Model):
    job = models.CharField(max_length=100, db_index=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.RUNNING)
    summary = models.TextField(blank=True)  # the job's own short summary, or the error; no personal data
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["job"], condition=Q(outcome="running"),
                                               name="ops_jobrun_one_running_per_job")]

    @property
    def duration(self):
        return (self.finished_at - self.started_at) if self.finished_at else None
