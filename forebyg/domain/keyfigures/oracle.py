# SPDX-License-Identifier: MPL-2.0
"""The test oracle: the same catalogue, computed the straightforward way, child by child.

Plain Python over interchange dicts: no frames, no joins. Deadline
indicators take their obligations from the deadline engine itself
(`forebyg.domain.deadlines.compute_by_municipality`), so the production
path's columnar copy of the rules is checked against the engine by the
property test (tests/domain/test_keyfigures_properties.py). Slow on purpose
(readability first); use `engine.compute` for real work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from statistics import median
from typing import Any

from ..calendar import local_date
from ..deadlines import Status, compute_by_municipality, rule_by_id
from ..staircase import MEASURE_KINDS
from .catalogue import ACTIVE_IDS, BY_ID
from .model import Row
from .periods import Periods, clip_periods, period_index
from .population import Population

KIND_STEP = {k.code: k.default_step for k in MEASURE_KINDS}
PRIMARY = {"case": "opened_at", "counselling": "started_at", "notification": "received_at",
           "acute_assessment": "assessed_at", "acknowledgement": "sent_at", "decision": "decided_at",
           "notifier_feedback": "given_at", "investigation": "started_at", "child_conversation": "held_at",
           "measure": "decided_at", "followup": "held_at", "scaling_round": "held_at"}
OPTIONAL = {"case": ("closed_at",), "counselling": ("ended_at",), "investigation": ("completed_at", "aware_at"),
            "measure": ("started_at", "ended_at")}
DEADLINE_KINDS = {"acute_assessment": "notifications.acute_24h",
                  "acknowledgement": "notifications.acknowledged_on_time",
                  "notifier_feedback": "notifications.feedback_documented",
                  "investigation": "investigations.within_4_months",
                  "child_conversation": "followup.conversation_before_decision",
                  "followup": "followup.on_time"}


def _ts(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).astimezone(UTC)


class Data:
    """The records as they were at as_of, with timestamps parsed."""

    def __init__(self, records: Iterable[Mapping[str, Any]], as_of: datetime):
        self.by_type: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for raw in records:
            rtype = raw.get("type")
            if rtype in (None, "header"):
                continue
            rec = dict(raw)
            primary = PRIMARY.get(rtype)
            if primary:
                rec[primary] = _ts(rec[primary])
                if rec[primary] > as_of:
                    continue  # did not exist yet
            for name in OPTIONAL.get(rtype, ()):
                moment = _ts(rec.get(name))
                rec[name] = moment if moment is None or name == "aware_at" or moment <= as_of else None
            self.by_type[rtype][rec["id"]] = rec

    def all(self, rtype: str) -> list[dict[str, Any]]:
        return list(self.by_type.get(rtype, {}).values())

    def get(self, rtype: str, rid: str | None) -> dict[str, Any] | None:
        return None if rid is None else self.by_type.get(rtype, {}).get(rid)

    def need(self, rtype: str, rid: str) -> dict[str, Any]:
        """A record the data must hold (e.g. the subject of an obligation computed from the data)."""
        return self.by_type[rtype][rid]


class Acc:
    def __init__(self) -> None:
        self.rows = 0
        self.children: set[str] = set()
        self.num: set[Any] = set()
        self.den: set[Any] = set()
        self.values: list[float] = []
        self.x = 0.0
        self.y = 0.0
        self.staff: set[str] = set()
        self.steps: dict[str, int] = {}


def compute_oracle(records: Iterable[Mapping[str, Any]], *, periods: Periods, population: Population | None = None,
                   units: Iterable[str] = ("municipality",), indicators: Iterable[str] | None = None) -> list[Row]:
    periods = clip_periods(periods)
    records = list(records)
    as_of = periods.as_of_utc
    data = Data(records, as_of)
    o = _Oracle(data, periods, tuple(units))
    o.run(records)
    return o.rows(population or Population(), set(indicators or ACTIVE_IDS))


class _Oracle:
    def __init__(self, data: Data, periods: Periods, units: tuple[str, ...]):
        self.d = data
        self.ps = periods
        self.units = units
        self.acc: dict[tuple[str, str, str, int, int], Acc] = defaultdict(Acc)

    # -- helpers ---------------------------------------------------------------
    def p(self, moment: datetime | date) -> int | None:
        day = moment if isinstance(moment, date) and not isinstance(moment, datetime) else local_date(moment)
        i = period_index(self.ps.granularity, day)
        return i if i in self.ps else None

    def district(self, child_id: str | None) -> str | None:
        c = self.d.get("child", child_id)
        return c.get("district") if c else None

    def case_team(self, case_id: str | None) -> str | None:
        case = self.d.get("case", case_id)
        return case.get("team") if case else None

    def keys(self, ind: str, muni: int, team: str | None, districts: Iterable[str | None], p: int) -> Iterator[Acc]:
        rate = BY_ID[ind].kind in ("rate", "per_child")
        if "municipality" in self.units:
            yield self.acc[(ind, "municipality", str(muni), muni, p)]
        if "team" in self.units and team and not rate:
            yield self.acc[(ind, "team", team, muni, p)]
        if "district" in self.units:
            for d in sorted({d for d in districts if d}):
                yield self.acc[(ind, "district", d, muni, p)]

    def ks(self, m: dict[str, Any]) -> int:
        return int(KIND_STEP.get(m["kind"], m["step"]))

    # -- the computation -----------------------------------------------------------
    def run(self, records: list[Mapping[str, Any]]) -> None:
        children_of: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for rtype in ("counselling", "decision", "investigation", "measure", "scaling_round", "case"):
            for rec in self.d.all(rtype):
                children_of[rec["child"]][rtype].append(rec)
        for n in self.d.all("notification"):
            for c in dict.fromkeys(n["children"]):
                children_of[c]["notification"].append(n)
        for child_id, recs in sorted(children_of.items()):
            self.child(child_id, recs)
        self.deadlines(records)

    def child(self, cid: str, recs: dict[str, list[dict[str, Any]]]) -> None:
        district = self.district(cid)
        self.notifications(cid, district, recs["notification"])
        for c in recs["counselling"]:
            staff = self.d.get("staff", c.get("caseworker"))
            def counselled(p: int, c: dict[str, Any] = c, staff: dict[str, Any] | None = staff) -> None:
                for a in self.keys("early.counselling_per_1000", c["municipality"],
                                   staff.get("team") if staff else None, [district], p):
                    a.children.add(cid)
            self.during(c["started_at"], c["ended_at"], counselled)
        for dec in recs["decision"]:
            if dec["outcome"] not in ("early_support", "investigation") or (p := self.p(dec["decided_at"])) is None:
                continue
            n = self.d.get("notification", dec["notification"])
            for a in self.keys("early.helped_without_investigation", dec["municipality"],
                               n.get("team") if n else None, [district], p):
                a.den.add(cid)
                if dec["outcome"] == "early_support":
                    a.num.add(cid)
        for inv in recs["investigation"]:
            team = self.case_team(inv["case"])
            if (p := self.p(inv["started_at"])) is not None:
                for a in self.keys("investigations.started_per_1000", inv["municipality"], team, [district], p):
                    a.rows += 1
            if inv["completed_at"] is not None and (p := self.p(inv["completed_at"])) is not None:
                days = (local_date(inv["completed_at"]) - local_date(inv["aware_at"])).days
                for a in self.keys("investigations.median_days", inv["municipality"], team, [district], p):
                    a.values.append(float(days))
        self.measures(cid, district, recs["measure"])
        self.cases(cid, district, recs["case"])
        self.scaling(cid, district, recs["scaling_round"], recs["case"])

    def during(self, start: datetime | None, end: datetime | None, fn: Callable[[int], object]) -> None:
        """Call fn(p) for every period during which [start, end] is active."""
        if start is None:
            return
        lo = period_index(self.ps.granularity, local_date(start))
        hi = self.ps.last if end is None else period_index(self.ps.granularity, local_date(end))
        for p in range(max(lo, self.ps.first), min(hi, self.ps.last) + 1):
            fn(p)

    def at_end(self, start: datetime | None, end: datetime | None) -> list[int]:
        """The periods at whose end [start, end) is running."""
        if start is None:
            return []
        out = []
        for p in range(self.ps.first, self.ps.last + 1):
            t = self.ps.end_moment(p)
            if start < t and (end is None or end >= t):
                out.append(p)
        return out

    def notifications(self, cid: str, district: str | None, notes: list[dict[str, Any]]) -> None:
        times = sorted({n["received_at"] for n in notes})
        for n in notes:
            p = self.p(n["received_at"])
            if p is None:
                continue
            earlier = [t for t in times if t < n["received_at"]]
            repeat = bool(earlier) and n["received_at"] - earlier[-1] <= timedelta(days=365)
            muni, team = n["municipality"], n.get("team")
            for a in self.keys("notifications.per_1000", muni, team, [district], p):
                a.rows += 1
            for a in self.keys("notifications.children_notified_per_1000", muni, team, [district], p):
                a.children.add(cid)
            for a in self.keys("notifications.repeat_12m", muni, team, [district], p):
                a.den.add(cid)
                if repeat:
                    a.num.add(cid)

    def measures(self, cid: str, district: str | None, measures: list[dict[str, Any]]) -> None:
        for m in measures:
            muni, team, step = m["municipality"], self.case_team(m["case"]), self.ks(m)
            started, ended = m["started_at"], m["ended_at"]
            ind = "measures.preventive_per_1000" if step < 4 else "measures.placed_per_1000"
            def measured(p: int, ind: str = ind, muni: int = muni, team: str | None = team) -> None:
                for a in self.keys(ind, muni, team, [district], p):
                    a.children.add(cid)
            self.during(started, ended, measured)
            for end_p in self.at_end(started, ended):
                for ind in ["measures.family_based_share"] + [f"staircase.children_step_{n}" for n in range(1, 7)]:
                    for a in self.keys(ind, muni, team, [district], end_p):
                        a.steps[cid] = max(a.steps.get(cid, 0), step)
            if started is not None and (p := self.p(started)) is not None:
                days = (local_date(started) - local_date(m["decided_at"])).days
                for a in self.keys("measures.median_days_decision_to_start", muni, team, [district], p):
                    a.values.append(float(days))
            if ended is not None and (p := self.p(ended)) is not None:
                later = sorted((o["decided_at"], o["id"], self.ks(o)) for o in measures
                               if o["id"] != m["id"] and ended <= o["decided_at"] <= ended + timedelta(days=183))
                nxt = later[0][2] if later else None
                for ind, flag in (("staircase.step_down_share", nxt is not None and nxt < step),
                                  ("staircase.step_up_share", nxt is not None and nxt > step)):
                    for a in self.keys(ind, muni, team, [district], p):
                        a.den.add(m["id"])
                        if flag:
                            a.num.add(m["id"])
                if started is not None:
                    days = (local_date(ended) - local_date(started)).days
                    for a in self.keys(f"staircase.median_days_step_{step}", muni, team, [district], p):
                        a.values.append(float(days))
            self.spending(cid, district, m, muni, team, step)

    def spending(self, cid: str, district: str | None, m: dict[str, Any], muni: int, team: str | None,
                 step: int) -> None:
        offer = self.d.get("offer", m.get("offer"))
        if offer is None or m["started_at"] is None:
            return
        d0 = local_date(m["started_at"])
        d1 = local_date(m["ended_at"]) if m["ended_at"] else local_date(self.ps.as_of_utc) + timedelta(days=1)
        for period in self.ps:
            days = (min(d1, period.next_first_day) - max(d0, period.first_day)).days
            if days <= 0:
                continue
            amount = offer["price_per_month"] * 12.0 / 365.0 * days
            for ind in ("economy.spending_per_child", "economy.share_steps_1_3"):
                for a in self.keys(ind, muni, team, [district], period.index):
                    a.x += amount
                    a.y += amount if step < 4 else 0.0
                    a.children.add(cid)

    def cases(self, cid: str, district: str | None, cases: list[dict[str, Any]]) -> None:
        for case in cases:
            if not case.get("caseworker"):
                continue
            for p in self.at_end(case["opened_at"], case["closed_at"]):
                for a in self.keys("workload.children_per_caseworker", case["municipality"], case.get("team"),
                                   [district], p):
                    a.children.add(cid)
                    a.staff.add(case["caseworker"])

    def scaling(self, cid: str, district: str | None, rounds: list[dict[str, Any]], cases: list[dict[str, Any]]) -> None:
        with_team = sorted((c["opened_at"], c["id"], c["team"]) for c in cases if c.get("team"))
        team = with_team[-1][2] if with_team else None
        by_goal: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rounds:
            by_goal[r["goal"]].append(r)
        for goal_rounds in by_goal.values():
            goal_rounds.sort(key=lambda r: (r["held_at"], r["id"]))
            for before, now in zip(goal_rounds, goal_rounds[1:], strict=False):
                p = self.p(now["held_at"])
                a_scores, b_scores = _scores(now), _scores(before)
                common = sorted(set(a_scores) & set(b_scores))
                if p is None or not common:
                    continue
                change = (sum(a_scores[k] for k in common) / len(common)
                          - sum(b_scores[k] for k in common) / len(common))
                for a in self.keys("progression.goals_improved", now["municipality"], team, [district], p):
                    a.den.add(now["id"])
                    if change > 0:
                        a.num.add(now["id"])
                for a in self.keys("progression.median_change", now["municipality"], team, [district], p):
                    a.values.append(change)

    def deadlines(self, records: list[Mapping[str, Any]]) -> None:
        per_muni = compute_by_municipality(records, as_of=self.ps.as_of_utc)
        for obligations in per_muni.values():
            for ob in obligations:
                ind = DEADLINE_KINDS.get(rule_by_id(ob.rule_id).kind)
                if ind is None or ob.status not in (Status.MET_ON_TIME, Status.MET_LATE, Status.OVERDUE):
                    continue
                p = self.p(ob.due) if ob.due is not None else None
                if p is None or ob.municipality is None:
                    continue
                if ob.subject_type == "notification":
                    n = self.d.need("notification", ob.subject_id)
                    team, districts = n.get("team"), [self.district(c) for c in n["children"]]
                    subject = ob.subject_id
                elif ob.subject_type == "investigation":
                    inv = self.d.need("investigation", ob.subject_id)
                    team, districts, subject = self.case_team(inv["case"]), [self.district(inv["child"])], inv["id"]
                else:
                    m = self.d.need("measure", ob.subject_id)
                    team, districts = self.case_team(m["case"]), [self.district(m["child"])]
                    subject = f"{m['id']}#{ob.seq}" if ind == "followup.on_time" else m["id"]
                flag = ob.status in Status.MET if ind == "notifications.feedback_documented" else (
                    ob.status == Status.MET_ON_TIME)
                for a in self.keys(ind, ob.municipality, team, districts, p):
                    a.den.add(subject)
                    if flag:
                        a.num.add(subject)

    # -- rows ------------------------------------------------------------------------
    def rows(self, population: Population, wanted: set[str]) -> list[Row]:
        out: list[Row] = []
        per = {"year": 1, "quarter": 4, "month": 12}[self.ps.granularity]
        codes = sorted({r["municipality"] for recs in self.d.by_type.values() for r in recs.values()
                        if r.get("municipality") is not None})
        districts = [(r["municipality"], r["id"]) for r in self.d.all("district")]
        muni_pop, dist_pop = population.resolved(codes, districts, self.ps.years())
        for ind_id in sorted(wanted):
            ind = BY_ID[ind_id]
            if ind.kind in ("rate", "per_child"):
                skeleton = []
                if "municipality" in self.units:
                    skeleton += [("municipality", str(c), c, p.index, muni_pop.get((c, p.index // per)))
                                 for c in codes for p in self.ps]
                if "district" in self.units:
                    skeleton += [("district", d, c, p.index, dist_pop.get((d, p.index // per)))
                                 for c, d in districts for p in self.ps]
                for kind, unit, code, p, pop in skeleton:
                    if not pop:
                        continue
                    a = self.acc.get((ind_id, kind, unit, code, p)) or Acc()
                    row = self._row(ind_id, kind, unit, code, p, a, float(pop))
                    if row is not None:
                        out.append(row)
            else:
                for (i, kind, unit, code, p), a in sorted(self.acc.items()):
                    if i == ind_id:
                        row = self._row(ind_id, kind, unit, code, p, a, None)
                        if row is not None:
                            out.append(row)
        return out

    def _row(self, ind_id: str, kind: str, unit: str, code: int, p: int, a: Acc, pop: float | None) -> Row | None:
        ind = BY_ID[ind_id]
        label = next(x.label for x in self.ps if x.index == p)
        base: dict[str, Any] = dict(indicator=ind_id, unit_kind=kind, unit=unit, municipality=code, period=label)
        if ind.kind in ("rate", "per_child") and pop is None:
            return None  # a rate needs the population behind it
        if ind.kind == "rate":
            assert pop is not None
            num = float(a.rows if ind_id in ("notifications.per_1000", "investigations.started_per_1000")
                        else len(a.children) if a.children else self._steps(ind_id, a))
            return Row(**base, numerator=num, denominator=pop, value=num / pop * 1000, count=int(num))
        if ind.kind == "per_child":
            assert pop is not None
            return Row(**base, numerator=a.x, denominator=pop, value=a.x / pop, count=len(a.children))
        if ind.kind == "median":
            return Row(**base, numerator=None, denominator=None, value=float(median(a.values)),
                       count=len(a.values)) if a.values else None
        if ind.kind == "money_share":
            return Row(**base, numerator=a.y, denominator=a.x, value=a.y / a.x * 100, count=len(a.children)) \
                if a.x > 0 else None
        if ind.kind == "ratio":
            return Row(**base, numerator=float(len(a.children)), denominator=float(len(a.staff)),
                       value=len(a.children) / len(a.staff), count=len(a.children)) if a.staff else None
        if ind_id == "measures.family_based_share":
            placed = [s for s in a.steps.values() if s >= 4]
            num = sum(1 for s in placed if s < 6)
            return Row(**base, numerator=float(num), denominator=float(len(placed)),
                       value=num / len(placed) * 100, count=len(placed)) if placed else None
        if not a.den:
            return None
        return Row(**base, numerator=float(len(a.num)), denominator=float(len(a.den)),
                   value=len(a.num) / len(a.den) * 100, count=len(a.den))

    @staticmethod
    def _steps(ind_id: str, a: Acc) -> int:
        if ind_id.startswith("staircase.children_step_"):
            n = int(ind_id.rsplit("_", 1)[1])
            return sum(1 for s in a.steps.values() if s == n)
        return 0


def _scores(rnd: dict[str, Any]) -> dict[tuple[str, str], float]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for e in rnd["entries"]:
        groups[(e["respondent"], (e.get("name") or "").strip().lower())].append(e["score"])
    return {k: sum(v) / len(v) for k, v in groups.items()}
