# SPDX-License-Identifier: MPL-2.0
"""The child's progression against the goals of the plan: scaling 0-10 and the team-view flags.

At follow-ups and network meetings each goal is *scaled*: the child, each
parent, the caseworker and other professionals each say where things stand
on a scale from 0 (the worst it has been) to 10 (the goal is reached), and
what one step higher would look like. A *scaling round* holds one goal's
scores from one occasion; the rounds of a day form an *occasion*.

The two team-view flags are transparent rules, not predictions: each flag
says which rule raised it and shows the numbers behind it (`FlagRules`,
docs/progression.md). Nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from statistics import fmean
from typing import Any, Literal, get_args

from .calendar import local_date

SCORE_MIN, SCORE_MAX = 0, 10

# Who scores. A name tells several people of one kind apart (e.g. two parents of the same kind).
Respondent = Literal[
    "child", "mother", "father", "parent", "caseworker", "school", "daycare", "provider",
    "professional", "network", "other",
]
RESPONDENTS: tuple[str, ...] = get_args(Respondent)


@dataclass(frozen=True)
class Entry:
    """One respondent's score in a scaling round."""

    respondent: str
    score: int
    name: str = ""
    next_step: str = ""  # "what would one step higher look like?"

    @property
    def key(self) -> tuple[str, str]:
        return (self.respondent, self.name.strip().casefold())


@dataclass(frozen=True)
class Round:
    """One goal scaled on one occasion."""

    id: str
    goal: str
    held_at: datetime
    entries: tuple[Entry, ...]
    gas_level: int | None = None

    @property
    def day(self) -> date:
        return local_date(self.held_at)

    def mean(self) -> float | None:
        return fmean(e.score for e in self.entries) if self.entries else None

    def minimum(self) -> int | None:
        return min(e.score for e in self.entries) if self.entries else None


@dataclass(frozen=True)
class GoalInfo:
    """What the flags need to know about a goal."""

    id: str
    active: bool = True
    target_score: int | None = None  # the scaling level that counts as "reached"; None: FlagRules.default_target
    gas: bool = False  # outcome levels described in advance (GAS)


def entries_from_json(items: Iterable[dict[str, Any]]) -> tuple[Entry, ...]:
    return tuple(Entry(respondent=i["respondent"], score=int(i["score"]), name=i.get("name") or "",
                       next_step=i.get("next_step") or "") for i in items)


def entries_to_json(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """The interchange form of entries: keys sorted, empty optional texts left out."""
    out = []
    for e in entries:
        item: dict[str, Any] = {"respondent": e.respondent, "score": e.score}
        if e.name.strip():
            item["name"] = e.name.strip()
        if e.next_step.strip():
            item["next_step"] = e.next_step.strip()
        out.append(item)
    return out


def validate_entries(entries: Sequence[Entry]) -> list[tuple[int | None, str]]:
    """Problems as (entry index or None, message code): empty round, unknown respondent,
    score outside 0-10, the same respondent twice."""
    problems: list[tuple[int | None, str]] = []
    if not entries:
        problems.append((None, "no_entries"))
    seen: set[tuple[str, str]] = set()
    for i, e in enumerate(entries):
        if e.respondent not in RESPONDENTS:
            problems.append((i, "unknown_respondent"))
        if isinstance(e.score, bool) or not isinstance(e.score, int) or not SCORE_MIN <= e.score <= SCORE_MAX:
            problems.append((i, "score_range"))
        if e.key in seen:
            problems.append((i, "duplicate_respondent"))
        seen.add(e.key)
    return problems


def series(rounds: Iterable[Round]) -> dict[tuple[str, tuple[str, str]], list[tuple[datetime, int]]]:
    """(goal, respondent key) -> [(held_at, score)] in time order: one chart line each."""
    out: dict[tuple[str, tuple[str, str]], list[tuple[datetime, int]]] = {}
    for r in sorted(rounds, key=lambda r: (r.held_at, r.id)):
        for e in r.entries:
            out.setdefault((r.goal, e.key), []).append((r.held_at, e.score))
    return out


# -- the team-view flags ------------------------------------------------------

REACHED = "reached_stable"
STALLED = "no_progression"


@dataclass(frozen=True)
class FlagRules:
    """The thresholds of the two flags; a municipality may change them (docs/progression.md)."""

    reached_rounds: int = 2  # the last N scaling rounds of a goal must all be at or above its target
    default_target: int = 8  # target score of a goal that has none of its own
    reached_aggregate: str = "mean"  # how a round's scores combine: "mean" or "min" (every respondent)
    use_gas: bool = True  # a goal also counts as reached when its last N GAS ratings are >= gas_reached_level
    gas_reached_level: int = 0
    stalled_followups: int = 2  # no progression over the last N follow-ups (N intervals, N+1 occasions)
    min_increase: float = 0.0  # a respondent's mean must rise by more than this to count as progression

    def __post_init__(self) -> None:
        problems = rules_problems(self)
        if problems:
            raise ValueError("; ".join(problems))

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> FlagRules:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})


def rules_problems(r: FlagRules) -> list[str]:
    out = []
    if not (isinstance(r.reached_rounds, int) and 1 <= r.reached_rounds <= 10):
        out.append("reached_rounds must be 1-10")
    if not (isinstance(r.default_target, int) and SCORE_MIN <= r.default_target <= SCORE_MAX):
        out.append("default_target must be 0-10")
    if r.reached_aggregate not in ("mean", "min"):
        out.append("reached_aggregate must be 'mean' or 'min'")
    if r.gas_reached_level not in (-2, -1, 0, 1, 2):
        out.append("gas_reached_level must be -2..2")
    if not (isinstance(r.stalled_followups, int) and 1 <= r.stalled_followups <= 10):
        out.append("stalled_followups must be 1-10")
    if not (isinstance(r.min_increase, int | float) and 0 <= r.min_increase < SCORE_MAX):
        out.append("min_increase must be 0 or more and less than 10")
    return out


