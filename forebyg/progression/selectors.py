# SPDX-License-Identifier: MPL-2.0
"""Reading progression: a child's goals, scaling, GAS, staircase path and flags; the team view.

Pages read through these functions, which turn rows into the domain core's plain objects
and compute there (forebyg.domain.progression, gas, staircase_path, instruments)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypedDict

from django.db.models import Q

from forebyg.cases import models as cm
from forebyg.cases.selectors.related import Relation, read_relations
from forebyg.cases.selectors.scoping import own_children
from forebyg.core import clock
from forebyg.core.scoping import municipality_scope
from forebyg.domain import gas, instruments
from forebyg.domain import progression as dp
from forebyg.domain import staircase_path as sp
from forebyg.domain.calendar import local_date
from forebyg.domain.staircase import Step

from . import models as pm

logger = logging.getLogger(__name__)


# -- configuration -----------------------------------------------------------------------

def staircase_for(municipality_id: int) -> sp.StaircaseConfig:
    """The municipality's staircase (the six default steps when it has configured none)."""
    with municipality_scope(municipality_id):
        rows = list(pm.StaircaseStep.objects.filter(municipality_id=municipality_id)
                    .values("number", "name", "name_en", "placement", "measure_kinds"))
    return sp.config_from_records(rows)


@dataclass(frozen=True)
class Settings:
    rules: dp.FlagRules
    rho: float


def settings_for(municipality_id: int) -> Settings:
    with municipality_scope(municipality_id):
        # the two values only, not a model instance (read on every child page; issue #20)
        row = (pm.ProgressionSettings.objects.filter(municipality_id=municipality_id)
               .values_list("flag_rules", "gas_rho").first())
    if row is None:
        return Settings(dp.FlagRules(), gas.DEFAULT_RHO)
    return Settings(dp.FlagRules.from_json(row[0]), float(row[1]))


@dataclass(frozen=True)
class AvailableInstrument:
    instrument: instruments.Instrument
    shipped: bool
    row: pm.Instrument | None = None


def instruments_for(municipality_id: int, *, include_retired: bool = False) -> list[AvailableInstrument]:
    """The instruments Forebyg ships, then the municipality's own."""
    out = [AvailableInstrument(i, True) for i in instruments.shipped()]
    with municipality_scope(municipality_id):
        rows = pm.Instrument.objects.filter(municipality_id=municipality_id)
        if not include_retired:
            rows = rows.filter(active=True)
        for row in rows.order_by("code", "version"):
            try:
                out.append(AvailableInstrument(instruments.load(row.definition), False, row))
            except instruments.InstrumentError:
                logger.warning("Stored instrument %s@%s no longer loads; left out", row.code, row.version)
    return out


def instrument_get(municipality_id: int, code: str, version: str) -> instruments.Instrument | None:
    for a in instruments_for(municipality_id, include_retired=True):
        if a.instrument.code == code and a.instrument.version == version:
            return a.instrument
    return None


# -- a child's progression ------------------------------------------------------------------

def active_goal_ids(goals: Iterable[cm.Goal], plans: Iterable[cm.Plan], open_case_ids: set[str]) -> set[str]:
    """The goals of the newest plan of each open case: what the child is working towards now."""
    newest: dict[str, cm.Plan] = {}
    for p in plans:
        if p.case_id in open_case_ids and (p.case_id not in newest or (p.made_at, p.pk) > (newest[p.case_id].made_at,
                                                                                           newest[p.case_id].pk)):
            newest[p.case_id] = p
    plan_ids = {p.pk for p in newest.values()}
    return {g.pk for g in goals if g.plan_id in plan_ids}


def to_round(r: pm.ScalingRound) -> dp.Round:
    return dp.Round(r.pk, r.goal_id, r.held_at, dp.entries_from_json(r.entries), r.gas_level)


def goal_infos(goals: Iterable[cm.Goal], active: set[str], scales: dict[str, pm.GoalScale]) -> list[dp.GoalInfo]:
    return [dp.GoalInfo(g.pk, g.pk in active, scales[g.pk].target_score if g.pk in scales else None,
                        bool(g.pk in scales and scales[g.pk].gas_levels)) for g in goals]


def spans_of(measures: Iterable[cm.Measure]) -> list[sp.Span]:
    return [sp.Span(ms.pk, ms.step, ms.started_at, ms.ended_at, ms.kind) for ms in measures if ms.started_at]


class GoalTableRow(TypedDict):
    """One scaling round in a goal's table."""

    round: pm.ScalingRound
    day: date
    scores: dict[tuple[str, str], int]  # by (respondent kind, name)
    cells: list[int | None]  # the scores in the order of the goal's respondents (None: not scored)


