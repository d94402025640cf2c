# SPDX-License-Identifier: MPL-2.0
"""What a "case" is for the review, and which cases a review covers.

A review case is **one child's case file in one municipality**: the child and
every record about the child known at the review's `as_of` moment (its case
records, the notifications naming it with their assessments,
acknowledgements, decisions and feedback, investigations, conversations,
meetings, network, measures, plans and follow-ups). Its key is the child's id.

A child is in a review's population for the period when, in the period (local
Copenhagen dates, both ends included), at least one of these happened:
a notification about the child was received; an investigation of the child
was started or the municipality became aware of the need for it; a measure
was decided. With `include_ongoing` (the default) a child is also in the
population when a measure other than early preventive support was running in
the period, so that follow-up on long-running measures is reviewed too.

The points assess the subjects of the period: notifications received in it,
investigations whose awareness date is in it, measures decided in it, and
follow-ups due in it (see each point in docs/review.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeGuard

from ..calendar import CPH, end_of_day, local_date, require_aware, start_of_day
from ..deadlines.index import PRIMARY, parse_ts
from ..staircase import KINDS_BY_CODE

Record = Mapping[str, Any]

# Timestamp fields tried, in order, for record types the deadline engine does not know
# (e.g. progression scores added by later format versions).
EXTRA_TIME_FIELDS = ("held_at", "answered_at", "set_at", "measured_at", "recorded_at", "made_at", "at")
STRATA = ("team", "step", "measure_kind", "law")


def time_field(rtype: str, rec: Record) -> str | None:
    primary = PRIMARY.get(rtype)
    if primary is not None:
        return primary
    for name in EXTRA_TIME_FIELDS:
        if rec.get(name):
            return name
    return None


def ts(rec: Record, name: str, as_of: datetime | None = None) -> datetime | None:
    """The record's timestamp `name` in UTC; None when absent or after `as_of` (not yet happened)."""
    value = rec.get(name)
    if not value:
        return None
    if isinstance(value, str) and len(value) == 10:  # a date: its end
        moment = end_of_day(date.fromisoformat(value)).astimezone(UTC)
    else:
        moment = parse_ts(value)
    if as_of is not None and moment > as_of:
        return None
    return moment


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(CPH).isoformat()


@dataclass(frozen=True)
class Period:
    """The review period in local dates, both ends included; an open end is unbounded."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError("the period ends before it starts")

    @property
    def start_at(self) -> datetime | None:
        return None if self.start is None else start_of_day(self.start).astimezone(UTC)

    @property
    def end_at(self) -> datetime | None:
        return None if self.end is None else end_of_day(self.end).astimezone(UTC)

    def contains(self, moment: datetime | None) -> TypeGuard[datetime]:
        if moment is None:
            return False
        day = local_date(moment)
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def overlaps(self, begin: datetime | None, finish: datetime | None) -> bool:
        """Whether [begin, finish] (finish None: still running) meets the period."""
        if begin is not None and self.end_at is not None and begin > self.end_at:
            return False
        return not (finish is not None and self.start_at is not None and finish < self.start_at)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Period:
        data = data or {}
        return cls(*(date.fromisoformat(data[k]) if data.get(k) else None for k in ("start", "end")))


@dataclass(frozen=True)
class Criteria:
    """Which cases of the population a review covers. Empty tuples mean "any".

    `teams`: the case's teams (team of an open case record in the period, or of
    its caseworker; for a child without a case record, the notification's team).
    `measure_kinds` and `steps`: of a measure decided in, or running during, the period.
    """

    period: Period = Period()
    teams: tuple[str, ...] = ()
    measure_kinds: tuple[str, ...] = ()
    steps: tuple[int, ...] = ()
    include_ongoing: bool = True

    def matches(self, s: CaseSummary) -> bool:
        if self.teams and not (s.teams & set(self.teams)):
            return False
        if self.measure_kinds and not (s.measure_kinds & set(self.measure_kinds)):
            return False
        return not (self.steps and not (s.steps & set(self.steps)))

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period.to_dict(), "teams": list(self.teams),
                "measure_kinds": list(self.measure_kinds), "steps": list(self.steps),
                "include_ongoing": self.include_ongoing}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Criteria:
        data = data or {}
        return cls(Period.from_dict(data.get("period")), tuple(data.get("teams", ())),
                   tuple(data.get("measure_kinds", ())), tuple(int(s) for s in data.get("steps", ())),
                   bool(data.get("include_ongoing", True)))


class CaseFile:
    """Every record about one child known at `as_of`, grouped by type, each list in time order."""

    def __init__(self, key: str):
        self.key = key
        self.municipality: int | None = None
        self.child: Record | None = None
        self.cases: list[Record] = []
        self.notifications: list[Record] = []
        self.acute: dict[str, list[Record]] = defaultdict(list)
        self.acks: dict[str, list[Record]] = defaultdict(list)
        self.feedback: dict[str, list[Record]] = defaultdict(list)
        self.decisions: dict[str, list[Record]] = defaultdict(list)
        self.investigations: list[Record] = []
        self.conversations: list[Record] = []
        self.meetings: list[Record] = []
        self.network_persons: list[Record] = []
        self.measures: list[Record] = []
        self.plans: list[Record] = []
        self.goals: list[Record] = []
        self.followups: list[Record] = []
        self.counselling: list[Record] = []
        self.extra: dict[str, list[Record]] = defaultdict(list)

    def records(self) -> list[Record]:
        """All of the file's records (a notification's own records included)."""
        out: list[Record] = [self.child] if self.child else []
        out += self.cases + self.notifications
        for by_n in (self.acute, self.acks, self.feedback, self.decisions):
            for recs in by_n.values():
                out += recs
        for recs in (self.investigations, self.conversations, self.meetings, self.network_persons,
                     self.measures, self.plans, self.goals, self.followups, self.counselling):
            out += recs
        for recs in self.extra.values():
            out += recs
        return out

    def siblings(self) -> set[str]:
        return {c for n in self.notifications for c in n["children"] if c != self.key}


_BY_CHILD = {
    "case": "cases", "investigation": "investigations", "child_conversation": "conversations",
    "network_meeting": "meetings", "network_person": "network_persons", "measure": "measures",
    "plan": "plans", "goal": "goals", "followup": "followups", "counselling": "counselling",
}
_BY_NOTIFICATION = {"acute_assessment": "acute", "acknowledgement": "acks", "notifier_feedback": "feedback"}
_ORGANISATION = {"team", "district", "institution", "offer", "staff"}


@dataclass(frozen=True)
class Organisation:
    """Team names and each staff member's team, for team criteria and strata."""

    teams: Mapping[str, str] = field(default_factory=dict)
    staff: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)  # id -> (name, team)

    def staff_team(self, staff_id: str | None) -> str | None:
        return self.staff.get(staff_id, (None, None))[1] if staff_id else None


