# SPDX-License-Identifier: MPL-2.0
"""Tasks between meetings and what each municipality has handed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from forebyg.core.models import Municipality
from forebyg.domain.calendar import local_date

from .. import models as m
from . import scope


def tasks_for(network: m.Network):
    return network.tasks.select_related("group", "event").annotate(n_handins=Count("handins")).order_by("due_on")


def task_get(pk: int) -> m.Task | None:
    return m.Task.objects.select_related("network", "group", "event").filter(pk=pk).first()


@dataclass
class HandInRow:
    municipality: Municipality
    handin: m.HandIn | None
    late: bool


def handin_overview(task: m.Task) -> list[HandInRow]:
    """One row per municipality given the task: what it handed in, or nothing yet."""
    ids = scope.member_municipality_ids(task.network, task.group)
    handins = {h.municipality_id: h for h in task.handins.select_related("participant", "recorded_by")}
    rows = []
    for mun in Municipality.objects.filter(pk__in=ids).order_by("name"):
        h = handins.get(mun.pk)
        rows.append(HandInRow(mun, h, bool(h and local_date(h.submitted_at) > task.due_on)))
    return rows


def participant_tasks(participant: m.Participant, *, today: date) -> list[tuple[m.Task, m.HandIn | None, bool]]:
    """The participant's municipality's tasks with its hand-in and whether the task is still open
    for hand-in by link (until the end of its due day, Danish time): open tasks first, by due date,
    then the closed ones, latest first."""
    tasks = [t for t in m.Task.objects.filter(network_id=participant.network_id).select_related("network", "group")
             .order_by("due_on") if scope.task_in_scope(participant.municipality_id, t)]
    handins = {h.task_id: h for h in m.HandIn.objects.filter(task__in=tasks, municipality_id=participant.municipality_id)}
    open_ = [(t, handins.get(t.pk), True) for t in tasks if t.due_on >= today]
    closed = [(t, handins.get(t.pk), False) for t in reversed(tasks) if t.due_on < today]
    return open_ + closed


def handin_get(pk: int) -> m.HandIn | None:
    return m.HandIn.objects.select_related("task__network").filter(pk=pk).first()
