# SPDX-License-Identifier: MPL-2.0
"""The case-practice services, named `<entity>_<action>` with keyword-only arguments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forebyg.audit.services import log_change
from forebyg.core import clock, extension
from forebyg.core.models import District, Institution, Team
from forebyg.domain import cpr as cprlib
from forebyg.domain.calendar import local_date, local_time
from forebyg.domain.interchange import schema as sx
from forebyg.domain.staircase import KINDS_BY_CODE, law_for
from forebyg.security.crypto import cpr_hash

from .. import models as m
from .records import actor_municipality, record_correct, record_create
from .teams import case_assign, case_move, notification_assign, notification_move, notification_route  # noqa: F401

if TYPE_CHECKING:
    from forebyg.accounts.models import User


def _mun(actor: User) -> int:
    return actor_municipality(actor)




def child_register(*, actor: User, name: str, birth_date: date | None = None, cpr: str | None = None,
                   district: District | None = None, institution: Institution | None = None, custody_holders: list[dict[str, str]] | None = None, address: str = "",
                   address_protected: bool = False, holder_addresses: list[dict] | None = None) -> m.Child:
    """Register a child. The name is enough (a notification about "Emma i 3.b", issue #15): the birth
    date and CPR number can be added later (`child_correct`); a CPR number alone gives the birth date.
    Address and custody holders' addresses come from the CPR register when it is used (issue #19)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the child's name.")})
    cpr, birth_date = _checked_cpr(cpr, birth_date)
    return record_create(actor=actor, model=m.Child, log_action="cases.child.registered", municipality_id=_mun(actor),
                         name=name, birth_date=birth_date, cpr=cpr or None, district=district,
                         institution=institution, custody_holders=custody_holders or [],
                         address=address or "", address_protected=address_protected,
                         holder_addresses=holder_addresses or [], registered_at=clock.now())


def _checked_cpr(cpr: str | None, birth_date: date | None, *, child: m.Child | None = None
                 ) -> tuple[str | None, date | None]:
    """(normalised CPR number or None, birth date): the number must be valid, match the birth date
    (or give it, when none is known) and belong to no other child."""
    if not cpr:
        return None, birth_date
    try:
        cpr = cprlib.normalise(cpr)
    except cprlib.CprError as exc:
        raise ValidationError({"cpr": _("The CPR number is not valid: %(reason)s") % {"reason": _(str(exc))}}) from exc
    if birth_date is None:
        birth_date = cprlib.birth_date(cpr)
    elif cprlib.birth_date(cpr) != birth_date:
        raise ValidationError({"cpr": _("The CPR number does not match the birth date.")})
    others = m.Child.objects.filter(cpr_hash=cpr_hash(cpr))  # encrypted at rest: look up by keyed hash
    if child is not None:
        others = others.exclude(pk=child.pk)
    if others.exists():
        raise ValidationError({"cpr": _("A child with this CPR number is already registered.")})
    return cpr, birth_date


@transaction.atomic
def child_correct(*, actor: User, child: m.Child, reason: str, name: str, birth_date: date | None,
                  cpr: str | None = None) -> m.Child:
    """Correct or complete a child's name, birth date and CPR number (issue #15: a child registered by
    name only gets the birth date and CPR number when they become known). The earlier version stays
    in the child's history with the reason. A known birth date or CPR number is not erased here."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the child's details are corrected.")})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the child's name.")})
    if birth_date is None and child.birth_date is not None:
        raise ValidationError({"birth_date": _("A known birth date cannot be removed; correct it instead.")})
    if not cpr and child.cpr:
        cpr = child.cpr  # an empty field keeps the number (it is shown masked and not filled in)
    if birth_date is not None and birth_date > local_date(clock.now()):
        raise ValidationError({"birth_date": _("The birth date cannot lie in the future.")})
    cpr, birth_date = _checked_cpr(cpr, birth_date, child=child)
    record_correct(actor=actor, obj=child, reason=reason, log_action="cases.child.corrected",
                   name=name, birth_date=birth_date, cpr=cpr)
    return child


@transaction.atomic
def notification_register(*, actor: User, received_at: datetime, channel: str, notifier_kind: str,
                          notifier_professional: bool, concern: str, children: list[m.Child],
                          notifier_name: str | None = None, team: Team | None = None,
                          concerns_abuse: bool | None = None) -> m.Notification:
    if not children:
        raise ValidationError({"children": _("A notification must concern at least one child.")})
    if received_at > clock.now():
        raise ValidationError({"received_at": _("The received time cannot be in the future.")})
    n = record_create(actor=actor, model=m.Notification, log_action="cases.notification.registered",
                      municipality_id=_mun(actor), received_at=received_at, channel=channel,
                      notifier_kind=notifier_kind, notifier_professional=notifier_professional,
                      notifier_name=notifier_name or None, concern=concern, team=team,
                      concerns_abuse=concerns_abuse)
    n.children.set(children)
    # Continuity: a notification about a child who already has a caseworker goes to that caseworker.
    existing = default_caseworker(children)
    if existing is not None:
        record_correct(actor=actor, obj=n, reason="continuity", log_action="cases.notification.assigned",
                       assigned_to=existing, team=team or existing.team)
    return n


def default_caseworker(children: list[m.Child]) -> User | None:
    from ..selectors.worklists import default_caseworker as selected

    return selected(children)


def acute_assessment_record(*, actor: User, notification: m.Notification, assessed_at: datetime, acute: bool,
                            action: str, covers: Iterable[m.Notification] = ()) -> m.AcuteAssessment:
    """One acute assessment of a notification; `covers` are the child's other notifications the same
    assessment answers (several notifications about one child within 24 hours, issue #16): each
    must name one of the notification's children and be received by the time of the assessment."""
    if assessed_at < notification.received_at:
        raise ValidationError({"assessed_at": _("The assessment cannot be before the notification was received.")})
    others = list(covers)
    children = set(notification.children.values_list("id", flat=True))
    for other in others:
        if other.pk == notification.pk or not children & set(other.children.values_list("id", flat=True)):
            raise ValidationError({"covers": _("An assessment can only cover other notifications about the same child.")})
        if other.received_at > assessed_at:
            raise ValidationError({"covers": _("A notification received after the assessment cannot be covered by it.")})
    return record_create(actor=actor, model=m.AcuteAssessment, log_action="cases.acute_assessment.recorded",
                         municipality_id=_mun(actor), notification=notification, assessed_at=assessed_at,
                         acute=acute, action=action, by=actor, covers=sorted(o.pk for o in others) or None)


def acknowledgement_record(*, actor: User | None, notification: m.Notification, sent_at: datetime) -> m.Acknowledgement:
    """`actor` None: no person is known (a letter sent by the outbox without a sender on record); the
    record and its audit entry then name no one, as for any change the system makes."""
    if sent_at < notification.received_at:
        raise ValidationError({"sent_at": _("The acknowledgement cannot be before the notification was received.")})
    return record_create(actor=actor, model=m.Acknowledgement, log_action="cases.acknowledgement.recorded",
                         municipality_id=notification.municipality_id, notification=notification, sent_at=sent_at,
                         by=actor)


def case_for(child: m.Child) -> m.Case | None:
    return m.Case.objects.filter(child=child, closed_at__isnull=True).order_by("-opened_at").first()


def case_open(*, actor: User, child: m.Child, caseworker: User | None = None, team: Team | None = None) -> m.Case:
    existing = case_for(child)
    if existing is not None:
        return existing
    caseworker = caseworker or (actor if actor.role == "caseworker" else None)
    return record_create(actor=actor, model=m.Case, log_action="cases.case.opened", municipality_id=_mun(actor),
                         child=child, opened_at=clock.now(), caseworker=caseworker,
                         team=team or getattr(caseworker, "team", None))


def decision_record(*, actor: User, notification: m.Notification, child: m.Child, decided_at: datetime, outcome: str,
                    note: str | None = None) -> m.Decision:
    if not notification.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": _("The child is not named in this notification.")})
    if decided_at < notification.received_at:
        raise ValidationError({"decided_at": _("The decision cannot be before the notification was received.")})
    decision = record_create(actor=actor, model=m.Decision, log_action="cases.decision.recorded",
                             municipality_id=_mun(actor), notification=notification, child=child,
                             decided_at=decided_at, outcome=outcome, by=actor, note=note or None)
    if outcome in ("investigation", "early_support"):
        case_open(actor=actor, child=child, caseworker=notification.assigned_to)
    return decision


def notification_correct(*, actor: User, notification: m.Notification, reason: str, received_at: datetime,
                         notifier_kind: str, notifier_professional: bool, notifier_name: str | None,
                         children: list[m.Child]) -> m.Notification:
    """Correct how a notification was registered (issue #15): the notifier, whether a professional,
    the time received and the children named. The earlier version stays in the history with the
    reason; a child who already has a decision on the notification cannot be taken off it, and the
    time received cannot move past anything recorded on the notification."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the notification is corrected.")})
    if not children:
        raise ValidationError({"children": _("A notification must concern at least one child.")})
    if received_at > clock.now():
        raise ValidationError({"received_at": _("The notification cannot be received in the future.")})
    earliest = [x for x in (
        *(a.assessed_at for a in notification.acute_assessments.all()),
        *(a.sent_at for a in notification.acknowledgements.all()),
        *(d.decided_at for d in notification.decisions.all()),
        *(f.given_at for f in notification.feedback.all())) if x is not None]
    if earliest and received_at > min(earliest):
        raise ValidationError({"received_at": _(
            "The notification cannot have been received after something recorded on it (%(t)s).")
            % {"t": local_time(min(earliest)).strftime("%d.%m.%Y %H:%M")}})
    before = {c.pk for c in notification.children.all()}
    after = {c.pk for c in children}
    decided = set(notification.decisions.values_list("child_id", flat=True))
    if decided - after:
        raise ValidationError({"children": _("A child with a decision on this notification cannot be taken off it.")})
    record_correct(actor=actor, obj=notification, reason=reason, log_action="cases.notification.corrected",
                   received_at=received_at, notifier_kind=notifier_kind,
                   notifier_professional=notifier_professional, notifier_name=notifier_name or None)
    if before != after:
        notification.children.set(children)
        log_change(actor=actor, action="cases.notification.corrected", obj=notification,
                   child_id=next(iter(sorted(after))), reason=reason,
                   payload={"children_added": sorted(after - before), "children_removed": sorted(before - after)})
    return notification


def notifier_feedback_record(*, actor: User | None, notification: m.Notification, given_at: datetime,
                             content: str) -> m.NotifierFeedback:
    """`actor` None as for `acknowledgement_record`."""
    if not sx.feedback_owed(notifier_kind=notification.notifier_kind,
                            professional=notification.notifier_professional):
        raise ValidationError({"content": _("Feedback is owed to professional notifiers only.")})
    return record_create(actor=actor, model=m.NotifierFeedback, log_action="cases.notifier_feedback.recorded",
                         municipality_id=notification.municipality_id, notification=notification, given_at=given_at,
                         content=content, by=actor)


def counselling_start(*, actor: User, child: m.Child, started_at: datetime, consent_at: datetime, consent_by: str,
                      referred_by: str, note: str | None = None) -> m.Counselling:
    if consent_at > started_at:
        raise ValidationError({"consent_at": _("Consent must be given before the counselling starts.")})
    return record_create(actor=actor, model=m.Counselling, log_action="cases.counselling.started",
                         municipality_id=_mun(actor), child=child, started_at=started_at, consent_at=consent_at,
                         consent_by=consent_by, referred_by=referred_by, caseworker=actor, note=note or None)


def counselling_end(*, actor: User, counselling: m.Counselling, ended_at: datetime) -> m.Counselling:
    if ended_at < counselling.started_at:
        raise ValidationError({"ended_at": _("The end cannot be before the start.")})
    return record_correct(actor=actor, obj=counselling, reason="ended", log_action="cases.counselling.ended",
                          ended_at=ended_at)


def investigation_start(*, actor: User, child: m.Child, aware_at: datetime, started_at: datetime,
                        consent: bool) -> m.Investigation:
    if started_at < aware_at:
        raise ValidationError({"started_at": _("The investigation cannot start before the municipality became aware.")})
    case = case_open(actor=actor, child=child)
    return record_create(actor=actor, model=m.Investigation, log_action="cases.investigation.started",
                         municipality_id=_mun(actor), case=case, child=child, aware_at=aware_at,
                         started_at=started_at, consent=consent, sections={})


def investigation_update(*, actor: User, investigation: m.Investigation, sections: dict[str, str],
                         conclusion: str | None, completed_at: datetime | None,
                         provisional_assessment_at: datetime | None = None) -> m.Investigation:
    if completed_at and completed_at < investigation.started_at:
        raise ValidationError({"completed_at": _("The investigation cannot be completed before it started.")})
    if completed_at and not (conclusion or "").strip():
        raise ValidationError({"conclusion": _("A completed investigation needs a conclusion.")})
    action = "cases.investigation.completed" if completed_at and not investigation.completed_at else "cases.investigation.updated"
    return record_correct(actor=actor, obj=investigation, reason="updated", log_action=action,
                          sections={k: v for k, v in sections.items() if v}, conclusion=conclusion or None,
                          completed_at=completed_at, provisional_assessment_at=provisional_assessment_at)


def child_conversation_record(*, actor: User, child: m.Child, held_at: datetime, purpose: str,
                              note: str | None = None) -> m.ChildConversation:
    return record_create(actor=actor, model=m.ChildConversation, log_action="cases.child_conversation.recorded",
                         municipality_id=_mun(actor), child=child, case=case_for(child), held_at=held_at,
                         purpose=purpose, by=actor, note=note or None)


def network_meeting_record(*, actor: User, child: m.Child, held_at: datetime, kind: str, participants: list[dict[str, str]],
                           agreements: str | None, followup_date: date | None) -> m.NetworkMeeting:
    if followup_date and followup_date <= local_date(held_at):
        raise ValidationError({"followup_date": _("The follow-up meeting must be after the meeting.")})
    return record_create(actor=actor, model=m.NetworkMeeting, log_action="cases.network_meeting.recorded",
                         municipality_id=_mun(actor), child=child, case=case_for(child), held_at=held_at,
                         kind=kind, participants=participants, agreements=agreements or None,
                         followup_date=followup_date)


def network_person_record(*, actor: User, child: m.Child, name: str, relation: str, resource: bool,
                          note: str | None = None) -> m.NetworkPerson:
    return record_create(actor=actor, model=m.NetworkPerson, log_action="cases.network_person.recorded",
                         municipality_id=_mun(actor), child=child, name=name, relation=relation,
                         resource=resource, note=note or None)


def measure_decide(*, actor: User, child: m.Child, kind: str, decided_at: datetime, offer: m.Offer | None = None,
                   purpose: str | None = None, expected_duration_months: int | None = None,
                   started_at: datetime | None = None, steps_override: dict[str, int] | None = None,
                   plan_decision: str | None = None, urgent_plan: bool | None = None) -> m.Measure:
    """Decide a measure. The law period follows the decision date, never today's date.
    `plan_decision` (BL § 91 stk. 1) and `urgent_plan` (SEL § 140 stk. 1): see docs/rules.md."""
    measure_kind = KINDS_BY_CODE.get(kind)
    law = law_for(local_date(decided_at))  # the Danish date: 00:30 on 1 January 2024 is BL
    if measure_kind is None:
        raise ValidationError({"kind": _("Unknown measure kind.")})
    if measure_kind.law != law:
        raise ValidationError({"kind": _("This measure kind belongs to another law period than the decision date.")})
    if offer is not None and offer.measure_kind != kind:
        raise ValidationError({"offer": _("The offer does not provide this measure kind.")})
    if started_at and started_at < decided_at:
        raise ValidationError({"started_at": _("A measure cannot start before it is decided.")})
    _check_plan_fields(law, plan_decision, urgent_plan)
    # The municipality's own measure kind -> step mapping, where it differs from the default
    # (registered by the progression app, which holds the staircase configuration).
    resolver = extension.measure_steps()
    if steps_override is None and resolver is not None:
        steps_override = resolver.kind_steps(_mun(actor))
    step = (steps_override or {}).get(kind, measure_kind.default_step)
    case = case_open(actor=actor, child=child)
    return record_create(actor=actor, model=m.Measure, log_action="cases.measure.decided", municipality_id=_mun(actor),
                         case=case, child=child, law=law, kind=kind, legal_basis=measure_kind.legal_basis,
                         step=step, offer=offer, decided_at=decided_at, started_at=started_at,
                         purpose=purpose or None, expected_duration_months=expected_duration_months, by=actor,
                         plan_decision=plan_decision or None, urgent_plan=urgent_plan if law == "SEL" else None)


def _check_plan_fields(law: str, plan_decision: str | None, urgent_plan: bool | None) -> None:
    """The plan fields belong to one law period each (issue #16)."""
    if plan_decision and plan_decision not in sx.PLAN_DECISIONS:
        raise ValidationError({"plan_decision": _("Unknown decision on a child's plan.")})
    if plan_decision and law != "BL":
        raise ValidationError({"plan_decision": _("The decision on a child's plan belongs to Barnets Lov "
                                                  "(decisions from 1 January 2024).")})
    if urgent_plan and law != "SEL":
        raise ValidationError({"urgent_plan": _("An urgent action plan belongs to Serviceloven "
                                                "(decisions before 1 January 2024).")})


def measure_start(*, actor: User, measure: m.Measure, started_at: datetime) -> m.Measure:
    if started_at < measure.decided_at:
        raise ValidationError({"started_at": _("A measure cannot start before it is decided.")})
    return record_correct(actor=actor, obj=measure, reason="started", log_action="cases.measure.started",
                          started_at=started_at)


def measure_end(*, actor: User, measure: m.Measure, ended_at: datetime, end_reason: str) -> m.Measure:
    if measure.ended_at:
        raise ValidationError({"ended_at": _("The measure has already ended.")})
    if ended_at < (measure.started_at or measure.decided_at):
        raise ValidationError({"ended_at": _("A measure cannot end before it started.")})
    if not end_reason.strip():
        raise ValidationError({"end_reason": _("Give a reason for ending the measure.")})
    return record_correct(actor=actor, obj=measure, reason="ended", log_action="cases.measure.ended",
                          ended_at=ended_at, end_reason=end_reason)


def plan_make(*, actor: User, child: m.Child, kind: str, made_at: datetime, summary: str | None,
              goals: list[dict[str, Any]]) -> m.Plan:
    case = case_open(actor=actor, child=child)
    plan = record_create(actor=actor, model=m.Plan, log_action="cases.plan.made", municipality_id=_mun(actor),
                         case=case, child=child, kind=kind, made_at=made_at, summary=summary or None, by=actor)
    for goal in goals:
        record_create(actor=actor, model=m.Goal, log_action="cases.goal.added", municipality_id=_mun(actor),
                      plan=plan, child=child, life_area=goal["life_area"], text=goal["text"],
                      target_date=goal.get("target_date"))
    return plan


def followup_record(*, actor: User, child: m.Child, held_at: datetime, note: str | None, next_due: date | None,
                    measure: m.Measure | None = None) -> m.FollowUp:
    case = case_for(child)
    if case is None:
        raise ValidationError({"held_at": _("The child has no open case to follow up on.")})
    if next_due and next_due <= local_date(held_at):
        raise ValidationError({"next_due": _("The next follow-up must be after this one.")})
    return record_create(actor=actor, model=m.FollowUp, log_action="cases.followup.recorded", municipality_id=_mun(actor),
                         case=case, child=child, measure=measure, held_at=held_at, note=note or None,
                         next_due=next_due, by=actor)