def build_case_files(records: Iterable[Record], *, as_of: datetime) -> tuple[dict[str, CaseFile], Organisation]:
    """Group records by child as they were known at `as_of` (later records did not exist yet)."""
    as_of = require_aware(as_of, "as_of").astimezone(UTC)
    files: dict[str, CaseFile] = {}
    teams: dict[str, str] = {}
    staff: dict[str, tuple[str, str | None]] = {}
    notification_children: dict[str, list[str]] = {}
    pending: list[Record] = []

    def file(child_id: str, rec: Record) -> CaseFile:
        f = files.get(child_id)
        if f is None:
            f = files[child_id] = CaseFile(child_id)
        if f.municipality is None:
            f.municipality = rec.get("municipality")
        return f

    for rec in records:
        rtype = rec.get("type")
        if rtype in (None, "header"):
            continue
        if rtype == "team":
            teams[rec["id"]] = rec["name"]
            continue
        if rtype == "staff":
            staff[rec["id"]] = (rec["name"], rec.get("team"))
            continue
        if rtype in _ORGANISATION:
            continue
        name = time_field(rtype, rec)
        if name is not None and (at := ts(rec, name)) is not None and at > as_of:
            continue  # did not exist yet
        if rtype == "child":
            file(rec["id"], rec).child = rec
        elif rtype == "notification":
            notification_children[rec["id"]] = list(rec["children"])
            for child in rec["children"]:
                file(child, rec).notifications.append(rec)
        elif rtype in _BY_CHILD:
            getattr(file(rec["child"], rec), _BY_CHILD[rtype]).append(rec)
        elif rtype == "decision":
            file(rec["child"], rec).decisions[rec["notification"]].append(rec)
        elif rtype in _BY_NOTIFICATION:
            pending.append(rec)  # the notification may come later in the stream
        elif rec.get("child"):
            file(rec["child"], rec).extra[rtype].append(rec)
    for rec in pending:
        for child in notification_children.get(rec["notification"], ()):
            getattr(files[child], _BY_NOTIFICATION[rec["type"]])[rec["notification"]].append(rec)
    for f in files.values():
        for attr in ("cases", "notifications", "investigations", "conversations", "meetings", "measures",
                     "plans", "followups", "counselling"):
            items = getattr(f, attr)
            if len(items) > 1:
                items.sort(key=_sort_key)
        for by_n in (f.acute, f.acks, f.feedback, f.decisions):
            for items in by_n.values():
                items.sort(key=_sort_key)
        for items in f.extra.values():
            items.sort(key=_sort_key)
    return files, Organisation(teams, staff)


def _sort_key(rec: Record) -> tuple[datetime, str]:
    name = time_field(rec["type"], rec)
    moment = ts(rec, name) if name else None
    return (moment or datetime.min.replace(tzinfo=UTC), rec["id"])


