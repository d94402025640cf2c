# SPDX-License-Identifier: MPL-2.0
"""Start pages by role: the caseworker's "Mit arbejde", the team leader's team, the manager's overview."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.accounts.models import Role
from forebyg.core import clock
from forebyg.web.language import page_language
from forebyg.web.paging import paged

from .. import models as m
from ..forms import AssignForm, MoveForm
from ..prompts import sections
from ..selectors import worklists
from ..services import practice
from .common import require, run_service

URL_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what Django's reverse() leaves unquoted in an argument

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
    """The caseworker's start page. A caseload of 400 children is a thousand rows: the lists of
    children and of planned dates show `PAGE_ROWS` rows a page (most urgent date first), with the
    true totals in their captions (issue #20)."""
    require(request.user, "cases.casework")
    now = clock.now()
    data = worklists.my_work(user=request.user, as_of=now)
    pages = {"cases": paged(request, data["cases"], param="boern")}
    data["cases"] = pages["cases"].rows
    pages["upcoming"] = paged(request, data["upcoming"], param="datoer")
    data["upcoming"] = pages["upcoming"].rows
    # Each row's link and dates are made here once (the same text as `{% url 'child' pk %}` and
    # `|date:"d.m.Y"` in Danish time), not through a URL resolver and the date filter per cell.
    link = _child_link()
    for c in data["cases"]:
        born = c.birth_date  # None for a child known by name only (issue #15)
        c.child_link, c.born_text = link(c.child_id), f"{born:%d.%m.%Y}" if born else None
        c.opened_text = f"{clock.local_date(c.opened_at):%d.%m.%Y}"
    for row in data["upcoming"]:
        row.child_link, row.date_text = link(row.child_id), f"{row.date:%d.%m.%Y}"
    return render(request, "cases/my_work.html", {**data, "now": now, "pages": pages,
                                                  "sections": sections("my_work", request)})


def _child_link():
    """pk -> the child page's URL, as `reverse("child", args=[pk])` gives it."""
    marker = "0PK0"
    before, _m, after = reverse("child", args=[marker]).partition(marker)
    return lambda pk: f"{before}{quote(str(pk), safe=URL_SAFE)}{after}"


@login_required
def team(request):
    require(request.user, "cases.assign")
    from forebyg.deadlines.clocks import notification_clocks  # the deadline engine's clocks (a feature app)
    from forebyg.deadlines.team import overdue_by_caseworker

    now = clock.now()
    mid = request.user.municipality_id
    data = worklists.team_overview(leader=request.user, as_of=now)
    caseworkers = list(worklists.team_caseworkers(request.user))  # once for every row's form
    defaults = worklists.default_caseworkers(data["unassigned"])
    clocks = notification_clocks(municipality_id=mid, notifications=data["unassigned"], as_of=now)
    own = request.user.team_id
    offered = {u.pk for u in caseworkers}
    for n in data["unassigned"]:
        default = defaults.get(n.pk)
        if default is not None and (default.team_id != own or default.pk not in offered):
            default = None  # the child's caseworker is in another team: say so, but offer only our own
        # Continuity: the child's own caseworker first in the choice, and chosen.
        choices = [default] + [u for u in caseworkers if u.pk != default.pk] if default else caseworkers
        n.assign_form = AssignForm(caseworkers=choices, initial={"caseworker": default}, prefix=n.pk)
        n.default_caseworker = defaults.get(n.pk)
        n.clock = clocks[n.pk].acute
    overdue = overdue_by_caseworker(caseworkers=data["caseworkers"], municipality_id=mid, as_of=now)
    for u in data["caseworkers"]:
        u.overdue = overdue[u.pk]
    for c in data["cases_without"]:
        c.assign_form = AssignForm(caseworkers=caseworkers, prefix=c.pk) if c.team_id == own and own else None
    return render(request, "cases/team.html", data)


def _team_object(kind: str, pk: str):
    model = {"notification": m.Notification, "case": m.Case}.get(kind)
    return model.objects.filter(pk=pk).first() if model else None


@login_required
@require_POST
def assign(request, kind: str, pk: str):
    """Assign what is routed to the leader's own team, to a caseworker of that team
    (cases.services.teams): another team's case or notification is not taken over here."""
    require(request.user, "cases.assign")
    obj = _team_object(kind, pk)
    form = AssignForm(request.POST, caseworkers=worklists.team_caseworkers(request.user), prefix=pk)
    if obj is None or not form.is_valid():
        messages.error(request, _("Choose a caseworker from the list."))
        return redirect("team")
    try:
        if kind == "notification":
            practice.notification_assign(actor=request.user, notification=obj,
                                         caseworker=form.cleaned_data["caseworker"])
        else:
            practice.case_assign(actor=request.user, case=obj, caseworker=form.cleaned_data["caseworker"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("team")
    messages.success(request, _("Assigned to %(name)s.") % {"name": form.cleaned_data["caseworker"]})
    return redirect("team")


@login_required
def move(request, kind: str, pk: str):
    """Move a case or a notification to another team, with a stated reason (logged): "Flyt til andet team"."""
    require(request.user, "cases.assign")
    obj = _team_object(kind, pk)
    if obj is None:
        raise Http404
    if obj.team_id is not None and obj.team_id != request.user.team_id:
        raise Http404  # another team's: only its own leader moves it
    form = MoveForm(request.POST or None, exclude_team=obj.team_id)
    if request.method == "POST" and form.is_valid():
        service = practice.notification_move if kind == "notification" else practice.case_move
        target = {"notification": obj} if kind == "notification" else {"case": obj}
        if run_service(form, lambda: service(actor=request.user, team=form.cleaned_data["team"],
                                             reason=form.cleaned_data["reason"], **target)):
            messages.success(request, _("Moved to %(team)s.") % {"team": form.cleaned_data["team"]})
            return redirect("team")
    if kind == "case":
        what = _("Case about %(name)s") % {"name": obj.child.name}
    else:
        what = _("Notification received %(at)s") % {"at": date_format(localtime(obj.received_at), "d.m.Y H:i")}
    return render(request, "cases/form.html", {
        "form": form, "title": _("Move to another team"), "back": ("team", None),
        "submit": _("Move the case") if kind == "case" else _("Move the notification"),
        "intro": what, "intro_note": _("The move and its reason are logged. The caseworker is removed if they are "
                                       "not in the new team; the new team's leader assigns it.")})


@login_required
def overview(request):
    """The manager's start page: counts, active measures by named staircase step, the share on
    steps 1–3 against 4–6 per quarter for two years, and overdue deadlines per team (issue #15)."""
    require(request.user, "cases.view_worklists")
    from django.db.models import Count

    from forebyg.deadlines.team import overdue_by_team
    from forebyg.domain.staircase import DEFAULT_STEPS

    from .. import forms
    from ..selectors import overview as ov

    now = clock.now()
    active = ov.active_at(now)
    counts = {
        "children": m.Child.objects.count(),
        "open_notifications": worklists.open_notifications().count(),
        "open_cases": m.Case.objects.filter(closed_at__isnull=True).count(),
        "active_measures": active.count(),
    }
    language = page_language()
    config = forms.staircase_config_for(request.user.municipality_id)
    if config is not None:
        names = {s.number: config.name(s.number, language) for s in config.steps}
    else:
        names = {s.number: s.name_da if language == "da" else s.name_en for s in DEFAULT_STEPS}
    by_step = dict(active.values_list("step").annotate(n=Count("id")).values_list("step", "n"))
    steps = [{"step": number, "name": name, "n": by_step.get(number, 0)} for number, name in sorted(names.items())]
    return render(request, "cases/overview.html", {
        "counts": counts, "steps": steps, "shares": ov.step_shares(now),
        "teams": overdue_by_team(municipality_id=request.user.municipality_id, as_of=now)})
