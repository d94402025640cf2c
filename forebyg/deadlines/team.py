# SPDX-License-Identifier: MPL-2.0
"""The team page's deadline figures: overdue deadlines per caseworker, from one run of the
deadline engine over the children of the team's caseworkers (issue #15).

A caseworker's figure is what their Mine frister lists as overdue: the overdue obligations of
the children of their open cases and of the open notifications assigned to them
(`selectors.caseworker_children`, here for every caseworker of the team in two queries), missed
for less than a year (`selectors.actionable`: older misses belong to the case review).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from forebyg.cases import models as m
from forebyg.domain.deadlines import Status

from .selectors import actionable, obligations_for_children


def overdue_by_caseworker(*, caseworkers: Iterable, municipality_id: int, as_of: datetime) -> dict[int, int]:
    """{caseworker id: number of overdue deadlines of their children} (0 for one with none)."""
    from forebyg.cases.selectors.worklists import open_notifications

    caseworkers = list(caseworkers)
    by_ref = {u.ext_id: u.pk for u in caseworkers}  # staff references hold the user's ext_id
    owners: dict[str, set[int]] = defaultdict(set)
    cases = m.Case.objects.filter(caseworker__in=caseworkers, closed_at__isnull=True)
    for child_id, ref in cases.values_list("child_id", "caseworker_id"):
        owners[child_id].add(by_ref[ref])
    notified = m.Notification.children.through.objects.filter(
        notification__in=open_notifications().filter(assigned_to__in=caseworkers))
    for child_id, ref in notified.values_list("child_id", "notification__assigned_to_id"):
        owners[child_id].add(by_ref[ref])
    counts = dict.fromkeys(by_ref.values(), 0)
    obligations = obligations_for_children(municipality_id=municipality_id, child_ids=sorted(owners), as_of=as_of)
    for ob in actionable(obligations, as_of):
        if ob.status == Status.OVERDUE and ob.child_id is not None:
            for pk in owners.get(ob.child_id, ()):
                counts[pk] += 1
    return counts


def overdue_by_team(*, municipality_id: int, as_of: datetime) -> list[tuple]:
    """[(team, number of overdue deadlines)] for the manager's overview, by team name: one engine run
    over the children of every team's open cases and open notifications (`selectors.team_children`
    for all teams at once); a child followed by two teams counts in both."""
    from forebyg.cases.selectors.worklists import open_notifications
    from forebyg.core.models import Team

    teams = list(Team.objects.filter(municipality_id=municipality_id).order_by("name"))
    owners: dict[str, set[str]] = defaultdict(set)
    cases = m.Case.objects.filter(closed_at__isnull=True)
    for child_id, team_id, cw_team_id in cases.values_list("child_id", "team_id", "caseworker__team_id"):
        for team_id_ in {team_id, cw_team_id} - {None}:
            owners[child_id].add(team_id_)
    notified = m.Notification.children.through.objects.filter(
        notification__in=open_notifications().filter(team__isnull=False))
    for child_id, team_id in notified.values_list("child_id", "notification__team_id"):
        owners[child_id].add(team_id)
    counts = dict.fromkeys((t.pk for t in teams), 0)
    obligations = obligations_for_children(municipality_id=municipality_id, child_ids=sorted(owners), as_of=as_of)
    for ob in actionable(obligations, as_of):
        if ob.status == Status.OVERDUE and ob.child_id is not None:
            for team_id in owners.get(ob.child_id, ()):
                if team_id in counts:
                    counts[team_id] += 1
    return [(t, counts[t.pk]) for t in teams]