@dataclass
class GoalView:
    goal: cm.Goal
    active: bool
    scale: pm.GoalScale | None
    rounds: list[pm.ScalingRound]
    target: int
    respondents: list[tuple[str, str]] = field(default_factory=list)  # (kind, name) in first-seen order
    table: list[GoalTableRow] = field(default_factory=list)  # one row per round: day, scores by respondent
    # Filled by the page (progression.views.progression_context) in the page's language:
    respondent_labels: list[str] = field(default_factory=list)  # the respondents' labels, as `respondents`
    description: dict[str, Any] = field(default_factory=dict)  # the chart's text alternative (charts.describe)
    next_steps: list[tuple[str, str]] = field(default_factory=list)  # (respondent, "one step higher") of the latest

    @property
    def latest(self) -> pm.ScalingRound | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def gas_levels(self) -> list[tuple[int, str]]:
        levels = (self.scale.gas_levels or {}) if self.scale else {}
        return [(int(k), levels[k]) for k in reversed(gas.LEVEL_KEYS) if k in levels]


@dataclass
class ChildProgression:
    child: cm.Child
    goals: list[GoalView]
    segments: list[sp.Segment]
    transitions: list[sp.Transition]
    measures: dict[str, cm.Measure]
    staircase: sp.StaircaseConfig
    flags: dict[str, dp.Flag]
    rules: dp.FlagRules
    gas_timeline: list[gas.TPoint]
    answers: list[pm.InstrumentAnswer]
    as_of: datetime
    current_step: int | None

    @property
    def active_goals(self) -> list[GoalView]:
        return [g for g in self.goals if g.active]

    @property
    def charted_goals(self) -> list[GoalView]:
        return [g for g in self.goals if g.rounds]


def _goal_table(rounds: list[pm.ScalingRound]) -> tuple[list[tuple[str, str]], list[GoalTableRow]]:
    respondents: list[tuple[str, str]] = []
    rows: list[GoalTableRow] = []
    for r in rounds:
        scores: dict[tuple[str, str], int] = {}
        for e in dp.entries_from_json(r.entries):
            key = (e.respondent, e.name.strip())
            if key not in respondents:
                respondents.append(key)
            scores[key] = e.score
        rows.append({"round": r, "day": local_date(r.held_at), "scores": scores, "cells": []})
    for row in rows:
        row["cells"] = [row["scores"].get(k) for k in respondents]
    return respondents, rows


def child_progression(child: cm.Child, *, as_of: datetime | None = None, section: bool = False) -> ChildProgression:
    """The child's progression as of `as_of`. `section`: only what the child page's progression
    section shows (the current step, the flags, the goals): the transitions, the GAS timeline and
    the questionnaire answers are left empty and the staircase is read only when a step is
    running (issue #20)."""
    as_of = as_of or clock.now()
    mid = child.municipality_id
    settings = settings_for(mid)
    # Read once (Django skips what the child page has read already: read_child, the registered child-page prefetch).
    read_relations([child], child_page_reads())
    goals = sorted(sorted(child.goals.all(), key=lambda g: g.pk), key=lambda g: g.plan.made_at, reverse=True)
    plans = list(child.plans.all())
    open_cases = {c.pk for c in child.cases.all() if c.closed_at is None}
    active = active_goal_ids(goals, plans, open_cases)
    scales = {s.goal_id: s for s in child.goal_scales.all()}
    rounds = sorted((r for r in child.scaling_rounds.all() if r.held_at <= as_of), key=lambda r: (r.held_at, r.pk))
    by_goal: dict[str, list[pm.ScalingRound]] = defaultdict(list)
    for r in rounds:
        by_goal[r.goal_id].append(r)
    views = []
    for g in goals:
        scale = scales.get(g.pk)
        target = scale.target_score if scale and scale.target_score is not None else settings.rules.default_target
        respondents, table = _goal_table(by_goal[g.pk])
        views.append(GoalView(g, g.pk in active, scale, by_goal[g.pk], target, respondents, table))
    views.sort(key=lambda v: (not v.active, -(v.goal.plan.made_at.timestamp())))
    measures = {ms.pk: ms for ms in child.measures.all()}
    segments = sp.path(spans_of(measures.values()), as_of=as_of)
    infos = goal_infos(goals, active, scales)
    domain_rounds = [to_round(r) for r in rounds]
    current_step = sp.step_at(segments, as_of)
    flags = dp.flags(infos, domain_rounds, settings.rules, as_of=as_of)
    if section:
        return ChildProgression(
            child=child, goals=views, segments=segments, transitions=[], measures=measures,
            staircase=staircase_for(mid) if current_step else sp.config_from_records([]), flags=flags,
            rules=settings.rules, gas_timeline=[], answers=[], as_of=as_of, current_step=current_step)
    weights = {gid: float(s.gas_weight) for gid, s in scales.items() if s.gas_levels}
    ratings = [gas.Rating(r.goal_id, local_date(r.held_at), r.gas_level) for r in rounds
               if r.gas_level is not None]
    answers = sorted((a for a in child.instrument_answers.all() if a.answered_at <= as_of),
                     key=lambda a: a.answered_at, reverse=True)
    return ChildProgression(
        child=child, goals=views, segments=segments, transitions=sp.transitions(segments), measures=measures,
        staircase=staircase_for(mid), flags=flags,
        rules=settings.rules, gas_timeline=gas.t_timeline(ratings, weights, rho=settings.rho),
        answers=answers, as_of=as_of, current_step=current_step,
    )


