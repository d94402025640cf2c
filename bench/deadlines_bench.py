# SPDX-License-Identifier: MPL-2.0
"""Benchmark: obligations for a municipality of about 20,000 children, as of one moment.

Builds a seeded synthetic case history in interchange form (its own small
generator below, so the figure does not move when `forebyg.synth` changes;
`--source synth` uses `forebyg.synth.generate` instead when it is there),
then times

* the baseline: one pass over the records parsing each record's main
  timestamp (the least any computation over the records must do), and
* `compute_obligations(records, as_of=...)`,

each best of `--runs`, in the same process, and writes the figures with the
ratio to bench/RESULTS-deadlines.md.

    .venv/bin/python bench/deadlines_bench.py            # default sizes, writes the results
    .venv/bin/python bench/deadlines_bench.py --no-write --runs 3
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forebyg.domain.calendar import CPH  # noqa: E402
from forebyg.domain.deadlines import compute_obligations, count_by  # noqa: E402
from forebyg.domain.deadlines.index import PRIMARY  # noqa: E402
from forebyg.domain.staircase import MEASURE_KINDS, law_for  # noqa: E402

MUNICIPALITY = 657
START = datetime(2019, 1, 1, tzinfo=CPH)
END = datetime(2025, 6, 30, 23, 0, tzinfo=CPH)
AS_OF = datetime(2025, 6, 1, 12, 0, tzinfo=CPH)
PROFESSIONAL = ["school", "daycare", "health_visitor", "ppr", "police", "hospital"]
PRIVATE = ["family", "anonymous", "other"]


def ts(moment: datetime) -> str:
    return moment.astimezone(CPH).isoformat(timespec="seconds")


class Generator:
    """A seeded, plausible case history: notifications and everything that follows."""

    def __init__(self, *, children: int, rate: float, seed: int):
        self.rng = Random(seed)
        self.children = children
        self.rate = rate  # notifications per 100 children per year
        self.records: list[dict] = []
        self.n = Counter()
        self.case_of: dict[str, str] = {}
        self.active: dict[str, list[tuple[datetime, datetime | None]]] = {}

    def new_id(self, prefix: str) -> str:
        self.n[prefix] += 1
        return f"{MUNICIPALITY}-{prefix}-{self.n[prefix]:07d}"

    def add(self, rtype: str, rid: str, **fields) -> dict:
        for key, value in fields.items():
            if isinstance(value, datetime):
                fields[key] = ts(value)
        record = {"type": rtype, "id": rid, "municipality": MUNICIPALITY, **fields}
        self.records.append(record)
        return record

    def at(self, base: datetime, days: float, office: bool = True) -> datetime:
        """`days` later, at a plausible hour (office hours unless `office` is False)."""
        moment = base + timedelta(days=days)
        if office:
            day = moment.astimezone(CPH).date()
            while day.weekday() >= 5:
                day += timedelta(days=1)
            hour = self.rng.randint(8, 15)
            return datetime(day.year, day.month, day.day, hour, self.rng.randint(0, 59), tzinfo=CPH)
        return moment

    def run(self) -> list[dict]:
        rng = self.rng
        child_ids = []
        for _ in range(self.children):
            cid = self.new_id("chi")
            born = date(2002, 1, 1) + timedelta(days=rng.randint(0, 23 * 365))
            self.add("child", cid, name="Syntetisk Barn", birth_date=born.isoformat(),
                     registered_at=datetime(2018, 12, 1, 9, tzinfo=CPH))
            child_ids.append(cid)
        # A minority of children get most notifications (latent family risk).
        weights = [rng.choice((1, 1, 1, 1, 1, 1, 8, 30)) for _ in child_ids]
        years = (END - START).days / 365.25
        total = int(self.children * self.rate / 100 * years)
        span = (END - START).total_seconds()
        received = sorted(START + timedelta(seconds=rng.random() * span) for _ in range(total))
        picks = rng.choices(child_ids, weights=weights, k=total)
        for when, child in zip(received, picks, strict=True):
            self.notification(when, child, child_ids)
        return self.records

    def notification(self, received: datetime, child: str, all_children: list[str]) -> None:
        rng = self.rng
        if rng.random() < 0.8:  # mostly in office hours
            received = self.at(received, 0)
        children = [child] + ([rng.choice(all_children)] if rng.random() < 0.1 else [])
        professional = rng.random() < 0.7
        kind = rng.choice(PROFESSIONAL) if professional else rng.choice(PRIVATE)
        nid = self.new_id("not")
        self.add("notification", nid, received_at=received, channel="email", notifier_kind=kind,
                 notifier_professional=professional, concern="Bekymring.", children=children)
        if rng.random() < 0.97:
            hours = rng.uniform(0.5, 22) if rng.random() < 0.88 else rng.uniform(22, 60)
            self.add("acute_assessment", self.new_id("acu"), notification=nid,
                     assessed_at=received + timedelta(hours=hours), acute=rng.random() < 0.05,
                     action="Vurderet.")
        if kind != "anonymous" and rng.random() < 0.9:
            self.add("acknowledgement", self.new_id("ack"), notification=nid,
                     sent_at=self.at(received, rng.uniform(0, 11)))
        started = None
        for c in children:
            started = self.decide(nid, received, c) or started
        if professional and rng.random() < 0.85:
            given = self.at(started or received, rng.uniform(1, 25 if started else 40))
            content = ("investigation_started" if started else "nothing_started")
            self.add("notifier_feedback", self.new_id("fbk"), notification=nid, given_at=given,
                     content=content)

    def has_measure(self, child: str, when: datetime) -> bool:
        return any(d <= when and (e is None or e > when) for d, e in self.active.get(child, ()))

    def case(self, child: str, opened: datetime) -> str:
        if child not in self.case_of:
            self.case_of[child] = self.new_id("cas")
            self.add("case", self.case_of[child], child=child, opened_at=opened)
        return self.case_of[child]

    def decide(self, nid: str, received: datetime, child: str) -> datetime | None:
        """The decision on the notification for one child, and what it starts."""
        rng = self.rng
        decided = self.at(received, rng.uniform(1, 15))
        existing = self.has_measure(child, received)
        roll = rng.random()
        outcome = ("existing_measure" if existing else "no_action" if roll < 0.45
                   else "early_support" if roll < 0.65 else "investigation")
        if rng.random() < 0.95:
            self.add("decision", self.new_id("dec"), notification=nid, child=child,
                     decided_at=decided, outcome=outcome)
        if outcome == "early_support":
            self.measure(child, decided, early=True)
            return decided
        if outcome == "investigation":
            return self.investigate(child, received, decided)
        return None

    def investigate(self, child: str, aware: datetime, decided: datetime) -> datetime:
        rng = self.rng
        case = self.case(child, decided)
        started = self.at(decided, rng.uniform(0, 10))
        took = rng.uniform(40, 118) if rng.random() < 0.55 else rng.uniform(122, 220)
        done = self.at(started, took)
        fields = {}
        if done <= END:
            fields["completed_at"] = done
        if law_for(aware.date()) == "BL" and took > 118 and rng.random() < 0.6:
            fields["provisional_assessment_at"] = self.at(aware, rng.uniform(100, 125))
        self.add("investigation", self.new_id("inv"), case=case, child=child, aware_at=aware,
                 started_at=started, consent=rng.random() < 0.93, **fields)
        if rng.random() < 0.65:
            self.add("child_conversation", self.new_id("con"), child=child, case=case,
                     held_at=self.at(started, rng.uniform(5, took)), purpose="Børnesamtale.")
        if rng.random() < 0.35:
            self.meetings(child, case, self.at(started, rng.uniform(5, 60)))
        if rng.random() < 0.6:
            self.measure(child, self.at(done, rng.uniform(0, 20)))
        return started

    def measure(self, child: str, decided: datetime, early: bool = False) -> None:
        rng = self.rng
        if decided > END:
            return
        law = law_for(decided.astimezone(CPH).date())
        kinds = [k for k in MEASURE_KINDS if k.law == law and k.early == early]
        kind = rng.choice([k for k in kinds if not k.placement] * 6 + [k for k in kinds
                                                                         if k.placement])
        case = self.case(child, decided)
        started = self.at(decided, rng.uniform(0, 30))
        ended = self.at(started, rng.uniform(60, 1100)) if rng.random() < 0.8 else None
        mid = self.new_id("mea")
        fields = {"started_at": started} if started <= END else {}
        if ended is not None and ended <= END:
            fields["ended_at"] = ended
        self.add("measure", mid, case=case, child=child, law=law, kind=kind.code,
                 legal_basis=kind.legal_basis, step=kind.default_step, decided_at=decided,
                 **fields)
        self.active.setdefault(child, []).append((decided, ended))
        if early:
            return
        if rng.random() < 0.8:
            plan_at = self.at(decided, rng.uniform(-20, 150))
            pid = self.new_id("pla")
            self.add("plan", pid, case=case, child=child,
                     kind="handleplan" if law == "SEL" else "barnets_plan", made_at=plan_at)
            for area in rng.sample(["family", "school", "health", "leisure_friendships"], 2):
                self.add("goal", self.new_id("goa"), plan=pid, child=child, life_area=area,
                         text="Mål.")
        last = started
        stop = min(ended or END, END)
        while True:
            last = self.at(last, rng.uniform(60, 200))
            if last > stop:
                break
            next_due = None
            if law == "BL" and rng.random() < 0.5:
                next_due = (last + timedelta(days=rng.choice((90, 120, 180)))).date().isoformat()
            self.add("followup", self.new_id("fol"), case=case, child=child, held_at=last,
                     measure=mid if rng.random() < 0.85 else None, next_due=next_due)

    def meetings(self, child: str, case: str, held: datetime) -> None:
        self.add("network_meeting", self.new_id("net"), child=child, case=case, held_at=held,
                 kind="inclusive")
        if self.rng.random() < 0.75:
            self.add("network_meeting", self.new_id("net"), child=child, case=case,
                     held_at=self.at(held, self.rng.uniform(28, 80)), kind="follow_up")


def synth_records(children: int, seed: int) -> list[dict]:
    from forebyg.synth import generate

    return list(generate(municipality=MUNICIPALITY, name="Bench", children=children,
                         start_year=2019, end_year=2025, end=END, seed=seed))


def baseline(records: list[dict]) -> int:
    """One pass parsing each record's main timestamp and comparing it with as_of."""
    fromiso, primary, as_of, n = datetime.fromisoformat, PRIMARY, AS_OF, 0
    for rec in records:
        field = primary.get(rec["type"])
        if field is not None and fromiso(rec[field]) <= as_of:
            n += 1
    return n


