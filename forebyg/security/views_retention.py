# SPDX-License-Identifier: MPL-2.0
"""Retention pages (/sikkerhed/sletning/): the rules, with four eyes on every change, and the lists of
what is past retention, approved by someone other than their maker (#13; forebyg.security.retention
and retention_rules hold the rules, these views only show and forward)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_scopes import scope

from forebyg.core import clock
from forebyg.web.views import require

from . import retention as ret
from . import retention_rules as rr
from .forms import RetentionRuleForm
from .models import RetentionAction, RetentionRuleChange, RetentionRun, RuleChangeState


def _latest(mun: int):
    runs = list(RetentionRun.objects.filter(municipality_id=mun).select_related("approved_by", "listed_by")[:10])
    return runs, next((r for r in runs if r.approved_at is None), None)


@login_required
def retention(request):
    require(request.user, "security.retention")
    mun = request.user.municipality_id
    rules = ret.rules_for(mun)
    can_edit = request.user.has_perm("security.configure")
    forms = {kind: RetentionRuleForm(request.POST if request.POST.get("kind") == kind else None,
                                     initial={"years": r.years, "action": r.action, "enabled": r.enabled},
                                     prefix=kind) for kind, r in rules.items()}
    if request.method == "POST" and can_edit:
        kind = request.POST.get("kind")
        form = forms.get(kind)
        if form is not None and form.is_valid():
            try:
                rr.rule_propose(actor=request.user, municipality_id=mun, kind=kind, **form.cleaned_data)
            except ret.FourEyesError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The change is proposed. It takes effect when another administrator "
                                            "confirms it; until then the rule in force applies."))
                return redirect("security_retention")
    pending = rr.pending(mun)
    runs, latest = _latest(mun)
    counts: dict[str, int] = {}
    for item in latest.items if latest else []:
        key = (item["kind"], item["retention"])
        counts[key] = counts.get(key, 0) + 1
    label = dict(RetentionAction.choices)
    return render(request, "security/retention.html", {
        "rules": [{"kind": kind, "spec": ret.KINDS[kind], "rule": rules[kind], "action": label[rules[kind].action],
                   "form": forms[kind], "pending": pending.get(kind),
                   "pending_action": label[pending[kind].action] if kind in pending else ""} for kind in ret.KINDS],
        "can_edit": can_edit, "runs": runs, "latest": latest,
        "latest_counts": [(ret.KINDS[k].label, label[action], n) for (k, action), n in counts.items()],
        "latest_mine": latest is not None and latest.listed_by_id == request.user.pk,
        "needs_typed": latest is not None and ret.needs_typed_confirmation(latest),
        "confirm_above": ret.confirm_above()})


@login_required
@require_POST
def retention_rule_decide(request, kind):
    """Confirm or reject (the proposer: withdraw) the pending change of one kind of record."""
    require(request.user, "security.configure")
    change = RetentionRuleChange.objects.filter(  # scoped: another municipality's change is not found
        municipality_id=request.user.municipality_id, kind=kind, state=RuleChangeState.PENDING,
        pk=request.POST.get("change") if str(request.POST.get("change", "")).isdigit() else None).first()
    if change is None:
        raise Http404
    decision = request.POST.get("decision")
    try:
        if decision == "confirm":
            rr.rule_confirm(actor=request.user, change=change)
            messages.success(request, _("The change is confirmed and now in force."))
        elif decision == "reject":
            change = rr.rule_reject(actor=request.user, change=change)
            messages.success(request, _("The change is withdrawn.") if change.state == RuleChangeState.WITHDRAWN
                             else _("The change is rejected; the rule in force stays."))
        else:
            raise Http404
    except ret.FourEyesError as exc:
        messages.error(request, str(exc))
    return redirect("security_retention")


@login_required
@require_POST
def retention_list_now(request):
    require(request.user, "security.retention")
    mun = request.user.municipality_id
    with scope(municipality=[mun]):
        ret.retention_list(municipality_id=mun, as_of=timezone.localdate(clock.now()), actor=request.user)
    messages.success(request, _("The list of records past retention is made. Another administrator or manager "
                                "checks and approves it."))
    return redirect("security_retention")


@login_required
@require_POST
def retention_approve(request, pk):
    require(request.user, "security.retention")
    run = RetentionRun.objects.filter(pk=pk, approved_at__isnull=True).first()
    if run is None:
        raise Http404
    try:
        run = ret.retention_apply(run=run, actor=request.user, confirmation=request.POST.get("confirmation"))
    except ret.FourEyesError as exc:
        messages.error(request, str(exc))
        return redirect("security_retention")
    messages.success(request, _("%(n)s records were anonymised or deleted; %(s)s no longer qualified.")
                     % {"n": run.result["applied"], "s": run.result["skipped"]})
    return redirect("security_retention")
