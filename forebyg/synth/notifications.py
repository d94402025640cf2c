# SPDX-License-Identifier: MPL-2.0
"""One family's years: notifications (some about siblings together), acute
assessments, acknowledgements, routing and assignment, decisions, feedback to
professional notifiers, and early counselling courses before any case."""

from __future__ import annotations

from forebyg.domain.interchange.schema import NOTIFIER_KINDS

from . import texts
from .casework import Process, _cum, pick
from .context import RANK, Record, Sim
from .population import Child, Family

_R_NOTIFICATION = RANK["notification"]
_R_ACUTE = RANK["acute_assessment"]
_R_ACK = RANK["acknowledgement"]
_R_DECISION = RANK["decision"]
_R_FEEDBACK = RANK["notifier_feedback"]
_R_COUNSELLING = RANK["counselling"]
# A drawn notification: (minute received, notifier kind, the children it is about, about siblings together).
Note = tuple[int, str, list[Child], bool]

# Yearly chance factors by age group (0-5, 6-12, 13-17); teenagers are notified about most.
AGE_FACTOR = (0.8, 0.9, 1.35)
# Chance of one more notification in the same year, by family risk level (geometric).
_MORE = (0.38, 0.48, 0.58, 0.66)
_COUNSELLING = (0.004, 0.035, 0.05, 0.03)
_QUIET = 0.85  # share of would-be notifications about children in a measure that never come
_MERGE = 0.3  # chance that a notification also lists siblings notified about that year
# Notifier kind weights per age group, in NOTIFIER_KINDS order:
# school, daycare, health_visitor, ppr, police, hospital, family, anonymous, other
_KIND_WEIGHTS = (
    (2, 28, 14, 3, 12, 16, 10, 7, 10),
    (36, 0.5, 0.5, 4, 10, 7, 9, 6, 27),
    (28, 0, 0, 2, 25, 7, 8, 5, 25),
)
_SIBLING_WEIGHTS = (15, 5, 3, 1, 30, 10, 15, 10, 20)
_KINDS_BY_AGE = tuple(_cum(zip(NOTIFIER_KINDS, w, strict=True)) for w in _KIND_WEIGHTS)
_KINDS_SIBLINGS = _cum(zip(NOTIFIER_KINDS, _SIBLING_WEIGHTS, strict=True))
_CHANNELS = {
    "police": _cum((("digital_form", 0.6), ("email", 0.4))),
    "hospital": _cum((("digital_form", 0.5), ("email", 0.2), ("letter", 0.2), ("phone", 0.1))),
    "family": _cum((("phone", 0.5), ("in_person", 0.2), ("email", 0.15), ("digital_form", 0.15))),
    "anonymous": _cum((("phone", 0.6), ("digital_form", 0.3), ("letter", 0.1))),
    "other": _cum((("digital_form", 0.4), ("email", 0.3), ("phone", 0.2), ("letter", 0.05),
                   ("in_person", 0.05))),
}
_CHANNEL_PROFESSIONAL = _cum((("digital_form", 0.55), ("email", 0.25), ("phone", 0.15),
                              ("letter", 0.05)))
_OFFICE_KINDS = frozenset(("school", "daycare", "health_visitor", "ppr"))
_ACUTE = {"police": 0.09, "hospital": 0.09}
_REFERRERS = (
    _cum((("health_visitor", 0.7), ("family", 0.2), ("other", 0.1))),
    _cum((("daycare", 0.6), ("health_visitor", 0.15), ("family", 0.15), ("ppr", 0.1))),
    _cum((("school", 0.6), ("ppr", 0.15), ("family", 0.15), ("other", 0.1))),
)


def _age_group(child: Child, day: int) -> int:
    return 0 if day < child.b6 else (1 if day < child.b13 else 2)


def _age_team(child: Child, day: int) -> str:
    return ("t0", "t7", "t13")[_age_group(child, day)]


