# SPDX-License-Identifier: MPL-2.0
"""The child page and the caseworker's actions on it. Every read is access-logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forebyg.audit.services import log_access
from forebyg.core import clock
from forebyg.domain.cpr import mask
from forebyg.people.display import child_addresses
from forebyg.security.access import may_break_glass

from .. import forms as f
from .. import models as m
from ..journal_forms import JournalNoteForm
from ..selectors.child import child_page, engine_records
from ..selectors.intake import child_intake
from ..services import journal, practice
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
    ctx["can_casework"] = request.user.has_perm("cases.casework")
    ctx["actions"] = [(k, v[2]) for k, v in CHILD_ACTIONS.items()]
    ctx.update(_deadlines(request, c))
    return render(request, "cases/child.html", ctx)


def _deadlines(request, c) -> dict:
    """The child's obligations as of now or a chosen moment ("what did the case look like on 1 March?")."""
    from forebyg.deadlines import selectors as dl
    from forebyg.deadlines.views import STATUS_LABELS, _language, as_of_from
    from forebyg.domain.deadlines import input_types

    as_of, form = as_of_from(request)
    # From the records the page has read already (cases.selectors.child.read_child).
    settings = dl.settings_for(c.municipality_id)
    records = engine_records(c, input_types(settings.config))
    obligations = dl.obligations_from_records(settings=settings, records=records, as_of=as_of)
    return {"deadline_rows": dl.rows(obligations, municipality_id=c.municipality_id, language=_language(),
                                     config=settings.config, user=request.user, known={c.pk: c}),
            "deadline_labels": STATUS_LABELS, "as_of_form": form, "as_of": as_of}


def _investigation(child, pk):
    obj = m.Investigation.objects.filter(pk=pk, child=child).first()
    if obj is None:
        raise Http404
    return obj


def _measure(child, pk):
    obj = m.Measure.objects.filter(pk=pk, child=child).first()
    if obj is None:
        raise Http404
    return obj


def _counselling(child, pk):
    obj = m.Counselling.objects.filter(pk=pk, child=child).first()
    if obj is None:
        raise Http404
    return obj


# action -> (form class, call(actor, child, data, obj), title, object getter or None)
CHILD_ACTIONS = {
    "counselling": (f.CounsellingForm, lambda u, c, d, o: practice.counselling_start(actor=u, child=c, **d),
                    gettext_lazy("Start early counselling"), None),
    "conversation": (f.ConversationForm, lambda u, c, d, o: practice.child_conversation_record(actor=u, child=c, **d),
                     gettext_lazy("Record child conversation"), None),
    "meeting": (f.MeetingForm, lambda u, c, d, o: practice.network_meeting_record(actor=u, child=c, **d),
                gettext_lazy("Record network meeting"), None),
    "network": (f.NetworkPersonForm, lambda u, c, d, o: practice.network_person_record(actor=u, child=c, **d),
                gettext_lazy("Add person in the child's network"), None),
    "investigation": (f.InvestigationStartForm, lambda u, c, d, o: practice.investigation_start(actor=u, child=c, **d),
                      gettext_lazy("Start investigation"), None),
    "measure": (f.MeasureForm, lambda u, c, d, o: practice.measure_decide(actor=u, child=c, **d),
                gettext_lazy("Decide measure"), None),
    "plan": (f.PlanForm, None, gettext_lazy("Write plan"), None),
    "followup": (f.FollowUpForm, lambda u, c, d, o: practice.followup_record(actor=u, child=c, **d),
                 gettext_lazy("Record follow-up"), None),
    "journal": (JournalNoteForm, lambda u, c, d, o: journal.journal_note_record(actor=u, child=c, **d),
                gettext_lazy("Write journal note"), None),
}
OBJECT_ACTIONS = {
    "investigation_update": (f.InvestigationForm, None, gettext_lazy("Investigation"), _investigation),
    "measure_start": (f.MeasureStartForm, lambda u, c, d, o: practice.measure_start(actor=u, measure=o, **d),
                      gettext_lazy("Start measure"), _measure),
    "measure_end": (f.MeasureEndForm, lambda u, c, d, o: practice.measure_end(actor=u, measure=o, **d),
                    gettext_lazy("End measure"), _measure),
    "counselling_end": (f.MeasureStartForm, lambda u, c, d, o: practice.counselling_end(actor=u, counselling=o, ended_at=d["started_at"]),
                        gettext_lazy("End early counselling"), _counselling),
}


def _initial(action, obj):
    now = clock.now().replace(second=0, microsecond=0)
    initial = {k: now for k in ("started_at", "consent_at", "aware_at", "held_at", "decided_at", "made_at", "ended_at")}
    if action == "investigation_update" and obj is not None:
        initial.update({f"area_{k}": v for k, v in obj.sections.items()})
        initial.update(holistic=obj.sections.get("holistic", ""), conclusion=obj.conclusion,
                       completed_at=obj.completed_at, provisional_assessment_at=obj.provisional_assessment_at)
    if action == "measure":
        initial.pop("started_at")
    if obj is not None:
        initial["version"] = record_version(obj)  # optimistic locking: the version the user opens
    return initial


@login_required
def child_action(request, pk, action, obj_pk=None):
    require(request.user, "cases.casework")
    table = OBJECT_ACTIONS if obj_pk else CHILD_ACTIONS
    if action not in table:
        raise Http404
    form_class, call, title, getter = table[action]
    c = get_child(request, pk, f"child.{action}")
    obj = getter(c, obj_pk) if getter else None
    extra = {"child": c} if form_class is f.FollowUpForm else {}
    if getattr(form_class, "needs_child", False):  # actions registered by other apps (e.g. progression)
        extra = {"child": c, "query": request.GET}
    initial = _initial(action, obj)
    if "measure" in request.GET and "measure" in form_class.base_fields:  # a deadline row's "Registrer opfølgning"
        initial["measure"] = request.GET["measure"]
    form = form_class(request.POST or None, initial=initial, **extra)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if obj is not None:
            expect_version(obj, data.pop("version", None))
        if action == "plan":
            goals = form.goals()
            data = {k: data[k] for k in ("kind", "made_at", "summary")}

            def run():
                practice.plan_make(actor=request.user, child=c, goals=goals, **data)
        elif action == "investigation_update":
            def run():
                practice.investigation_update(
                    actor=request.user, investigation=obj, sections=form.sections(), conclusion=data["conclusion"],
                    completed_at=data["completed_at"], provisional_assessment_at=data["provisional_assessment_at"])
        else:
            def run():
                call(request.user, c, data, obj)
        if run_service(form, run):
            messages.success(request, _("Saved."))
            future = form.future_start() if action == "measure" else None
            if future:  # a planned start is allowed; the measure is on the staircase only from that day
                messages.warning(request, _(
                    "The start date %(date)s lies in the future. The measure counts on the child's staircase "
                    "from that day; if it has not been agreed, correct it with \"Start measure\".")
                    % {"date": date_format(localtime(future), "j. F Y")})
            return redirect("child", pk=c.pk)
    return render(request, getattr(form_class, "page_template", "cases/form.html"),
                  {"form": form, "title": title, "child": c, "back": ("child", c.pk)})


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
