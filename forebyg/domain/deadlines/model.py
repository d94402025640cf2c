# SPDX-License-Identifier: MPL-2.0
"""Data objects of the deadline engine: rules (as data), rule sets, obligations.

`Rule` and `RuleSet` are frozen, versioned and JSON-serialisable
(`to_dict` / `from_dict`). An `Obligation` is one computed deadline for one
subject (a notification, investigation, measure, case or meeting) as of one
moment; it records the id and version of the rule that produced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal, NamedTuple

from ..calendar import local_date, to_local

Unit = Literal["clock_hours", "calendar_days", "calendar_months", "working_days"]
UNITS: tuple[str, ...] = ("clock_hours", "calendar_days", "calendar_months", "working_days")
LAWS: tuple[str, ...] = ("SEL", "BL")
# The Danish hjemmel of a local standard that names none (pages show it for every local rule).
LOCAL_STANDARD_DA = "Lokal praksisstandard (ikke lov)"


class Status:
    """Status names (plain strings, stable in JSON and templates)."""

    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"
    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NOT_APPLICABLE = "not_applicable"

    ALL: tuple[str, ...] = (MET_ON_TIME, MET_LATE, OPEN, DUE_SOON, OVERDUE, NOT_APPLICABLE)
    MET: frozenset[str] = frozenset({MET_ON_TIME, MET_LATE})
    UNMET: frozenset[str] = frozenset({OPEN, DUE_SOON, OVERDUE})


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown duration unit {self.unit!r}; use one of {UNITS}")
        if not isinstance(self.amount, int) or isinstance(self.amount, bool) or self.amount < 0:
            raise ValueError(f"duration amount must be a non-negative integer, got {self.amount!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"amount": self.amount, "unit": self.unit}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Duration | None:
        return None if data is None else cls(int(data["amount"]), data["unit"])

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.replace('_', ' ')}"


@dataclass(frozen=True)
class Parameter:
    """A configurable value of a rule. `unconfirmed` says what was not verified."""

    name: str
    value: Any  # a JSON scalar or list
    description: str
    unconfirmed: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "description": self.description,
            "unconfirmed": self.unconfirmed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Parameter:
        return cls(data["name"], data["value"], data["description"], data.get("unconfirmed"))


@dataclass(frozen=True)
class EventSpec:
    """Which records a local standard reacts to (data, editable without code).

    A record matches when its `type` is `record_type` and every `where` field
    equals the given value (or is one of the values, when a list is given).
    `key` names the field that ties trigger and met-by records together (e.g.
    "child"; "id" for the record's own id); list-valued fields match each item.
    """

    record_type: str
    at: str
    key: str
    where: tuple[tuple[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "record_type": self.record_type,
            "at": self.at,
            "key": self.key,
            "where": {k: list(v) if isinstance(v, tuple) else v for k, v in self.where},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EventSpec:
        where = tuple(
            (k, tuple(v) if isinstance(v, list) else v) for k, v in dict(data.get("where", {})).items()
        )
        return cls(data["record_type"], data["at"], data["key"], where)

    def matches(self, record: Mapping[str, Any]) -> bool:
        for name, wanted in self.where:
            value = record.get(name)
            if isinstance(wanted, tuple):
                if value not in wanted:
                    return False
            elif value != wanted:
                return False
        return True


@dataclass(frozen=True)
class Rule:
    """One deadline rule as versioned data.

    `kind` names the evaluator in `engine.EVALUATORS` that applies the rule;
    local standards use kind "event_pair" with `trigger` and `met_by` specs.
    `law` is "SEL", "BL" or None (a local standard for every law period).
    `duration` is None for rules without a deadline of their own (the
    evaluator sets the due time, e.g. "before the decision"). When
    `duration_unconfirmed` is set, the deadline itself is not verified and a
    municipality may override it through `RuleConfig`. `legal_reference_da` is the
    hjemmel as Danish pages show it (no English, no internal markers);
    `reference_unconfirmed` says what about the legal reference is not verified
    (pages then show a small "ikke bekræftet" mark).
    """

    id: str
    version: int
    kind: str
    law: str | None
    title_da: str
    title_en: str
    legal_reference: str
    source: str
    statutory: bool
    subject_type: str
    starts: str
    stops: str
    duration: Duration | None
    due_soon: Duration | None
    parameters: tuple[Parameter, ...] = ()
    duration_unconfirmed: str | None = None
    notes: str = ""
    trigger: EventSpec | None = None
    met_by: EventSpec | None = None
    legal_reference_da: str = ""
    reference_unconfirmed: str | None = None

    def param(self, name: str) -> Any:
        for p in self.parameters:
            if p.name == name:
                return p.value
        raise KeyError(f"rule {self.id} has no parameter {name!r}")

    @property
    def unconfirmed(self) -> bool:
        return (self.duration_unconfirmed is not None or self.reference_unconfirmed is not None
                or any(p.unconfirmed for p in self.parameters))

    def hjemmel(self, language: str = "da") -> str:
        """The legal basis as a page shows it: Danish for "da", else the English reference."""
        if language != "da":
            return self.legal_reference
        if self.legal_reference_da:
            return self.legal_reference_da
        return LOCAL_STANDARD_DA if not self.statutory else self.legal_reference

    def with_overrides(self, overrides: Mapping[str, Any]) -> Rule:
        """A copy with parameter values (and, where allowed, durations) replaced."""
        if not overrides:
            return self
        changes: dict[str, Any] = {}
        params = {p.name: p for p in self.parameters}
        for name, value in overrides.items():
            if name == "duration":
                if self.duration_unconfirmed is None:
                    raise ValueError(f"rule {self.id}: the statutory duration is not configurable")
                changes["duration"] = Duration.from_dict(value)
            elif name == "due_soon":
                changes["due_soon"] = Duration.from_dict(value)
            elif name in params:
                params[name] = replace(params[name], value=value)
            else:
                raise ValueError(f"rule {self.id} has no parameter {name!r}")
        return replace(self, parameters=tuple(params.values()), **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "kind": self.kind,
            "law": self.law,
            "title_da": self.title_da,
            "title_en": self.title_en,
            "legal_reference": self.legal_reference,
            "source": self.source,
            "statutory": self.statutory,
            "subject_type": self.subject_type,
            "starts": self.starts,
            "stops": self.stops,
            "duration": self.duration.to_dict() if self.duration else None,
            "due_soon": self.due_soon.to_dict() if self.due_soon else None,
            "parameters": [p.to_dict() for p in self.parameters],
            "duration_unconfirmed": self.duration_unconfirmed,
            "notes": self.notes,
            "trigger": self.trigger.to_dict() if self.trigger else None,
            "met_by": self.met_by.to_dict() if self.met_by else None,
            "legal_reference_da": self.legal_reference_da,
            "reference_unconfirmed": self.reference_unconfirmed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rule:
        return cls(
            id=data["id"],
            version=int(data["version"]),
            kind=data["kind"],
            law=data.get("law"),
            title_da=data["title_da"],
            title_en=data["title_en"],
            legal_reference=data["legal_reference"],
            source=data["source"],
            statutory=bool(data["statutory"]),
            subject_type=data["subject_type"],
            starts=data["starts"],
            stops=data["stops"],
            duration=Duration.from_dict(data.get("duration")),
            due_soon=Duration.from_dict(data.get("due_soon")),
            parameters=tuple(Parameter.from_dict(p) for p in data.get("parameters", ())),
            duration_unconfirmed=data.get("duration_unconfirmed"),
            notes=data.get("notes", ""),
            trigger=EventSpec.from_dict(data["trigger"]) if data.get("trigger") else None,
            met_by=EventSpec.from_dict(data["met_by"]) if data.get("met_by") else None,
            legal_reference_da=data.get("legal_reference_da") or "",
            reference_unconfirmed=data.get("reference_unconfirmed"),
        )


@dataclass(frozen=True)
class RuleSet:
    """The rules of one law period, at most one per kind."""

    law: str
    version: int
    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        kinds = [r.kind for r in self.rules]
        if len(kinds) != len(set(kinds)):
            raise ValueError(f"rule set {self.law} has two rules of the same kind")
        if any(r.law != self.law for r in self.rules):
            raise ValueError(f"rule set {self.law} holds a rule of another law period")

    def by_kind(self, kind: str) -> Rule | None:
        for rule in self.rules:
            if rule.kind == kind:
                return rule
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"law": self.law, "version": self.version, "rules": [r.to_dict() for r in self.rules]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RuleSet:
        return cls(data["law"], int(data["version"]), tuple(Rule.from_dict(r) for r in data["rules"]))


@dataclass(frozen=True)
class RuleConfig:
    """A municipality's choices: parameter overrides, disabled rules, local standards.

    `overrides` maps a rule id to {parameter name: value}; the keys "duration"
    (only where the rule's deadline is unconfirmed) and "due_soon" take
    {"amount": n, "unit": ...}. `local_standards` replaces the default list
    (pass `()` for none).
    """

    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()
    local_standards: tuple[Rule, ...] | None = None  # None: the default local standards

    def resolve(self, rule: Rule) -> Rule:
        return rule.with_overrides(self.overrides.get(rule.id, {}))

    def to_dict(self) -> dict[str, Any]:
        return {
            "overrides": {k: dict(v) for k, v in self.overrides.items()},
            "disabled": sorted(self.disabled),
            "local_standards": None
            if self.local_standards is None
            else [r.to_dict() for r in self.local_standards],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RuleConfig:
        local = data.get("local_standards")
        return cls(
            overrides={k: dict(v) for k, v in dict(data.get("overrides", {})).items()},
            disabled=frozenset(data.get("disabled", ())),
            local_standards=None if local is None else tuple(Rule.from_dict(r) for r in local),
        )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else to_local(moment).isoformat()


class Obligation(NamedTuple):
    """One deadline for one subject, as of one moment (immutable).

    `due` is None only for rules without any deadline (status is then open
    until met). When `due_all_day` is true the deadline is the end of the local
    day `local_date(due)`: show the date only. `seq` numbers repeated
    obligations of one rule for one subject (follow-up 1, 2, ...). `closed` is
    true when the subject ended (measure ended, case closed) by `as_of`, so
    nothing can be done about it any more. `start`, `due` and `met_at` are
    aware datetimes in UTC (exact instants); show them with the `*_local`
    properties (Europe/Copenhagen) or `calendar.to_local`; `to_dict()` gives
    Copenhagen ISO strings. `ended` says why a closed obligation ended before its subject did:
    "age_18" when the child turned 18 (shown as "bortfaldet (fyldt 18)" when not applicable).
    """

    rule_id: str
    rule_version: int
    law: str
    legal_reference: str
    statutory: bool
    municipality: int | None
    subject_type: str
    subject_id: str
    child_id: str | None
    case_id: str | None
    start: datetime
    due: datetime | None
    due_all_day: bool
    met_at: datetime | None
    met_by: str | None
    status: str
    seq: int = 1
    closed: bool = False
    ended: str | None = None  # why it ended early: "age_18" when the child turned 18 (age.py)

    @property
    def key(self) -> tuple[str, str, str, str | None, int]:
        """Identifies the obligation across different `as_of` moments."""
        return (self.rule_id, self.subject_type, self.subject_id, self.child_id, self.seq)

    @property
    def start_local(self) -> datetime:
        return to_local(self.start)

    @property
    def due_local(self) -> datetime | None:
        return None if self.due is None else to_local(self.due)

    @property
    def due_date(self) -> date | None:
        """The Copenhagen date of the deadline (what to show when `due_all_day`)."""
        return None if self.due is None else local_date(self.due)

    @property
    def met_local(self) -> datetime | None:
        return None if self.met_at is None else to_local(self.met_at)

    @property
    def is_met(self) -> bool:
        return self.status in Status.MET

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        for name in ("start", "due", "met_at"):
            data[name] = _iso(data[name])
        return data


_RANK = {
    Status.OVERDUE: 0,
    Status.DUE_SOON: 1,
    Status.OPEN: 2,
    Status.MET_LATE: 3,
    Status.MET_ON_TIME: 4,
    Status.NOT_APPLICABLE: 5,
}


def urgency_key(ob: Obligation) -> tuple[int, float, str, str, int]:
    """Overdue first (longest overdue first), then due soon, then open by due
    time (no deadline last), then met and not applicable."""
    due = ob.due.timestamp() if ob.due is not None else float("inf")
    if ob.status in Status.MET or ob.status == Status.NOT_APPLICABLE:
        due = -due if ob.due is not None else 0.0  # most recent first
    return (_RANK[ob.status], due, ob.rule_id, ob.subject_id, ob.seq)


def by_urgency(obligations: Iterable[Obligation]) -> list[Obligation]:
    return sorted(obligations, key=urgency_key)


def worklist(obligations: Iterable[Obligation]) -> list[Obligation]:
    """Unmet obligations that can still be acted on, most urgent first."""
    return by_urgency(o for o in obligations if o.status in Status.UNMET and not o.closed)


def count_by(obligations: Iterable[Obligation], *fields: str) -> dict[tuple[Any, ...], int]:
    """Counts by any obligation fields, e.g. `count_by(obs, "rule_id", "status")`."""
    counts: dict[tuple[Any, ...], int] = {}
    for ob in obligations:
        k = tuple(getattr(ob, f) for f in fields)
        counts[k] = counts.get(k, 0) + 1
    return counts
