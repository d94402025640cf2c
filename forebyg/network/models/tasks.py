# SPDX-License-Identifier: MPL-2.0
"""Tasks between meetings (local development work, "hjem og arbejde") and the municipalities' hand-ins."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Event
from .storage import network_storage, upload_path
from .structure import Group, Network, Participant

USER = settings.AUTH_USER_MODEL


class Task(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="tasks")
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks",
                              verbose_name=_("group"), help_text=_("Empty: every member municipality."))
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks",
                              verbose_name=_("given at"))
    title = models.CharField(max_length=300, verbose_name=_("title"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    due_on = models.DateField(verbose_name=_("due"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")

    def __str__(self) -> str:
        return self.title


class HandIn(models.Model):
    """What a municipality handed in for a task. One per municipality; a new hand-in replaces it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="handins")
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    file = models.FileField(storage=network_storage, upload_to=upload_path, max_length=200, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    submitted_at = models.DateTimeField()
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["task", "municipality__name"]
        constraints = [models.UniqueConstraint(fields=["task", "municipality"], name="network_handin_once")]
