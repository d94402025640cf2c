# SPDX-License-Identifier: MPL-2.0
"""Plans with their goals, and follow-ups."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from forebyg.cases import models as m
from forebyg.cases.services import practice

from .. import schemas as s
from ..access import logged_page, require
from ..common import (
    CHILD,
    SINCE,
    Limit,
    Offset,
    RecordId,
    between,
    child_for_write,
    fresh,
    get_record,
    lookup,
    meta,
    run,
    updated_since,
    visible_records,
    with_meta,
)

router = Router()


def goal_out(g: m.Goal) -> dict:
    return {**meta(g), "plan": g.plan_id, "child": g.child_id, "life_area": g.life_area, "text": g.text,
            "target_date": g.target_date}


def plan_out(p: m.Plan) -> dict:
    return {**meta(p), "case": p.case_id, "child": p.child_id, "kind": p.kind, "made_at": p.made_at,
            "summary": p.summary, "by": p.by_id, "goals": [goal_out(g) for g in p.goals.all()]}


def _with_goals(qs):
    return qs.prefetch_related(Prefetch("goals", queryset=with_meta(m.Goal.objects.order_by("id"))))


@router.get("/plans", response=s.responses(200, s.PlanPage), tags=["plans"], summary="Plans with their goals")
def list_plans(
    request,
    child: s.Id | None = CHILD,
    case: s.Id | None = Query(None),
    made_after: s.Moment | None = Query(None),
    made_before: s.Moment | None = Query(None),
    updated_since_: s.Moment | None = SINCE,
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = between(visible_records(request, m.Plan), "made_at", made_after, made_before)
    if child:
        qs = qs.filter(child_id=child)
    if case:
        qs = qs.filter(case_id=case)
    qs = _with_goals(updated_since(qs, updated_since_).order_by("-made_at", "id"))
    return logged_page(request, qs, plan_out, "api.plans", limit, offset)


@router.get("/plans/{plan_id}", response=s.responses(200, s.PlanOut), tags=["plans"], summary="One plan")
def get_plan(request, plan_id: str = RecordId):
    plan = get_record(request, m.Plan, plan_id, "api.plan")
    return plan_out(_with_goals(with_meta(m.Plan.objects.filter(pk=plan.pk))).get())


@router.post("/plans", response=s.responses(201, s.PlanOut, write=True), tags=["plans"],
             summary="Write a plan with its goals")
def make_plan(request, body: s.PlanIn):
    """Opens a case for the child if none is open."""
    require(request.user, "cases.casework")
    child = child_for_write(request, body.child, "api.plan.make")
    plan = run(lambda: practice.plan_make(actor=request.user, child=child, kind=body.kind, made_at=body.made_at,
                                          summary=body.summary, goals=[g.dict() for g in body.goals]))
    return Status(201, plan_out(_with_goals(with_meta(m.Plan.objects.filter(pk=plan.pk))).get()))


@router.get("/goals", response=s.responses(200, s.GoalPage), tags=["plans"], summary="Goals of plans")
def list_goals(
    request,
    child: s.Id | None = CHILD,
    plan: s.Id | None = Query(None),
    life_area: s.sx.LifeArea | None = Query(None),
    updated_since_: s.Moment | None = SINCE,
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = visible_records(request, m.Goal)
    if child:
        qs = qs.filter(child_id=child)
    if plan:
        qs = qs.filter(plan_id=plan)
    if life_area:
        qs = qs.filter(life_area=life_area)
    qs = updated_since(qs, updated_since_).order_by("id")
    return logged_page(request, qs, goal_out, "api.goals", limit, offset)


@router.get("/goals/{goal_id}", response=s.responses(200, s.GoalOut), tags=["plans"], summary="One goal")
def get_goal(request, goal_id: str = RecordId):
    return goal_out(get_record(request, m.Goal, goal_id, "api.goal"))


def followup_out(f: m.FollowUp) -> dict:
    return {**meta(f), "case": f.case_id, "child": f.child_id, "measure": f.measure_id, "held_at": f.held_at,
            "note": f.note, "next_due": f.next_due, "by": f.by_id}


@router.get("/followups", response=s.responses(200, s.FollowUpPage), tags=["follow-ups"], summary="Follow-ups")
def list_followups(
    request,
    child: s.Id | None = CHILD,
    case: s.Id | None = Query(None),
    measure: s.Id | None = Query(None),
    held_after: s.Moment | None = Query(None),
    held_before: s.Moment | None = Query(None),
    due_before: s.Day | None = Query(None, description="Only those whose next follow-up is due before this date."),
    updated_since_: s.Moment | None = SINCE,
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = between(visible_records(request, m.FollowUp), "held_at", held_after, held_before)
    for field, value in (("child_id", child), ("case_id", case), ("measure_id", measure)):
        if value:
            qs = qs.filter(**{field: value})
    if due_before:
        qs = qs.filter(next_due__lt=due_before)
    qs = updated_since(qs, updated_since_).order_by("-held_at", "id")
    return logged_page(request, qs, followup_out, "api.followups", limit, offset)


@router.get("/followups/{followup_id}", response=s.responses(200, s.FollowUpOut), tags=["follow-ups"],
            summary="One follow-up")
def get_followup(request, followup_id: str = RecordId):
    return followup_out(get_record(request, m.FollowUp, followup_id, "api.followup"))


@router.post("/followups", response=s.responses(201, s.FollowUpOut, write=True), tags=["follow-ups"],
             summary="Record a follow-up")
def record_followup(request, body: s.FollowUpIn):
    """The child needs an open case. `measure` is the measure followed up, if any."""
    require(request.user, "cases.casework")
    child = child_for_write(request, body.child, "api.followup.record")

    def call():
        measure = lookup(m.Measure, body.measure, "measure", _("measure"), child=child)
        return practice.followup_record(actor=request.user, child=child, held_at=body.held_at, note=body.note,
                                        next_due=body.next_due, measure=measure)

    return Status(201, followup_out(fresh(m.FollowUp, run(call).pk)))
