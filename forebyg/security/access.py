# SPDX-License-Identifier: MPL-2.0
"""Who may open which child, and on what basis.

The basis of every read is written to the access log, so management supervision can later see
whether a read was within the reader's own caseload:

* ``own`` - the reader is the child's caseworker (open case, open early counselling, or an open
  notification assigned to them);
* ``team`` - the child has an open case or counselling in the reader's team (team leaders always;
  caseworkers when the municipality's policy says so, which is the default);
* ``intake`` - the receiving unit and a child named in an open notification; the reader's team
  (as for ``team``) and a child named in an open notification routed to the team; or any case
  role and a child who is only registered (no notification, case or counselling yet);
* ``municipality`` - a manager, when the municipality's policy lets managers see every child;
* ``glass`` - anyone else in a case role who stated a reason ("break the glass"), for a limited time.

``intake`` is not the child's file: it gives the *intake view* only (is the child known, who holds
an open case, earlier notifications by date and notifier; forebyg.cases.selectors.intake). Anyone
can register a notification naming any child, so a notification never opens the file by itself:
the full file needs ``own``, ``team``, ``municipality`` or ``glass`` (FULL). An open notification
assigned to a caseworker is ``own``: assigning is the team leader's act, for their own team only
(forebyg.cases.services.teams).

Another municipality's child is never found at all (the queries are scoped), so it is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from forebyg.accounts.models import CASE_ROLES, Role
from forebyg.core import clock

from .models import GlassGrant, SecurityPolicy

OWN, TEAM, INTAKE, MUNICIPALITY, GLASS = "own", "team", "intake", "municipality", "glass"
BASES = (OWN, TEAM, INTAKE, MUNICIPALITY, GLASS)
# The bases that open the child's whole file; ``intake`` opens the intake view only.
FULL = frozenset({OWN, TEAM, MUNICIPALITY, GLASS})

# What counts as the reader's own caseload, per role (used by management supervision).
CASELOAD: dict[str, set[str]] = {
    Role.CASEWORKER: {OWN, INTAKE},
    Role.TEAM_LEADER: {OWN, TEAM, INTAKE},
    Role.RECEIVING_UNIT: {OWN, INTAKE},
    Role.MANAGER: {OWN, TEAM, INTAKE, MUNICIPALITY},
}


@dataclass(frozen=True)
class Access:
    basis: str
    reason: str = ""

    @property
    def full(self) -> bool:
        """Whether this basis opens the child's whole file (not only the intake view)."""
        return self.basis in FULL


class GlassRequired(PermissionDenied):
    """The user may open the child only after stating a reason. The security middleware turns this
    into a redirect to the reason page; without the middleware it is a plain 403."""

    def __init__(self, *, kind: str, pk: str):
        super().__init__("A stated reason is required")
        self.kind = kind
        self.pk = pk


def may_break_glass(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.municipality_id and user.role in CASE_ROLES)


def _models():
    from forebyg.cases import models as m
    from forebyg.cases.selectors.worklists import open_notifications

    return m, open_notifications


def _open_notifications_of(child):
    m, open_notifications = _models()
    return open_notifications().filter(children=child)


def _own(user, child) -> bool:
    m, _ = _models()
    return (m.Case.objects.filter(child=child, caseworker=user, closed_at__isnull=True).exists()
            or m.Counselling.objects.filter(child=child, caseworker=user, ended_at__isnull=True).exists()
            or _open_notifications_of(child).filter(assigned_to=user).exists())


def _team(team_id, child) -> bool:
    """An open case or counselling of the team: what the team works on, not what was sent to it."""
    m, _ = _models()
    in_team = Q(team_id=team_id) | Q(caseworker__team_id=team_id)
    return (m.Case.objects.filter(child=child, closed_at__isnull=True).filter(in_team).exists()
            or m.Counselling.objects.filter(child=child, ended_at__isnull=True, caseworker__team_id=team_id).exists())


