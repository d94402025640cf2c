# SPDX-License-Identifier: MPL-2.0
"""Checks that read the case file itself: what is documented, who took part, what came
before what. Free text is never interpreted: a text counts as documented when it holds at
least `min_chars` characters (after trimming); its content is for the reviewer to judge."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...calendar import add_months, local_date, start_of_day
from ..casefile import iso
from ..context import CaseContext, blank, days_after, is_early, local_days_between
from ..model import MET, NA, NOT_MET, Evidence, Item, ParamSpec, Result
from . import register

LIFE_AREAS = ("development_behaviour", "family", "school", "health", "leisure_friendships", "other")
CHILD_ROLES = ("barn", "barnet", "ung", "den unge", "pige", "dreng", "child", "young person")
PARENT_ROLES = ("mor", "far", "forælder", "forældre", "forældremyndighedsindehaver", "mother", "father",
                "parent", "parents", "custody holder")
NETWORK_ROLES = (
    "mormor", "morfar", "farmor", "farfar", "bedstemor", "bedstefar", "oldemor", "oldefar", "moster",
    "faster", "morbror", "farbror", "onkel", "tante", "kusine", "fætter", "søster", "bror", "storesøster",
    "storebror", "lillesøster", "lillebror", "halvsøster", "halvbror", "gudmor", "gudfar", "nabo", "ven",
    "veninde", "familieven", "grandmother", "grandfather", "aunt", "uncle", "cousin", "sister", "brother",
    "godmother", "godfather", "neighbour", "friend",
)
VOCAB_NOTE = "The words are compared case-insensitively with each word of the participant's role."
APPLIES = ParamSpec(
    "applies_when", "casework",
    "'casework': only cases with an investigation or a measure other than early support in the period; "
    "'any': every case of the population.")
LOOKBACK = ParamSpec(
    "lookback_months", 6,
    "Records count from this many calendar months before the period's first notification, investigation "
    "or measure, up to the review moment.", "Local convention.")


def _vocab(p: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(str(w).casefold() for w in p.get(k, ())) for k in ("child_roles", "parent_roles",
                                                                          "network_roles")}


def _case_item(check: str, ctx: CaseContext, outcome: str, reason: str, evidence: Iterable[Evidence] = (),
               **details: Any) -> Item:
    return Item(check, "case", ctx.file.key, outcome, reason, tuple(evidence), details)


def _not_casework(check: str, ctx: CaseContext, p: dict[str, Any]) -> Result | None:
    if p.get("applies_when", "casework") == "casework" and not ctx.casework():
        return Result(NA, (_case_item(check, ctx, NA, "involvement.no_casework"),))
    return None


# --- notifications ------------------------------------------------------------------------


def _acute_assessments(ctx: CaseContext) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    out = []
    for n in ctx.notifications():
        for a in ctx.file.acute.get(n["id"], ()):
            if a.get("acute"):
                out.append((n, a))
    return out


@register(
    "acute_action_documented",
    "For every acute assessment that found an acute need (acute true) of a notification received in the "
    "period: what was done (the assessment's `action`) is written down. No acute need found: not applicable.",
    ParamSpec("min_chars", 1, "The least number of characters that counts as written down."),
)
def acute_action_documented(ctx: CaseContext, p: dict[str, Any]) -> Result:
    items = []
    for _n, a in _acute_assessments(ctx):
        ok = not blank(a.get("action"), p["min_chars"])
        items.append(Item("acute_action_documented", "acute_assessment", a["id"], MET if ok else NOT_MET,
                          "acute.action_documented" if ok else "acute.action_missing",
                          (ctx.evidence(a, "assessed_at"),)))
    return Result.of_items(items)


@register(
    "acute_followon",
    "For every acute assessment that found an acute need: a further step for the child is recorded within "
    "`within_days` calendar days of the assessment (until the end of that day): a decision on the "
    "notification, an investigation started, a measure decided, a child conversation or a network meeting "
    "held.",
    ParamSpec("within_days", 7, "Days after the acute assessment.", "Local convention."),
)
def acute_followon(ctx: CaseContext, p: dict[str, Any]) -> Result:
    f = ctx.file
    items = []
    for n, a in _acute_assessments(ctx):
        start = ctx.at(a, "assessed_at")
        end = days_after(start, p["within_days"])
        candidates = [(d, "decided_at") for d in f.decisions.get(n["id"], ())]
        candidates += [(i, "started_at") for i in f.investigations] + [(m, "decided_at") for m in f.measures]
        candidates += [(c, "held_at") for c in f.conversations] + [(mt, "held_at") for mt in f.meetings]
        hits = sorted(((t, r["id"], r, fld) for r, fld in candidates
                       if (t := ctx.ts(r, fld)) is not None and start <= t <= end), key=lambda h: h[:2])
        evidence = [ctx.evidence(a, "assessed_at")]
        if hits:
            evidence.append(ctx.evidence(hits[0][2], hits[0][3]))
        items.append(Item("acute_followon", "acute_assessment", a["id"], MET if hits else NOT_MET,
                          "acute.followon" if hits else "acute.no_followon", tuple(evidence),
                          {"within_days": int(p["within_days"])}))
    return Result.of_items(items)


# --- involvement ----------------------------------------------------------------------------


@register(
    "child_heard",
    "The child was heard: a child conversation was held, or the child took part in a network meeting "
    "(a participant named as the child or with a child role), from `lookback_months` before the period's "
    "first subject up to the review moment.",
    APPLIES, LOOKBACK,
    ParamSpec("min_age_years", 0, "Children younger than this at the first subject are not applicable.",
              "Local convention; 0 means every child (the conversation is then adapted to age and maturity)."),
    ParamSpec("child_roles", CHILD_ROLES, "Participant roles that mean the child.", VOCAB_NOTE),
)
def child_heard(ctx: CaseContext, p: dict[str, Any]) -> Result:
    na = _not_casework("child_heard", ctx, p)
    if na:
        return na
    anchors = ctx.anchors()
    age = ctx.age_at(anchors[0] if anchors else None)
    if p["min_age_years"] and age is not None and age < float(p["min_age_years"]):
        return Result(NA, (_case_item("child_heard", ctx, NA, "child_too_young"),))
    start, end = ctx.window_start(p["lookback_months"]), ctx.as_of
    convs = ctx.conversations_between(start, end)
    vocab = _vocab(p)
    meetings = [mt for mt in ctx.meetings_between(start, end)
                if any(ctx.classify(x, vocab) == "child" for x in mt.get("participants") or ())]
    evidence = [ctx.evidence(c, "held_at") for c in convs] + [ctx.evidence(mt, "held_at") for mt in meetings]
    ok = bool(evidence)
    reason = "involvement.child_heard" if ok else "involvement.child_not_heard"
    outcome = MET if ok else NOT_MET
    return Result(outcome, (_case_item("child_heard", ctx, outcome, reason, evidence, window_start=iso(start)),))


@register(
    "parents_involved",
    "The parents took part: a custody holder (by name, from the child's record) or a participant with a "
    "parent role took part in a network meeting, from `lookback_months` before the period's first subject "
    "up to the review moment.",
    APPLIES, LOOKBACK,
    ParamSpec("parent_roles", PARENT_ROLES, "Participant roles that mean a parent.", VOCAB_NOTE),
    ParamSpec("child_roles", CHILD_ROLES, "Participant roles that mean the child.", VOCAB_NOTE),
)
def parents_involved(ctx: CaseContext, p: dict[str, Any]) -> Result:
    na = _not_casework("parents_involved", ctx, p)
    if na:
        return na
    start = ctx.window_start(p["lookback_months"])
    vocab = _vocab(p)
    meetings = [mt for mt in ctx.meetings_between(start, ctx.as_of)
                if any(ctx.classify(x, vocab) == "parent" for x in mt.get("participants") or ())]
    ok = bool(meetings)
    return Result(MET if ok else NOT_MET, (_case_item(
        "parents_involved", ctx, MET if ok else NOT_MET,
        "involvement.parents_involved" if ok else "involvement.parents_not_involved",
        [ctx.evidence(mt, "held_at") for mt in meetings], window_start=iso(start)),))


@register(
    "private_network_explored",
    "The child's private network beyond the parents was explored: a network person is recorded whose "
    "relation is not a parent (and who is not a custody holder), or a network meeting up to the review "
    "moment had a participant from the private network (a recorded network person's name, or a network "
    "role). Network persons carry no date in the interchange format, so any recorded one counts.",
    APPLIES,
    ParamSpec("require_resource", False, "Count only network persons marked as a possible resource."),
    ParamSpec("count_meeting_participants", True, "Also count private-network participants of meetings."),
    ParamSpec("parent_roles", PARENT_ROLES, "Relations and roles that mean a parent.", VOCAB_NOTE),
    ParamSpec("child_roles", CHILD_ROLES, "Participant roles that mean the child.", VOCAB_NOTE),
    ParamSpec("network_roles", NETWORK_ROLES, "Participant roles that mean the private network.", VOCAB_NOTE),
)
def private_network_explored(ctx: CaseContext, p: dict[str, Any]) -> Result:
    na = _not_casework("private_network_explored", ctx, p)
    if na:
        return na
    vocab = _vocab(p)
    persons = [x for x in ctx.file.network_persons if not ctx.is_parent_relation(x, vocab)
               and (x.get("resource") or not p["require_resource"])]
    evidence = [ctx.evidence(x, None) for x in persons]
    if p["count_meeting_participants"]:
        evidence += [ctx.evidence(mt, "held_at") for mt in ctx.meetings_between(None, ctx.as_of)
                     if any(ctx.classify(x, vocab) == "network" for x in mt.get("participants") or ())]
    ok = bool(evidence)
    return Result(MET if ok else NOT_MET, (_case_item(
        "private_network_explored", ctx, MET if ok else NOT_MET,
        "involvement.network_explored" if ok else "involvement.network_not_explored", evidence),))


# --- investigation ------------------------------------------------------------------------------


@register(
    "investigation_sections",
    "Every completed investigation whose awareness date is in the period has a written section (at least "
    "`min_chars` characters) for each of `areas`. Investigations not completed by the review moment are "
    "not applicable (their content is not final).",
    ParamSpec("areas", LIFE_AREAS, "The section keys that must be written (SEL § 50: the six areas; "
              "BL § 22: 'holistic')."),
    ParamSpec("min_chars", 1, "The least number of characters that counts as written."),
)
def investigation_sections(ctx: CaseContext, p: dict[str, Any]) -> Result:
    items = []
    for inv in ctx.investigations():
        ev = (ctx.evidence(inv, "completed_at"),)
        if ctx.ts(inv, "completed_at") is None:
            items.append(Item("investigation_sections", "investigation", inv["id"], NA,
                              "investigation.not_completed", (ctx.evidence(inv, "aware_at"),)))
            continue
        sections = inv.get("sections") or {}
        missing = [a for a in p["areas"] if blank(sections.get(a), p["min_chars"])]
        items.append(Item("investigation_sections", "investigation", inv["id"], NOT_MET if missing else MET,
                          "investigation.areas_missing" if missing else "investigation.areas_covered", ev,
                          {"missing": missing}))
    return Result.of_items(items)


# --- measures -------------------------------------------------------------------------------------


@register(
    "measure_follows_investigation",
    "Every measure decided in the period (early preventive support only with `include_early`) was decided "
    "after a completed investigation of the child: completed before the decision and at most `max_months` "
    "calendar months before it, with a written conclusion. Whether the measure matches what the "
    "conclusion says cannot be checked automatically (free text is not interpreted); the reviewer judges "
    "that and overrides the finding where needed.",
    ParamSpec("max_months", 6, "How old (calendar months before the decision) the investigation may be.",
              "Local convention."),
    ParamSpec("min_conclusion_chars", 1, "The least number of characters that counts as a conclusion."),
    ParamSpec("include_early", False, "Also assess early preventive support (no investigation needed)."),
)
def measure_follows_investigation(ctx: CaseContext, p: dict[str, Any]) -> Result:
    items = []
    for m in ctx.measures(include_early=bool(p["include_early"])):
        decided = ctx.at(m, "decided_at")
        oldest = start_of_day(add_months(local_date(decided), -int(p["max_months"])))
        done = sorted(((c, i) for i in ctx.file.investigations
                       if (c := ctx.ts(i, "completed_at")) is not None and c <= decided), key=lambda x: x[0])
        ev = [ctx.evidence(m, "decided_at")]
        if not done:
            started = any(s is not None and s <= decided
                          for s in (ctx.ts(i, "started_at") for i in ctx.file.investigations))
            reason = "measure.investigation_not_completed" if started else "measure.no_investigation"
            items.append(Item("measure_follows_investigation", "measure", m["id"], NOT_MET, reason, tuple(ev)))
            continue
        completed, inv = done[-1]
        ev.append(ctx.evidence(inv, "completed_at"))
        if completed < oldest:
            outcome, reason = NOT_MET, "measure.investigation_too_old"
        elif blank(inv.get("conclusion"), p["min_conclusion_chars"]):
            outcome, reason = NOT_MET, "measure.no_conclusion"
        else:
            outcome, reason = MET, "measure.follows_investigation"
        items.append(Item("measure_follows_investigation", "measure", m["id"], outcome, reason, tuple(ev),
                          {"max_months": int(p["max_months"])}))
    return Result.of_items(items)


@register(
    "measure_started_promptly",
    "Every measure decided in the period started (started_at) within `within_days` calendar days of the "
    "decision (until the end of that day). "
    "Not started yet and still within the days, or ended without starting: not applicable.",
    ParamSpec("within_days", 30, "Days from decision to start.", "Local practice standard, not law."),
    ParamSpec("include_early", True, "Also assess early preventive support."),
)
def measure_started_promptly(ctx: CaseContext, p: dict[str, Any]) -> Result:
    items = []
    for m in ctx.measures(include_early=bool(p["include_early"])):
        decided, started = ctx.at(m, "decided_at"), ctx.ts(m, "started_at")
        limit = days_after(decided, p["within_days"])
        ev = [ctx.evidence(m, "decided_at")]
        if started is not None:
            ev.append(ctx.evidence(m, "started_at"))
            ok = started <= limit
            outcome, reason = (MET, "measure.started_promptly") if ok else (NOT_MET, "measure.started_late")
        elif ctx.ts(m, "ended_at") is not None:
            outcome, reason = NA, "measure.ended_unstarted"
        elif limit < ctx.as_of:
            outcome, reason = NOT_MET, "measure.not_started"
        else:
            outcome, reason = NA, "measure.start_pending"
        items.append(Item("measure_started_promptly", "measure", m["id"], outcome, reason, tuple(ev),
                          {"within_days": int(p["within_days"]), "early": is_early(m)}))
    return Result.of_items(items)


# --- follow-up ------------------------------------------------------------------------------------


@register(
    "progression_documented",
    "Every follow-up held in the period (up to the review moment) documents the child's progression: its "
    "note has at least `min_note_chars` characters, or a progression record (a record type in "
    "`progression_types` for the child, e.g. a scaling round) is linked to it or lies within `window_days` "
    "days of it.",
    ParamSpec("min_note_chars", 1, "The least number of characters that counts as a note."),
    ParamSpec("progression_types", ("scaling_round", "instrument_answer"),
              "Record types that document progression: scaling rounds and instrument answers (format "
              "revision 1.1, docs/progression.md). A scaling round linked to the follow-up (its `followup`) "
              "always counts."),
    ParamSpec("window_days", 14, "Calendar days (local dates) before or after the follow-up.", "Local convention."),
)
def progression_documented(ctx: CaseContext, p: dict[str, Any]) -> Result:
    items = []
    window = int(p["window_days"])
    scores = [(r, fld) for t in p["progression_types"] for r in ctx.file.extra.get(t, ())
              for fld in [_time_field(r)] if fld]
    for fu in ctx.file.followups:
        held = ctx.ts(fu, "held_at")
        if held is None or not ctx.period.contains(held) or not ctx.law_ok(held):
            continue
        ev = [ctx.evidence(fu, "held_at")]
        if not blank(fu.get("note"), p["min_note_chars"]):
            items.append(Item("progression_documented", "followup", fu["id"], MET, "followup.note", tuple(ev)))
            continue
        near = [(r, fld) for r, fld in scores if (t := ctx.ts(r, fld)) is not None
                and (r.get("followup") == fu["id"] or local_days_between(t, held) <= window)]
        ev += [ctx.evidence(r, fld) for r, fld in near]
        items.append(Item("progression_documented", "followup", fu["id"], MET if near else NOT_MET,
                          "followup.scaling" if near else "followup.no_progression", tuple(ev)))
    return Result.of_items(items)


def _time_field(rec: Mapping[str, Any]) -> str | None:
    from ..casefile import time_field

    return time_field(rec["type"], rec)
