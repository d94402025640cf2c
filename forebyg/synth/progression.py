# SPDX-License-Identifier: MPL-2.0
"""Progression for a synthetic case: goals' targets and GAS levels, and scaling rounds at
follow-ups and follow-up network meetings with plausible trajectories (issue #5).

Called at the end of a case (`casework.Process.run`). It draws from its own random
stream keyed on the case, so adding progression changes none of the other records.
Trajectories follow what happened to the measure being followed up: goals rise towards
the target when the measure ended with "goals reached" or a step down, stall or fall
when it ended with a step up, and vary while it runs. Each respondent sees things a
little differently (parents a bit more hopeful, school a bit less)."""

from __future__ import annotations

from datetime import datetime
from random import Random
from typing import TYPE_CHECKING

from . import texts
from .clock import minute_of
from .context import RANK, Record

if TYPE_CHECKING:
    from .casework import Process

P_SCALED = 0.8  # occasions where the caseworker recorded scaling
P_INTERIM = 0.6  # a scaling between two follow-ups more than two months apart
P_BASELINE = 0.7  # the goals scaled when the plan was made
P_GOAL_SCALE = 0.6  # goals with a target score and GAS levels described in advance
DRIFT = {texts.END_GOAL: 1.1, texts.END_DOWN: 0.8, texts.END_UP: -0.3, None: 0.45}
BIAS = {"mother": 0.5, "father": 0.4, "parent": 0.4, "caseworker": 0.0, "school": -0.6, "daycare": -0.3,
        "provider": 0.3}
NEXT_STEP = {  # (in the child's words, in a parent's words)
    "development_behaviour": ("Jeg siger det til en voksen, når jeg bliver vred.",
                              "Konflikterne bliver kortere, og vi kan tale sammen bagefter."),
    "family": ("Vi spiser morgenmad sammen alle hverdage.", "Sengetiden holdes også i weekenden."),
    "school": ("Jeg kommer til første time hver dag.", "Fraværet er under en dag om måneden."),
    "health": ("Jeg sover igennem de fleste nætter.", "Barnet spiser morgenmad uden at blive mindet om det."),
    "leisure_friendships": ("Jeg er med til træning hver uge.", "Jeg har en ven med hjem efter skole."),
    "other": ("", "Familien har lavet en aftale med gældsrådgiveren."),
}
GAS_TEXTS = {
    -2: "Det går dårligere end da planen blev lagt.",
    -1: "Som da planen blev lagt (udgangspunktet).",
    0: "Målet er nået som forventet: {goal}",
    1: "Lidt bedre end forventet.",
    2: "Meget bedre end forventet.",
}


def _level(latent: float) -> int:
    for bound, level in ((3.0, -2), (5.0, -1), (7.0, 0), (8.5, 1)):
        if latent < bound:
            return level
    return 2


def _respondent(relation: str) -> str:
    return {"mor": "mother", "far": "father"}.get(relation.strip().casefold(), "parent")


