# SPDX-License-Identifier: MPL-2.0
"""Shared state of one municipality's simulation: ids, clock, organisation, output."""

from __future__ import annotations

from random import Random
from typing import Any

from forebyg.domain.interchange.schema import TYPE_ORDER

from .clock import DAY, Clock
from .names import NamePicker
from .organisation import Org

Record = dict[str, Any]
NEVER = 1 << 40  # a minute far beyond any data: "still open"

PREFIX = {
    "team": "team", "district": "dist", "institution": "inst", "staff": "staff",
    "offer": "offer", "child": "c", "case": "case", "counselling": "couns",
    "notification": "n", "acute_assessment": "acute", "acknowledgement": "ack",
    "decision": "dec", "notifier_feedback": "fb", "investigation": "inv",
    "child_conversation": "conv", "network_meeting": "meet", "network_person": "np",
    "measure": "m", "plan": "plan", "goal": "goal", "followup": "fu",
    "staircase_step": "step", "goal_scale": "gs", "scaling_round": "sr", "instrument_answer": "ia", "journal_note": "jn",
    "document": "doc", "document_version": "dv",  # documents of the case (issue #18): not generated
}
RANK = {name: i for i, name in enumerate(TYPE_ORDER)}
ID_DIGITS = 7


class Sim:
    """One municipality being generated. Records are buffered per type for one
    family at a time and flushed in TYPE_ORDER, so every record comes after the
    records it refers to, and ids of each type appear in ascending order."""

    def __init__(
        self,
        *,
        code: int,
        name: str,
        rng: Random,
        clock: Clock,
        start_day: int,
        end_minute: int,
        warm_day: int,
    ):
        self.code = code
        self.name = name
        self.rng = rng
        self.clock = clock
        self.start_day = start_day
        self.start = clock.at(start_day, 0)
        self.end = end_minute
        self.end_day = clock.day(end_minute)
        self.warm_day = warm_day
        self.org: Org = Org()
        self.names = NamePicker(rng)
        self.years: list[tuple[int, int, int]] = []  # (year, first day, last day)
        self.year_factor: dict[int, float] = {}
        self._counters = dict.fromkeys(TYPE_ORDER, 0)
        self._prefix = {t: f"{code}-{PREFIX[t]}-" for t in TYPE_ORDER}
        self.out: list[list[Record]] = [[] for _ in TYPE_ORDER]
        self._load: dict[str, int] = {}

    def new_id(self, record_type: str) -> str:
        n = self._counters[record_type] + 1
        self._counters[record_type] = n
        return f"{self._prefix[record_type]}{n:0{ID_DIGITS}d}"

    def flush(self) -> list[Record]:
        records: list[Record] = []
        for bucket in self.out:
            if bucket:
                records.extend(bucket)
                bucket.clear()
        return records

    def assign(self, team_key: str) -> str:
        """A caseworker of the team, as a team leader would pick: the less busy of
        two (counting what each has been given so far)."""
        staff = self.org.caseworkers[team_key]
        load = self._load
        rnd = self.rng.random
        a = staff[int(rnd() * len(staff))]
        b = staff[int(rnd() * len(staff))]
        pick = a if load.get(a, 0) <= load.get(b, 0) else b
        load[pick] = load.get(pick, 0) + 1
        return pick

    # -- time helpers -----------------------------------------------------
    def office(self, day: int) -> int:
        """A time during office hours (08:00-15:30) on the first working day from `day`."""
        d = self.clock.working_on_or_after(day)
        return self.clock.at(d, 480 + int(self.rng.random() * 450))

    def office_after(self, minute: int, days: float) -> int:
        """Office hours, `days` calendar days after an instant, never before it."""
        t = self.office(self.clock.day(minute) + int(days))
        return t if t > minute else minute + 30 + int(self.rng.random() * 90)

    def ts(self, minute: int) -> str:
        return self.clock.ts(minute)

    def date(self, minute: int) -> str:
        return self.clock.date(self.clock.day(minute))

    def date_after(self, minute: int, days: int) -> str:
        return self.clock.date(self.clock.day(minute) + days)

    def year(self, minute: int) -> int:
        return 1970 + int((minute // DAY) / 365.2425)
