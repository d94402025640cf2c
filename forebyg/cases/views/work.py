# SPDX-License-Identifier: MPL-2.0
"""Start pages by role: the caseworker's "Mit arbejde", the team leader's team, the manager's overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.accounts.models import Role
from forebyg.core import clock

from .. import models as m
from ..forms import AssignForm
from ..selectors import worklists
from ..services import practice
from .common import require

HOME = {Role.RECEIVING_UNIT: "inbox", Role.CASEWORKER: "my_work", Role.TEAM_LEADER: "team", Role.MANAGER: "overview",
        Role.NETWORK_SECRETARIAT: "network_list", Role.ADMINISTRATOR: "organisation",
        Role.ANALYST: "keyfigures_dashboard"}


@login_required
def home(request):
    target = HOME.get(request.user.role)
    if target is None:
        return render(request, "cases/no_case_access.html", status=403)
    return redirect(target)


@login_required
def my_work(request):
    require(request.user, "cases.casework")
    now = clock.now()
    return render(request, "cases/my_work.html", {**worklists.my_work(user=request.user, as_of=now), "now": now})


@login_required
def team(request):
    require(request.user, "cases.assign")
    data = worklists.team_overview(leader=request.user)
    caseworkers = list(worklists.caseworkers_for(request.user.municipality_id))  # once for every row's form
    defaults = worklists.default_caseworkers(data["unassigned"])
    for n in data["unassigned"]:
        default = defaults.get(n.pk)
        n.assign_form = AssignForm(caseworkers=caseworkers, initial={"caseworker": default}, prefix=n.pk)
        n.default_caseworker = default
    for c in data["cases_without"]:
        c.assign_form = AssignForm(caseworkers=caseworkers, prefix=c.pk)
    return render(request, "cases/team.html", data)


@login_required
@require_POST
def assign(request, kind: str, pk: str):
    require(request.user, "cases.assign")
    model = {"notification": m.Notification, "case": m.Case}.get(kind)
    obj = model.objects.filter(pk=pk).first() if model else None
    form = AssignForm(request.POST, caseworkers=worklists.caseworkers_for(request.user.municipality_id), prefix=pk)
    if obj is None or not form.is_valid():
        messages.error(request, _("Choose a caseworker from the list."))
        return redirect("team")
    if kind == "notification":
        practice.notification_assign(actor=request.user, notification=obj, caseworker=form.cleaned_data["caseworker"])
    else:
        practice.case_assign(actor=request.user, case=obj, caseworker=form.cleaned_data["caseworker"])
    messages.success(request, _("Assigned to %(name)s.") % {"name": form.cleaned_data["caseworker"]})
    return redirect("team")


@login_required
def overview(request):
    require(request.user, "cases.view_worklists")
    from django.db.models import Count, Q

    counts = {
        "children": m.Child.objects.count(),
        "open_notifications": worklists.open_notifications().count(),
        "open_cases": m.Case.objects.filter(closed_at__isnull=True).count(),
        "active_measures": m.Measure.objects.filter(ended_at__isnull=True, started_at__isnull=False).count(),
    }
    steps = (m.Measure.objects.filter(ended_at__isnull=True, started_at__isnull=False)
             .values("step").annotate(n=Count("id", filter=Q())).order_by("step"))
    return render(request, "cases/overview.html", {"counts": counts, "steps": steps})
