# SPDX-License-Identifier: MPL-2.0
"""A child's case from the decision to open it until it closes: investigation,
network, meetings, child conversations, measures up and down the staircase,
plans with goals, and follow-ups."""

from __future__ import annotations

from bisect import bisect
from collections.abc import Iterable
from typing import TypeVar

from forebyg.domain.staircase import KINDS_BY_CODE, law_for

from . import texts
from .clock import DAY, date_of
from .context import NEVER, RANK, Record, Sim
from .journal import add_journal_notes
from .population import Child, Family
from .progression import add_progression

# Share of each measure kind within a step (the rest of a law's kinds by suffix).
_STEP_KINDS = {
    1: (("early", 1.0),),
    2: (("consult", 0.40), ("contact_person", 0.45), ("other", 0.15)),
    3: (("home_support", 0.35), ("family_treatment", 0.45), ("family_residential", 0.05),
        ("respite", 0.15)),
    4: (("placement_network", 1.0),),
    5: (("placement_foster", 1.0),),
    6: (("placement_institution", 1.0),),
}
# Days on a step: (minimum, spread).
_DURATION = {1: (60, 210), 2: (150, 500), 3: (120, 540), 4: (300, 1200), 5: (365, 1400), 6: (180, 900)}
# What happens when a measure ends: (probability, end reason, next steps with weights).
_TRANSITIONS = {
    1: ((0.76, texts.END_GOAL, ()), (0.14, texts.END_UP, ((2, 0.5), (3, 0.5)))),
    2: ((0.55, texts.END_GOAL, ()), (0.20, texts.END_DOWN, ((1, 1.0),)),
        (0.13, texts.END_UP, ((3, 1.0),))),
    3: ((0.45, texts.END_GOAL, ()), (0.30, texts.END_DOWN, ((2, 1.0),)),
        (0.10, texts.END_UP, ((4, 0.3), (5, 0.45), (6, 0.25)))),
    4: ((0.15, texts.END_GOAL, ()), (0.50, texts.END_DOWN, ((3, 1.0),)),
        (0.10, texts.END_UP, ((5, 0.6), (6, 0.4)))),
    5: ((0.10, texts.END_GOAL, ()), (0.45, texts.END_DOWN, ((4, 0.3), (3, 0.7))),
        (0.15, texts.END_UP, ((6, 1.0),))),
    6: ((0.10, texts.END_GOAL, ()), (0.60, texts.END_DOWN, ((5, 0.4), (4, 0.2), (3, 0.4)))),
}
# First step after an investigation (0 = no measure).
_AFTER_INVESTIGATION = ((0, 0.22), (2, 0.27), (3, 0.39), (4, 0.03), (5, 0.05), (6, 0.04))
_ACUTE_PLACEMENT = ((4, 0.4), (5, 0.35), (6, 0.25))
_EXPECTED_MONTHS = {1: 6, 2: 12, 3: 12, 4: 24, 5: 24, 6: 12}
_LIFE_AREAS = tuple(texts.SECTIONS)
_WOMAN = {
    "Mormor": True, "Farmor": True, "Moster": True, "Faster": True, "Gudmor": True,
    "Voksen storesøster": True, "Morfar": False, "Farfar": False, "Morbror": False,
    "Farbror": False,
}


T = TypeVar("T")
# A cumulative weight table: the items and, for each, the running share of the weights up to it.
Table = tuple[tuple[T, ...], tuple[float, ...]]


def _cum(pairs: Iterable[tuple[T, float]]) -> Table[T]:
    items: list[T] = []
    weights: list[float] = []
    acc = 0.0
    for item, w in pairs:
        acc += w
        items.append(item)
        weights.append(acc)
    return tuple(items), tuple(w / acc for w in weights)


_KINDS = {
    (law, step): _cum((f"{law.lower()}_{suffix}", w) for suffix, w in pairs)
    for law in ("SEL", "BL")
    for step, pairs in _STEP_KINDS.items()
}
_AFTER_INV = _cum(_AFTER_INVESTIGATION)
_ACUTE = _cum(_ACUTE_PLACEMENT)


def pick(rnd: float, table: Table[T]) -> T:
    items, cum = table
    return items[min(bisect(cum, rnd), len(items) - 1)]


def ontime_followup(year: int) -> float:
    """Share of follow-ups held on time: 44 % in 2019 rising to 75 % in 2024 (ast.dk)."""
    return 0.44 + 0.062 * min(5, max(0, year - 2019))


