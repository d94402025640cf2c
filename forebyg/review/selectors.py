# SPDX-License-Identifier: MPL-2.0
"""Reads for the case review: case data into the domain core (selection on a few record
types for the whole municipality, evaluation on the sampled children only), and stored
reviews into reports, case lists and task lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db.models import Count, Prefetch, Q

from forebyg.cases import models as cm
from forebyg.cases.selectors.records import interchange_records
from forebyg.core.models import Team
from forebyg.core.scoping import municipality_scope
from forebyg.deadlines.selectors import settings_for
from forebyg.domain.review import (
    SELECTION_TYPES,
    CaseResult,
    CaseSummary,
    Criteria,
    Outcome,
    Period,
    Report,
    RuleSet,
    SampleSpec,
    Selection,
    Thresholds,
    about_sentences,
    build_report,
    evaluate_cases,
    select_cases,
)
from forebyg.domain.review.casefile import STRATA
from forebyg.domain.staircase import DEFAULT_STEPS, KINDS_BY_CODE

from .models import Finding, FindingOverride, Review, ReviewCase, ReviewTask


def deadline_settings(municipality_id: int):
    """The municipality's working-day calendar and deadline rule configuration (the same the
    deadline pages use), and both as JSON for the stored review."""
    s = settings_for(municipality_id)
    return s.calendar, s.config, {"calendar": s.calendar.to_dict(), "rules": s.config.to_dict()}


def select(*, municipality_id: int, as_of: datetime, criteria: Criteria, sample: SampleSpec) -> Selection:
    records = interchange_records(municipalities=[municipality_id], types=SELECTION_TYPES)
    return select_cases(records, as_of=as_of, criteria=criteria, sample=sample)


def siblings_of(child_ids: Iterable[str], *, municipality_id: int) -> set[str]:
    """Children of the municipality named in the same notifications as these children (their
    records are needed for deadlines that a sibling's investigation or measure sets off). The link
    table has no scope of its own: the municipality is filtered on both the notification and the child."""
    ids = list(child_ids)
    through = cm.Notification.children.through
    with municipality_scope(municipality_id):
        notifications = through.objects.filter(child_id__in=ids, notification__municipality_id=municipality_id,
                                               ).values("notification_id")
        return set(through.objects.filter(notification_id__in=notifications, child__municipality_id=municipality_id)
                   .values_list("child_id", flat=True))


def evaluate(*, municipality_id: int, summaries: Sequence[CaseSummary], as_of: datetime, period: Period,
             ruleset: RuleSet) -> list[CaseResult]:
    keys = [s.key for s in summaries]
    children = sorted(set(keys) | siblings_of(keys, municipality_id=municipality_id))
    records = interchange_records(municipalities=[municipality_id], child_ids=children)
    calendar, config, _ = deadline_settings(municipality_id)
    return evaluate_cases(records, summaries, as_of=as_of, period=period, ruleset=ruleset,
                          calendar=calendar, config=config)


# --- stored reviews -------------------------------------------------------------------------------


def overrides_of(review: Review) -> dict[tuple[str, str], str]:
    """{(child id, point id): the latest override's outcome} for the review."""
    out: dict[tuple[str, str], str] = {}
    rows = (FindingOverride.objects.filter(finding__review=review)
            .order_by("created_at", "id").values_list("finding__review_case__child_id", "finding__point_id", "outcome"))
    for child_id, point_id, outcome in rows:
        out[(child_id, point_id)] = outcome
    return out


def domain_findings(review: Review):
    from forebyg.domain.review import Finding as DomainFinding

    rows = Finding.objects.filter(review=review).values_list(
        "point_id", "point_version", "theme", "review_case__child_id", "outcome")
    return [DomainFinding(p, v, t, c, o) for p, v, t, c, o in rows]


def report_for(review: Review, *, language: str) -> tuple[Report, list[str]]:
    ruleset = RuleSet.from_dict(review.ruleset)
    overrides = overrides_of(review)
    report = build_report(domain_findings(review), ruleset, case_count=review.case_count, overrides=overrides,
                          thresholds=Thresholds.from_dict(review.thresholds), language=language)
    criteria = Criteria.from_dict(review.criteria)
    sample = SampleSpec.from_dict(review.sample)
    about = about_sentences(
        language=language, case_count=review.case_count, population_size=review.population_size,
        period_start=criteria.period.start, period_end=criteria.period.end, as_of=review.as_of,
        sample_size=sample.size, seed=sample.seed, stratify_by=[strata_label(s, language) for s in sample.stratify_by],
        criteria=criteria_labels(criteria, language, municipality_id=review.municipality_id),
        ruleset_id=review.ruleset_id,
        ruleset_version=review.ruleset_version, overridden=report.overridden)
    return report, about


STRATA_LABELS = {"team": ("team", "team"), "step": ("trin på indsatstrappen", "staircase step"),
                 "measure_kind": ("indsatstype", "measure kind"), "law": ("lovgrundlag", "law period")}


def strata_label(name: str, language: str) -> str:
    da, en = STRATA_LABELS.get(name, (name, name))
    return da if language == "da" else en


def criteria_labels(criteria: Criteria, language: str, *, municipality_id: int) -> list[str]:
    da = language == "da"
    out = []
    if criteria.teams:
        with municipality_scope(municipality_id):
            names = dict(Team.objects.filter(pk__in=criteria.teams, municipality_id=municipality_id)
                         .values_list("id", "name"))
        out.append(("Team: " if da else "Team: ") + ", ".join(names.get(t, t) for t in criteria.teams))
    if criteria.measure_kinds:
        kinds = [kind_label(k, language) for k in criteria.measure_kinds]
        out.append(("Indsatstype: " if da else "Measure kind: ") + ", ".join(kinds))
    if criteria.steps:
        steps = {s.number: (s.name_da if da else s.name_en) for s in DEFAULT_STEPS}
        step_names = (f"{n} {steps.get(n, '')}".strip() for n in criteria.steps)
        out.append(("Trin: " if da else "Step: ") + ", ".join(step_names))
    if not criteria.include_ongoing:
        out.append("kun sager med hændelser i perioden" if da else "only cases with events in the period")
    return out


def kind_label(code: str, language: str) -> str:
    kind = KINDS_BY_CODE.get(code)
    if kind is None:
        return code
    return kind.name_da if language == "da" else kind.name_en


def review_cases(review: Review, *, point: str | None = None, outcome: str | None = None) -> list[ReviewCase]:
    """The review's cases with their findings (overrides applied), optionally only those where
    `point` has the effective `outcome`."""
    findings = Finding.objects.order_by("id").prefetch_related(
        Prefetch("overrides", queryset=FindingOverride.objects.order_by("created_at", "id"), to_attr="_overrides"))
    cases = list(ReviewCase.objects.filter(review=review).select_related("child", "caseworker", "team")
                 .prefetch_related(Prefetch("findings", queryset=findings)))
    out: list[ReviewCase] = []
    for c in cases:
        counts = {o: 0 for o in Outcome.ALL}
        match = point is None
        for f in c.findings.all():  # prefetched, in the order of `findings`
            counts[f.effective_outcome] += 1
            if f.point_id == point and (outcome is None or f.effective_outcome == outcome):
                match = True
        c.counts = counts
        if match:
            out.append(c)
    return out


def task_counts(review: Review) -> dict[str, int]:
    rows = ReviewTask.objects.filter(review=review).values("status").annotate(n=Count("id"))
    return {r["status"]: r["n"] for r in rows}


def open_tasks_for(user) -> list[ReviewTask]:
    """The caseworker's open review tasks (on "My work")."""
    if not getattr(user, "is_authenticated", False) or not user.municipality_id:
        return []
    return list(ReviewTask.objects.filter(assignee_id=user.ext_id, status=ReviewTask.Status.OPEN)
                .select_related("child", "finding", "review").order_by("due_date", "created_at"))


def tasks_for(user, *, show_done: bool = False) -> list[ReviewTask]:
    q = Q(assignee_id=user.ext_id)
    if not show_done:
        q &= Q(status=ReviewTask.Status.OPEN)
    return list(ReviewTask.objects.filter(q).select_related("child", "finding", "review", "created_by")
                .order_by("status", "due_date", "created_at"))


def point_titles(review: Review, language: str) -> dict[str, str]:
    ruleset = RuleSet.from_dict(review.ruleset)
    return {p.id: p.title(language) for p in ruleset.points}


def findings_by_theme(case: ReviewCase) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = defaultdict(list)
    findings = case.findings.order_by("id").prefetch_related(
        Prefetch("overrides", to_attr="_overrides",
                 queryset=FindingOverride.objects.select_related("created_by").order_by("created_at", "id")),
        Prefetch("tasks", queryset=ReviewTask.objects.select_related("assignee").order_by("created_at"),
                 to_attr="all_tasks"))
    for f in findings:
        out[f.theme].append(f)
    return out


__all__ = ["STRATA", "deadline_settings", "evaluate", "select"]
