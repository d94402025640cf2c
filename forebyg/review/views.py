# SPDX-License-Identifier: MPL-2.0
"""Case review pages: reviews, a new review, the report (HTML, PDF, JSON), the cases behind a
number, one case's findings with overrides and tasks, and the caseworker's tasks.

The report itself shows counts only; every page that shows a child's name or findings
writes each child to the access log."""

from __future__ import annotations

import json
from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from forebyg.audit.services import log_access
from forebyg.core import clock
from forebyg.domain.calendar import CPH
from forebyg.domain.review import CHECKS, DEFAULT_RULESET, Outcome, RuleSet, reason_text
from forebyg.domain.review.points import THEMES
from forebyg.web.language import page_language as _language
from forebyg.web.views import require, run_service

from . import selectors as sel
from . import services
from .forms import OverrideForm, ReviewForm, TaskDoneForm, TaskForm
from .models import Finding, Review, ReviewCase, ReviewTask
from .notes_da import notes_da
from .pdf import render_pdf

OUTCOME_LABELS = {Outcome.MET: gettext_lazy("Met"), Outcome.NOT_MET: gettext_lazy("Not met"),
                  Outcome.NOT_APPLICABLE: gettext_lazy("Not applicable")}
BAND_LABELS = {"strength": gettext_lazy("Strength"), "attention": gettext_lazy("Attention point"),
               "development": gettext_lazy("Development point"), "too_few": gettext_lazy("Too few cases"),
               "none": gettext_lazy("Not applicable")}
RECORD_LABELS = {
    "case": gettext_lazy("Case"), "notification": gettext_lazy("Notification"),
    "acute_assessment": gettext_lazy("Acute assessment"), "acknowledgement": gettext_lazy("Acknowledgement"),
    "decision": gettext_lazy("Decision on notification"), "notifier_feedback": gettext_lazy("Feedback to notifier"),
    "investigation": gettext_lazy("Investigation"), "child_conversation": gettext_lazy("Child conversation"),
    "network_meeting": gettext_lazy("Network meeting"), "network_person": gettext_lazy("Network person"),
    "measure": gettext_lazy("Measure"), "plan": gettext_lazy("Plan"), "followup": gettext_lazy("Follow-up"),
}


def _review(request, pk: str) -> Review:
    review = Review.objects.filter(pk=pk).first()  # scoped: another municipality's review is not found
    if review is None:
        raise Http404
    require(request.user, "review.view_review", review)
    return review


def _log_children(request, children, view: str, review: Review) -> None:
    for child in children:
        log_access(user=request.user, child=child, view=view, request=request, reason=f"case review {review.pk}")


@login_required
def review_list(request):
    require(request.user, "review.view")
    reviews = Review.objects.select_related("created_by").order_by("-created_at")[:200]
    return render(request, "review/list.html", {"reviews": reviews})


