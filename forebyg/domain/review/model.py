# SPDX-License-Identifier: MPL-2.0
"""Data objects of the case review: outcomes, evidence, check results and findings.

Every object is frozen and JSON-serialisable (`to_dict` / `from_dict`). A
*check* answers, for one case, with a `Result`: an outcome (met, not met, not
applicable) and the `Item`s behind it, one per assessed subject (a
notification, a measure, a follow-up ...), each with its evidence: which
records, which field, which date. A `Finding` is a point's result for one case
and records the id and version of the point that produced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


class Outcome:
    """Outcome names (plain strings, stable in JSON, the database and templates)."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"

    ALL: tuple[str, ...] = (MET, NOT_MET, NOT_APPLICABLE)


MET, NOT_MET, NA = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE


@dataclass(frozen=True)
class Evidence:
    """One record behind an answer: its type and id, the field used, and that field's time
    (ISO 8601 in Europe/Copenhagen, or None for a field without a time)."""

    record_type: str
    record_id: str
    field: str
    at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"record_type": self.record_type, "record_id": self.record_id, "field": self.field, "at": self.at}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(data["record_type"], data["record_id"], data["field"], data.get("at"))


@dataclass(frozen=True)
class Item:
    """The answer for one assessed subject of a case.

    `reason` is a code in `reasons.REASONS` (with a Danish and an English
    text); `details` holds the values the reason refers to (a due time, a
    deadline status, the missing areas ...).
    """

    check: str
    subject_type: str
    subject_id: str
    outcome: str
    reason: str
    evidence: tuple[Evidence, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "outcome": self.outcome,
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
            "details": dict(self.details),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Item:
        return cls(
            data["check"], data["subject_type"], data["subject_id"], data["outcome"], data["reason"],
            tuple(Evidence.from_dict(e) for e in data.get("evidence", ())), dict(data.get("details", {})),
        )


@dataclass(frozen=True)
class Result:
    """What a check (or a combination of checks) answers for one case."""

    outcome: str
    items: tuple[Item, ...] = ()

    @classmethod
    def of_items(cls, items: Iterable[Item]) -> Result:
        """Met when every applicable item is met; not applicable when none is applicable."""
        items = tuple(items)
        return cls(all_of(i.outcome for i in items), items)


def all_of(outcomes: Iterable[str]) -> str:
    """"and" over outcomes: not-applicable parts are ignored; none applicable gives not applicable."""
    seen = [o for o in outcomes if o != NA]
    if not seen:
        return NA
    return MET if all(o == MET for o in seen) else NOT_MET


def any_of(outcomes: Iterable[str]) -> str:
    """"or" over outcomes: not-applicable parts are ignored; none applicable gives not applicable."""
    seen = [o for o in outcomes if o != NA]
    if not seen:
        return NA
    return MET if any(o == MET for o in seen) else NOT_MET


def negate(outcome: str) -> str:
    """"not": met and not met swap; not applicable stays not applicable."""
    return {MET: NOT_MET, NOT_MET: MET}.get(outcome, NA)


@dataclass(frozen=True)
class Finding:
    """A point's answer for one case, with the point's id and version."""

    point_id: str
    point_version: int
    theme: str
    case_key: str
    outcome: str
    items: tuple[Item, ...] = ()

    @property
    def reason(self) -> str:
        """The reason to show first: the first not-met item's, else the first item's."""
        for item in self.items:
            if item.outcome == self.outcome:
                return item.reason
        return self.items[0].reason if self.items else "no_subjects"

    def evidence(self) -> list[Evidence]:
        seen: dict[tuple[str, str, str], Evidence] = {}
        for item in self.items:
            for e in item.evidence:
                seen.setdefault((e.record_type, e.record_id, e.field), e)
        return list(seen.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "point_id": self.point_id,
            "point_version": self.point_version,
            "theme": self.theme,
            "case_key": self.case_key,
            "outcome": self.outcome,
            "reason": self.reason,
            "items": [i.to_dict() for i in self.items],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            data["point_id"], int(data["point_version"]), data["theme"], data["case_key"], data["outcome"],
            tuple(Item.from_dict(i) for i in data.get("items", ())),
        )


@dataclass(frozen=True)
class ParamSpec:
    """A parameter a check accepts: its default and what it means. `note` says when the
    default is a local convention rather than law (shown as such in docs/review.md)."""

    name: str
    default: Any
    description: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "default": self.default, "description": self.description, "note": self.note}