@dataclass(frozen=True)
class CaseSummary:
    """What selection, criteria and strata need to know about a case."""

    key: str
    municipality: int | None
    team: str | None
    teams: frozenset[str]
    caseworker: str | None
    case_ids: tuple[str, ...]
    measure_kinds: frozenset[str]
    steps: frozenset[int]
    laws: frozenset[str]
    latest_kind: str | None

    @property
    def top_step(self) -> int:
        return max(self.steps, default=0)

    def stratum(self, by: Iterable[str]) -> str:
        parts = []
        for name in by:
            if name == "team":
                parts.append(self.team or "-")
            elif name == "step":
                parts.append(str(self.top_step))
            elif name == "measure_kind":
                parts.append(self.latest_kind or "-")
            elif name == "law":
                parts.append("+".join(sorted(self.laws)) or "-")
            else:
                raise ValueError(f"unknown stratum {name!r}; use {STRATA}")
        return "|".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "municipality": self.municipality, "team": self.team,
                "teams": sorted(self.teams), "caseworker": self.caseworker, "case_ids": list(self.case_ids),
                "measure_kinds": sorted(self.measure_kinds), "steps": sorted(self.steps),
                "laws": sorted(self.laws), "latest_kind": self.latest_kind}


def _law(moment: datetime) -> str:
    from ..staircase import law_for

    return law_for(local_date(moment))


def summarise(f: CaseFile, criteria: Criteria, org: Organisation, as_of: datetime) -> CaseSummary | None:
    """The case's summary when the child is in the population of `criteria.period`, else None."""
    period = criteria.period
    anchors: list[datetime] = []
    for n in f.notifications:
        at = ts(n, "received_at")
        if period.contains(at):
            anchors.append(at)
    for inv in f.investigations:
        aware, started = ts(inv, "aware_at"), ts(inv, "started_at")
        if period.contains(aware):
            anchors.append(aware)
        elif period.contains(started):
            anchors.append(aware or started)
    kinds: set[str] = set()
    steps: set[int] = set()
    latest: tuple[datetime, str] | None = None
    ongoing = False
    for m in f.measures:
        decided = ts(m, "decided_at")
        ended = _measure_end(f, m, as_of)
        in_period = period.contains(decided)
        kind = KINDS_BY_CODE.get(m["kind"])
        running = period.overlaps(ts(m, "started_at", as_of) or decided, ended) and not (kind and kind.early)
        if in_period and decided is not None:
            anchors.append(decided)
        if in_period or running:
            ongoing = ongoing or (running and not in_period)
            kinds.add(m["kind"])
            steps.add(int(m["step"]))
            if decided is not None and (latest is None or decided >= latest[0]):
                latest = (decided, m["kind"])
    if not anchors and not (criteria.include_ongoing and ongoing):
        return None
    laws = {_law(a) for a in anchors} or ({_law(latest[0])} if latest else set())
    overlapping = [c for c in f.cases if period.overlaps(ts(c, "opened_at"), ts(c, "closed_at", as_of))]
    team = caseworker = None
    team_set: set[str] = set()
    for c in overlapping:
        t = c.get("team") or org.staff_team(c.get("caseworker"))
        if t:
            team_set.add(t)
    primary = (overlapping or f.cases)[-1] if (overlapping or f.cases) else None
    if primary is not None:
        caseworker = primary.get("caseworker")
        team = primary.get("team") or org.staff_team(caseworker)
    for n in f.notifications:
        if period.contains(ts(n, "received_at")):
            t = n.get("team") or org.staff_team(n.get("assigned_to"))
            if t:
                team_set.add(t)
            if primary is None:
                team, caseworker = t or team, n.get("assigned_to") or caseworker
    if team:
        team_set.add(team)
    return CaseSummary(
        key=f.key, municipality=f.municipality, team=team, teams=frozenset(team_set), caseworker=caseworker,
        case_ids=tuple(c["id"] for c in overlapping), measure_kinds=frozenset(kinds), steps=frozenset(steps),
        laws=frozenset(laws), latest_kind=latest[1] if latest else None,
    )


def _measure_end(f: CaseFile, m: Record, as_of: datetime) -> datetime | None:
    ended = ts(m, "ended_at", as_of)
    for c in f.cases:
        if c["id"] == m["case"]:
            closed = ts(c, "closed_at", as_of)
            if closed is not None and (ended is None or closed < ended):
                return closed
    return ended


def select(files: Mapping[str, CaseFile], criteria: Criteria, org: Organisation, *,
           as_of: datetime) -> list[CaseSummary]:
    """The population: every case in the period that meets the criteria, by key."""
    as_of = require_aware(as_of, "as_of").astimezone(UTC)
    out = []
    for key in sorted(files):
        s = summarise(files[key], criteria, org, as_of)
        if s is not None and criteria.matches(s):
            out.append(s)
    return out
