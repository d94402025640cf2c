# SPDX-License-Identifier: MPL-2.0
"""Work between teams: routing a notification, assigning within a team, moving to another team.

A team's open cases give the team the children's files (forebyg.security.access), so putting work
into a team is an access decision (issue #13):

* **Routing** (the receiving unit's job) sends an unrouted notification to a team. A notification
  gives a team only the intake view of its children, so routing opens no file.
* **Assigning** is the team leader's act for what is routed to their own team (or not routed to any
  team yet), to a caseworker of their own team. An assigned caseworker opens the child's file
  (``own``); the leader does not get more than the intake view through a notification.
* **Moving** a case or a notification to another team is a separate act with a stated reason,
  logged with its own action type (``cases.case.moved``, ``cases.notification.moved``). Only the
  leader of the team that has it moves it (or anyone with the right to assign, for what has no
  team): another team's case is never taken over from outside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forebyg.accounts.models import Role
from forebyg.audit.services import log_change
from forebyg.core.models import Team

from .. import models as m
from .records import _check_version, record_correct

if TYPE_CHECKING:
    from forebyg.accounts.models import User

REASON_MIN, REASON_MAX = 10, 300

# What is routed, assigned and moved between teams: a case or a notification (each has `team`).
Routed = TypeVar("Routed", m.Case, m.Notification)


def _leader_checks(*, actor: User, obj: m.Case | m.Notification, caseworker: User, allow_unrouted: bool) -> None:
    """A team leader assigns what is routed to their own team, to a caseworker of their team."""
    if actor.role != Role.TEAM_LEADER:
        return  # the views and the API let only team leaders assign (cases.assign)
    if obj.team_id is not None and obj.team_id != actor.team_id:
        raise ValidationError(_("This belongs to another team. Its own team leader assigns it, or moves it "
                                "to your team with a stated reason."))
    if obj.team_id is None and not allow_unrouted:
        raise ValidationError(_("This case has no team. Move it to a team with a stated reason first."))
    if actor.team_id is not None and caseworker.team_id != actor.team_id:
        raise ValidationError({"caseworker": _("Choose a caseworker of your own team.")})


def notification_assign(*, actor: User, notification: m.Notification, caseworker: User) -> m.Notification:
    _leader_checks(actor=actor, obj=notification, caseworker=caseworker, allow_unrouted=True)
    return record_correct(actor=actor, obj=notification, reason="assigned", log_action="cases.notification.assigned",
                          assigned_to=caseworker, team=notification.team or caseworker.team)


def case_assign(*, actor: User, case: m.Case, caseworker: User) -> m.Case:
    _leader_checks(actor=actor, obj=case, caseworker=caseworker, allow_unrouted=False)
    return record_correct(actor=actor, obj=case, reason="assigned", log_action="cases.case.assigned",
                          caseworker=caseworker, team=caseworker.team or case.team)


def notification_route(*, actor: User, notification: m.Notification, team: Team) -> m.Notification:
    """Send a notification to a team. Once it has a team, only the receiving unit re-routes it;
    a team leader moves it (notification_move), with a reason."""
    if (notification.team_id is not None and notification.team_id != team.pk
            and actor.role != Role.RECEIVING_UNIT):
        raise ValidationError({"team": _("The notification is already routed to a team. Its team leader can move "
                                         "it to another team with a stated reason.")})
    return record_correct(actor=actor, obj=notification, reason="routed", log_action="cases.notification.routed",
                          team=team)


def _clean_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) < REASON_MIN:
        raise ValidationError({"reason": _("State the reason for the move in a sentence (at least %(n)d characters).")
                               % {"n": REASON_MIN}})
    return reason[:REASON_MAX]


@transaction.atomic
def _move(*, actor: User, obj: Routed, team: Team | None, reason: str, action: str, person_field: str) -> Routed:
    reason = _clean_reason(reason)
    if team is None or team.municipality_id != obj.municipality_id:
        raise ValidationError({"team": _("Choose a team.")})
    if obj.team_id == team.pk:
        raise ValidationError({"team": _("It is already in this team.")})
    if actor.role != Role.TEAM_LEADER or (obj.team_id is not None and obj.team_id != actor.team_id):
        raise ValidationError(_("Only the leader of the team that has it can move it to another team."))
    _check_version(obj)
    before = obj.team_id
    person = getattr(obj, person_field)
    changed: dict[str, Any] = {"team": team}
    if person is not None and person.team_id != team.pk:
        changed[person_field] = None  # the new team's leader assigns it to one of theirs
    for key, value in changed.items():
        setattr(obj, key, value)
    obj._history_user = actor
    obj._change_reason = "moved"
    obj.full_clean(exclude=["created_by"])
    obj.save()
    log_change(actor=actor, action=action, obj=obj, child_id=getattr(obj, "child_id", None), reason=reason,
               payload={"from_team": before, "to_team": team.pk, "fields": sorted(changed)})
    return obj


def case_move(*, actor: User, case: m.Case, team: Team | None, reason: str) -> m.Case:
    return _move(actor=actor, obj=case, team=team, reason=reason, action="cases.case.moved",
                 person_field="caseworker")


def notification_move(*, actor: User, notification: m.Notification, team: Team | None, reason: str
                      ) -> m.Notification:
    return _move(actor=actor, obj=notification, team=team, reason=reason, action="cases.notification.moved",
                 person_field="assigned_to")
