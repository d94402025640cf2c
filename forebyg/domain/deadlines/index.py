# SPDX-License-Identifier: MPL-2.0
"""One pass over interchange records: the case as it looked at `as_of`, indexed.

A record whose main timestamp (`PRIMARY`) is after `as_of` did not exist yet
and is skipped; a later optional timestamp on a record that did exist
(an investigation's `completed_at`, a measure's `ended_at`, ...) is treated as
not yet happened. Timestamps are parsed once here; every lookup the rules need
afterwards is a dict access or a search in a short per-child list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from operator import attrgetter
from typing import Any

from ..calendar import local_date, require_aware
from ..staircase import DEFAULT_STEPS, KINDS_BY_CODE, law_for
from .age import adult_from

Record = Mapping[str, Any]

# The timestamp that makes a record exist, per record type.
PRIMARY: dict[str, str] = {
    "child": "registered_at",
    "case": "opened_at",
    "counselling": "started_at",
    "notification": "received_at",
    "acute_assessment": "assessed_at",
    "acknowledgement": "sent_at",
    "decision": "decided_at",
    "notifier_feedback": "given_at",
    "investigation": "started_at",
    "child_conversation": "held_at",
    "network_meeting": "held_at",
    "measure": "decided_at",
    "plan": "made_at",
    "followup": "held_at",
}

FOREVER = datetime.max.replace(tzinfo=UTC)
FEEDBACK_STARTED = frozenset({"investigation_started", "measure_started"})
_PLACEMENT_STEPS = frozenset(s.number for s in DEFAULT_STEPS if s.placement)
_fromiso = datetime.fromisoformat
_by_started = attrgetter("started")
_by_decided = attrgetter("decided")
# "+01:00" -> 1 hour, for every whole and quarter hour offset. Parsing the local
# part with "+00:00" yields the UTC singleton tzinfo; subtracting the offset then
# gives UTC directly, about twice as fast as fromisoformat(...).astimezone(UTC).
_OFFSETS: dict[str, timedelta] = {
    f"{sign}{h:02d}:{m:02d}": (1 if sign == "+" else -1) * timedelta(hours=h, minutes=m)
    for sign in "+-"
    for h in range(15)
    for m in (0, 15, 30, 45)
}


def parse_ts(value: Any) -> datetime:
    """An aware UTC datetime from an ISO string with offset (or an aware datetime).

    Everything is compared in UTC: comparing datetimes that share the UTC
    tzinfo is fast and never trips over wall-clock arithmetic.
    """
    if type(value) is str:
        offset = _OFFSETS.get(value[-6:])
        if offset is not None:  # the common form: parse as UTC, then shift
            return _fromiso(value[:-6] + "+00:00") - offset
        moment = _fromiso(value)  # "Z" and anything unusual
        if moment.tzinfo is None:
            raise ValueError(f"timestamp without UTC offset: {value!r}")
        return moment.astimezone(UTC)
    if isinstance(value, datetime):
        return require_aware(value, "timestamp").astimezone(UTC)
    raise TypeError(f"not a timestamp: {value!r}")


class Notif:
    __slots__ = ("rec", "id", "at", "day", "law", "municipality", "children", "professional",
                 "anonymous", "abuse")
    rec: Record
    id: str
    at: datetime
    day: date
    law: str
    municipality: int | None
    children: list[str]
    professional: bool
    anonymous: bool
    abuse: bool


class Inv:
    __slots__ = ("rec", "id", "child", "case", "municipality", "aware", "aware_day", "law",
                 "started", "completed", "provisional", "consent")
    rec: Record
    id: str
    child: str
    case: str
    municipality: int | None
    aware: datetime
    aware_day: date
    law: str
    started: datetime
    completed: datetime | None
    provisional: datetime | None
    consent: bool


class Measure:
    __slots__ = ("rec", "id", "child", "case", "municipality", "decided", "day", "law",
                 "started", "ended", "early", "placement", "legal_basis", "plan_decision",
                 "urgent_plan")
    rec: Record
    id: str
    child: str
    case: str
    municipality: int | None
    decided: datetime
    day: date
    law: str
    started: datetime | None
    ended: datetime | None
    early: bool
    placement: bool
    legal_basis: str
    plan_decision: str | None
    urgent_plan: bool

    @property
    def start(self) -> datetime:
        return self.started if self.started is not None else self.decided


class Index:
    """The records known at `as_of`, grouped for the rules."""

    def __init__(self, records: Iterable[Record], as_of: datetime, keep_types: frozenset[str]):
        self.as_of = as_of.astimezone(UTC)
        self.notifications: list[Notif] = []
        self.acute: dict[str, tuple[datetime, str]] = {}
        self.ack: dict[str, tuple[datetime, str]] = {}
        self.feedback: dict[str, tuple[datetime, str]] = {}
        self.decisions: dict[tuple[str, str], tuple[datetime, str]] = {}
        self.case_closed: dict[str, datetime] = {}
        self.investigations: list[Inv] = []
        self.inv_by_child: dict[str, list[Inv]] = {}
        self.measures: list[Measure] = []
        self.measures_by_child: dict[str, list[Measure]] = {}
        self.plans_by_case: dict[str, list[tuple[datetime, str]]] = {}
        self.followups_by_measure: dict[str, list[tuple[datetime, str, str | None]]] = {}
        self.followups_by_case: dict[str, list[tuple[datetime, str, str | None]]] = {}
        self.conversations: dict[str, list[tuple[datetime, str]]] = {}
        self.adult_from: dict[str, datetime] = {}  # child -> start of the 18th birthday (UTC)
        self.by_type: dict[str, list[tuple[Record, datetime | None]]] = {t: [] for t in keep_types}
        self._active_until: dict[str, list[datetime]] = {}
        self._build(records)

    def _opt(self, record: Record, name: str) -> datetime | None:
        value = record.get(name)
        if value is None:
            return None
        moment = parse_ts(value)
        return moment if moment <= self.as_of else None

    def _build(self, records: Iterable[Record]) -> None:
        as_of = self.as_of
        fromiso = _fromiso
        offsets = _OFFSETS
        handlers: dict[str, tuple[str, Callable[[Record, datetime], None]]] = {
            "decision": ("decided_at", self._decision),
            "notification": ("received_at", self._notification),
            "acute_assessment": ("assessed_at", self._acute),
            "acknowledgement": ("sent_at", self._ack),
            "followup": ("held_at", self._followup),
            "case": ("opened_at", self._case),
            "measure": ("decided_at", self._measure),
            "child_conversation": ("held_at", self._conversation),
            "notifier_feedback": ("given_at", self._feedback),
            "investigation": ("started_at", self._investigation),
            "plan": ("made_at", self._plan),
            "child": ("", self._child),  # the birth date is a fact whenever the child was registered
        }
        for rtype, bucket in self.by_type.items():
            handlers[rtype] = (PRIMARY.get(rtype, ""), _keeper(bucket, handlers.get(rtype)))
        get = handlers.get
        for rec in records:
            handler = get(rec["type"])
            if handler is None:  # a record type no rule looks at
                continue
            field, handle = handler
            if not field:
                handle(rec, None)  # type: ignore[arg-type]  # the handlers of types without a time ignore it
                continue
            value = rec[field]
            offset = offsets.get(value[-6:]) if type(value) is str else None
            at = fromiso(value[:-6] + "+00:00") - offset if offset is not None else parse_ts(value)
            if at > as_of:  # did not exist yet at as_of
                continue
            handle(rec, at)
        for lists in (self.plans_by_case, self.conversations, self.followups_by_measure,
                      self.followups_by_case):
            for items in lists.values():
                if len(items) > 1:
                    items.sort()
        for invs in self.inv_by_child.values():
            if len(invs) > 1:
                invs.sort(key=_by_started)
        for measures in self.measures_by_child.values():
            if len(measures) > 1:
                measures.sort(key=_by_decided)

    def _child(self, rec: Record, at: datetime | None) -> None:
        born = rec.get("birth_date")
        if born:  # the obligations owed to a child end when the child turns 18 (age.py)
            self.adult_from[rec["id"]] = adult_from(born)

    def _decision(self, rec: Record, at: datetime) -> None:
        _keep_earliest(self.decisions, (rec["notification"], rec["child"]), at, rec["id"])

    def _acute(self, rec: Record, at: datetime) -> None:
        _keep_earliest(self.acute, rec["notification"], at, rec["id"])
        for other in rec.get("covers") or ():  # one assessment of several notifications (issue #16)
            _keep_earliest(self.acute, other, at, rec["id"])

    def _ack(self, rec: Record, at: datetime) -> None:
        _keep_earliest(self.ack, rec["notification"], at, rec["id"])

    def _feedback(self, rec: Record, at: datetime) -> None:
        if rec["content"] in FEEDBACK_STARTED:
            _keep_earliest(self.feedback, rec["notification"], at, rec["id"])

    def _followup(self, rec: Record, at: datetime) -> None:
        entry = (at, rec["id"], rec.get("next_due"))
        measure = rec.get("measure")
        if measure is not None:
            self.followups_by_measure.setdefault(measure, []).append(entry)
        else:
            self.followups_by_case.setdefault(rec["case"], []).append(entry)

    def _conversation(self, rec: Record, at: datetime) -> None:
        self.conversations.setdefault(rec["child"], []).append((at, rec["id"]))

    def _plan(self, rec: Record, at: datetime) -> None:
        self.plans_by_case.setdefault(rec["case"], []).append((at, rec["id"]))

    def _case(self, rec: Record, at: datetime) -> None:
        if rec.get("closed_at") is not None:
            closed = self._opt(rec, "closed_at")
            if closed is not None:
                self.case_closed[rec["id"]] = closed

    def _notification(self, rec: Record, at: datetime) -> None:
        n = Notif()
        n.rec = rec
        n.id = rec["id"]
        n.at = at
        n.day = local_date(at)
        n.law = law_for(n.day)
        n.municipality = rec.get("municipality")
        n.children = rec["children"]
        n.professional = bool(rec.get("notifier_professional"))
        n.anonymous = rec.get("notifier_kind") == "anonymous"
        n.abuse = bool(rec.get("concerns_abuse"))
        self.notifications.append(n)

    def _investigation(self, rec: Record, at: datetime) -> None:
        i = Inv()
        i.rec = rec
        i.id = rec["id"]
        i.child = rec["child"]
        i.case = rec["case"]
        i.municipality = rec.get("municipality")
        i.aware = parse_ts(rec["aware_at"])
        i.aware_day = local_date(i.aware)
        i.law = law_for(i.aware_day)
        i.started = at
        i.completed = self._opt(rec, "completed_at")
        i.provisional = self._opt(rec, "provisional_assessment_at")
        i.consent = bool(rec["consent"])
        self.investigations.append(i)
        self.inv_by_child.setdefault(i.child, []).append(i)

    def _measure(self, rec: Record, at: datetime) -> None:
        m = Measure()
        m.rec = rec
        m.id = rec["id"]
        m.child = rec["child"]
        m.case = rec["case"]
        m.municipality = rec.get("municipality")
        m.decided = at
        m.day = local_date(at)
        m.law = law_for(m.day)
        m.started = self._opt(rec, "started_at")
        m.ended = self._opt(rec, "ended_at")
        kind = KINDS_BY_CODE.get(rec["kind"])
        if kind is not None:
            m.early, m.placement = kind.early, kind.placement
        else:  # a municipality's own kind: judge by its staircase step
            m.early, m.placement = False, rec.get("step") in _PLACEMENT_STEPS
        m.legal_basis = rec.get("legal_basis") or ""
        m.plan_decision = rec.get("plan_decision")  # BL § 91 stk. 1: "plan", "no_plan" or None
        m.urgent_plan = bool(rec.get("urgent_plan"))  # SEL § 140: the matter could not wait
        self.measures.append(m)
        self.measures_by_child.setdefault(m.child, []).append(m)

    def active_until(self, child: str) -> list[datetime]:
        """For the child's measures in decision order: the latest end among the first
        i + 1 of them (`FOREVER` while one is running). A measure decided before t
        is active at t when `active_until(child)[i] > t` for the last i decided by t."""
        ends = self._active_until.get(child)
        if ends is None:
            ends, latest = [], None
            for m in self.measures_by_child[child]:
                end = self.measure_end(m) or FOREVER
                latest = end if latest is None or end > latest else latest
                ends.append(latest)
            self._active_until[child] = ends
        return ends

    def measure_end(self, m: Measure) -> datetime | None:
        """When the measure stopped (ended, or its case closed), if it has by `as_of`."""
        closed = self.case_closed.get(m.case)
        if closed is None:
            return m.ended
        return closed if m.ended is None or closed < m.ended else m.ended


def _keeper(
    bucket: list[tuple[Record, datetime | None]],
    then: tuple[str, Callable[[Record, datetime], None]] | None,
) -> Callable[[Record, datetime | None], None]:
    """A handler that keeps the record for local standards, then indexes it as usual."""
    handle = then[1] if then else None

    def keep(rec: Record, at: datetime | None) -> None:
        bucket.append((rec, at))
        if handle is not None and at is not None:
            handle(rec, at)

    return keep


def _keep_earliest(target: dict[Any, Any], key: Any, at: datetime, rid: str) -> None:
    current = target.get(key)
    if current is None or at < current[0]:
        target[key] = (at, rid)
