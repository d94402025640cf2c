# SPDX-License-Identifier: MPL-2.0
"""Deadline pages: my deadlines, the team overview with drill-down, and the municipality's settings."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forebyg.core import clock
from forebyg.domain.calendar import CPH
from forebyg.domain.deadlines import count_by
from forebyg.web.language import page_language as _language
from forebyg.web.paging import paged
from forebyg.web.views import require, run_service

from . import selectors as sel
from .forms import AsOfForm, DeadlineSettingsForm, local_standards_in_force
from .local_forms import LocalStandardForm, LocalStandardFormSet
from .reuse import computed_for_children
from .services import deadline_settings_save

STATUS_LABELS = sel.STATUS_LABELS  # the child page's deadlines use them too


def as_of_from(request) -> tuple[datetime, AsOfForm]:
    form = AsOfForm(request.GET or None)
    if request.GET.get("as_of") and form.is_valid() and form.cleaned_data["as_of"]:
        return form.cleaned_data["as_of"], form
    now = clock.now()
    if not request.GET.get("as_of"):
        form = AsOfForm(initial={"as_of": now.astimezone(CPH).replace(second=0, microsecond=0)})
    return now, form


@login_required
def my_deadlines(request):
    """The caseworker's work queue: overdue and the next 14 days by default, grouped by child,
    filtered by kind; "all" shows every deadline, met ones too, as of the chosen moment. The
    children are shown `PAGE_ROWS` a page, the child with the most urgent deadline first; the
    counts and the number of deadlines are the whole queue's (issue #20)."""
    require(request.user, "cases.casework")
    as_of, form = as_of_from(request)
    mid = request.user.municipality_id
    settings = sel.settings_for(mid)  # read once, for the engine and for the rows
    computed = computed_for_children(municipality_id=mid, child_ids=sel.caseworker_children(request.user), as_of=as_of,
                                     settings_=settings)
    obligations = computed.obligations
    show_all = bool(request.GET.get("all"))
    chosen = obligations if show_all else sel.queue(obligations, as_of)
    language = _language()
    config = settings.config
    rule_kinds = sel.kinds(chosen, config=config, language=language)
    kinds = sorted(set(rule_kinds.values()), key=lambda k: k[1])
    kind = request.GET.get("kind", "")
    if kind:
        chosen = [o for o in chosen if rule_kinds[o.rule_id][0] == kind]
    page = paged(request, sel.child_groups(chosen), param="side")
    rows = sel.rows([ob for group in page.rows for ob in group], municipality_id=mid, user=request.user,
                    language=language, config=config)
    return render(request, "deadlines/my_deadlines.html", {
        "groups": sel.by_child(rows), "shown": len(chosen), "form": form, "as_of": as_of, "paged": page,
        "counts": computed.derive("status_counts", sel.status_counts), "labels": STATUS_LABELS, "show_all": show_all,
        "kinds": kinds, "kind": kind, "queue_days": sel.QUEUE_DAYS,
    })


@login_required
def team_deadlines(request):
    require(request.user, "deadlines.view_team")
    as_of, form = as_of_from(request)
    mid = request.user.municipality_id
    team = request.user.team if request.user.role == "team_leader" else None
    settings = sel.settings_for(mid)
    config = settings.config
    computed = computed_for_children(municipality_id=mid, child_ids=sel.team_children(team=team, municipality_id=mid),
                                     as_of=as_of, settings_=settings)
    obligations = computed.obligations
    by_rule = computed.derive("by_rule_status", lambda obs: count_by(obs, "rule_id", "status"))
    language = _language()
    table = sel.rule_table(by_rule, config=config, language=language)
    rule, status = request.GET.get("rule"), request.GET.get("status")
    drill = []
    if rule or status:
        chosen = [o for o in obligations if (not rule or o.rule_id == rule) and (not status or o.status == status)]
        drill = sel.rows(chosen, municipality_id=mid, language=language, user=request.user)[:500]
    return render(request, "deadlines/team_deadlines.html", {
        "team": team, "table": table, "headings": [STATUS_LABELS[s] for s in sel.STATUS_ORDER],
        "counts": computed.derive("status_counts", sel.status_counts), "form": form, "as_of": as_of, "drill": drill,
        "rule": rule, "status": status, "as_of_param": request.GET.get("as_of", ""),
    })


@login_required
def settings_page(request):
    require(request.user, "deadlines.configure")
    mid = request.user.municipality_id
    current = sel.settings_for(mid)
    form = DeadlineSettingsForm(request.POST or None, current=current)
    standards = local_standards_in_force(current)
    formset = LocalStandardFormSet(request.POST or None, prefix="standard", existing={r.id: r for r in standards},
                                   initial=[LocalStandardForm.initial_for(r) for r in standards])
    valid = request.method == "POST" and form.is_valid()
    valid = request.method == "POST" and formset.is_valid() and valid  # both, so both show their errors
    if valid:
        if run_service(form, lambda: deadline_settings_save(actor=request.user, **form.settings(formset.rules()))):
            messages.success(request, _("The deadline settings are saved."))
            return redirect("deadline_settings")
    return render(request, "deadlines/settings.html", {"form": form, "formset": formset})
