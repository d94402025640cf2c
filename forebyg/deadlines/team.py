# SPDX-License-Identifier: MPL-2.0
"""The team page's deadline figures: overdue deadlines per caseworker, from one run of the
deadline engine over the children of the team's caseworkers (issue #15).

A caseworker's figure is what their Mine frister counts as overdue: the overdue obligations of
the children of their open cases and of the open notifications assigned to them
(`selectors.caseworker_children`, here for every caseworker of the team in two queries).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from forebyg.cases import models as m
from forebyg.domain.deadlines import Status

from .selectors import obligations_for_children


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
    for ob in obligations_for_children(municipality_id=municipality_id, child_ids=sorted(owners), as_of=as_of):
        if ob.status == Status.OVERDUE:
            for pk in owners.get(ob.child_id, ()):
                counts[pk] += 1
    return counts