def add_progression(proc: Process) -> None:
    """Append goal scales and scaling rounds to the case's records (before they are kept or dropped)."""
    goals = [(rec, keep) for rank, rec, keep in proc.recs if rank == RANK["goal"]]
    if not goals:
        return
    sim, child = proc.sim, proc.child
    rng = Random(f"forebyg-synth/progression/{sim.code}/{proc.case_id}/{child.name}/{child.birth}")
    rnd = rng.random
    plans = sorted((rec["made_at"], rec["id"]) for rank, rec, _ in proc.recs if rank == RANK["plan"])
    measures = {rec["id"]: rec for rank, rec, _ in proc.recs if rank == RANK["measure"]}
    occasions: list[tuple[str, int, Record | None]] = []
    for rank, rec, keep in proc.recs:
        if keep is None:
            continue
        if rank == RANK["followup"] or (rank == RANK["network_meeting"] and rec["kind"] == "follow_up"):
            occasions.append((rec["held_at"], keep, rec))
    for made, _pid in plans:  # the goals are scaled when they are set: the baseline
        if rnd() < P_BASELINE:
            occasions.append((made, minute_of(datetime.fromisoformat(made)), None))
    occasions.sort(key=lambda o: o[1])
    # Close follow-up (Herning's practice): goals are also scaled between the formal follow-ups,
    # e.g. at a home visit, about halfway (these rounds belong to no follow-up or meeting).
    clock = sim.clock
    interim: list[tuple[str, int, Record | None]] = []
    previous = None
    for _held, keep, _rec in occasions:
        if previous is not None and keep - previous > 60 * 1440 and rnd() < P_INTERIM:
            day = clock.day(previous + (keep - previous) // 2)
            moment = clock.at(day, 540 + int(rnd() * 360))
            interim.append((sim.ts(moment), moment, None))
        previous = keep
    occasions = sorted(occasions + interim, key=lambda o: o[1])
    scales: dict[str, dict] = {}
    latent: dict[str, float] = {}
    child_bias = rnd() * 1.2 - 0.2
    stuck = rnd() < 0.3  # some children do not move whatever the measure
    for rec, _keep in goals:
        latent[rec["id"]] = 1.5 + rnd() * 3.5
        if rnd() < P_GOAL_SCALE:
            gs = proc.base("goal_scale")
            plan_made = next(made for made, pid in plans if pid == rec["plan"])
            gs.update({"goal": rec["id"], "child": child.id, "set_at": plan_made, "by": proc.cw,
                       "target_score": 7 + int(rnd() * 2), "gas_weight": 1})
            if rnd() < 0.7:
                gs["gas_levels"] = {str(k): v.format(goal=rec["text"]) for k, v in GAS_TEXTS.items()}
            scales[rec["id"]] = gs
            proc.add("goal_scale", gs, None)
    offsets: dict[tuple[str, str, str], float] = {}
    goals_by_plan: dict[str, list[Record]] = {}
    for rec, _keep in goals:
        goals_by_plan.setdefault(rec["plan"], []).append(rec)
    last_measure: Record | None = None
    for held_at, keep, occasion in occasions:
        plan = next((pid for made, pid in reversed(plans) if made <= held_at), None)
        if plan is None or plan not in goals_by_plan:
            continue
        measure = measures.get((occasion or {}).get("measure") or "") or last_measure
        last_measure = measure
        drift = -0.1 if stuck else DRIFT.get(measure.get("end_reason") if measure else None, DRIFT[None])
        spread = 0.4 if stuck else 1.2
        for goal in goals_by_plan[plan]:
            latent[goal["id"]] = min(10.0, max(0.0, latent[goal["id"]] + drift + (rnd() - 0.5) * spread))
        if rnd() >= P_SCALED:
            continue
        day = sim.clock.day(keep)
        who: list[tuple[str, str, float]] = []
        if day >= child.b6:
            who.append(("child", "", child_bias))
        for name, relation in child.holders:
            if rnd() < 0.85:
                kind = _respondent(relation)
                who.append((kind, name, BIAS[kind]))
        who.append(("caseworker", "", 0.0))
        institution = "school" if day >= child.b6 else "daycare"
        if rnd() < 0.6:
            who.append((institution, "", BIAS[institution]))
        if measure is not None and measure["step"] >= 2 and rnd() < 0.5:
            who.append(("provider", "", BIAS["provider"]))
        for goal in goals_by_plan[plan]:
            level = latent[goal["id"]]
            entries = []
            for kind, name, bias in who:
                key = (goal["id"], kind, name)
                if key not in offsets:  # how this person tends to see this goal
                    offsets[key] = (rnd() - 0.5) * 1.2
                score = int(round(min(10.0, max(0.0, level + bias + offsets[key] + (rnd() - 0.5) * 0.5))))
                entry: Record = {"respondent": kind, "score": score}
                if name:
                    entry["name"] = name
                if kind in ("child", "mother", "father", "parent") and rnd() < 0.5:
                    text = NEXT_STEP[goal["life_area"]][0 if kind == "child" else 1]
                    if text:
                        entry["next_step"] = text
                entries.append(entry)
            sr = proc.base("scaling_round")
            sr.update({"child": child.id, "goal": goal["id"], "held_at": held_at, "entries": entries, "by": proc.cw})
            if occasion is not None and occasion["type"] == "followup":
                sr["followup"] = occasion["id"]
            elif occasion is not None:
                sr["network_meeting"] = occasion["id"]
            if goal["id"] in scales and "gas_levels" in scales[goal["id"]]:
                sr["gas_level"] = _level(level)
            proc.add("scaling_round", sr, keep)
