# SPDX-License-Identifier: MPL-2.0
"""Scaling: goals scaled 0-10 by the child and the adults around them, and each goal's scale."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field, StringConstraints

from forebyg.cases import models as cm
from forebyg.domain.progression import Respondent
from forebyg.progression import models as pm
from forebyg.progression import services as ps

from .. import schemas as s
from ..access import logged_page, require
from ..common import (
    UPDATED_SINCE,
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
)

router = Router(tags=["scaling"])


class Entry(Schema):
    respondent: Respondent
    score: int = Field(ge=0, le=10)
    name: Annotated[str, StringConstraints(max_length=200)] | None = None
    next_step: s.Text | None = None


class EntryOut(Schema):
    respondent: str
    score: int
    name: str | None = None
    next_step: str | None = None


class ScalingRoundOut(s.RecordOut):
    child: str
    goal: str
    held_at: datetime
    entries: list[EntryOut]
    followup: str | None
    network_meeting: str | None
    gas_level: int | None
    note: str | None
    by: str | None


class ScalingRoundIn(Schema):
    child: s.Id
    goal: s.Id
    held_at: s.Moment
    entries: Annotated[list[Entry], Field(min_length=1, max_length=30)]
    followup: s.Id | None = None
    network_meeting: s.Id | None = None
    gas_level: int | None = Field(None, ge=-2, le=2)
    note: s.Text | None = None


class GoalScaleOut(s.RecordOut):
    goal: str
    child: str
    set_at: datetime
    target_score: int | None
    gas_weight: float
    gas_levels: dict[str, str] | None


ScalingPage = s.page_of(ScalingRoundOut, "ScalingRoundPage")
GoalScalePage = s.page_of(GoalScaleOut, "GoalScalePage")


def _entry(e: dict) -> dict:
    return {"respondent": str(e.get("respondent", "")), "score": int(e.get("score", 0)),
            "name": e.get("name") or None, "next_step": e.get("next_step") or None}


def round_out(r: pm.ScalingRound) -> dict:
    return {**meta(r), "child": r.child_id, "goal": r.goal_id, "held_at": r.held_at,
            "entries": [_entry(e) for e in (r.entries or [])], "followup": r.followup_id,
            "network_meeting": r.network_meeting_id, "gas_level": r.gas_level, "note": r.note, "by": r.by_id}


def scale_out(x: pm.GoalScale) -> dict:
    return {**meta(x), "goal": x.goal_id, "child": x.child_id, "set_at": x.set_at, "target_score": x.target_score,
            "gas_weight": float(x.gas_weight), "gas_levels": {str(k): str(v) for k, v in (x.gas_levels or {}).items()}
            if x.gas_levels else None}


@router.get("/scaling-rounds", response=s.responses(200, ScalingPage), summary="Scaling rounds")
def list_scaling_rounds(
    request,
    child: s.Id | None = Query(None),
    goal: s.Id | None = Query(None),
    held_after: s.Moment | None = Query(None),
    held_before: s.Moment | None = Query(None),
    updated_since_: s.Moment | None = Query(None, alias="updated_since", description=UPDATED_SINCE),
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = between(visible_records(request, pm.ScalingRound), "held_at", held_after, held_before)
    if child:
        qs = qs.filter(child_id=child)
    if goal:
        qs = qs.filter(goal_id=goal)
    qs = updated_since(qs, updated_since_).order_by("-held_at", "id")
    return logged_page(request, qs, round_out, "api.scaling_rounds", limit, offset)


@router.get("/scaling-rounds/{round_id}", response=s.responses(200, ScalingRoundOut), summary="One scaling round")
def get_scaling_round(request, round_id: str = RecordId):
    return round_out(get_record(request, pm.ScalingRound, round_id, "api.scaling_round"))


@router.post("/scaling-rounds", response=s.responses(201, ScalingRoundOut, write=True),
             summary="Record a goal's scaling on one occasion")
def record_scaling_round(request, body: ScalingRoundIn):
    """Each respondent scores the goal 0-10; a GAS level needs the goal's five levels described first."""
    require(request.user, "cases.casework")
    child = child_for_write(request, body.child, "api.scaling_round.record")

    def call():
        goal = lookup(cm.Goal, body.goal, "goal", _("goal"), child=child)
        followup = lookup(cm.FollowUp, body.followup, "followup", _("follow-up"), child=child)
        meeting = lookup(cm.NetworkMeeting, body.network_meeting, "network_meeting", _("network meeting"), child=child)
        entries = [{k: v for k, v in e.dict().items() if v is not None} for e in body.entries]
        return ps.scaling_round_record(actor=request.user, child=child, goal=goal, held_at=body.held_at,
                                       entries=entries, followup=followup, network_meeting=meeting,
                                       gas_level=body.gas_level, note=body.note)

    return Status(201, round_out(fresh(pm.ScalingRound, run(call).pk)))


@router.get("/goal-scales", response=s.responses(200, GoalScalePage), summary="Goals' target scores and GAS levels")
def list_goal_scales(
    request,
    child: s.Id | None = Query(None),
    goal: s.Id | None = Query(None),
    updated_since_: s.Moment | None = Query(None, alias="updated_since", description=UPDATED_SINCE),
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = visible_records(request, pm.GoalScale)
    if child:
        qs = qs.filter(child_id=child)
    if goal:
        qs = qs.filter(goal_id=goal)
    qs = updated_since(qs, updated_since_).order_by("id")
    return logged_page(request, qs, scale_out, "api.goal_scales", limit, offset)