def simulate(sim: Sim, fam: Family) -> None:
    """Draw and play out everything that happens to one family, in time order."""
    rnd = sim.rng.random
    rate, level = fam.rate, fam.level
    more = _MORE[level]
    p_counsel = _COUNSELLING[level]
    entries: list[tuple[int, int, int]] = []  # (day, child index, year)
    counsel: list[tuple[int, Child]] = []
    warm_day, end_day = sim.warm_day, sim.end_day
    factor = sim.year_factor
    jitter = level > 0
    for ci, child in enumerate(fam.children):
        lo = child.birth + 1 if child.birth >= warm_day else warm_day
        hi = child.b18 - 1 if child.b18 <= end_day else end_day
        if lo > hi:
            continue
        b6, b13 = child.b6, child.b13
        for year, first, last in sim.years:
            if last < lo or first > hi:
                continue
            a = lo if lo > first else first
            b = hi if hi < last else last
            span = b - a + 1
            mid = (a + b) >> 1
            p = rate * factor[year] * span / 365.0
            p *= 0.8 if mid < b6 else (0.9 if mid < b13 else 1.35)
            if jitter:
                p *= 0.4 + 1.2 * rnd()
            if rnd() < p:
                entries.append((a + int(rnd() * span), ci, year))
                while rnd() < more:
                    entries.append((a + int(rnd() * span), ci, year))
            if rnd() < p_counsel * span / 365.0:
                counsel.append((a + int(rnd() * span), child))
    if not entries and not counsel:
        return
    events: list[tuple[int, int, Note | Child]] = []
    for day, kids, merged in _merge_siblings(sim, entries):
        note = _draw_notification(sim, fam, day, kids, merged)
        if note is not None:
            events.append((note[0], 0, note))
    for day, child in counsel:
        events.append((sim.office(day), 1, child))
    events.sort(key=lambda e: (e[0], e[1]))
    for minute, _what, payload in events:
        if isinstance(payload, Child):
            _counselling(sim, fam, payload, minute)
        else:
            _notification(sim, fam, payload)


def _merge_siblings(sim: Sim, entries: list[tuple[int, int, int]]):  # noqa: ANN202
    entries.sort()
    if len(entries) < 2:
        return [(d, [ci], False) for d, ci, _ in entries]
    rnd = sim.rng.random
    used = [False] * len(entries)
    out = []
    for i, (day, ci, year) in enumerate(entries):
        if used[i]:
            continue
        used[i] = True
        kids = [ci]
        if rnd() < _MERGE:
            for j in range(i + 1, len(entries)):
                d2, c2, y2 = entries[j]
                if not used[j] and y2 == year and c2 not in kids:
                    used[j] = True
                    kids.append(c2)
                    if len(kids) == 3:
                        break
        out.append((day, kids, len(kids) > 1))
    return out


def _draw_notification(sim: Sim, fam: Family, day: int, kids: list[int], merged: bool) -> Note | None:
    """Who notified, how, when (minute) and about whom; None if after the end."""
    rnd = sim.rng.random
    clock = sim.clock
    primary = fam.children[kids[0]]
    kind = pick(rnd(), _KINDS_SIBLINGS if merged else _KINDS_BY_AGE[_age_group(primary, day)])
    if kind in _OFFICE_KINDS:
        received = sim.office(day)
    elif kind == "police":
        received = clock.at(day, int(rnd() * 1440))
    elif kind == "hospital" and rnd() < 0.4:
        received = clock.at(day, int(rnd() * 1440))
    elif rnd() < 0.7:
        received = sim.office(day)
    else:
        received = clock.at(day, 420 + int(rnd() * 960))
    if received > sim.end:
        return None
    rday = clock.day(received)
    children = [fam.children[i] for i in kids]
    children = [c for c in children if c.birth < rday < c.b18]
    if not children:
        return None
    return received, kind, children, merged


def _in_measure(child: Child, t: int) -> bool:
    if child.case_end <= t:
        return False
    return any(start <= t < stop for start, stop in child.active)


