# SPDX-License-Identifier: MPL-2.0
"""The intake view of a child: what the receiving unit (and a team a notification was sent to) needs
to route a notification, and nothing more (issue #13).

Is the child known; which team and caseworker hold an open case; the earlier notifications by date,
channel and who notified. Not the concern of notifications the reader does not handle, not
measures, plans, investigations, conversations, the network or custody details: those are the
child's file (forebyg.security.access.FULL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .. import models as m
from .worklists import open_notifications


@dataclass(frozen=True)
class OpenCase:
    opened_at: datetime
    team: str | None
    team_id: str | None
    caseworker: str | None
    caseworker_id: str | None


@dataclass(frozen=True)
class EarlierNotification:
    id: str
    received_at: datetime
    channel: str
    notifier_kind: str
    notifier_professional: bool
    notifier_name: str | None
    team: str | None
    team_id: str | None
    open: bool
    channel_code: str
    notifier_kind_code: str


@dataclass(frozen=True)
class Intake:
    child_id: str
    name: str
    birth_date: date | None  # None: known by name only (issue #15)
    known: bool  # any notification, case or early counselling, now or earlier
    open_cases: list[OpenCase] = field(default_factory=list)
    notifications: list[EarlierNotification] = field(default_factory=list)


def child_intake(child: m.Child) -> Intake:
    cases = [OpenCase(c.opened_at, c.team.name if c.team else None, c.team_id,
                      str(c.caseworker) if c.caseworker else None, c.caseworker_id)
             for c in (m.Case.objects.filter(child=child, closed_at__isnull=True)
                       .select_related("team", "caseworker").order_by("-opened_at"))]
    open_ids = set(open_notifications().filter(children=child).values_list("pk", flat=True))
    notifications = [
        EarlierNotification(n.pk, n.received_at, n.get_channel_display(), n.get_notifier_kind_display(),
                            n.notifier_professional, n.notifier_name, n.team.name if n.team else None, n.team_id,
                            n.pk in open_ids, n.channel, n.notifier_kind)
        for n in (m.Notification.objects.filter(children=child).select_related("team").order_by("-received_at"))]
    known = bool(cases or notifications or m.Case.objects.filter(child=child).exists()
                 or m.Counselling.objects.filter(child=child).exists())
    return Intake(child.pk, child.name, child.birth_date, known, cases, notifications)
