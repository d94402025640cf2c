# SPDX-License-Identifier: MPL-2.0
"""Writes for the case review: running and storing a review, overriding a finding, and the
follow-up tasks. Each in one transaction, with an audit entry; every child whose records a
review reads is written to the access log."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forebyg.accounts.models import Role, User
from forebyg.audit.services import log_access, log_change
from forebyg.cases.models import Child
from forebyg.cases.services.records import actor_municipality
from forebyg.core import clock
from forebyg.core.models import Team
from forebyg.domain.review import DEFAULT_RULESET, Criteria, Outcome, RuleSet, SampleSpec, Thresholds

from . import selectors
from .models import Finding, FindingOverride, Review, ReviewCase, ReviewTask

MIN_REASON = 10
ASSIGNABLE_ROLES = (Role.CASEWORKER, Role.TEAM_LEADER)


def new_seed() -> int:
    """A fresh seed for a random sample (recorded with the review, so the draw can be repeated)."""
    return secrets.randbelow(2**31 - 1) + 1


@transaction.atomic
def review_run(*, actor: User, title: str, criteria: Criteria, sample_size: int | None = None, seed: int | None = None,
               stratify_by: tuple[str, ...] = (), as_of: datetime | None = None,
               thresholds: Thresholds | None = None, ruleset: RuleSet = DEFAULT_RULESET) -> Review:
    """Select the cases, evaluate every point, and store the review with its findings."""
    mid = actor_municipality(actor)
    as_of = as_of or clock.now()
    if sample_size is not None and seed is None:
        seed = new_seed()
    try:
        sample = SampleSpec(sample_size, seed, tuple(stratify_by))
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    thresholds = thresholds or Thresholds()
    chosen = selectors.select(municipality_id=mid, as_of=as_of, criteria=criteria, sample=sample)
    if not chosen.sample:
        raise ValidationError(_("No cases match the criteria in the period. Nothing was stored."))
    results = selectors.evaluate(municipality_id=mid, summaries=chosen.sample, as_of=as_of,
                                 period=criteria.period, ruleset=ruleset)
    _calendar, _config, settings_json = selectors.deadline_settings(mid)
    review = Review(municipality_id=mid, created_by=actor, title=title.strip(), ruleset_id=ruleset.id,
                    ruleset_version=ruleset.version, ruleset=ruleset.to_dict(), criteria=criteria.to_dict(),
                    sample=sample.to_dict(), seed=seed, as_of=as_of, thresholds=thresholds.to_dict(),
                    deadline_settings=settings_json, population_size=len(chosen.population),
                    case_count=len(results))
    review._history_user = actor
    review.full_clean(exclude=["created_by"])
    review.save()
    keys = [r.summary.key for r in results]
    children = {c.pk: c for c in Child.objects.filter(pk__in=keys)}
    staff = set(User.objects.filter(ext_id__in={r.summary.caseworker for r in results if r.summary.caseworker})
                .values_list("ext_id", flat=True))
    teams = set(Team.objects.filter(pk__in={r.summary.team for r in results if r.summary.team})
                .values_list("id", flat=True))
    cases, findings = [], []
    for position, result in enumerate(results, start=1):
        s = result.summary
        if s.key not in children:
            continue
        rc = ReviewCase(municipality_id=mid, created_by=actor, review=review, position=position, child_id=s.key,
                        caseworker_id=s.caseworker if s.caseworker in staff else None,
                        team_id=s.team if s.team in teams else None,
                        stratum=s.stratum(sample.stratify_by) if sample.stratify_by else "", summary=s.to_dict())
        cases.append(rc)
        for f in result.findings:
            findings.append(Finding(municipality_id=mid, created_by=actor, review=review, review_case=rc,
                                    point_id=f.point_id, point_version=f.point_version, theme=f.theme,
                                    outcome=f.outcome, reason=f.reason, items=[i.to_dict() for i in f.items]))
    ReviewCase.objects.bulk_create(cases, batch_size=500)
    Finding.objects.bulk_create(findings, batch_size=1000)
    log_change(actor=actor, action="review.review.run", obj=review, payload={
        "cases": len(cases), "population": len(chosen.population), "sample_size": sample_size, "seed": seed,
        "stratify_by": list(sample.stratify_by), "ruleset": ruleset.id, "ruleset_version": ruleset.version,
        "as_of": as_of.isoformat()})
    for rc in cases:
        log_access(user=actor, child=children[rc.child_id], view="review.run", reason=f"case review {review.pk}")
    return review


@transaction.atomic
def finding_override(*, actor: User, finding: Finding, outcome: str, reason: str) -> FindingOverride:
    """Record a reviewer's finding beside the machine's. Both stay; the latest override counts."""
    if outcome not in Outcome.ALL:
        raise ValidationError({"outcome": _("Choose met, not met or not applicable.")})
    if len((reason or "").strip()) < MIN_REASON:
        raise ValidationError({"reason": _("Write the reason for the override (at least %(n)s characters).")
                               % {"n": MIN_REASON}})
    previous = finding.effective_outcome
    o = FindingOverride(municipality_id=finding.municipality_id, created_by=actor, finding=finding,
                        outcome=outcome, reason=reason.strip())
    o._history_user = actor
    o.full_clean(exclude=["created_by"])
    o.save()
    log_change(actor=actor, action="review.finding.overridden", obj=o, child_id=finding.review_case.child_id,
               payload={"review": finding.review_id, "finding": finding.pk, "point_id": finding.point_id,
                        "machine_outcome": finding.outcome, "previous_outcome": previous, "outcome": outcome})
    return o


@transaction.atomic
def task_create(*, actor: User, finding: Finding, assignee: User | None, description: str,
                due_date: date | None = None) -> ReviewTask:
    """Turn a not-met finding into a task for a caseworker (one open task per finding)."""
    if finding.effective_outcome != Outcome.NOT_MET:
        raise ValidationError(_("Only a finding that is not met can become a task."))
    if finding.tasks.filter(status=ReviewTask.Status.OPEN).exists():
        raise ValidationError(_("This finding already has an open task."))
    if assignee is None or assignee.municipality_id != finding.municipality_id or assignee.role not in ASSIGNABLE_ROLES:
        raise ValidationError({"assignee": _("Choose a caseworker in the municipality.")})
    if not (description or "").strip():
        raise ValidationError({"description": _("Describe what the caseworker should do.")})
    task = ReviewTask(municipality_id=finding.municipality_id, created_by=actor, review=finding.review,
                      finding=finding, child_id=finding.review_case.child_id, assignee_id=assignee.ext_id,
                      description=description.strip(), due_date=due_date)
    task._history_user = actor
    task.full_clean(exclude=["created_by"])
    task.save()
    log_change(actor=actor, action="review.task.created", obj=task, child_id=task.child_id,
               payload={"review": finding.review_id, "finding": finding.pk, "point_id": finding.point_id,
                        "assignee": assignee.ext_id, "due_date": due_date.isoformat() if due_date else None})
    return task


@transaction.atomic
def task_complete(*, actor: User, task: ReviewTask, note: str) -> ReviewTask:
    if task.status != ReviewTask.Status.OPEN:
        raise ValidationError(_("The task is already done."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Write what was done.")})
    task.status = ReviewTask.Status.DONE
    task.done_at = clock.now()
    task.done_note = note.strip()
    task._history_user = actor
    task._change_reason = "done"
    task.full_clean(exclude=["created_by"])
    task.save()
    log_change(actor=actor, action="review.task.completed", obj=task, child_id=task.child_id,
               payload={"review": task.review_id, "finding": task.finding_id})
    return task


def report_exported(*, actor: User, review: Review, fmt: str) -> None:
    log_change(actor=actor, action="review.report.exported", obj=review, payload={"format": fmt})
