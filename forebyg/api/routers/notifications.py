# SPDX-License-Identifier: MPL-2.0
"""Notifications (underretninger): list, register, read one, and what follows on it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from forebyg.cases import models as m
from forebyg.cases.selectors import worklists
from forebyg.cases.services import practice
from forebyg.core.models import Team

from .. import schemas as s
from ..access import NOTIFIED, handled_notification_ids, log_reads, open_notification, require, visible_child_ids
from ..common import (
    UPDATED_SINCE,
    Limit,
    Offset,
    between,
    lookup,
    meta,
    page,
    run,
    updated_since,
    with_meta,
    with_version_of,
)

router = Router(tags=["notifications"])
NotificationId = Path(..., pattern=s.ID_PATTERN, description="The notification's id.")


def _base(request):
    """Notifications about a child whose file the user may read, and the open ones the user handles
    at intake (an intake basis alone does not show a child's earlier notifications' content: see
    GET /children/{id}/intake)."""
    visible = NOTIFIED.objects.filter(notification_id=OuterRef("pk"), child_id__in=visible_child_ids(request.user))
    handled = Q(pk__in=handled_notification_ids(request.user))
    qs = worklists.with_open_flag(with_meta(m.Notification.objects.filter(Q(Exists(visible)) | handled)))
    return qs.prefetch_related(Prefetch("children", queryset=m.Child.objects.only("id").order_by("id")))


def notification_out(n: m.Notification) -> dict:
    return {**meta(n), "received_at": n.received_at, "channel": n.channel, "notifier_kind": n.notifier_kind,
            "notifier_professional": n.notifier_professional, "notifier_name": n.notifier_name,
            "concern": n.concern, "children": [c.pk for c in n.children.all()], "team": n.team_id,
            "assigned_to": n.assigned_to_id, "concerns_abuse": n.concerns_abuse,
            "open": bool(getattr(n, "is_open", False))}


def _sub(obj, **fields) -> dict:
    return {**meta(obj), **fields}


def notification_detail(n: m.Notification) -> dict:
    return {
        **notification_out(n),
        "acute_assessments": [_sub(a, assessed_at=a.assessed_at, acute=a.acute, action=a.action, by=a.by_id)
                              for a in n.acute_assessments.all()],
        "acknowledgements": [_sub(a, sent_at=a.sent_at, by=a.by_id) for a in n.acknowledgements.all()],
        "decisions": [_sub(d, child=d.child_id, decided_at=d.decided_at, outcome=d.outcome, note=d.note, by=d.by_id)
                      for d in n.decisions.all()],
        "feedback": [_sub(f, given_at=f.given_at, content=f.content, by=f.by_id) for f in n.feedback.all()],
    }


def _children_of(items) -> list[str]:
    return [c.pk for n in items for c in n.children.all()]


@router.get("", response=s.responses(200, s.NotificationPage), summary="Notifications about children you may read")
def list_notifications(
    request,
    received_after: s.Moment | None = Query(None, description="Received at or after this moment."),
    received_before: s.Moment | None = Query(None, description="Received before this moment."),
    open: bool | None = Query(None, description="Only open (true) or only decided (false) notifications."),  # noqa: A002
    child: s.Id | None = Query(None, description="Only notifications naming this child."),
    assigned_to_me: bool = Query(False),
    updated_since_: s.Moment | None = Query(None, alias="updated_since", description=UPDATED_SINCE),
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = between(_base(request), "received_at", received_after, received_before)
    if open is not None:
        qs = qs.filter(is_open=open)
    if child:
        qs = qs.filter(Exists(NOTIFIED.objects.filter(notification_id=OuterRef("pk"), child_id=child)))
    if assigned_to_me:
        qs = qs.filter(assigned_to=request.user)
    qs = updated_since(qs, updated_since_).order_by("-received_at", "id")
    return page(qs, limit=limit, offset=offset, serialize=notification_out,
                after_fetch=lambda items: log_reads(request, _children_of(items), "api.notifications"))


def _get(request, pk: str, view: str) -> m.Notification:
    n = (worklists.with_open_flag(with_meta(m.Notification.objects.filter(pk=pk)))
         .prefetch_related(Prefetch("children", queryset=m.Child.objects.order_by("id")),
                           Prefetch("acute_assessments", queryset=with_meta(m.AcuteAssessment.objects.order_by("assessed_at", "id"))),
                           Prefetch("acknowledgements", queryset=with_meta(m.Acknowledgement.objects.order_by("sent_at", "id"))),
                           Prefetch("decisions", queryset=with_meta(m.Decision.objects.order_by("decided_at", "id"))),
                           Prefetch("feedback", queryset=with_meta(m.NotifierFeedback.objects.order_by("given_at", "id"))))
         .first())
    if n is None:
        raise Http404
    open_notification(request, n, view)
    return n


def _fresh(pk: str) -> dict:
    n = worklists.with_open_flag(with_meta(m.Notification.objects.filter(pk=pk))).prefetch_related("children").get()
    return notification_out(n)


@router.post("", response=s.responses(201, s.NotificationOut, write=True), summary="Register a notification")
def register_notification(request, body: s.NotificationIn):
    """The 24-hour clock for the acute assessment starts at `received_at`."""
    require(request.user, "cases.register_notification")

    def call():
        children = [lookup(m.Child, pk, f"children.{i}", _("child")) for i, pk in enumerate(body.children)]
        return practice.notification_register(
            actor=request.user, received_at=body.received_at, channel=body.channel,
            notifier_kind=body.notifier_kind, notifier_professional=body.notifier_professional,
            notifier_name=body.notifier_name, concern=body.concern, children=list(dict.fromkeys(children)),
            team=lookup(Team, body.team, "team", _("team")), concerns_abuse=body.concerns_abuse)

    n = run(call)
    return Status(201, _fresh(n.pk))


@router.get("/{notification_id}", response=s.responses(200, s.NotificationDetail), summary="One notification")
def get_notification(request, notification_id: str = NotificationId):
    return notification_detail(_get(request, notification_id, "api.notification"))


@router.post("/{notification_id}/acute-assessments", response=s.responses(201, s.AcuteAssessmentOut, write=True),
             summary="Record the acute assessment")
def acute_assessment(request, body: s.AcuteAssessmentIn, notification_id: str = NotificationId):
    require(request.user, "cases.register_notification")
    n = _get(request, notification_id, "api.notification.acute")
    a = run(lambda: practice.acute_assessment_record(actor=request.user, notification=n, **body.dict()))
    a = with_meta(m.AcuteAssessment.objects.filter(pk=a.pk)).get()
    return Status(201, _sub(a, assessed_at=a.assessed_at, acute=a.acute, action=a.action, by=a.by_id))


@router.post("/{notification_id}/acknowledgements", response=s.responses(201, s.AcknowledgementOut, write=True),
             summary="Record the acknowledgement of receipt")
def acknowledgement(request, body: s.AcknowledgementIn, notification_id: str = NotificationId):
    require(request.user, "cases.register_notification")
    n = _get(request, notification_id, "api.notification.ack")
    a = run(lambda: practice.acknowledgement_record(actor=request.user, notification=n, sent_at=body.sent_at))
    a = with_meta(m.Acknowledgement.objects.filter(pk=a.pk)).get()
    return Status(201, _sub(a, sent_at=a.sent_at, by=a.by_id))


@router.post("/{notification_id}/decisions", response=s.responses(201, s.DecisionOut, write=True),
             summary="Record the decision for a child named in the notification")
def decision(request, body: s.DecisionIn, notification_id: str = NotificationId):
    """`investigation` and `early_support` open a case for the child if none is open."""
    require(request.user, "cases.casework")
    n = _get(request, notification_id, "api.notification.decision")

    def call():
        child = lookup(m.Child, body.child, "child", _("child"))
        return practice.decision_record(actor=request.user, notification=n, child=child, decided_at=body.decided_at,
                                        outcome=body.outcome, note=body.note)

    d = with_meta(m.Decision.objects.filter(pk=run(call).pk)).get()
    return Status(201, _sub(d, child=d.child_id, decided_at=d.decided_at, outcome=d.outcome, note=d.note, by=d.by_id))


@router.post("/{notification_id}/feedback", response=s.responses(201, s.FeedbackOut, write=True),
             summary="Record feedback to the professional notifier")
def feedback(request, body: s.FeedbackIn, notification_id: str = NotificationId):
    require(request.user, "cases.casework")
    n = _get(request, notification_id, "api.notification.feedback")
    f = run(lambda: practice.notifier_feedback_record(actor=request.user, notification=n, given_at=body.given_at,
                                                      content=body.content))
    f = with_meta(m.NotifierFeedback.objects.filter(pk=f.pk)).get()
    return Status(201, _sub(f, given_at=f.given_at, content=f.content, by=f.by_id))


@router.post("/{notification_id}/route", response=s.responses(200, s.NotificationOut, write=True),
             summary="Route the notification to a team")
def route(request, body: s.RouteIn, notification_id: str = NotificationId):
    require(request.user, "cases.register_notification")
    n = _get(request, notification_id, "api.notification.route")

    def call():
        team = lookup(Team, body.team, "team", _("team"))
        return practice.notification_route(actor=request.user, notification=with_version_of(n, body.version), team=team)

    run(call)
    return _fresh(n.pk)


@router.post("/{notification_id}/assign", response=s.responses(200, s.NotificationOut, write=True),
             summary="Assign the notification to a caseworker")
def assign(request, body: s.AssignIn, notification_id: str = NotificationId):
    require(request.user, "cases.assign")
    n = _get(request, notification_id, "api.notification.assign")

    def call():
        caseworker = worklists.caseworker_by_staff_id(request.user.municipality_id, body.caseworker)
        if caseworker is None:
            raise ValidationError({"caseworker": _("There is no active caseworker with this staff id.")})
        return practice.notification_assign(actor=request.user, notification=with_version_of(n, body.version),
                                            caseworker=caseworker)

    run(call)
    return _fresh(n.pk)
