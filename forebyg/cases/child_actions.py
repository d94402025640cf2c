# SPDX-License-Identifier: MPL-2.0
"""The case core's actions on the child's page, declared for the generic child-action view.

Each action is one `forebyg.core.extension.ChildAction`: its form, the service it runs and what
differs from the defaults (extra form arguments, initial values, a message after saving).
Registered from CasesConfig.ready(); other apps register theirs the same way.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forebyg.core.extension import ActionCall, ChildAction, register_child_action

from . import forms as f
from . import models as m
from .journal_forms import JournalNoteForm
from .prompts import prompt_after
from .services import journal, practice


def _getter(model):
    def get(child, pk):
        obj = model.objects.filter(pk=pk, child=child).first()
        if obj is None:
            raise Http404
        return obj
    return get


def _with_child(request, child) -> dict[str, Any]:
    return {"child": child}


def with_child_and_query(request, child) -> dict[str, Any]:
    """Form arguments for an action whose form reads the child and the link's query (other apps use it too)."""
    return {"child": child, "query": request.GET}


def _no_start(initial: dict[str, Any], obj) -> dict[str, Any]:
    return {k: v for k, v in initial.items() if k != "started_at"}


def _future_start_warning(request, form) -> None:
    future = form.future_start()
    if future:  # a planned start is allowed; the measure is on the staircase only from that day
        messages.warning(request, gettext(
            "The start date %(date)s lies in the future. The measure counts on the child's staircase "
            "from that day; if it has not been agreed, correct it with \"Start measure\".")
            % {"date": date_format(localtime(future), "j. F Y")})


def _investigation_initial(initial: dict[str, Any], obj) -> dict[str, Any]:
    return {**initial, **{f"area_{k}": v for k, v in obj.sections.items()},
            "holistic": obj.sections.get("holistic", ""), "conclusion": obj.conclusion,
            "completed_at": obj.completed_at, "provisional_assessment_at": obj.provisional_assessment_at}


def _measure_decide(c: ActionCall) -> object:
    """Decide the measure; other apps' prompts run in the same transaction (the decision letter, #18)."""
    measure = practice.measure_decide(actor=c.actor, child=c.child, **c.data)
    prompt_after("measure_decided", actor=c.actor, record=measure)
    return measure


def _plan_make(c: ActionCall) -> object:
    d = c.data
    return practice.plan_make(actor=c.actor, child=c.child, goals=c.form.goals(), kind=d["kind"],
                              made_at=d["made_at"], summary=d["summary"])


def _investigation_update(c: ActionCall) -> object:
    d = c.data
    return practice.investigation_update(
        actor=c.actor, investigation=c.obj, sections=c.form.sections(), conclusion=d["conclusion"],
        completed_at=d["completed_at"], provisional_assessment_at=d["provisional_assessment_at"])


ACTIONS = (
    ChildAction("counselling", _("Start early counselling"), f.CounsellingForm,
                lambda c: practice.counselling_start(actor=c.actor, child=c.child, **c.data)),
    ChildAction("conversation", _("Record child conversation"), f.ConversationForm,
                lambda c: practice.child_conversation_record(actor=c.actor, child=c.child, **c.data)),
    ChildAction("meeting", _("Record network meeting"), f.MeetingForm,
                lambda c: practice.network_meeting_record(actor=c.actor, child=c.child, **c.data)),
    ChildAction("network", _("Add person in the child's network"), f.NetworkPersonForm,
                lambda c: practice.network_person_record(actor=c.actor, child=c.child, **c.data)),
    ChildAction("investigation", _("Start investigation"), f.InvestigationStartForm,
                lambda c: practice.investigation_start(actor=c.actor, child=c.child, **c.data)),
    ChildAction("measure", _("Decide measure"), f.MeasureForm, _measure_decide,
                form_kwargs=with_child_and_query, initial=_no_start, after_save=_future_start_warning,
                template=f.MeasureForm.page_template),
    ChildAction("plan", _("Write plan"), f.PlanForm, _plan_make),
    ChildAction("followup", _("Record follow-up"), f.FollowUpForm,
                lambda c: practice.followup_record(actor=c.actor, child=c.child, **c.data),
                form_kwargs=_with_child, initial_from_query=("measure",)),  # a deadline row's link
    ChildAction("journal", _("Write journal note"), JournalNoteForm,
                lambda c: journal.journal_note_record(actor=c.actor, child=c.child, **c.data)),
    # On one of the child's records (/children/<pk>/<action>/<record pk>/).
    ChildAction("investigation_update", _("Investigation"), f.InvestigationForm, _investigation_update,
                object_getter=_getter(m.Investigation), initial=_investigation_initial),
    ChildAction("measure_start", _("Start measure"), f.MeasureStartForm,
                lambda c: practice.measure_start(actor=c.actor, measure=c.obj, **c.data),
                object_getter=_getter(m.Measure)),
    ChildAction("measure_end", _("End measure"), f.MeasureEndForm,
                lambda c: practice.measure_end(actor=c.actor, measure=c.obj, **c.data),
                object_getter=_getter(m.Measure)),
    ChildAction("counselling_end", _("End early counselling"), f.MeasureStartForm,
                lambda c: practice.counselling_end(actor=c.actor, counselling=c.obj, ended_at=c.data["started_at"]),
                object_getter=_getter(m.Counselling)),
)


def register() -> None:
    """Called from CasesConfig.ready()."""
    for action in ACTIONS:
        register_child_action(action)