def _notification(sim: Sim, fam: Family, note: Note) -> None:
    received, kind, children, merged = note
    rnd = sim.rng.random
    if rnd() < _QUIET and all(_in_measure(c, received) for c in children):
        return  # while support runs, concerns mostly reach the caseworker directly
    clock, org = sim.clock, sim.org
    rday = clock.day(received)
    keep = received >= sim.start
    primary = children[0]
    names = texts.NOTIFIER_NAMES[kind]
    if kind == "anonymous":
        notifier_name, professional = None, False
    else:
        notifier_name, professional = names[int(rnd() * len(names))]
    rec: Record = {
        "type": "notification", "id": sim.new_id("notification"), "municipality": sim.code,
        "received_at": sim.ts(received),
        "channel": pick(rnd(), _CHANNELS.get(kind, _CHANNEL_PROFESSIONAL)),
        "notifier_kind": kind, "notifier_professional": professional,
        "children": [c.id for c in children],
    }
    teen = rday >= primary.b13
    if merged:
        rec["concern"] = texts.SIBLING_CONCERNS[int(rnd() * len(texts.SIBLING_CONCERNS))]
    else:
        options = texts.CONCERNS[kind]
        tail = texts.CONCERN_TAILS[int(rnd() * len(texts.CONCERN_TAILS))]
        rec["concern"] = texts.fill(options[int(rnd() * len(options))], teen) + tail
    if notifier_name is not None:
        rec["notifier_name"] = notifier_name

    # Routing: the child's existing caseworker when there is one (continuity).
    routed: tuple[str, str] | None = None  # (caseworker, team key)
    for c in children:
        if c.case_end > received:
            for since, staff_id, key in reversed(c.cw):
                if since <= received:
                    routed = (staff_id, key)
                    break
            if routed is not None:
                break
    if routed is None:
        team_key = _age_team(primary, rday)
        cw = sim.assign(team_key)
    else:
        cw, team_key = routed
    rec["team"] = org.teams[team_key]
    unassigned = received > sim.end - 2880 and rnd() < 0.5
    if not unassigned:
        rec["assigned_to"] = cw

    acute = rnd() < (0.12 if merged else _ACUTE.get(kind, 0.025))
    receiving = org.receiving
    records: list[tuple[int, Record]] = [(_R_NOTIFICATION, rec)]
    year = sim.year(received)
    r = rnd()
    if r >= 0.015:
        if acute:
            delay = 10 + rnd() * 300
        elif r < min(0.95, 0.87 + 0.016 * max(0, year - 2019)):
            delay = 20 + rnd() * rnd() * 1400
        else:
            delay = 1445 + rnd() * 3000
        assessed = received + int(delay)
        if assessed <= sim.end:
            actions = texts.ACUTE_ACTIONS if acute else texts.NONACUTE_ACTIONS
            records.append((_R_ACUTE, {
                "type": "acute_assessment", "id": sim.new_id("acute_assessment"),
                "municipality": sim.code, "notification": rec["id"],
                "assessed_at": sim.ts(assessed), "acute": acute,
                "action": actions[int(rnd() * len(actions))],
                "by": receiving[int(rnd() * len(receiving))],
            }))
    if kind != "anonymous":
        r = rnd()
        sent_day = None
        if professional:
            if r < 0.88:
                sent_day = clock.add_working(rday, int(rnd() * 7))
            elif r < 0.96:
                sent_day = clock.add_working(rday, 7 + int(rnd() * 12))
        elif r < 0.45:
            sent_day = clock.add_working(rday, int(rnd() * 10))
        if sent_day is not None:
            sent = sim.office(sent_day)
            if sent <= received:
                sent = received + 30 + int(rnd() * 90)
            if sent <= sim.end:
                records.append((_R_ACK, {
                    "type": "acknowledgement", "id": sim.new_id("acknowledgement"),
                    "municipality": sim.code, "notification": rec["id"], "sent_at": sim.ts(sent),
                    "by": receiving[int(rnd() * len(receiving))],
                }))

    outcomes: list[str | None] = []
    last_decided = received
    for child in children:
        decision = _decide(sim, fam, child, received, rday, acute)
        if decision is None:
            outcomes.append(None)
            continue
        outcome, decided = decision
        outcomes.append(outcome)
        last_decided = max(last_decided, decided)
        notes = texts.DECISION_NOTES[outcome]
        records.append((_R_DECISION, {
            "type": "decision", "id": sim.new_id("decision"), "municipality": sim.code,
            "notification": rec["id"], "child": child.id, "decided_at": sim.ts(decided),
            "outcome": outcome, "by": cw, "note": notes[int(rnd() * len(notes))],
        }))
        child.notified += 1
        if outcome in ("early_support", "investigation"):
            Process(sim, fam, child, cw, team_key).run(
                outcome=outcome, aware=received, decided=decided, acute=acute)

    if professional and outcomes and None not in outcomes:
        if rnd() < min(0.45, max(0.15, 0.2 + 0.04 * (year - 2019))):
            given = sim.office_after(last_decided, rnd() * 15)
            if given <= sim.end:
                if "investigation" in outcomes:
                    content = "investigation_started"
                elif "early_support" in outcomes or "existing_measure" in outcomes:
                    content = "measure_started"
                else:
                    content = "nothing_started"
                records.append((_R_FEEDBACK, {
                    "type": "notifier_feedback", "id": sim.new_id("notifier_feedback"),
                    "municipality": sim.code, "notification": rec["id"],
                    "given_at": sim.ts(given), "content": content, "by": cw,
                }))
    if keep:
        out = sim.out
        for rank, r_ in records:
            out[rank].append(r_)
        for c in children:
            if c.first_event is None or received < c.first_event:
                c.first_event = received