def _team_notification(team_id, child) -> bool:
    return _open_notifications_of(child).filter(Q(team_id=team_id) | Q(assigned_to__team_id=team_id)).exists()


def sees_team(user, policy) -> bool:
    return bool(user.team_id and (user.role == Role.TEAM_LEADER
                                  or (user.role == Role.CASEWORKER and policy.caseworker_sees_team)))


def _only_registered(child) -> bool:
    m, _ = _models()
    return not (m.Notification.objects.filter(children=child).exists()
                or m.Case.objects.filter(child=child).exists()
                or m.Counselling.objects.filter(child=child).exists())


def caseload_basis(user, child) -> str | None:
    """The basis on which the user may open the child without a stated reason, or None."""
    if not may_break_glass(user) or user.municipality_id != child.municipality_id:
        return None
    policy = SecurityPolicy.for_municipality(user.municipality_id)
    if user.role == Role.MANAGER and policy.manager_sees_all:
        return MUNICIPALITY
    if _own(user, child):
        return OWN
    if sees_team(user, policy) and _team(user.team_id, child):
        return TEAM
    if user.role == Role.RECEIVING_UNIT and _open_notifications_of(child).exists():
        return INTAKE
    if sees_team(user, policy) and _team_notification(user.team_id, child):
        return INTAKE
    if _only_registered(child):
        return INTAKE
    return None


def active_grant(user, child_id: str) -> GlassGrant | None:
    return (GlassGrant.objects.filter(user=user, child_id=child_id, expires_at__gt=clock.now())
            .order_by("-expires_at").first())


def child_access(user, child) -> Access | None:
    """The best basis the user has: a full one from the caseload, else a stated reason still
    valid, else ``intake`` (the intake view only), else None."""
    basis = caseload_basis(user, child)
    if basis in FULL:
        return Access(basis)
    grant = active_grant(user, child.pk) if may_break_glass(user) else None
    if grant is not None:
        return Access(GLASS, grant.reason)
    return Access(basis) if basis is not None else None


def file_access(user, child) -> Access | None:
    """Access to the child's whole file: a FULL basis, or None (intake is not enough)."""
    access = child_access(user, child)
    return access if access is not None and access.full else None


def notification_access(user, notification, children) -> dict[str, Access] | None:
    """Access to each child of a notification. The notification itself is open to the user when the
    notification is theirs (assigned to them, or to their team, or in intake for the receiving unit)
    or when they may open at least one of its children; otherwise None (a reason is required)."""
    if not may_break_glass(user) or user.municipality_id != notification.municipality_id:
        return None
    _, open_notifications = _models()
    policy = SecurityPolicy.for_municipality(user.municipality_id)
    is_open = open_notifications().filter(pk=notification.pk).exists()
    via = None
    if user.role == Role.MANAGER and policy.manager_sees_all:
        via = MUNICIPALITY
    elif is_open and notification.assigned_to_id == user.ext_id:
        via = OWN
    elif (is_open and sees_team(user, policy)
          and (notification.team_id == user.team_id
               or (notification.assigned_to is not None and notification.assigned_to.team_id == user.team_id))):
        via = TEAM
    elif is_open and user.role == Role.RECEIVING_UNIT:
        via = INTAKE
    # Without a basis of its own, the notification opens through a child whose file the user may open
    # (intake of a child is not enough: it would show any earlier notification's content).
    result = {c.pk: (Access(via) if via else file_access(user, c)) for c in children}
    if via is None and not any(result.values()):
        return None
    # A child of a notification the user may see is read on the notification's basis.
    fallback = next((a for a in result.values() if a), None)
    if fallback is None:  # a notification without children: nothing to read on
        return {}
    return {pk: a or fallback for pk, a in result.items()}


def grant_expiry(municipality_id: int):
    return clock.now() + timedelta(hours=SecurityPolicy.for_municipality(municipality_id).glass_hours)