def best_of(runs: int, fn, *args, **kwargs) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t0)
    return best, result


def measure_one(label: str, records: list[dict], runs: int) -> dict:
    compute_obligations(records[:1000], as_of=AS_OF)  # warm up: calendar, imports
    base, _ = best_of(runs, baseline, records)
    took, obligations = best_of(runs, compute_obligations, records, as_of=AS_OF)
    early_took, early = best_of(runs, compute_obligations, records,
                                as_of=datetime(2023, 3, 1, 12, tzinfo=CPH))
    return {
        "label": label,
        "records": len(records),
        "by_type": Counter(r["type"] for r in records),
        "baseline": base,
        "compute": took,
        "obligations": len(obligations),
        "by_status": count_by(obligations, "status"),
        "early_compute": early_took,
        "early_obligations": len(early),
    }


def report(results: list[dict], args: argparse.Namespace) -> str:
    lines = [
        "# Benchmark: deadline obligations for one municipality",
        "",
        f"Recorded {datetime.now(UTC).date().isoformat()} with `bench/deadlines_bench.py`. "
        "Reproduce:",
        "",
        "```",
        f".venv/bin/python bench/deadlines_bench.py --children {args.children} "
        f"--seed {args.seed} --runs {args.runs}" + (" --synth" if args.synth else ""),
        "```",
        "",
        f"Machine: {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {_cpus()} CPU(s); the machine was shared "
        "with other work, so each figure is the best of "
        f"{args.runs} runs in one process.",
        "",
        "`compute_obligations(records, as_of=2025-06-01 12:00 Europe/Copenhagen)` over the "
        "whole history (all rules, both law periods, the default local standard). Baseline: "
        "one pass over the same records parsing each record's main timestamp and comparing it "
        "with as_of (the least any computation over the records must do).",
        "",
        "| data set | records | obligations | baseline | compute_obligations | ratio | "
        "as of 2023-03-01 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['label']} | {r['records']:,} | {r['obligations']:,} | "
            f"{r['baseline'] * 1000:.0f} ms | **{r['compute'] * 1000:.0f} ms** | "
            f"{r['compute'] / r['baseline']:.1f}x | {r['early_compute'] * 1000:.0f} ms "
            f"({r['early_obligations']:,} obligations) |"
        )
    for r in results:
        lines += ["", f"## {r['label']}", "", "Records by type: " + ", ".join(
            f"{t} {n:,}" for t, n in r["by_type"].most_common()) + ".", "",
            "Obligations by status as of 2025-06-01: " + ", ".join(
                f"{k[0]} {n:,}" for k, n in sorted(r["by_status"].items())) + "."]
    lines += [
        "",
        "## Notes",
        "",
        "- The own generator (default) is seeded and self-contained in the bench script, so "
        "the figure does not move when `forebyg.synth` changes; `--synth` adds a run on "
        "`forebyg.synth.generate` with the same number of children.",
        "- The engine indexes the records once (timestamps parsed once and kept in UTC, so "
        "later comparisons are cheap), then each rule looks up short per-child lists, so the "
        "time grows linearly with the records. It pauses CPython's cyclic garbage collector "
        "while it runs (it makes no reference cycles); without that, the same runs took about "
        "1.4-1.5 times as long.",
        "- The figures include freeing the index and the one collection of the new "
        "obligations when the collector resumes.",
        "- The first call in a process also builds the working-day calendar (about 0.1 s, "
        "once); it is not in the figures.",
        "",
    ]
    return "\n".join(lines)


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--synth", action="store_true", help="also run on forebyg.synth data")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    results = []
    for label, rate in (("typical: 10.5 notifications per 100 children a year", 10.5),
                        ("high: 24 notifications per 100 children a year", 24.0)):
        t0 = time.perf_counter()
        records = Generator(children=args.children, rate=rate, seed=args.seed).run()
        print(f"generated {len(records):,} records in {time.perf_counter() - t0:.1f} s ({label})")
        results.append(measure_one(f"{args.children:,} children, 2019 to mid-2025, {label}",
                                   records, args.runs))
    if args.synth:
        records = synth_records(args.children, args.seed)
        results.append(measure_one(f"{args.children:,} children, forebyg.synth 2019-2025",
                                   records, args.runs))
    for r in results:
        print(f"{r['label']}: {r['records']:,} records, {r['obligations']:,} obligations, "
              f"baseline {r['baseline'] * 1000:.0f} ms, compute {r['compute'] * 1000:.0f} ms "
              f"({r['compute'] / r['baseline']:.1f}x)")
    if not args.no_write:
        (ROOT / "bench" / "RESULTS-deadlines.md").write_text(report(results, args),
                                                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