# -- the team view ----------------------------------------------------------------------

@dataclass
class TeamRow:
    child: cm.Child
    case: cm.Case
    flags: dict[str, dp.Flag]
    step: int | None
    goals: dict[str, cm.Goal]
    names: dict[tuple[str, str], str]  # respondent key -> the name as written


def team_cases(user) -> Any:
    """Open cases the user's team view covers: a caseworker's own, a team leader's team's
    (the whole municipality without a team), a manager's whole municipality."""
    qs = own_children(cm.Case.objects.filter(closed_at__isnull=True)).select_related("child", "caseworker")
    if user.role == "caseworker":
        return qs.filter(caseworker=user)
    if user.role == "team_leader" and user.team_id:
        return qs.filter(Q(team_id=user.team_id) | Q(caseworker__team_id=user.team_id))
    return qs


def team_flags(user, *, as_of: datetime | None = None, limit: int = 2000) -> list[TeamRow]:
    """Both flags for every child in the user's open cases that has active goals."""
    as_of = as_of or clock.now()
    settings = settings_for(user.municipality_id)
    cases = list(team_cases(user).order_by("child__name", "id")[:limit])
    child_ids = {c.child_id for c in cases}
    open_case_ids = {c.pk for c in cases}
    plans = list(cm.Plan.objects.filter(case_id__in=open_case_ids))
    plan_ids = {p.pk for p in plans}
    goals = list(cm.Goal.objects.filter(plan_id__in=plan_ids))
    active = active_goal_ids(goals, plans, open_case_ids)
    goals = [g for g in goals if g.pk in active]
    scales = {s.goal_id: s for s in pm.GoalScale.objects.filter(goal_id__in=active)}
    rounds: dict[str, list[dp.Round]] = defaultdict(list)
    names: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for r in pm.ScalingRound.objects.filter(goal_id__in=active, held_at__lte=as_of).order_by("held_at", "id"):
        domain_round = to_round(r)
        rounds[r.child_id].append(domain_round)
        names[r.child_id].update({e.key: e.name.strip() for e in domain_round.entries})
    goals_by_child: dict[str, list[cm.Goal]] = defaultdict(list)
    for g in goals:
        goals_by_child[g.child_id].append(g)
    spans: dict[str, list[sp.Span]] = defaultdict(list)
    for ms in cm.Measure.objects.filter(child_id__in=child_ids, started_at__isnull=False):
        if ms.started_at is not None:  # as filtered; narrows the type
            spans[ms.child_id].append(sp.Span(ms.pk, ms.step, ms.started_at, ms.ended_at, ms.kind))
    out = []
    seen: set[str] = set()
    for case in cases:
        if case.child_id in seen or not goals_by_child.get(case.child_id):
            continue
        seen.add(case.child_id)
        own = goals_by_child[case.child_id]
        infos = goal_infos(own, active, scales)
        segments = sp.path(spans[case.child_id], as_of=as_of)
        out.append(TeamRow(case.child, case, dp.flags(infos, rounds[case.child_id], settings.rules, as_of=as_of),
                           sp.step_at(segments, as_of), {g.pk: g for g in own}, names[case.child_id]))
    return out


def local_day(moment: datetime) -> date:
    return local_date(moment)


def step_names(config: sp.StaircaseConfig, language: str) -> dict[int, str]:
    return {s.number: config.name(s.number, language) for s in config.steps}


def steps_for_form(config: sp.StaircaseConfig) -> list[Step]:
    return list(config.steps)


def child_page_reads() -> list:
    """What the child page's progression section and timeline read, read with the rest of the page
    (querysets built when the page is, inside its municipality scope)."""
    return [Relation("goals", select_related=("plan",)), Relation("scaling_rounds", select_related=("goal",)),
            Relation("goal_scales"), Relation("instrument_answers")]


def timeline_events(child: cm.Child) -> list:
    """The child's scaling rounds and questionnaire answers for the child page's timeline."""
    from forebyg.cases.selectors.child import Event

    from .texts import TIMELINE

    read_relations([child], child_page_reads())  # nothing again on the child page
    # the titles in the page's language (the timeline is built while the page is)
    out = [Event(r.held_at, "scaling", str(TIMELINE["scaling"]), r.goal.text[:80], r)
           for r in child.scaling_rounds.all()]
    out += [Event(a.answered_at, "instrument", str(TIMELINE["instrument"]), a.instrument, a)
            for a in child.instrument_answers.all()]
    return out
