# SPDX-License-Identifier: MPL-2.0
"""The child page and the caseworker's actions on it. Every read is access-logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forebyg.audit.services import log_access
from forebyg.core import clock, extension
from forebyg.deadlines.actions import reverse  # a pattern resolved once per process
from forebyg.domain.cpr import mask
from forebyg.people.display import child_addresses
from forebyg.security.access import may_break_glass
from forebyg.web.language import page_language
from forebyg.web.permissions import holds

from .. import models as m
from ..selectors.child import child_page, engine_records
from ..selectors.intake import child_intake
from ..services.records import expect_version, record_version
from .common import find_child, get_child, require, run_service


@login_required
def child(request, pk):
    """The child's file, or on the ``intake`` basis only the intake view (forebyg.security.access)."""
    c, access = find_child(request, pk)
    if not access.full:
        log_access(user=request.user, child=c, view="child.intake", request=request, basis=access.basis)
        return render(request, "cases/child_intake.html", {
            "intake": child_intake(c), "cpr_masked": mask(c.cpr), "can_break_glass": may_break_glass(request.user)})
    log_access(user=request.user, child=c, view="child", request=request, reason=access.reason, basis=access.basis)
    ctx = child_page(c)
    ctx["cpr_masked"] = mask(c.cpr)
    ctx["addresses"] = child_addresses(c, user=request.user, basis=access.basis)  # protected ones filtered
    ctx["can_casework"] = holds(request.user, "cases.casework")
    ctx["actions"] = [(reverse("child_action", [c.pk, a.key]), a.title) for a in extension.child_actions()]
    ctx.update(_deadlines(request, c))
    return render(request, "cases/child.html", ctx)


def _deadlines(request, c) -> dict:
    """The child's obligations as of now or a chosen moment ("what did the case look like on 1 March?")."""
    from forebyg.deadlines import selectors as dl
    from forebyg.deadlines.views import STATUS_LABELS, as_of_from
    from forebyg.domain.deadlines import input_types

    as_of, form = as_of_from(request)
    # From the records the page has read already (cases.selectors.child.read_child).
    settings = dl.settings_for(c.municipality_id)
    records = engine_records(c, input_types(settings.config))
    obligations = dl.obligations_from_records(settings=settings, records=records, as_of=as_of)
    return {"deadline_rows": dl.rows(obligations, municipality_id=c.municipality_id, language=page_language(),
                                     config=settings.config, user=request.user, known={c.pk: c}),
            "deadline_labels": STATUS_LABELS, "as_of_form": form, "as_of": as_of}


_TIMES = ("started_at", "consent_at", "aware_at", "held_at", "decided_at", "made_at", "ended_at")


@login_required
def child_action(request, pk, action, obj_pk=None):
    """Every action on the child's page, as declared (forebyg.cases.child_actions and other apps')."""
    act = extension.child_action(action)
    require(request.user, act.permission if act else "cases.casework")
    if act is None or act.on_record != (obj_pk is not None):
        raise Http404
    c = get_child(request, pk, f"child.{action}")
    obj = act.object_getter(c, obj_pk) if act.object_getter else None
    now = clock.now().replace(second=0, microsecond=0)
    initial: dict = dict.fromkeys(_TIMES, now)
    if act.initial:
        initial = act.initial(initial, obj)
    if obj is not None:
        initial["version"] = record_version(obj)  # optimistic locking: the version the user opens
    initial.update({k: request.GET[k] for k in act.initial_from_query if k in request.GET})
    extra = act.form_kwargs(request, c) if act.form_kwargs else {}
    form = act.form(request.POST or None, initial=initial, **extra)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if obj is not None:
            expect_version(obj, data.pop("version", None))
        call = extension.ActionCall(actor=request.user, child=c, obj=obj, form=form, data=data)
        if run_service(form, lambda: act.run(call)):
            messages.success(request, _("Saved."))
            if act.after_save:
                act.after_save(request, form)
            return redirect("child", pk=c.pk)
    return render(request, act.template, {"form": form, "title": act.title, "child": c, "back": ("child", c.pk)})


@login_required
def record_history(request, pk, kind, obj_pk):
    """Every version of one record: a correction never erases what was there before."""
    c = get_child(request, pk, "child.history")
    model = {"measure": m.Measure, "investigation": m.Investigation, "counselling": m.Counselling,
             "child": m.Child, "journal_note": m.JournalNote}.get(kind)
    if model is None:
        raise Http404
    versions = list(model.history.filter(id=obj_pk, municipality_id=c.municipality_id).order_by("-history_date"))
    # The record must be the child's in the URL (its latest version says whose it is): the child's
    # file opens the history of its own records only, not of any record in the municipality.
    owner = (lambda v: v.id) if model is m.Child else (lambda v: v.child_id)
    if not versions or owner(versions[0]) != c.pk:
        raise Http404
    return render(request, "cases/history.html", {"child": c, "versions": versions, "kind": kind})
