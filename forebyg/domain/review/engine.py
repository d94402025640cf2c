# SPDX-License-Identifier: MPL-2.0
"""Running a review: select the population, draw the sample, evaluate every point per case.

`run_review(records, ...)` does all three on interchange records (a file, or
the database through a selector). The application splits it: `select_cases`
on the few record types selection needs for the whole municipality, then
`evaluate_cases` on the full records of the sampled children only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..calendar import WorkingCalendar, require_aware
from ..deadlines import RuleConfig, compute_obligations
from .casefile import CaseFile, CaseSummary, Criteria, Period, Record, build_case_files, iso, select
from .context import CaseContext, ObligationIndex
from .model import Finding
from .points import DEFAULT_RULESET, RuleSet
from .sample import SampleSpec, draw_sample

ALL_CASES = Criteria()
EVERY_CASE = SampleSpec()
# The record types selection reads (the application loads only these for the whole municipality).
SELECTION_TYPES = ("team", "staff", "child", "case", "notification", "investigation", "measure")


@dataclass(frozen=True)
class CaseResult:
    summary: CaseSummary
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.summary.to_dict(), "findings": [f.to_dict() for f in self.findings]}


@dataclass(frozen=True)
class Selection:
    population: tuple[CaseSummary, ...]
    sample: tuple[CaseSummary, ...]


@dataclass(frozen=True)
class ReviewResult:
    ruleset: RuleSet
    criteria: Criteria
    sample_spec: SampleSpec
    as_of: datetime
    population_size: int
    cases: tuple[CaseResult, ...]

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.cases for f in c.findings]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ruleset": {"id": self.ruleset.id, "version": self.ruleset.version},
            "as_of": iso(self.as_of),
            "criteria": self.criteria.to_dict(),
            "sample": self.sample_spec.to_dict(),
            "population_size": self.population_size,
            "case_count": len(self.cases),
            "cases": [c.to_dict() for c in self.cases],
        }


def select_cases(records: Iterable[Record], *, as_of: datetime, criteria: Criteria,
                 sample: SampleSpec) -> Selection:
    """The population of the criteria as of `as_of`, and the sample drawn from it."""
    as_of = require_aware(as_of, "as_of").astimezone(UTC)
    files, org = build_case_files(records, as_of=as_of)
    population = select(files, criteria, org, as_of=as_of)
    return Selection(tuple(population), tuple(draw_sample(population, sample)))


def evaluate_cases(
    records: Iterable[Record],
    summaries: Sequence[CaseSummary],
    *,
    as_of: datetime,
    period: Period,
    ruleset: RuleSet = DEFAULT_RULESET,
    calendar: WorkingCalendar | None = None,
    config: RuleConfig | None = None,
) -> list[CaseResult]:
    """Every point of `ruleset` for each case. `records` must hold the cases' records (and their
    siblings', for notifications about several children); other records are ignored."""
    as_of = require_aware(as_of, "as_of").astimezone(UTC)
    files, _org = build_case_files(records, as_of=as_of)
    keys = [s.key for s in summaries]
    wanted = set(keys)
    for key in keys:
        if key in files:
            wanted |= files[key].siblings()
    unique: dict[tuple[str, str], Record] = {}
    for key in sorted(wanted):
        if key in files:
            for rec in files[key].records():
                unique[(rec["type"], rec["id"])] = rec
    obligations = compute_obligations(unique.values(), as_of=as_of, calendar=calendar, config=config)
    index = ObligationIndex(obligations, config)
    out = []
    for s in summaries:
        f = files.get(s.key) or CaseFile(s.key)
        base = CaseContext(f, as_of=as_of, period=period, obligations=index)
        findings = []
        for point in ruleset.points:
            result = point.rule.evaluate(base.with_law(point.law))
            findings.append(Finding(point.id, point.version, point.theme, s.key, result.outcome, result.items))
        out.append(CaseResult(s, tuple(findings)))
    return out


def run_review(
    records: Iterable[Record],
    *,
    as_of: datetime,
    criteria: Criteria = ALL_CASES,
    sample: SampleSpec = EVERY_CASE,
    ruleset: RuleSet = DEFAULT_RULESET,
    calendar: WorkingCalendar | None = None,
    config: RuleConfig | None = None,
) -> ReviewResult:
    """Select, sample and evaluate in one go (for files and tests)."""
    records = list(records)
    chosen = select_cases(records, as_of=as_of, criteria=criteria, sample=sample)
    cases = evaluate_cases(records, chosen.sample, as_of=as_of, period=criteria.period, ruleset=ruleset,
                           calendar=calendar, config=config)
    return ReviewResult(ruleset, criteria, sample, require_aware(as_of, "as_of"), len(chosen.population),
                        tuple(cases))
