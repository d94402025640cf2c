# SPDX-License-Identifier: MPL-2.0
"""Which children an API user may read, and the access log of every read.

The rules are those of the pages (forebyg.security.access): one child is opened with
`child_access`, exactly as the child page does. Lists need the same answer for many children in
one query: `visible_children` is the set form of `caseload_basis` plus active break-the-glass
grants, and a test checks that the two agree child by child (tests/api/test_access.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from forebyg.accounts.models import Role
from forebyg.audit.context import client_ip
from forebyg.audit.models import AccessLog
from forebyg.audit.services import log_access
from forebyg.cases import models as m
from forebyg.cases.selectors.worklists import open_notifications
from forebyg.core import clock
from forebyg.security import access as sa
from forebyg.security.models import GlassGrant, SecurityPolicy

NOTIFIED = m.Notification.children.through


class ReasonRequired(PermissionDenied):
    """The child is outside the user's caseload: state a reason first (POST .../access)."""

    def __init__(self, child_id: str):
        super().__init__(_("This child is outside your caseload. State a reason first: "
                           "POST /api/v1/children/%(id)s/access (it is logged and reviewed).") % {"id": child_id})


Link = tuple[str, str | None, str | None, str | None]


def _open_notification_links(user) -> list[Link]:
    """(child, team, assigned caseworker, the caseworker's team) of every open notification: the
    open-notification test is the expensive part, so it runs once, not once per condition."""
    rows = NOTIFIED.objects.filter(notification__in=open_notifications()).values_list(
        "child_id", "notification__team_id", "notification__assigned_to_id", "notification__assigned_to__team_id")
    # cast: django-stubs types these columns as non-null integer keys, but the team and the assignment are
    # nullable and assigned_to joins on the user's ext_id, a string (cases.models.staff_fk).
    return cast(list[Link], list(rows))


def _basis_conditions(user, *, registered: bool = True, full: bool = False) -> list[tuple[Q, str]]:
    """(condition on a child, basis) in the order of security.access.child_access: the full bases
    of the caseload, then a stated reason, then ``intake`` (the intake view only; left out with
    `full=True`).

    Every condition is `id IN (uncorrelated subquery or list)`, which the database evaluates once
    (a hashed subplan) instead of once per child: with tens of thousands of children that is the
    difference between milliseconds and seconds."""
    policy = SecurityPolicy.for_municipality(user.municipality_id)
    if user.role == Role.MANAGER and policy.manager_sees_all:
        return [(Q(pk__isnull=False), sa.MUNICIPALITY)]
    links = _open_notification_links(user)
    own = (Q(pk__in=m.Case.objects.filter(caseworker=user, closed_at__isnull=True).values("child_id"))
           | Q(pk__in=m.Counselling.objects.filter(caseworker=user, ended_at__isnull=True).values("child_id"))
           | Q(pk__in=sorted({c for c, _t, assigned, _at in links if assigned == user.ext_id})))
    out = [(own, sa.OWN)]
    team_id = user.team_id
    sees_team = sa.sees_team(user, policy)
    if sees_team:
        in_team = Q(team_id=team_id) | Q(caseworker__team_id=team_id)
        team = (Q(pk__in=m.Case.objects.filter(closed_at__isnull=True).filter(in_team).values("child_id"))
                | Q(pk__in=m.Counselling.objects.filter(ended_at__isnull=True, caseworker__team_id=team_id)
                    .values("child_id")))
        out.append((team, sa.TEAM))
    grants = GlassGrant.objects.filter(user=user, expires_at__gt=clock.now()).values("child_id")
    out.append((Q(pk__in=grants), sa.GLASS))
    if full:
        return out
    if user.role == Role.RECEIVING_UNIT:
        out.append((Q(pk__in=sorted({c for c, *_rest in links})), sa.INTAKE))
    if sees_team:  # a notification sent to the team: the intake view, not the file
        out.append((Q(pk__in=sorted({c for c, team, _a, assignee_team in links if team_id in (team, assignee_team)})),
                    sa.INTAKE))
    if registered:
        only_registered = (~Q(pk__in=NOTIFIED.objects.values("child_id"))
                           & ~Q(pk__in=m.Case.objects.values("child_id"))
                           & ~Q(pk__in=m.Counselling.objects.values("child_id")))
        out.append((only_registered, sa.INTAKE))
    return out