@dataclass(frozen=True)
class GoalEvidence:
    goal: str
    target: int
    rounds: tuple[tuple[date, float], ...]  # the last N rounds: (day, aggregate score)
    gas: tuple[tuple[date, int], ...]  # the last N GAS ratings
    reached_by: str | None  # "scaling", "gas" or None


@dataclass(frozen=True)
class IntervalEvidence:
    start: date
    end: date
    # respondent key -> (mean at start, mean at end), for respondents who scored at both ends
    means: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    progressed: bool = False

    @property
    def comparable(self) -> bool:
        return bool(self.means)


@dataclass(frozen=True)
class Flag:
    code: str
    raised: bool
    reason: str  # a code for the template: why raised or not
    goals: tuple[GoalEvidence, ...] = ()
    intervals: tuple[IntervalEvidence, ...] = ()


def _as_of(rounds: Iterable[Round], as_of: datetime | None) -> list[Round]:
    return sorted((r for r in rounds if as_of is None or r.held_at <= as_of), key=lambda r: (r.held_at, r.id))


def reached_and_stable(goals: Sequence[GoalInfo], rounds: Iterable[Round], rules: FlagRules = FlagRules(),
                       *, as_of: datetime | None = None) -> Flag:
    """Raised when every active goal (at least one) is reached and stable: its last
    `reached_rounds` scaling rounds each at or above the goal's target (the round's mean,
    or every respondent's score with aggregate "min"), or - with `use_gas` - its last
    `reached_rounds` GAS ratings each at or above `gas_reached_level`."""
    active = [g for g in goals if g.active]
    if not active:
        return Flag(REACHED, False, "no_active_goals")
    rounds_ = _as_of(rounds, as_of)
    n = rules.reached_rounds
    evidence = []
    for g in active:
        target = g.target_score if g.target_score is not None else rules.default_target
        own = [r for r in rounds_ if r.goal == g.id and r.entries]
        aggregate = [(r.day, (r.mean() if rules.reached_aggregate == "mean" else r.minimum())) for r in own][-n:]
        gas = [(r.day, r.gas_level) for r in rounds_ if r.goal == g.id and r.gas_level is not None][-n:]
        by = None
        if len(aggregate) == n and all(v is not None and v >= target for _, v in aggregate):
            by = "scaling"
        elif rules.use_gas and g.gas and len(gas) == n and all(v >= rules.gas_reached_level for _, v in gas):
            by = "gas"
        evidence.append(GoalEvidence(g.id, target, tuple((d, float(v)) for d, v in aggregate if v is not None),
                                     tuple((d, int(v)) for d, v in gas if v is not None), by))
    raised = all(e.reached_by for e in evidence)
    return Flag(REACHED, raised, "all_reached" if raised else "not_all_reached", goals=tuple(evidence))


def occasion_means(rounds: Iterable[Round]) -> dict[date, dict[tuple[str, str], float]]:
    """day -> respondent key -> the respondent's mean score over the goals scaled that day."""
    scores: dict[date, dict[tuple[str, str], list[int]]] = {}
    for r in rounds:
        day = scores.setdefault(r.day, {})
        for e in r.entries:
            day.setdefault(e.key, []).append(e.score)
    return {d: {k: fmean(v) for k, v in by.items()} for d, by in scores.items()}


def no_progression(goals: Sequence[GoalInfo], rounds: Iterable[Round], rules: FlagRules = FlagRules(),
                   *, as_of: datetime | None = None) -> Flag:
    """Raised when, over the last `stalled_followups` follow-ups, no respondent's mean score
    (over the active goals scaled) rose by more than `min_increase` from one occasion to
    the next. Every interval must be comparable (some respondent scored at both ends);
    otherwise there is too little to go on and the flag stays down."""
    active = {g.id for g in goals if g.active}
    if not active:
        return Flag(STALLED, False, "no_active_goals")
    rounds_ = [r for r in _as_of(rounds, as_of) if r.goal in active and r.entries]
    means = occasion_means(rounds_)
    days = sorted(means)
    k = rules.stalled_followups
    if len(days) < k + 1:
        return Flag(STALLED, False, "too_few_occasions")
    window = days[-(k + 1):]
    intervals = []
    for a, b in zip(window, window[1:], strict=False):
        common = sorted(set(means[a]) & set(means[b]))
        pairs = {key: (means[a][key], means[b][key]) for key in common}
        progressed = any(end - start > rules.min_increase for start, end in pairs.values())
        intervals.append(IntervalEvidence(a, b, pairs, progressed))
    if not all(i.comparable for i in intervals):
        return Flag(STALLED, False, "not_comparable", intervals=tuple(intervals))
    raised = not any(i.progressed for i in intervals)
    return Flag(STALLED, raised, "no_increase" if raised else "increase", intervals=tuple(intervals))


def flags(goals: Sequence[GoalInfo], rounds: Sequence[Round], rules: FlagRules = FlagRules(),
          *, as_of: datetime | None = None) -> dict[str, Flag]:
    """Both flags. A child whose goals are reached and stable is not also flagged for having
    no progression (staying at the target is no reason to rethink the measure)."""
    reached = reached_and_stable(goals, rounds, rules, as_of=as_of)
    stalled = no_progression(goals, rounds, rules, as_of=as_of)
    if reached.raised and stalled.raised:
        stalled = Flag(STALLED, False, "goals_reached", intervals=stalled.intervals)
    return {REACHED: reached, STALLED: stalled}
