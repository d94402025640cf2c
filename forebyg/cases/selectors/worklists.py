# SPDX-License-Identifier: MPL-2.0
"""Worklists: the receiving unit's inbox, the caseworker's start page, the team leader's view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from forebyg.accounts.models import Role, User

from .. import models as m

ACUTE_CLOCK = timedelta(hours=24)  # SEL § 155 stk. 2 / BL § 136: see docs/rules.md


@dataclass
class InboxRow:
    notification: m.Notification
    due: datetime
    assessed: bool
    acknowledged: bool

    def time_left(self, as_of: datetime) -> timedelta:
        return self.due - as_of


def open_notifications():
    """Notifications where not every child named has a decision yet."""
    through = m.Notification.children.through
    decided = m.Decision.objects.filter(notification_id=OuterRef("notification_id"), child_id=OuterRef("child_id"))
    undecided = through.objects.filter(notification_id=OuterRef("pk")).filter(~Exists(decided))
    return m.Notification.objects.filter(Exists(undecided))


def inbox(*, team=None, limit: int = 200) -> list[InboxRow]:
    qs = (open_notifications()
          .annotate(assessed=Exists(m.AcuteAssessment.objects.filter(notification=OuterRef("pk"))),
                    acknowledged=Exists(m.Acknowledgement.objects.filter(notification=OuterRef("pk"))))
          .select_related("team", "assigned_to")
          .prefetch_related(Prefetch("children", queryset=m.Child.objects.only("id", "name", "birth_date")))
          .order_by("assessed", "received_at"))
    if team is not None:
        qs = qs.filter(Q(team=team) | Q(team__isnull=True))
    return [InboxRow(n, n.received_at + ACUTE_CLOCK, n.assessed, n.acknowledged) for n in qs[:limit]]


def my_work(*, user: User, as_of: datetime) -> dict:
    cases = (m.Case.objects.filter(caseworker=user, closed_at__isnull=True)
             .select_related("child").order_by("child__name"))
    notifications = (open_notifications().filter(assigned_to=user)
                     .prefetch_related("children").order_by("received_at"))
    today = as_of.date()
    cases = list(cases)
    child_ids = [c.child_id for c in cases]
    meetings = (m.NetworkMeeting.objects.filter(child_id__in=child_ids, followup_date__gte=today)
                .select_related("child").order_by("followup_date")[:50])
    followups = (m.FollowUp.objects.filter(child_id__in=child_ids, next_due__gte=today - timedelta(days=60))
                 .select_related("child").order_by("next_due")[:50])
    return {"cases": cases, "notifications": list(notifications), "meetings": list(meetings),
            "followups": list(followups)}


def team_overview(*, leader: User) -> dict:
    team = leader.team
    unassigned = (open_notifications().filter(assigned_to__isnull=True)
                  .filter(Q(team=team) | Q(team__isnull=True))
                  .prefetch_related("children").order_by("received_at")[:200])
    cases_without = (m.Case.objects.filter(closed_at__isnull=True, caseworker__isnull=True)
                     .filter(Q(team=team) | Q(team__isnull=True)).select_related("child")[:200])
    caseworkers = (User.objects.filter(municipality_id=leader.municipality_id, role=Role.CASEWORKER, is_active=True)
                   .filter(Q(team=team) if team else Q())
                   .annotate(open_cases=Count("cases", filter=Q(cases__closed_at__isnull=True)))
                   .order_by("full_name"))
    return {"team": team, "unassigned": list(unassigned), "cases_without": list(cases_without),
            "caseworkers": list(caseworkers)}


def default_caseworkers(notifications) -> dict[str, User]:
    """For each notification, the caseworker of the most recently opened open case of one of its
    children (practice.default_caseworker for many notifications in one query). The notifications'
    children must be prefetched."""
    children = {c.pk for n in notifications for c in n.children.all()}
    latest: dict[str, m.Case] = {}
    for case in (m.Case.objects.filter(child_id__in=children, closed_at__isnull=True, caseworker__isnull=False)
                 .select_related("caseworker").order_by("-opened_at")):
        latest.setdefault(case.child_id, case)
    out = {}
    for n in notifications:
        cases = [latest[c.pk] for c in n.children.all() if c.pk in latest]
        if cases:
            out[n.pk] = max(cases, key=lambda case: case.opened_at).caseworker
    return out


def caseworkers_for(municipality_id: int):
    return User.objects.filter(municipality_id=municipality_id, role=Role.CASEWORKER, is_active=True).order_by("full_name")
