# SPDX-License-Identifier: MPL-2.0
"""What a check sees: one case file, the review's moment and period, the point's law
period, and the deadline engine's obligations for the case.

The time-based points reuse the deadline engine (`forebyg.domain.deadlines`)
so that a review and the deadline pages never disagree: `ObligationIndex`
holds the obligations computed once for all cases of a review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

from ..calendar import add_months, end_of_day, local_date, start_of_day
from ..deadlines import Obligation, Rule, RuleConfig, rule_by_id
from ..staircase import KINDS_BY_CODE, law_for
from .casefile import CaseFile, Period, Record, iso, ts
from .model import Evidence


class ObligationIndex:
    """Obligations by subject, each with its rule's kind."""

    def __init__(self, obligations: Iterable[Obligation], config: RuleConfig | None = None):
        self.by_subject: dict[tuple[str, str], list[Obligation]] = {}
        self._rules: dict[str, Rule] = {}
        self.config = config
        for ob in obligations:
            self.by_subject.setdefault((ob.subject_type, ob.subject_id), []).append(ob)

    def rule(self, rule_id: str) -> Rule:
        r = self._rules.get(rule_id)
        if r is None:
            r = self._rules[rule_id] = rule_by_id(rule_id, self.config)
        return r

    def kind(self, ob: Obligation) -> str:
        return self.rule(ob.rule_id).kind

    def of(self, subject_type: str, subject_id: str, kind: str) -> list[Obligation]:
        return [o for o in self.by_subject.get((subject_type, subject_id), ()) if self.kind(o) == kind]


