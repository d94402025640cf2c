# SPDX-License-Identifier: MPL-2.0
"""One evaluator per rule kind: which subjects a rule applies to, when its clock
starts, and which record meets it (docs/rules.md, "How each evaluator matches
records"). Each picks the rule by the subject's own law period."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from ..calendar import add_months, end_of_day, local_date
from ..interchange.schema import feedback_owed
from ..staircase import BL_START, law_for
from .catalogue import RULESETS
from .context import Context, decided_of, single_child, started_of, time_of
from .index import FOREVER, PRIMARY, Measure, Record, parse_ts
from .model import Rule, Status

# --- notifications ----------------------------------------------------------


def acute_assessment(ctx: Context) -> None:
    acute = ctx.idx.acute
    for n in ctx.idx.notifications:
        rule = ctx.rule("acute_assessment", n.law)
        if rule is None:
            continue
        due, all_day = ctx.due(rule, n.at, n.day)
        ctx.add(rule, n.law, n.rec, single_child(n.children), n.at, due, all_day,
                acute.get(n.id))


def acknowledgement(ctx: Context) -> None:
    ack = ctx.idx.ack
    setup = {
        law: (rule, rule.param("notifiers") == "professional")
        for law, rule in ctx.by_law("acknowledgement").items()
    }
    for n in ctx.idx.notifications:
        if n.law not in setup:
            continue
        rule, professional_only = setup[n.law]
        if professional_only and not n.professional:
            continue
        due, all_day = ctx.due(rule, n.at, n.day)
        status = Status.NOT_APPLICABLE if n.anonymous and n.id not in ack else None
        ctx.add(rule, n.law, n.rec, single_child(n.children), n.at, due, all_day,
                ack.get(n.id), status=status)


def notifier_feedback(ctx: Context) -> None:
    idx = ctx.idx
    setup = {
        law: (rule, int(rule.param("trigger_window_months")),
              bool(rule.param("count_early_support")))
        for law, rule in ctx.by_law("notifier_feedback").items()
    }
    invs, measures = idx.inv_by_child, idx.measures_by_child
    for n in idx.notifications:
        if not feedback_owed(notifier_kind=n.rec.get("notifier_kind"), professional=n.professional) \
                or n.law not in setup:
            continue
        rule, window, count_early = setup[n.law]
        trigger: tuple[datetime, str] | None = None
        for child in n.children:  # the first investigation or measure from receipt on
            items = invs.get(child)
            if items:
                i = bisect_left(items, n.at, key=started_of)
                if i < len(items) and (trigger is None or items[i].started < trigger[0]):
                    trigger = (items[i].started, child)
            ms = measures.get(child)
            if ms:
                for i in range(bisect_left(ms, n.at, key=decided_of), len(ms)):
                    m = ms[i]
                    if trigger is not None and m.decided >= trigger[0]:
                        break
                    if count_early or not m.early:
                        trigger = (m.decided, child)
                        break
        if trigger is None or trigger[0] > ctx.eod(add_months(n.day, window)):
            continue
        start = trigger[0]
        due, all_day = ctx.due(rule, start, local_date(start))
        ctx.add(rule, n.law, n.rec, trigger[1], start, due, all_day, idx.feedback.get(n.id))


def _param(rule: Rule, name: str, default: Any = None) -> Any:
    return next((p.value for p in rule.parameters if p.name == name), default)


def reassessment(ctx: Context) -> None:
    idx = ctx.idx
    rules = ctx.by_law("reassessment")
    cutoffs = {law: _param(rule, "early_support_excluded_from") for law, rule in rules.items()}
    cutoffs = {law: date.fromisoformat(c) if c else None for law, c in cutoffs.items()}
    measures = idx.measures_by_child
    for n in idx.notifications:
        rule = rules.get(n.law)
        if rule is None:
            continue
        cutoff = cutoffs[n.law]
        skip_early = cutoff is not None and n.day >= cutoff  # BL § 137 stk. 1 after L 87 (2024-25)
        for child in n.children:
            items = measures.get(child)
            if not items:
                continue
            last = bisect_right(items, n.at, key=decided_of) - 1  # decided before receipt
            if last < 0 or idx.active_until(child)[last] <= n.at:  # all ended by receipt
                continue
            if skip_early and not any(
                not m.early and (idx.measure_end(m) or FOREVER) > n.at for m in items[:last + 1]
            ):
                continue  # only early preventive support is active
            due, all_day = ctx.due(rule, n.at, n.day)
            ctx.add(rule, n.law, n.rec, child, n.at, due, all_day,
                    idx.decisions.get((n.id, child)))


# --- investigations -----------------------------------------------------------


def investigation(ctx: Context) -> None:
    closed = ctx.idx.case_closed
    for inv in ctx.idx.investigations:
        rule = ctx.rule("investigation", inv.law)
        if rule is None:
            continue
        due, all_day = ctx.due(rule, inv.aware, inv.aware_day)
        met = (inv.completed, inv.id) if inv.completed is not None else None
        ctx.add(rule, inv.law, inv.rec, inv.child, inv.aware, due, all_day, met,
                closed_at=closed.get(inv.case))


def provisional_assessment(ctx: Context) -> None:
    for inv in ctx.idx.investigations:
        rule = ctx.rule("provisional_assessment", inv.law)
        deadline_rule = ctx.rule("investigation", inv.law) or RULESETS[inv.law].by_kind(
            "investigation"
        )
        if rule is None or deadline_rule is None:
            continue
        due, all_day = ctx.due(deadline_rule, inv.aware, inv.aware_day)
        late = due is not None and (inv.completed > due if inv.completed is not None else ctx.as_of > due)
        if inv.provisional is None and not late:
            continue
        met = (inv.provisional, inv.id) if inv.provisional is not None else None
        ctx.add(rule, inv.law, inv.rec, inv.child, inv.aware, due, all_day, met,
                closed_at=ctx.idx.case_closed.get(inv.case) if inv.completed is None else None)


def investigation_without_consent(ctx: Context) -> None:
    closed = ctx.idx.case_closed
    for inv in ctx.idx.investigations:
        if inv.consent:
            continue
        rule = ctx.rule("investigation_without_consent", inv.law)
        if rule is None:
            continue
        due, all_day = ctx.due(rule, inv.started, local_date(inv.started))
        met = (inv.completed, inv.id) if inv.completed is not None else None
        ctx.add(rule, inv.law, inv.rec, inv.child, inv.started, due, all_day, met,
                closed_at=closed.get(inv.case))


# --- measures -------------------------------------------------------------------


def child_conversation(ctx: Context) -> None:
    idx = ctx.idx
    setup = {
        law: (rule, bool(rule.param("include_early")), int(rule.param("lookback_months")))
        for law, rule in ctx.by_law("child_conversation").items()
    }
    for m in idx.measures:
        if m.law not in setup:
            continue
        rule, include_early, months = setup[m.law]
        if m.early and not include_early:
            continue
        opens = ctx.sod(add_months(m.day, -months))
        convs = idx.conversations.get(m.child, ())
        met = None
        i = bisect_right(convs, m.decided, key=time_of)
        if i and convs[i - 1][0] >= opens:
            met = convs[i - 1]
        elif i < len(convs) and convs[i][0] <= ctx.eod(add_months(m.day, months)):
            met = convs[i]
        ctx.add(rule, m.law, m.rec, m.child, opens, m.decided, False, met,
                closed_at=idx.measure_end(m))


def plan_decision(ctx: Context) -> None:
    """BL § 91 stk. 1: on support under § 32 the municipality takes a position on a plan."""
    idx = ctx.idx
    for m in idx.measures:
        rule = ctx.rule("plan_decision", m.law)
        if rule is None or m.early or m.placement:
            continue
        met = (m.decided, m.id) if m.plan_decision in ("plan", "no_plan") else None
        ctx.add(rule, m.law, m.rec, m.child, m.decided, m.decided, False, met,
                closed_at=idx.measure_end(m))


def plan(ctx: Context) -> None:
    idx = ctx.idx
    setup = {
        law: (rule, rule.param("applies_to") == "placement",
              tuple(rule.param("before_decision_bases")), int(rule.param("lookback_months")),
              bool(_param(rule, "due_at_decision", False)),
              bool(_param(rule, "support_if_decided", False)))
        for law, rule in ctx.by_law("plan").items()
    }
    for m in idx.measures:
        if m.law not in setup:
            continue
        rule, placements_only, before_bases, lookback, at_decision, if_decided = setup[m.law]
        if m.early:
            continue
        if placements_only and not m.placement and not (if_decided and m.plan_decision == "plan"):
            continue
        if any(basis in m.legal_basis for basis in before_bases) or (
            at_decision and not m.urgent_plan  # SEL § 140 stk. 1: before the decision
        ):
            due: datetime | None = m.decided
            all_day = False
        else:
            due, all_day = ctx.due(rule, m.decided, m.day)
        opens = ctx.sod(add_months(m.day, -lookback))
        plans = idx.plans_by_case.get(m.case, ())
        i = bisect_left(plans, opens, key=time_of)
        met = plans[i] if i < len(plans) else None
        ctx.add(rule, m.law, m.rec, m.child, m.decided, due, all_day, met,
                closed_at=idx.measure_end(m))


def _followups_of(ctx: Context, m: Measure) -> list[tuple[datetime, str, str | None]]:
    idx = ctx.idx
    own = idx.followups_by_measure.get(m.id, [])
    shared = idx.followups_by_case.get(m.case, [])
    items = sorted(own + shared) if shared else own
    if items and items[0][0] < m.decided:
        items = items[bisect_left(items, m.decided, key=time_of):]
    return items


def followup(ctx: Context) -> None:
    idx = ctx.idx
    setup = {
        law: (rule, bool(rule.param("first_at_investigation_completion")),
              int(rule.param("interval_months")), bool(rule.param("use_next_due")))
        for law, rule in ctx.by_law("followup").items()
    }
    for m in idx.measures:
        if m.early or m.law not in setup:
            continue
        rule, at_completion, interval, use_next_due = setup[m.law]
        # Transition (UNCONFIRMED, docs/rules.md): a running SEL measure may follow BL § 95 from 2024.
        to_bl = (setup["BL"] if m.law == "SEL" and "BL" in setup
                 and _param(setup["BL"][0], "sel_measures_from_2024", False) else None)
        start = m.start
        start_day = m.day if m.started is None else local_date(start)
        due, all_day = ctx.due(rule, start, start_day)
        if due is not None and at_completion:
            for inv in idx.inv_by_child.get(m.child, ()):
                c = inv.completed
                if c is not None and inv.started <= start <= c:
                    due = min(due, ctx.eod(local_date(c)))
        end = idx.measure_end(m)
        held = _followups_of(ctx, m)
        seq = 1
        while True:
            met = held[seq - 1] if seq <= len(held) else None
            ctx.add(rule, m.law, m.rec, m.child, start, due, all_day, met, seq=seq,
                    closed_at=end)
            if met is None:
                break
            start = met[0]
            if end is not None and start >= end:
                break
            if to_bl is not None and local_date(start) >= BL_START:
                interval, use_next_due = to_bl[2], to_bl[3]
            next_due = met[2] if use_next_due else None
            day = date.fromisoformat(next_due) if next_due else add_months(
                local_date(start), interval
            )
            due, all_day = ctx.eod(day), True
            seq += 1


def abuse_conversation(ctx: Context) -> None:
    """BL § 137 stk. 3 / SEL § 155 a: a conversation with each child of a notification about abuse."""
    idx = ctx.idx
    for n in idx.notifications:
        if not n.abuse:
            continue
        rule = ctx.rule("abuse_conversation", n.law)
        if rule is None:
            continue
        due, all_day = ctx.due(rule, n.at, n.day)
        for child in n.children:
            convs = idx.conversations.get(child, ())
            i = bisect_left(convs, n.at, key=time_of)
            ctx.add(rule, n.law, n.rec, child, n.at, due, all_day,
                    convs[i] if i < len(convs) else None)


# --- local standards -------------------------------------------------------------


def _keys(record: Record, field: str) -> list[Any]:
    value = record.get(field)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def event_pair(ctx: Context, rule: Rule) -> None:
    """Trigger record starts the clock; the first later met-by record with the same key stops it."""
    trig, stop = rule.trigger, rule.met_by
    assert trig is not None and stop is not None
    as_of = ctx.as_of
    stops: dict[Any, list[tuple[datetime, str]]] = {}
    for rec, at in ctx.idx.by_type.get(stop.record_type, ()):
        if not stop.matches(rec):
            continue
        moment = at if stop.at == PRIMARY.get(stop.record_type) else _opt_ts(rec, stop.at, as_of)
        if moment is None:
            continue
        for key in _keys(rec, stop.key):
            stops.setdefault(key, []).append((moment, rec["id"]))
    for items in stops.values():
        items.sort()
    same_type = trig.record_type == stop.record_type
    for rec, at in ctx.idx.by_type.get(trig.record_type, ()):
        if not trig.matches(rec):
            continue
        start = at if trig.at == PRIMARY.get(trig.record_type) else _opt_ts(rec, trig.at, as_of)
        if start is None:
            continue
        start_day = local_date(start)
        law = law_for(start_day)
        if rule.law is not None and rule.law != law:
            continue
        due, all_day = ctx.due(rule, start, start_day)
        keys = _keys(rec, trig.key)
        for key in keys:
            met = None
            items = stops.get(key, [])
            for i in range(bisect_left(items, start, key=time_of), len(items)):
                if not (same_type and items[i][1] == rec["id"]):
                    met = items[i]
                    break
            child = rec.get("child")
            if child is None and trig.key == "children":
                child = key
            elif child is None and "children" in rec:
                child = single_child(rec["children"])
            subject_id = rec["id"] if len(keys) == 1 else f"{rec['id']}:{key}"
            ctx.add(rule, law, rec, child, start, due, all_day, met, subject_id=subject_id)


def _opt_ts(rec: Record, field: str, as_of: datetime) -> datetime | None:
    value = rec.get(field)
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:  # a date: its end
        moment = end_of_day(date.fromisoformat(value)).astimezone(UTC)
    else:
        moment = parse_ts(value)
    return moment if moment <= as_of else None


EVALUATORS: dict[str, Callable[[Context], None]] = {
    "acute_assessment": acute_assessment,
    "acknowledgement": acknowledgement,
    "notifier_feedback": notifier_feedback,
    "reassessment": reassessment,
    "investigation": investigation,
    "provisional_assessment": provisional_assessment,
    "investigation_without_consent": investigation_without_consent,
    "child_conversation": child_conversation,
    "plan_decision": plan_decision,
    "plan": plan,
    "followup": followup,
    "abuse_conversation": abuse_conversation,
}
LOCAL_EVALUATORS: dict[str, Callable[[Context, Rule], None]] = {"event_pair": event_pair}
