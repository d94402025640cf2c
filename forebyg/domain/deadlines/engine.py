# SPDX-License-Identifier: MPL-2.0
"""Compute obligations from interchange records, as of one moment.

`compute_obligations(records, as_of=...)` indexes the records once
(`index.Index`), then runs one evaluator per rule kind
(`evaluators.EVALUATORS`) and one per local standard
(`evaluators.LOCAL_EVALUATORS`). The rule for each subject is taken from the
law period in force on its legally relevant date (the notification's receipt,
the investigation's aware_at, the measure's decision), never from `as_of` or
today.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from ..calendar import WorkingCalendar, default_calendar, require_aware
from ..gcpause import gc_paused
from ..interchange.schema import TYPE_ORDER
from .catalogue import ALL_RULES, RULESETS
from .context import Context
from .evaluators import EVALUATORS, LOCAL_EVALUATORS
from .horizon import Watching, earliest, records_horizon, time_fields
from .index import Index, Record
from .local import DEFAULT_LOCAL_STANDARDS, check_local_standards
from .model import Obligation, Rule, RuleConfig

__all__ = [
    "ALL_RULES",
    "EVALUATORS",
    "LOCAL_EVALUATORS",
    "RULESETS",
    "compute_by_municipality",
    "compute_obligations",
    "compute_with_horizon",
    "describe_config",
    "input_types",
    "resolve_rules",
    "rule_by_id",
]


# --- entry points ---------------------------------------------------------------


def resolve_rules(config: RuleConfig | None) -> tuple[dict[tuple[str, str], Rule], tuple[Rule, ...]]:
    """The rules in effect under `config`: {(law, kind): rule} and the local standards."""
    config = config or RuleConfig()
    local = DEFAULT_LOCAL_STANDARDS if config.local_standards is None else config.local_standards
    check_local_standards(local)
    known = set(ALL_RULES) | {r.id for r in local}
    unknown = (set(config.overrides) | set(config.disabled)) - known
    if unknown:
        raise ValueError(f"configuration names unknown rule ids: {sorted(unknown)}")
    rules = {
        (law, r.kind): config.resolve(r)
        for law, rs in RULESETS.items()
        for r in rs.rules
        if r.id not in config.disabled
    }
    local = tuple(config.resolve(r) for r in local if r.id not in config.disabled)
    return rules, local


# The record types the built-in rules read (the index's handlers, and the child for its birth
# date); local standards add the types they name (`input_types`).
RULE_TYPES: tuple[str, ...] = (
    "child", "case", "notification", "acute_assessment", "acknowledgement", "decision",
    "notifier_feedback", "investigation", "child_conversation", "network_meeting", "measure",
    "plan", "followup",
)


def input_types(config: RuleConfig | None) -> tuple[str, ...]:
    """Every record type the engine reads under `config`: the built-in rules' and those the
    local standards in force name (in the interchange format's type order). The pages read
    exactly these for a child (forebyg.deadlines.records)."""
    _rules, local = resolve_rules(config)
    used = set(RULE_TYPES) | {s.record_type for r in local for s in (r.trigger, r.met_by) if s}
    return tuple(t for t in TYPE_ORDER if t in used)


def explicit_saturdays(config: RuleConfig | None) -> dict[str, bool]:
    """{rule id: count Saturdays?} for the rules whose `count_saturdays` the municipality set
    itself: these win over the calendar's Saturday setting (see `Context.calendar_for`)."""
    if config is None:
        return {}
    return {rid: bool(o["count_saturdays"]) for rid, o in config.overrides.items() if "count_saturdays" in o}


def rule_by_id(rule_id: str, config: RuleConfig | None = None) -> Rule:
    """The rule (with a municipality's overrides applied) that produced an obligation."""
    config = config or RuleConfig()
    local = DEFAULT_LOCAL_STANDARDS if config.local_standards is None else config.local_standards
    for rule in local:
        if rule.id == rule_id:
            return config.resolve(rule)
    return config.resolve(ALL_RULES[rule_id])


def compute_obligations(
    records: Iterable[Record],
    *,
    as_of: datetime,
    calendar: WorkingCalendar | None = None,
    config: RuleConfig | None = None,
) -> list[Obligation]:
    """Every obligation the records give rise to, with its status as of `as_of`.

    Records timestamped after `as_of` are ignored (the case as it looked then).
    `calendar` and `config` apply to all records: for several municipalities
    with different settings use `compute_by_municipality`.
    """
    as_of = require_aware(as_of, "as_of").astimezone(UTC)  # compare instants, not wall clocks
    rules, local = resolve_rules(config)
    keep = frozenset(s.record_type for r in local for s in (r.trigger, r.met_by) if s)
    calendar = calendar or default_calendar()
    with gc_paused():  # see forebyg.domain.gcpause
        return _evaluate(Index(records, as_of, keep), as_of, calendar, rules, local,
                         explicit_saturdays(config)).out


def compute_with_horizon(
    records: Iterable[Record],
    *,
    as_of: datetime,
    calendar: WorkingCalendar | None = None,
    config: RuleConfig | None = None,
) -> tuple[list[Obligation], datetime | None]:
    """`compute_obligations`, and the earliest instant at or after `as_of` at which the result
    can change by time alone (None: never): the same obligations hold for every moment from
    `as_of` until then (horizon.py says why). Pages reuse them until then (issue #20)."""
    as_of = require_aware(as_of, "as_of").astimezone(UTC)
    records = records if isinstance(records, list) else list(records)
    rules, local = resolve_rules(config)
    keep = frozenset(s.record_type for r in local for s in (r.trigger, r.met_by) if s)
    calendar = calendar or default_calendar()
    with gc_paused():
        ctx = _evaluate(Index(records, as_of, keep), as_of, calendar, rules, local,
                        explicit_saturdays(config), Watching)
        out, seen = ctx.out, ctx.horizon  # type: ignore[attr-defined]
        del ctx  # the index, before the collector resumes
        horizon = earliest(seen, records_horizon(records, as_of, time_fields(local)))
    return out, horizon


def _evaluate(
    idx: Index,
    as_of: datetime,
    calendar: WorkingCalendar,
    rules: dict[tuple[str, str], Rule],
    local: tuple[Rule, ...],
    saturdays: dict[str, bool],
    context: type[Context] = Context,
) -> Context:
    # A function of its own so that the index is freed before the collector
    # resumes (it would otherwise scan it once more on the way out).
    ctx = context(idx, as_of, calendar, rules, local, saturdays)
    kinds = {kind for _, kind in rules}
    for kind, evaluate in EVALUATORS.items():
        if kind in kinds:
            evaluate(ctx)
    for rule in local:
        LOCAL_EVALUATORS[rule.kind](ctx, rule)
    return ctx


def compute_by_municipality(
    records: Iterable[Record],
    *,
    as_of: datetime,
    calendars: Mapping[int, WorkingCalendar] | None = None,
    configs: Mapping[int, RuleConfig] | None = None,
) -> dict[int, list[Obligation]]:
    """`compute_obligations` per municipality, each with its own calendar and config."""
    groups: dict[int, list[Record]] = {}
    for rec in records:
        code = rec.get("municipality")
        if code is not None:
            groups.setdefault(code, []).append(rec)
    calendars = calendars or {}
    configs = configs or {}
    return {
        code: compute_obligations(
            recs, as_of=as_of, calendar=calendars.get(code), config=configs.get(code)
        )
        for code, recs in sorted(groups.items())
    }


def describe_config(config: RuleConfig | None) -> dict[str, Any]:
    """The effective rules under `config`, as JSON-serialisable data."""
    rules, local = resolve_rules(config)
    return {
        "rules": [r.to_dict() for r in rules.values()],
        "local_standards": [r.to_dict() for r in local],
    }