def tokens(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


def _norm(text: str | None) -> str:
    return " ".join(tokens(text or ""))


class CaseContext:
    """One case file as a check sees it. `law` is the point's law period (None: both)."""

    def __init__(self, file: CaseFile, *, as_of: datetime, period: Period, obligations: ObligationIndex,
                 law: str | None = None):
        self.file = file
        self.as_of = as_of
        self.period = period
        self.obligations = obligations
        self.law = law

    def with_law(self, law: str | None) -> CaseContext:
        return CaseContext(self.file, as_of=self.as_of, period=self.period, obligations=self.obligations, law=law)

    # --- time --------------------------------------------------------------------

    def ts(self, rec: Record, name: str) -> datetime | None:
        """A timestamp of the record, or None if absent or not yet happened at the review moment."""
        return ts(rec, name, self.as_of)

    def at(self, rec: Record, name: str) -> datetime:
        """A timestamp a check relies on: the record is under review because of it."""
        moment = self.ts(rec, name)
        if moment is None:
            raise ValueError(f"{rec.get('type')} {rec.get('id')}: no {name} at the review moment")
        return moment

    def law_ok(self, moment: datetime | None) -> bool:
        return self.law is None or (moment is not None and law_for(local_date(moment)) == self.law)

    def evidence(self, rec: Record, name: str | None) -> Evidence:
        return Evidence(rec["type"], rec["id"], name or "", iso(self.ts(rec, name)) if name else None)

    @property
    def window_end(self) -> datetime:
        end = self.period.end_at
        return self.as_of if end is None or end > self.as_of else end

    # --- subjects of the period -----------------------------------------------------

    def notifications(self) -> list[Record]:
        """Notifications about the child received in the period (in the point's law period)."""
        out = []
        for n in self.file.notifications:
            at = self.ts(n, "received_at")
            if self.period.contains(at) and self.law_ok(at):
                out.append(n)
        return out

    def investigations(self) -> list[Record]:
        """Investigations whose awareness date is in the period (law period by that date)."""
        out = []
        for inv in self.file.investigations:
            aware = self.ts(inv, "aware_at")
            if self.period.contains(aware) and self.law_ok(aware):
                out.append(inv)
        return out

    def measures(self, *, include_early: bool = True) -> list[Record]:
        """Measures decided in the period (law period by the decision date)."""
        out = []
        for m in self.file.measures:
            decided = self.ts(m, "decided_at")
            if not (self.period.contains(decided) and self.law_ok(decided)):
                continue
            if not include_early and is_early(m):
                continue
            out.append(m)
        return out

    def anchors(self) -> list[datetime]:
        """When the period's subjects happened (notification, investigation, measure)."""
        out = [self.ts(n, "received_at") for n in self.notifications()]
        out += [self.ts(i, "aware_at") for i in self.investigations()]
        out += [self.ts(m, "decided_at") for m in self.measures()]
        return sorted(a for a in out if a is not None)

    def casework(self) -> bool:
        """Whether the case had an investigation or a measure other than early support in the period."""
        return bool(self.investigations() or self.measures(include_early=False))

    def window_start(self, lookback_months: int) -> datetime | None:
        anchors = self.anchors()
        if not anchors:
            return self.period.start_at
        first = local_date(anchors[0])
        return start_of_day(add_months(first, -int(lookback_months)))

    # --- the child and the people around it -----------------------------------------

    def birth_date(self) -> date | None:
        child = self.file.child
        return date.fromisoformat(child["birth_date"]) if child and child.get("birth_date") else None

    def age_at(self, moment: datetime | None) -> float | None:
        born = self.birth_date()
        if born is None or moment is None:
            return None
        return (local_date(moment) - born).days / 365.25

    def classify(self, person: Mapping[str, str], vocab: Mapping[str, Sequence[str]]) -> str:
        """'child', 'parent', 'network' or 'other' for a meeting participant {name, role}.

        By name first (the child's name; a custody holder's name; a recorded
        network person who is not a parent), then by the role's words against
        the configured vocabularies (`child_roles`, `parent_roles`, `network_roles`).
        """
        name, role = _norm(person.get("name")), person.get("role") or ""
        child = self.file.child
        if child and name and name == _norm(child.get("name")):
            return "child"
        if name and name in {_norm(h.get("name")) for h in (child or {}).get("custody_holders") or ()}:
            return "parent"
        words = set(tokens(role)) | {_norm(role)}
        if words & set(vocab.get("child_roles", ())):
            return "child"
        if words & set(vocab.get("parent_roles", ())):
            return "parent"
        if name and name in self.network_names(vocab):
            return "network"
        if words & set(vocab.get("network_roles", ())):
            return "network"
        return "other"

    def is_parent_relation(self, person: Mapping[str, str], vocab: Mapping[str, Sequence[str]]) -> bool:
        child = self.file.child or {}
        if _norm(person.get("name")) in {_norm(h.get("name")) for h in child.get("custody_holders") or ()}:
            return True
        words = set(tokens(person.get("relation") or "")) | {_norm(person.get("relation"))}
        return bool(words & set(vocab.get("parent_roles", ())))

    def network_names(self, vocab: Mapping[str, Sequence[str]]) -> set[str]:
        return {_norm(p["name"]) for p in self.file.network_persons if not self.is_parent_relation(p, vocab)}

    def meetings_between(self, start: datetime | None, end: datetime) -> list[Record]:
        out = []
        for mt in self.file.meetings:
            at = self.ts(mt, "held_at")
            if at is not None and (start is None or at >= start) and at <= end:
                out.append(mt)
        return out

    def conversations_between(self, start: datetime | None, end: datetime) -> list[Record]:
        out = []
        for c in self.file.conversations:
            at = self.ts(c, "held_at")
            if at is not None and (start is None or at >= start) and at <= end:
                out.append(c)
        return out


def days_after(moment: datetime, days: int) -> datetime:
    """The end of the local day `days` calendar days after `moment`'s local day (the deadline
    engine's convention for day counts: docs/rules.md, "Calendar conventions")."""
    return end_of_day(local_date(moment) + timedelta(days=int(days))).astimezone(UTC)


def local_days_between(a: datetime, b: datetime) -> int:
    """Whole calendar days between the local dates of two moments (never negative)."""
    return abs((local_date(a) - local_date(b)).days)


def is_early(measure: Record) -> bool:
    kind = KINDS_BY_CODE.get(measure["kind"])
    return bool(kind and kind.early)


def blank(text: str | None, min_chars: int) -> bool:
    """Whether free text is missing: fewer than `min_chars` characters after trimming."""
    return len((text or "").strip()) < max(1, int(min_chars))