@login_required
def review_new(request):
    require(request.user, "review.run")
    mid = request.user.municipality_id
    today = clock.today()
    initial = {"title": _("Case review %(date)s") % {"date": today.strftime("%d.%m.%Y")},
               "period_start": today.replace(year=today.year - 1), "period_end": today, "include_ongoing": True,
               "strength_at": 90, "development_below": 75, "min_cases": 3}
    source = Review.objects.filter(pk=request.GET.get("from")).first() if request.GET.get("from") else None
    if source is not None:
        initial.update(_repeat_initial(source))
    form = ReviewForm(request.POST or None, municipality_id=mid, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        holder: dict[str, Review] = {}

        def call():
            holder["review"] = services.review_run(
                actor=request.user, title=d["title"], criteria=form.criteria(), sample_size=d.get("sample_size"),
                seed=d.get("seed"), stratify_by=tuple(d.get("stratify_by") or ()), as_of=d.get("as_of"),
                thresholds=form.thresholds())

        if run_service(form, call):
            review = holder["review"]
            messages.success(request, _("The review is done: %(n)s cases assessed.") % {"n": review.case_count})
            return redirect("review_detail", pk=review.pk)
    return render(request, "review/new.html", {"form": form})


def _repeat_initial(review: Review) -> dict:
    """The form filled in as for `review`: same criteria, seed, strata, moment and thresholds, so the
    same draw is made again."""
    c, smp, t = review.criteria, review.sample, review.thresholds
    period = c.get("period") or {}
    return {
        "title": _("%(title)s (repeated)") % {"title": review.title},
        "period_start": period.get("start"), "period_end": period.get("end"),
        "team": (c.get("teams") or [None])[0], "measure_kind": (c.get("measure_kinds") or [""])[0],
        "step": str((c.get("steps") or [""])[0]), "include_ongoing": c.get("include_ongoing", True),
        "sample_size": smp.get("size"), "seed": smp.get("seed"), "stratify_by": smp.get("stratify_by") or [],
        "as_of": review.as_of.astimezone(CPH).replace(second=0, microsecond=0),
        "strength_at": round(t.get("strength_at", 0.9) * 100),
        "development_below": round(t.get("development_below", 0.75) * 100),
        "min_cases": t.get("min_cases", 3),
    }


def _report_context(review: Review, language: str) -> dict:
    report, about = sel.report_for(review, language=language)
    return {"review": review, "report": report, "about": about, "band_labels": BAND_LABELS,
            "criteria": review.criteria, "sample": review.sample}


@login_required
def review_detail(request, pk):
    review = _review(request, pk)
    ctx = _report_context(review, _language())
    ctx["task_counts"] = sel.task_counts(review)
    ctx["links"] = True
    return render(request, "review/detail.html", ctx)


@login_required
def review_cases(request, pk):
    review = _review(request, pk)
    point, outcome = request.GET.get("point") or None, request.GET.get("outcome") or None
    if outcome and outcome not in Outcome.ALL:
        outcome = None
    cases = sel.review_cases(review, point=point, outcome=outcome)
    _log_children(request, [c.child for c in cases], "review.cases", review)
    titles = sel.point_titles(review, _language())
    return render(request, "review/cases.html", {
        "review": review, "cases": cases, "point": point, "point_title": titles.get(point or ""),
        "outcome": outcome, "outcome_labels": OUTCOME_LABELS})


def _item_rows(items: list[dict], language: str) -> list[dict]:
    rows = []
    for item in items:
        evidence = []
        for e in item.get("evidence", ()):
            at = datetime.fromisoformat(e["at"]) if e.get("at") else None
            evidence.append({"label": RECORD_LABELS.get(e["record_type"], e["record_type"]), "at": at,
                             "field": e["field"], "id": e["record_id"]})
        details = item.get("details") or {}
        rows.append({"outcome": item["outcome"], "outcome_label": OUTCOME_LABELS.get(item["outcome"]),
                     "reason": reason_text(item["reason"], language),
                     "subject": RECORD_LABELS.get(item["subject_type"], item["subject_type"]),
                     "evidence": evidence, "due": _due_text(details.get("due")),
                     "rule": details.get("legal_reference"), "missing": details.get("missing")})
    return rows


def _due_text(value: str | None) -> str | None:
    """A deadline as shown: a date (day-based deadlines) or a local date and time."""
    if not value:
        return None
    if len(value) == 10:
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    return datetime.fromisoformat(value).astimezone(CPH).strftime("%d.%m.%Y %H:%M")


@login_required
def review_case(request, pk, case_pk):
    review = _review(request, pk)
    case = ReviewCase.objects.filter(pk=case_pk, review=review).select_related("child", "caseworker", "team").first()
    if case is None:
        raise Http404
    _log_children(request, [case.child], "review.case", review)
    language = _language()
    ruleset = RuleSet.from_dict(review.ruleset)
    points = {p.id: p for p in ruleset.points}
    can_assign = request.user.has_perm("review.assign_task", review)
    themes = []
    by_theme = sel.findings_by_theme(case)
    order = {p.id: i for i, p in enumerate(ruleset.points)}
    for theme_id, title_da, title_en in THEMES:
        rows = []
        for f in sorted(by_theme.get(theme_id, ()), key=lambda f: order.get(f.point_id, len(order))):
            p = points.get(f.point_id)
            default_task = _task_text(p, f, language) if p else ""
            rows.append({
                "finding": f, "title": p.title(language) if p else f.point_id,
                "legal": p.hjemmel(language) if p else "", "law": p.law if p else None,
                "machine_label": OUTCOME_LABELS[f.outcome], "effective": f.effective_outcome,
                "effective_label": OUTCOME_LABELS[f.effective_outcome], "overrides": list(getattr(f, "_overrides", [])),
                "reason": reason_text(f.reason, language), "items": _item_rows(f.items, language),
                "override_form": OverrideForm(prefix=f"o{f.pk}", initial={"outcome": f.effective_outcome}),
                "task_form": TaskForm(prefix=f"t{f.pk}", municipality_id=review.municipality_id,
                                      initial={"assignee": case.caseworker_id, "description": default_task})
                if can_assign and f.effective_outcome == Outcome.NOT_MET else None,
                "tasks": f.all_tasks, "limits": p.limits_text(language) if p else "",
            })
        if rows:
            themes.append({"id": theme_id, "title": title_da if language == "da" else title_en, "rows": rows})
    return render(request, "review/case.html", {"review": review, "case": case, "themes": themes,
                                                "outcome_labels": OUTCOME_LABELS})


def _task_text(point, finding: Finding, language: str) -> str:
    """The default task: what was found, and the point's recommendation."""
    if language == "da":
        return f"{point.title_da}: {reason_text(finding.reason, 'da')}. Det anbefales, at {point.recommendation_da}."
    return f"{point.title_en}: {reason_text(finding.reason, 'en')}. Recommended: {point.recommendation_en}."


def _finding(request, pk, finding_pk) -> tuple[Review, Finding]:
    review = _review(request, pk)
    finding = Finding.objects.filter(pk=finding_pk, review=review).select_related("review_case").first()
    if finding is None:
        raise Http404
    return review, finding


def _case_url(finding: Finding) -> str:
    return reverse("review_case", args=[finding.review_id, finding.review_case_id]) + f"#f{finding.pk}"


@login_required
@require_POST
def finding_override(request, pk, finding_pk):
    review, finding = _finding(request, pk, finding_pk)
    require(request.user, "review.override", review)
    form = OverrideForm(request.POST, prefix=f"o{finding.pk}")
    if form.is_valid() and run_service(form, lambda: services.finding_override(
            actor=request.user, finding=finding, outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"])):
        messages.success(request, _("The finding is overridden. The machine finding is kept."))
    else:
        messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
    return redirect(_case_url(finding))


@login_required
@require_POST
def task_create(request, pk, finding_pk):
    review, finding = _finding(request, pk, finding_pk)
    require(request.user, "review.assign_task", review)
    form = TaskForm(request.POST, prefix=f"t{finding.pk}", municipality_id=review.municipality_id)
    if form.is_valid() and run_service(form, lambda: services.task_create(
            actor=request.user, finding=finding, assignee=form.cleaned_data["assignee"],
            description=form.cleaned_data["description"], due_date=form.cleaned_data.get("due_date"))):
        messages.success(request, _("The task is created for %(name)s.") % {"name": form.cleaned_data["assignee"]})
    else:
        messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
    return redirect(_case_url(finding))


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@login_required
def review_pdf(request, pk):
    review = _review(request, pk)
    language = _language()
    ctx = _report_context(review, language)
    ctx.update(_annex(review, language), generated=clock.now())
    html = render_to_string("review/pdf.html", ctx, request=request)
    result = render_pdf(html)
    services.report_exported(actor=request.user, review=review, fmt="pdf" if result.pdf else "html")
    if result.pdf is None:
        messages.warning(request, _("The PDF could not be made on this server: %(problem)s Use the browser's "
                                    "print function to save this page as PDF.") % {"problem": result.problem})
        return render(request, "review/pdf.html", dict(ctx, fallback=True))
    response = HttpResponse(result.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sagsgennemgang-{review.pk[:8]}.pdf"'
    return response


def _annex(review: Review, language: str) -> dict:
    """Findings per case by case number (no names: the PDF is for distribution)."""
    ruleset = RuleSet.from_dict(review.ruleset)
    columns = [(f"P{i}", p) for i, p in enumerate(ruleset.points, start=1)]
    cases = sel.review_cases(review)
    rows = []
    for c in cases:
        by_point = {f.point_id: f for f in c.findings.all()}
        cells = []
        for _label, p in columns:
            f = by_point.get(p.id)
            outcome = f.effective_outcome if f else Outcome.NOT_APPLICABLE
            cells.append({"outcome": outcome, "overridden": bool(f and f.latest_override())})
        rows.append({"position": c.position, "cells": cells})
    return {"columns": [(label, p.title(language)) for label, p in columns], "annex_rows": rows}


@login_required
def review_json(request, pk):
    review = _review(request, pk)
    language = _language()
    report, about = sel.report_for(review, language=language)
    cases = sel.review_cases(review)
    _log_children(request, [c.child for c in cases], "review.json", review)  # findings per child id
    data = {
        "review": {"id": review.pk, "title": review.title, "as_of": review.as_of.isoformat(),
                   "ruleset": {"id": review.ruleset_id, "version": review.ruleset_version},
                   "criteria": review.criteria, "sample": review.sample, "population_size": review.population_size,
                   "case_count": review.case_count, "thresholds": review.thresholds},
        "about": about, "report": report.to_dict(),
        "cases": [{"position": c.position, "child": c.child_id, "findings": [
            {"point_id": f.point_id, "point_version": f.point_version, "machine_outcome": f.outcome,
             "outcome": f.effective_outcome, "overridden": f.latest_override() is not None, "items": f.items}
            for f in c.findings.all()]} for c in cases],
    }
    services.report_exported(actor=request.user, review=review, fmt="json")
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="sagsgennemgang-{review.pk[:8]}.json"'
    return response


@login_required
def my_tasks(request):
    require(request.user, "review.my_tasks")
    show_done = bool(request.GET.get("done"))
    tasks = sel.tasks_for(request.user, show_done=show_done)
    for task in tasks:
        log_access(user=request.user, child=task.child, view="review.tasks", request=request,
                   reason=f"case review task {task.pk}")
    return render(request, "review/tasks.html", {"tasks": tasks, "show_done": show_done})


@login_required
def task_detail(request, task_pk):
    task = ReviewTask.objects.filter(pk=task_pk).select_related("child", "finding", "review", "assignee").first()
    if task is None:
        raise Http404
    require(request.user, "review.view_task", task)
    log_access(user=request.user, child=task.child, view="review.task", request=request,
               reason=f"case review task {task.pk}")
    form = TaskDoneForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "review.complete_task", task)
        if form.is_valid() and run_service(form, lambda: services.task_complete(
                actor=request.user, task=task, note=form.cleaned_data["note"])):
            messages.success(request, _("The task is marked as done."))
            return redirect("review_my_tasks")
    language = _language()
    ruleset = RuleSet.from_dict(task.review.ruleset)
    point = next((p for p in ruleset.points if p.id == task.finding.point_id), None)
    return render(request, "review/task.html", {
        "task": task, "form": form, "point_title": point.title(language) if point else task.finding.point_id,
        "point": point, "items": _item_rows(task.finding.items, language), "outcome_labels": OUTCOME_LABELS,
        "point_hjemmel": point.hjemmel(language) if point else ""})


@login_required
def points_page(request):
    require(request.user, "review.view")
    language = _language()
    themes = []
    for theme_id, title_da, title_en in THEMES:
        pts = [{"point": p, "title": p.title(language), "rule": json.dumps(p.rule.to_dict(), ensure_ascii=False),
                "limits": p.limits_text(language), "hjemmel": p.hjemmel(language),
                "notes": notes_da(p.id) if language == "da" else p.notes}  # Danish on a Danish page (#15)
               for p in DEFAULT_RULESET.points if p.theme == theme_id]
        themes.append({"title": title_da if language == "da" else title_en, "points": pts})
    return render(request, "review/points.html", {"themes": themes, "ruleset": DEFAULT_RULESET,
                                                  "checks": sorted(CHECKS.values(), key=lambda c: c.name)})
