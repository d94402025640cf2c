# SPDX-License-Identifier: MPL-2.0
"""A small builder of interchange records for hand-built review cases (tests, examples).

Times are written as local Copenhagen wall-clock strings ("2023-03-01 10:00")
and stored as ISO 8601 with the right UTC offset, as in a real interchange file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import count
from typing import Any

from ..calendar import CPH
from ..staircase import KINDS_BY_CODE

LIFE_AREAS = ("development_behaviour", "family", "school", "health", "leisure_friendships", "other")


def at(local: str) -> str:
    """'2023-03-01 10:00' (Copenhagen) as ISO 8601 with its offset."""
    moment = datetime.fromisoformat(local)
    return moment.replace(tzinfo=CPH).isoformat()


class Records:
    def __init__(self, municipality: int = 657):
        self.municipality = municipality
        self.records: list[dict[str, Any]] = []
        self._ids = count(1)

    def _add(self, rtype: str, rid: str | None = None, **fields: Any) -> str:
        rid = rid or f"{rtype[:3]}{next(self._ids)}"
        rec = {"type": rtype, "id": rid, "municipality": self.municipality}
        rec.update({k: v for k, v in fields.items() if v is not None})
        self.records.append(rec)
        return rid

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records)

    def team(self, tid: str, name: str = "Team") -> str:
        return self._add("team", tid, name=name)

    def staff(self, sid: str, team: str | None = None, role: str = "caseworker") -> str:
        return self._add("staff", sid, username=sid, name=sid.title(), role=role, team=team)

    def child(self, cid: str, *, name: str | None = None, birth: str = "2012-05-01",
              holders: Sequence[tuple[str, str]] = (("Anna Hansen", "mor"), ("Bo Hansen", "far"))) -> str:
        return self._add("child", cid, name=name or f"Barn {cid}", birth_date=birth,
                         registered_at=at("2015-01-01 09:00"),
                         custody_holders=[{"name": n, "relation": r} for n, r in holders])

    def case(self, child: str, opened: str, *, cid: str | None = None, caseworker: str | None = None,
             team: str | None = None, closed: str | None = None) -> str:
        return self._add("case", cid, child=child, opened_at=at(opened), closed_at=at(closed) if closed else None,
                         caseworker=caseworker, team=team)

    def notification(self, children: str | Iterable[str], received: str, *, professional: bool = True,
                     kind: str = "school", nid: str | None = None, team: str | None = None) -> str:
        kids = [children] if isinstance(children, str) else list(children)
        return self._add("notification", nid, received_at=at(received), channel="email", notifier_kind=kind,
                         notifier_professional=professional, concern="Bekymring (syntetisk)", children=kids, team=team)

    def acute(self, notification: str, assessed: str, *, acute: bool = False,
              action: str = "Vurderet: ikke akut") -> str:
        return self._add("acute_assessment", None, notification=notification, assessed_at=at(assessed), acute=acute,
                         action=action)

    def ack(self, notification: str, sent: str) -> str:
        return self._add("acknowledgement", None, notification=notification, sent_at=at(sent))

    def feedback(self, notification: str, given: str, content: str = "investigation_started") -> str:
        return self._add("notifier_feedback", None, notification=notification, given_at=at(given), content=content)

    def decision(self, notification: str, child: str, decided: str, outcome: str = "investigation") -> str:
        return self._add("decision", None, notification=notification, child=child, decided_at=at(decided),
                         outcome=outcome)

    def investigation(self, child: str, case: str, aware: str, *, started: str | None = None,
                      completed: str | None = None, conclusion: str | None = "Konklusion: behov for støtte.",
                      sections: dict[str, str] | None = None, areas: Iterable[str] | None = None,
                      consent: bool = True) -> str:
        if sections is None:
            sections = {a: "Beskrevet." for a in (LIFE_AREAS if areas is None else areas)}
        return self._add("investigation", None, case=case, child=child, aware_at=at(aware),
                         started_at=at(started or aware), consent=consent, sections=sections,
                         conclusion=conclusion if completed else None,
                         completed_at=at(completed) if completed else None)

    def conversation(self, child: str, held: str, case: str | None = None) -> str:
        return self._add("child_conversation", None, child=child, held_at=at(held), purpose="Børnesamtale", case=case)

    def meeting(self, child: str, held: str, participants: Iterable[tuple[str, str]], *, kind: str = "inclusive",
                case: str | None = None) -> str:
        return self._add("network_meeting", None, child=child, held_at=at(held), kind=kind, case=case,
                         participants=[{"name": n, "role": r} for n, r in participants])

    def network_person(self, child: str, name: str, relation: str, *, resource: bool = True) -> str:
        return self._add("network_person", None, child=child, name=name, relation=relation, resource=resource)

    def measure(self, child: str, case: str, kind: str, decided: str, *, started: str | None = None,
                ended: str | None = None, step: int | None = None, mid: str | None = None,
                **extra: object) -> str:
        """`extra`: optional measure fields such as `urgent_plan` or `plan_decision` (issue #16)."""
        k = KINDS_BY_CODE[kind]
        return self._add("measure", mid, case=case, child=child, law=k.law, kind=kind, legal_basis=k.legal_basis,
                         step=step or k.default_step, decided_at=at(decided),
                         started_at=at(started) if started else None, ended_at=at(ended) if ended else None,
                         **extra)

    def plan(self, child: str, case: str, made: str, kind: str = "handleplan") -> str:
        return self._add("plan", None, case=case, child=child, kind=kind, made_at=at(made))

    def followup(self, child: str, case: str, held: str, *, measure: str | None = None,
                 note: str | None = "Barnet trives bedre i skolen.", next_due: str | None = None) -> str:
        return self._add("followup", None, case=case, child=child, held_at=at(held), measure=measure, note=note,
                         next_due=next_due)

    def scaling(self, child: str, goal: str, held: str, *, followup: str | None = None, score: int = 5) -> str:
        return self._add("scaling_round", None, child=child, goal=goal, held_at=at(held), followup=followup,
                         entries=[{"respondent": "child", "score": score}])