class Process:
    """One case of one child. Records are collected, then kept or dropped as a
    whole: a case from the warm-up years is kept only when still open at the
    start of the data, and then without its events from before the start."""

    def __init__(self, sim: Sim, fam: Family, child: Child, cw: str, team_key: str):
        self.sim = sim
        self.fam = fam
        self.child = child
        self.cw = cw
        self.team_key = team_key
        self.recs: list[tuple[int, Record, int | None]] = []
        self.case_id = ""
        self.aware = self.opened = 0

    def add(self, rtype: str, rec: Record, keep_from: int | None) -> None:
        self.recs.append((RANK[rtype], rec, keep_from))

    def base(self, rtype: str) -> Record:
        return {"type": rtype, "id": self.sim.new_id(rtype), "municipality": self.sim.code}

    # -- the case as a whole ---------------------------------------------
    def run(self, *, outcome: str, aware: int, decided: int, acute: bool) -> None:
        sim, child = self.sim, self.child
        self.aware, self.opened = aware, decided
        case = self.base("case")
        self.case_id = case["id"]
        case["child"] = child.id
        case["opened_at"] = sim.ts(decided)
        self.add("case", case, None)
        child.case_id = self.case_id
        child.case_end = NEVER
        child.cw = [(decided, self.cw, self.team_key)]
        if sim.rng.random() < 0.62:
            self.map_network()
        p_meeting = 0.6 if law_for(date_of(sim.clock.day(decided))) == "BL" else 0.45
        if sim.rng.random() < p_meeting:
            self.meeting(sim.office_after(decided, 7 + sim.rng.random() * 28))
        if outcome == "early_support":
            last = self.measures(decided, 1, conversation_held=False)
        else:
            last = self.investigate_and_act(aware, decided, acute)
        closed = None
        if last is not None:
            closed = sim.office_after(last, 1 + sim.rng.random() * 45)
            adult = sim.clock.at(child.b18, 600)
            if closed > adult:
                closed = max(adult, last)
            if closed > sim.end:
                closed = None
        case["caseworker"] = self.cw
        case["team"] = sim.org.teams[self.team_key]
        if closed is not None:
            case["closed_at"] = sim.ts(closed)
        child.case_end = closed if closed is not None else NEVER
        add_progression(self)  # scaling at follow-ups (own random stream: nothing else changes)
        add_journal_notes(self, closed if closed is not None else sim.end)  # own random stream too
        self.flush(decided, closed)

    def flush(self, opened: int, closed: int | None) -> None:
        sim = self.sim
        start = sim.start
        if closed is not None and closed < start:
            return
        out = sim.out
        last = closed if closed is not None else sim.end
        for rank, rec, keep_from in self.recs:
            # Events are dated; drop those from before the start and any meeting
            # or conversation planned for after the case had closed.
            if keep_from is None or start <= keep_from <= last:
                out[rank].append(rec)
        if self.child.first_event is None or opened < self.child.first_event:
            self.child.first_event = opened

    def switch_caseworker(self, t: int, team_key: str) -> None:
        self.cw = self.sim.assign(team_key)
        self.team_key = team_key
        self.child.cw.append((t, self.cw, team_key))

    # -- investigation -----------------------------------------------------
    def investigate_and_act(self, aware: int, decided: int, acute: bool) -> int | None:
        rnd = self.sim.rng.random
        if acute and rnd() < 0.25:
            step = pick(rnd(), _ACUTE)
            self.investigation(aware, decided, step)  # runs beside the placement
            return self.measures(decided, step, conversation_held=False, acute=True)
        step = pick(rnd(), _AFTER_INV)
        completed, talked = self.investigation(aware, decided, step)
        if completed is None:
            return None
        if step == 0:
            return completed
        return self.measures(self.sim.office_after(completed, rnd() * 20), step,
                             conversation_held=talked)

    def investigation(self, aware: int, started: int, step: int) -> tuple[int | None, bool]:
        sim, child = self.sim, self.child
        rnd = sim.rng.random
        law = law_for(date_of(sim.clock.day(aware)))  # the legally relevant date
        ontime = rnd() < (0.66 if law == "SEL" else 0.47)
        days = 20 + rnd() * 100 if ontime else 125 + rnd() * 150
        done = sim.office(sim.clock.day(aware) + int(days))
        if done < started + 7 * DAY:
            done = sim.office_after(started, 7 + rnd() * 20)
        rec = self.base("investigation")
        rec["case"] = self.case_id
        rec["child"] = child.id
        rec["aware_at"] = sim.ts(aware)
        rec["started_at"] = sim.ts(started)
        rec["consent"] = rnd() >= 0.07
        if law == "BL" and not ontime and rnd() < 0.6:
            provisional = sim.office(sim.clock.day(aware) + 121)
            if provisional <= sim.end:
                rec["provisional_assessment_at"] = sim.ts(provisional)
        completed = done if done <= sim.end else None  # None: still running at the end of the data
        self.add("investigation", rec, started)
        teen = sim.clock.day(started) >= child.b13
        if completed is not None:
            rec["completed_at"] = sim.ts(completed)
            rec["conclusion"] = texts.CONCLUSIONS[step]
            if law == "SEL":
                rec["sections"] = {
                    area: texts.fill(options[int(rnd() * len(options))], teen)
                    for area, options in texts.SECTIONS.items()
                }
            else:
                rec["sections"] = {"holistic": texts.HOLISTIC[int(rnd() * len(texts.HOLISTIC))]}
        elif law == "SEL":
            area = _LIFE_AREAS[int(rnd() * 6)]
            options = texts.SECTIONS[area]
            rec["sections"] = {area: texts.fill(options[int(rnd() * len(options))], teen)}
        child.active.append((started, completed if completed is not None else NEVER))
        talked = False
        until = completed if completed is not None else sim.end
        if rnd() < self.p_conversation(started):
            held = sim.office_after(started, rnd() * max(1, (until - started) / DAY * 0.8))
            if held < until and sim.clock.day(held) < child.b18:
                self.conversation(held, texts.CONVERSATION_PURPOSES[1])
                talked = True
        return completed, talked

    # -- measures ----------------------------------------------------------
    def measures(self, decided: int, step: int, *, conversation_held: bool,
                 acute: bool = False) -> int | None:
        """Measures from `decided` on, moving on the staircase, until the case can close.

        Returns when the last measure ended, or None when one is still running
        (or decided but not started) at the end of the data."""
        sim, child, clock = self.sim, self.child, self.sim.clock
        rnd = sim.rng.random
        first = True
        while True:
            if decided > sim.end:
                return None
            dday = clock.day(decided)
            adult_day = child.b18
            if dday >= adult_day:
                return decided
            law = law_for(date_of(dday))
            kind = KINDS_BY_CODE[pick(rnd(), _KINDS[(law, step)])]
            if step >= 4 and self.team_key != "placement" and rnd() < 0.8:
                self.switch_caseworker(decided, "placement")
                if not child.mapped:
                    self.map_network()
            p_talk = self.p_conversation(decided) * (0.5 if step == 1 else 1.0)
            if not (first and conversation_held) and rnd() < p_talk:
                # Before the decision, but not before the municipality knew of the child.
                low = self.aware + 30
                held = sim.office(dday - 1 - int(rnd() * 20))
                if not low <= held < decided:
                    held = low + int(rnd() * max(0, decided - low))
                if held < decided:
                    self.conversation(held, texts.CONVERSATION_PURPOSES[0])
            m = self.base("measure")
            m["case"] = self.case_id
            m["child"] = child.id
            m["law"] = law
            m["kind"] = kind.code
            m["legal_basis"] = kind.legal_basis
            m["step"] = step
            m["decided_at"] = sim.ts(decided)
            offers = sim.org.offers[kind.code]
            m["offer"] = offers[int(rnd() * len(offers))]
            m["purpose"] = texts.PURPOSES[step]
            if law == "BL" or rnd() < 0.5:
                m["expected_duration_months"] = _EXPECTED_MONTHS[step]
            m["by"] = self.cw
            if acute and first:
                started = decided + int(rnd() * 180)
            elif step >= 4:
                started = sim.clock.at(dday + int(rnd() * rnd() * 30), 540 + int(rnd() * 480))
            else:
                delay = rnd() * rnd() * (20 if step == 1 else 45)
                started = sim.office(dday + int(delay)) if delay >= 1 else decided + 60
            if started <= decided:
                started = decided + 30
            if started > sim.end:
                self.plan(decided, step, law, first, sim.end)
                self.add("measure", m, None)
                child.active.append((decided, NEVER))
                return None
            m["started_at"] = sim.ts(started)
            low, spread = _DURATION[step]
            if kind.code.endswith("family_residential"):
                low, spread = 60, 120
            ended = sim.office(clock.day(started) + int(low + rnd() * spread))
            adult = clock.at(adult_day, 600)
            reason, next_step = None, None
            if ended >= adult:
                ended, reason = max(adult, started + DAY), texts.END_ADULT
            self.plan(decided, step, law, first, min(ended, sim.end))
            self.followups(m["id"], started, min(ended, sim.end), step)
            if ended > sim.end:
                self.add("measure", m, None)
                self._active(decided, NEVER, step)
                return None
            if reason is None:
                reason, next_step = self.transition(step)
            m["ended_at"] = sim.ts(ended)
            m["end_reason"] = reason
            self.add("measure", m, ended)
            self._active(decided, ended, step)
            if next_step is None:
                return ended
            first = False
            if step == 1 and next_step > 1:
                # Support under SEL § 52 / BL § 32 needs an investigation first.
                started_inv = sim.office_after(ended, rnd() * 10)
                if started_inv > sim.end:
                    return None
                completed, talked = self.investigation(ended, started_inv, next_step)
                if completed is None:
                    return None
                conversation_held = talked
                first = True
                decided = sim.office_after(completed, rnd() * 15)
            else:
                decided = ended
            step = next_step
            if step <= 3 and self.team_key == "placement" and rnd() < 0.5:
                age_day = clock.day(decided)
                self.switch_caseworker(decided, "t13" if age_day >= child.b13 else
                                       ("t7" if age_day >= child.b6 else "t0"))
            if rnd() < 0.3:
                self.meeting(sim.office_after(decided, 5 + rnd() * 25))

    def _active(self, start: int, end: int, step: int) -> None:
        self.child.active.append((start, end))
        if step >= 4:
            self.child.placed.append((start, end))

    def transition(self, step: int) -> tuple[str, int | None]:
        rnd = self.sim.rng.random
        r = rnd()
        for p, reason, nexts in _TRANSITIONS[step]:
            if r < p:
                if not nexts:
                    return reason, None
                return reason, pick(rnd(), _cum(nexts))
            r -= p
        others = texts.END_OTHER
        return others[int(rnd() * len(others))], None

    def followups(self, measure_id: str, started: int, until: int, step: int) -> None:
        sim = self.sim
        rnd = sim.rng.random
        if step == 1 and rnd() < 0.6:
            return  # early support has no statutory follow-up; most are not recorded
        clock = sim.clock
        due_day = clock.day(started) + 91
        last_day = min(clock.day(until), self.child.b18 - 1)
        while due_day <= last_day:
            if rnd() < 0.06:
                due_day += 182  # this follow-up never happened
                continue
            if rnd() < ontime_followup(1970 + int(due_day / 365.2425)):
                day = due_day - int(rnd() * 20)
            else:
                day = due_day + 5 + int(rnd() * 80)
            held = sim.office(day)
            if held > until:
                break
            rec = self.base("followup")
            rec["case"] = self.case_id
            rec["child"] = self.child.id
            rec["held_at"] = sim.ts(held)
            rec["measure"] = measure_id
            rec["note"] = texts.FOLLOWUP_NOTES[int(rnd() * len(texts.FOLLOWUP_NOTES))]
            held_day = clock.day(held)
            rec["next_due"] = clock.date(held_day + 182)
            rec["by"] = self.cw
            self.add("followup", rec, held)
            due_day = held_day + 182

    # -- plans, conversations, meetings, network ---------------------------
    def plan(self, decided: int, step: int, law: str, first: bool, until: int) -> None:
        sim = self.sim
        rnd = sim.rng.random
        if step == 1:
            return
        if law == "SEL":
            if rnd() >= (0.8 if first else 0.55):
                return
            days = -rnd() * 14 if rnd() < 0.7 else 10 + rnd() * 140
            kind = "handleplan"
        else:
            if rnd() >= ((0.9 if step >= 4 else 0.5) * (1.0 if first else 0.7)):
                return
            days = rnd() * 100
            kind = "ungeplan" if sim.clock.day(decided) >= self.child.b16 else "barnets_plan"
        made = sim.office(sim.clock.day(decided) + int(days))
        opened = self.child.cw[0][0]
        if made < opened:
            made = opened + 30
        if made > until:
            return
        rec = self.base("plan")
        rec["case"] = self.case_id
        rec["child"] = self.child.id
        rec["kind"] = kind
        rec["made_at"] = sim.ts(made)
        rec["summary"] = texts.PLAN_SUMMARIES[kind]
        rec["by"] = self.cw
        self.add("plan", rec, None)
        n_goals = 2 + int(rnd() * 3)
        start = int(rnd() * 6)
        made_day = sim.clock.day(made)
        for i in range(n_goals):
            area = _LIFE_AREAS[(start + i) % 6]
            options = texts.GOALS[area]
            goal = self.base("goal")
            goal["plan"] = rec["id"]
            goal["child"] = self.child.id
            goal["life_area"] = area
            goal["text"] = options[int(rnd() * len(options))]
            goal["target_date"] = sim.clock.date(made_day + 180 + int(rnd() * 185))
            self.add("goal", goal, None)

    def p_conversation(self, t: int) -> float:
        day = self.sim.clock.day(t)
        p = 0.56 if law_for(date_of(day)) == "SEL" else 0.66
        if day < _fourth_birthday(self.child):
            p *= 0.35
        return p

    def conversation(self, held: int, purpose: str) -> None:
        rec = self.base("child_conversation")
        rec["child"] = self.child.id
        rec["held_at"] = self.sim.ts(held)
        rec["purpose"] = purpose
        if held >= self.opened:  # one held before the case was opened belongs to no case
            rec["case"] = self.case_id
        rec["by"] = self.cw
        self.add("child_conversation", rec, held)

    def meeting(self, held: int) -> None:
        sim, child = self.sim, self.child
        rnd = sim.rng.random
        day = sim.clock.day(held)
        if held > sim.end or day >= child.b18:
            return
        people = [{"name": name, "role": relation} for name, relation in child.holders]
        if day >= child.b6:
            people.append({"name": child.name, "role": "Barn" if day < child.b13 else "Ung"})
        if self.fam.network:
            for name, relation, resource, _ in self.fam.network[:2]:
                if resource:
                    people.append({"name": name, "role": relation})
        for _ in range(1 + int(rnd() * 3)):
            role, _noun = texts.PROFESSIONALS[int(rnd() * len(texts.PROFESSIONALS))]
            people.append({"name": f"{role} (fagperson)", "role": role})
        people.append({"name": sim.org.staff_names[self.cw], "role": "Rådgiver"})
        agreements = texts.AGREEMENTS
        n = 1 + int(rnd() * 3)
        first = int(rnd() * len(agreements))
        rec = self.base("network_meeting")
        rec["child"] = child.id
        rec["held_at"] = sim.ts(held)
        rec["kind"] = "inclusive"
        rec["case"] = self.case_id
        rec["participants"] = people
        rec["agreements"] = " ".join(agreements[(first + i) % len(agreements)] for i in range(n))
        followup_day = day + 42 + int(rnd() * 15)
        rec["followup_date"] = sim.clock.date(followup_day)
        self.add("network_meeting", rec, held)
        if rnd() < 0.7:
            later = sim.office(followup_day - 5 + int(rnd() * 16))
            if later <= sim.end and sim.clock.day(later) < child.b18:
                again = self.base("network_meeting")
                again["child"] = child.id
                again["held_at"] = sim.ts(later)
                again["kind"] = "follow_up"
                again["case"] = self.case_id
                again["participants"] = [dict(p) for p in people]
                again["agreements"] = "Aftalerne fra sidste møde er gennemgået og justeret."
                self.add("network_meeting", again, later)

    def map_network(self) -> None:
        sim, fam, child = self.sim, self.fam, self.child
        rnd = sim.rng.random
        if fam.network is None:
            fam.network = []
            relations = texts.NETWORK_RELATIONS
            start = int(rnd() * len(relations))
            for i in range(2 + int(rnd() * 4)):
                relation, likely = relations[(start + i * 5) % len(relations)]
                woman = _WOMAN.get(relation)
                first = sim.names.adult_first(rnd() < 0.5 if woman is None else woman)
                surname = fam.surname if relation.startswith("Far") else sim.names.surname()
                resource = rnd() < (0.75 if likely else 0.35)
                note = texts.NETWORK_NOTES[int(rnd() * len(texts.NETWORK_NOTES))]
                fam.network.append((f"{first} {surname}", relation, resource, note))
        if getattr(child, "mapped", False):
            return  # the network is mapped once per child, not again for every new case
        child.mapped = True
        for name, relation, resource, note in fam.network[: 1 + int(rnd() * 4)]:
            rec = self.base("network_person")
            rec["child"] = child.id
            rec["name"] = name
            rec["relation"] = relation
            rec["resource"] = resource
            if note:
                rec["note"] = note
            self.add("network_person", rec, None)


def _fourth_birthday(child: Child) -> int:
    return child.b1 + 3 * 365 + 1