def _decide(
    sim: Sim, fam: Family, child: Child, received: int, rday: int, acute: bool,
) -> tuple[str, int] | None:
    """The outcome for one child and the minute it was decided (None: not yet decided)."""
    rnd = sim.rng.random
    if acute:
        decided = received + 60 + int(rnd() * 600)
    else:
        decided = sim.office(rday + int(rnd() * rnd() * 28))
        if decided <= received:
            decided = received + 60 + int(rnd() * 240)
    if decided > sim.end:
        return None
    if child.case_end > received:
        for start, stop in child.active:
            if start <= received < stop:
                return ("existing_measure" if rnd() < 0.92 else "no_action"), decided
        return "no_action", decided
    level = fam.level
    p_inv = (0.06, 0.12, 0.2, 0.27)[level] + (0.06 if child.notified >= 2 else 0.0)
    if acute:
        p_inv = 0.8
    p_early = (0.15, 0.19, 0.2, 0.17)[level]
    r = rnd()
    if r < p_inv:
        return "investigation", decided
    if r < p_inv + p_early:
        return "early_support", decided
    return "no_action", decided


def _counselling(sim: Sim, fam: Family, child: Child, started: int) -> None:
    """An early counselling course (rådgivningsforløb) with consent, before any case."""
    if started < sim.start or started > sim.end or child.case_end > started:
        return
    rnd = sim.rng.random
    clock = sim.clock
    day = clock.day(started)
    if not child.birth < day < child.b18:
        return
    consent = sim.office(day - int(rnd() * 4))
    if not child.birth < clock.day(consent) or consent > started:
        consent = started
    group = _age_group(child, day)
    referrer = pick(rnd(), _REFERRERS[0 if day < child.b1 else (1 if group == 0 else 2)])
    rec: Record = {
        "type": "counselling", "id": sim.new_id("counselling"), "municipality": sim.code,
        "child": child.id, "started_at": sim.ts(started), "consent_at": sim.ts(consent),
        "consent_by": child.holders[0][0], "referred_by": referrer,
        "caseworker": sim.assign(("t0", "t7", "t13")[group]),
        "note": texts.COUNSELLING_NOTES[int(rnd() * len(texts.COUNSELLING_NOTES))],
    }
    ended = sim.office(day + 30 + int(rnd() * 120))
    if ended <= sim.end:
        rec["ended_at"] = sim.ts(ended)
    sim.out[_R_COUNSELLING].append(rec)
    if child.first_event is None or consent < child.first_event:
        child.first_event = consent
