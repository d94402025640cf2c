# SPDX-License-Identifier: MPL-2.0
"""Worklists: the receiving unit's inbox, the caseworker's start page, the team leader's view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from forebyg.accounts.models import Role, User
from forebyg.core import clock
from forebyg.domain.calendar import local_date, start_of_day

from .. import models as m
from .scoping import own_children


@dataclass
class InboxRow:
    """An open notification. Its deadlines (`clocks`) are the deadline engine's, added by the page
    (`forebyg.deadlines.clocks.inbox_clocks`): the inbox keeps no clock of its own."""

    notification: m.Notification
    assessed: bool
    acknowledged: bool
    clocks: Any = None


def undecided_children():
    """The one open-notification subquery: the notification's (``OuterRef("pk")``) links to a
    child without a decision yet."""
    through = m.Notification.children.through
    decided = m.Decision.objects.filter(notification_id=OuterRef("notification_id"), child_id=OuterRef("child_id"))
    return through.objects.filter(notification_id=OuterRef("pk")).filter(~Exists(decided))


def open_notifications():
    """Notifications where not every child named has a decision yet (none naming a child of another
    municipality: scoping.own_children)."""
    return own_children(m.Notification.objects.filter(Exists(undecided_children())))


def open_notifications_scan():
    """`open_notifications()` for a list of all of them (the inbox): the same rows, asked the
    other way round. `open_notifications()` tests each notification (3 sub-queries per row, right
    for a few: one child's, one caseworker's); over the municipality's whole history (6,000
    notifications on the demo) it is cheaper to find the undecided links once (one pass over the
    links, each looked up in the decisions' (notification, child) index) and read their
    notifications by key (issue #20)."""
    through = m.Notification.children.through
    decided = m.Decision.objects.filter(notification_id=OuterRef("notification_id"), child_id=OuterRef("child_id"))
    undecided = through.objects.filter(~Exists(decided)).values("notification_id")
    return own_children(m.Notification.objects.filter(pk__in=undecided))


def with_open_flag(qs):
    """Each notification marked ``is_open`` (not every child named has a decision yet)."""
    return qs.annotate(is_open=Exists(undecided_children()))


def inbox(*, team=None, limit: int = 200) -> list[InboxRow]:
    qs = (open_notifications_scan()
          .annotate(assessed=Exists(m.AcuteAssessment.objects.filter(notification=OuterRef("pk"))),
                    acknowledged=Exists(m.Acknowledgement.objects.filter(notification=OuterRef("pk"))))
          .select_related("team", "assigned_to")
          .prefetch_related(Prefetch("children", queryset=m.Child.objects.only("id", "name", "birth_date")))
          .order_by("assessed", "received_at"))
    if team is not None:
        qs = qs.filter(Q(team=team) | Q(team__isnull=True))
    return [InboxRow(n, n.assessed, n.acknowledged) for n in qs[:limit]]


@dataclass
class MyCase:
    """An open case on "Mit arbejde": what the page shows of it and its child (plain values: no
    model instance, no CPR number decrypted, for a caseload of 400)."""

    pk: str
    child_id: str
    child_name: str
    birth_date: date | None
    opened_at: datetime


def my_work(*, user: User, as_of: datetime) -> dict:
    """The caseworker's open cases (by child name), the open notifications assigned to them and the
    planned dates of their children (`upcoming`)."""
    mine = (own_children(m.Case.objects.filter(caseworker=user, closed_at__isnull=True))
            .order_by("child__name", "pk"))
    every = [MyCase(*row) for row in mine.values_list("pk", "child_id", "child__name", "child__birth_date",
                                                        "opened_at")]
    notifications = (open_notifications().filter(assigned_to=user)  # their children's names only (no CPR read)
                     .prefetch_related(Prefetch("children", queryset=m.Child.objects.only("id", "name")))
                     .order_by("received_at"))
    names = {c.child_id: c.child_name for c in every}
    return {"cases": every,
            "notifications": list(notifications),
            # The children as a sub-query, not 400 ids bound twice as parameters.
            "upcoming": upcoming(child_ids=mine.order_by().values("child_id"), today=local_date(as_of), names=names)}


@dataclass
class Upcoming:
    """A planned date on "Mit arbejde": the next network meeting of a child or the next follow-up
    of a measure, as planned at the latest meeting or follow-up held (an earlier plan is replaced)."""

    date: date
    child_id: str
    child_name: str
    what: str  # "meeting" | "followup"
    overdue: bool


def upcoming(*, child_ids, today: date, missed_for_days: int = 365,
             names: dict[str, str] | None = None) -> list[Upcoming]:
    """The next planned meeting per child and follow-up per measure (or case), by date. A date that
    has passed with no later meeting or follow-up held is kept, flagged, for `missed_for_days`;
    older misses belong to the case review, not the start page. `names` (by child id) are the
    children's names the page has read already; others are read once, for the rows kept only.
    `child_ids`: a list of ids or a query of them (`.values("child_id")`)."""
    since = today - timedelta(days=missed_for_days)
    latest: dict[tuple[str, str], tuple[date | None, str, str]] = {}
    # Plain values, not model instances: a caseload of 400 children has thousands of meetings
    # and follow-ups, and only the latest of each is shown.
    meetings = (own_children(m.NetworkMeeting.objects.filter(child_id__in=child_ids))
                .order_by("held_at").values_list("child_id", "followup_date"))
    for child_id, planned in meetings:
        latest[("meeting", child_id)] = (planned, child_id, "meeting")
    followups = (own_children(m.FollowUp.objects.filter(child_id__in=child_ids))
                 .order_by("held_at").values_list("child_id", "next_due", "measure_id", "case_id"))
    for child_id, planned, measure_id, case_id in followups:
        latest[("followup", measure_id or case_id)] = (planned, child_id, "followup")
    kept = [(planned, child_id, what) for planned, child_id, what in latest.values()
            if planned is not None and planned >= since]
    known = dict(names or {})
    missing = {child_id for _d, child_id, _w in kept} - set(known)
    if missing:
        known.update(m.Child.objects.filter(pk__in=missing).values_list("id", "name"))
    rows = [Upcoming(planned, child_id, known[child_id], what, planned < today) for planned, child_id, what in kept]
    return sorted(rows, key=lambda row: (row.date, row.child_name))


def week_start(as_of: datetime) -> datetime:
    """Monday 00:00 Danish time of the week `as_of` falls in."""
    day = local_date(as_of)
    return start_of_day(day - timedelta(days=day.weekday()))


def team_overview(*, leader: User, as_of: datetime | None = None) -> dict:
    """What the team leader assigns (open notifications of the team or not yet routed, cases
    without a caseworker) and the team's caseworkers, each with their open cases and the
    notifications received this week (Monday, Danish time) that are assigned to them."""
    team = leader.team
    since = week_start(as_of or clock.now())
    unassigned = (open_notifications().filter(assigned_to__isnull=True)
                  .filter(Q(team=team) | Q(team__isnull=True))
                  .prefetch_related("children").order_by("received_at")[:200])
    cases_without = (own_children(m.Case.objects.filter(closed_at__isnull=True, caseworker__isnull=True))
                     .filter(Q(team=team) | Q(team__isnull=True)).select_related("child")[:200])
    # Each count is its own sub-query: two counts over joins multiplied every caseworker's open
    # cases by their notifications (about 300 ms of SQLite for a team of four with 30 cases each).
    # The base manager, as the relations counted before: every row that points at the caseworker.
    caseworkers = (caseworkers_for(leader.municipality_id).filter(Q(team=team) if team else Q())
                   .annotate(open_cases=_count(m.Case._base_manager.filter(closed_at__isnull=True), "caseworker"),
                             new_this_week=_count(m.Notification._base_manager.filter(received_at__gte=since),
                                                  "assigned_to"))
                   .order_by("full_name"))
    return {"team": team, "unassigned": list(unassigned), "cases_without": list(cases_without),
            "caseworkers": list(caseworkers)}


def _count(rows, field: str):
    """The number of `rows` whose `field` (a staff key: to the user's ext_id) is the outer user (0 for
    none), as a sub-query."""
    counted = rows.filter(**{field: OuterRef("ext_id")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def default_caseworkers(notifications) -> dict[str, User]:
    """For each notification, the caseworker of the most recently opened open case of one of its
    children (practice.default_caseworker for many notifications in one query). The notifications'
    children must be prefetched."""
    children = {c.pk for n in notifications for c in n.children.all()}
    latest: dict[str, m.Case] = {}
    for case in own_children(_open_cases_with_caseworker(children)):
        latest.setdefault(case.child_id, case)
    out = {}
    for n in notifications:
        cases = [latest[c.pk] for c in n.children.all() if c.pk in latest]
        if cases:
            out[n.pk] = max(cases, key=lambda case: case.opened_at).caseworker
    return out


def _open_cases_with_caseworker(children):
    return (m.Case.objects.filter(child__in=children, closed_at__isnull=True, caseworker__isnull=False)
            .select_related("caseworker").order_by("-opened_at"))


def default_caseworker(children) -> User | None:
    """The caseworker of the children's most recently opened open case (continuity: a new
    notification about a child who has a caseworker goes to that caseworker)."""
    case = _open_cases_with_caseworker(children).first()
    return case.caseworker if case else None


def caseworkers_for(municipality_id: int | None):
    """The one caseworker lookup: the municipality's active caseworkers, by name (none for a user
    of no municipality)."""
    if municipality_id is None:
        return User.objects.none()
    return User.objects.filter(municipality_id=municipality_id, role=Role.CASEWORKER, is_active=True).order_by("full_name")


def caseworker_by_staff_id(municipality_id: int, staff_id: str) -> User | None:
    return caseworkers_for(municipality_id).filter(ext_id=staff_id).first()


def team_caseworkers(leader: User):
    """The caseworkers a team leader assigns to: their own team's (issue #13)."""
    qs = caseworkers_for(leader.municipality_id)
    return qs.filter(team_id=leader.team_id) if leader.team_id else qs.none()