def visible_children(user, *, registered: bool = True, full: bool = False) -> QuerySet:
    """The children the user may read without stating a new reason, annotated with `basis`.
    `registered=False` leaves out the children who are only registered (no notification, case or
    counselling): they have no case records, so lists of case records need not look at them.
    `full=True` keeps only the children whose file the user may open (not ``intake``)."""
    if not (user.has_perm("cases.view_worklists") and sa.may_break_glass(user)):
        return m.Child.objects.annotate(basis=Value("", output_field=CharField())).none()
    conditions = _basis_conditions(user, registered=registered, full=full)
    basis = Case(*[When(cond, then=Value(b)) for cond, b in conditions], default=Value(""), output_field=CharField())
    visible = Q()
    for cond, _b in conditions:
        visible |= cond
    return m.Child.objects.filter(visible).annotate(basis=basis)


def visible_child_ids(user):
    """A subquery of the ids of the children whose case records (their file) the user may read:
    ``intake`` gives none of them (issue #13)."""
    return visible_children(user, registered=False, full=True).values("pk")


def handled_notification_ids(user):
    """A subquery of the open notifications the user handles at intake: every open one for the
    receiving unit, the team's for a team that sees its notifications (security.access)."""
    if not (user.has_perm("cases.view_worklists") and sa.may_break_glass(user)):
        return m.Notification.objects.none().values("pk")
    if user.role == Role.RECEIVING_UNIT:
        return open_notifications().values("pk")
    if sa.sees_team(user, SecurityPolicy.for_municipality(user.municipality_id)):
        return (open_notifications().filter(Q(team_id=user.team_id) | Q(assigned_to__team_id=user.team_id))
                .values("pk"))
    return m.Notification.objects.none().values("pk")


def log_reads(request, child_ids: Iterable[str | None], view: str, bases: dict[str, str] | None = None) -> None:
    """One access-log row per child whose data a list response shows, with its basis, in one insert
    (rows without a child, None, are skipped)."""
    ids = sorted({c for c in child_ids if c})
    if not ids:
        return
    user = request.user
    if bases is None:
        bases = dict(visible_children(user).filter(pk__in=ids).values_list("pk", "basis"))
    now, ip = clock.now(), client_ip(request)
    AccessLog.objects.bulk_create([
        AccessLog(at=now, user=user, municipality_id=user.municipality_id, child_id=c, view=view, ip=ip,
                  basis=bases.get(c, ""))
        for c in ids
    ])


def open_child(request, child: m.Child, view: str, *, full: bool = True) -> sa.Access:
    """Check that the user may read this child (as the child page does) and log the read. The
    child's file needs a full basis; `full=False` accepts ``intake`` too (the intake view)."""
    if not request.user.has_perm("cases.view_child", child):
        raise PermissionDenied(_("Your role does not give access to children's cases."))
    access = sa.child_access(request.user, child)
    if access is None or (full and not access.full):
        raise ReasonRequired(child.pk)
    log_access(user=request.user, child=child, view=view, request=request, reason=access.reason, basis=access.basis)
    return access


def get_child(request, pk: str, view: str) -> m.Child:
    child = m.Child.objects.filter(pk=pk).first()  # scoped: another municipality's child is not found
    if child is None:
        raise Http404
    open_child(request, child, view)
    return child


def open_notification(request, n: m.Notification, view: str) -> None:
    if not request.user.has_perm("cases.view_worklists"):
        raise PermissionDenied(_("Your role does not give access to children's cases."))
    children = list(n.children.all())
    access = sa.notification_access(request.user, n, children)
    if access is None:
        raise ReasonRequired(children[0].pk if children else n.pk)
    for child in children:
        log_access(user=request.user, child=child, view=view, request=request,
                   reason=access[child.pk].reason, basis=access[child.pk].basis)


def require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(_("Your role does not allow this."))


def logged_page(request, qs, serialize, view: str, limit: int, offset: int) -> dict:
    """One page of records about children, each child on it written to the access log."""
    from .common import page

    return page(qs, limit=limit, offset=offset, serialize=serialize,
                after_fetch=lambda items: log_reads(request, [x.child_id for x in items], view))
