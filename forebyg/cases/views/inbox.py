# SPDX-License-Identifier: MPL-2.0
"""The receiving unit: register children and notifications, assess within 24 hours, acknowledge, route."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forebyg.core import clock
from forebyg.domain.interchange import schema as sx
from forebyg.people.registry import configured as registry_configured

from .. import forms as f
from ..prompts import prompt_after, sections
from ..selectors import worklists
from ..selectors.corrections import corrections
from ..selectors.scoping import own_children
from ..services import practice
from . import register
from .common import get_notification, require, run_service

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@login_required
def inbox(request):
    require(request.user, "cases.view_worklists")
    from forebyg.deadlines.clocks import inbox_clocks  # the deadline engine's clocks (a feature app)

    rows = inbox_clocks(worklists.inbox(), municipality_id=request.user.municipality_id, as_of=clock.now())
    return render(request, "cases/inbox.html", {"rows": rows})


@login_required
def child_new(request):
    require(request.user, "cases.register_child")
    if registry_configured() and not request.GET.get("manual"):  # by CPR number from the register (issue #19)
        return register.child_by_cpr(request)
    form = f.ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}

        def call():
            created["child"] = practice.child_register(actor=request.user, **form.cleaned_data)

        if run_service(form, call):
            messages.success(request, _("The child is registered."))
            return redirect("child", pk=created["child"].pk)
    return render(request, "cases/form.html", {"form": form, "title": _("Register child")})


@login_required
def notification_new(request):
    require(request.user, "cases.register_notification")
    lookup = {}
    if request.method == "POST" and "lookup" in request.POST:  # the new child looked up in the CPR register
        form, lookup["found"], lookup["errors"] = register.notification_lookup(request, f.NotificationForm)
    else:
        form = f.NotificationForm(request.POST or None, initial={"received_at": clock.now()})
    if request.method == "POST" and not lookup and form.is_valid() and \
            (from_register := register.new_child_from_register(request, form)) is not None:
        created = {}

        def call():  # one transaction: a refused notification registers no child either
            args = form.notification_args()
            new_child = form.new_child()
            if new_child is not None:
                new_child.update(from_register)
                if not request.user.has_perm("cases.register_child"):
                    raise ValidationError({"new_child_name": _("You may not register children.")})
                child = practice.child_register(actor=request.user, **new_child)
                args["children"] = [*(args.get("children") or []), child]
            created["n"] = practice.notification_register(actor=request.user, **args)
            prompt_after("notification_registered", actor=request.user, record=created["n"])  # a receipt letter

        if run_service(form, _new_child_errors(form, call)):
            messages.success(request, _("The notification is registered. The 24-hour clock is running."))
            return redirect("notification", pk=created["n"].pk)
    return render(request, "cases/form.html", {
        "form": form, "title": _("Register notification"),
        "intro": _("A child who is not registered yet can be registered with the notification under \"Child "
                   "not registered\": the name is enough; give the birth date and CPR number when known (they "
                   "can be added later on the child's page). A registered child is added later with "
                   "\"Correct notification\"."),
        "intro_link": (reverse("child_new"), _("Register a child first")) if request.user.has_perm(
            "cases.register_child") else None,
        "lookup_after": "new_child_cpr" if registry_configured() else None, "lookup": lookup,
    })


def _new_child_errors(form, call):
    """The child service names its fields name/birth_date/cpr: show them at the new child's fields."""
    def run():
        try:
            call()
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise ValidationError({({"name": "new_child_name", "birth_date": "new_child_birth_date",
                                         "cpr": "new_child_cpr"}).get(k, k): v for k, v in exc.error_dict.items()}) \
                    from exc
            raise
    return run


@dataclass(frozen=True)
class NotificationAction:
    """A form on the notification page: the service it runs (called with the actor, the notification
    and the form's cleaned data), the permission it needs and its title (the page's button)."""

    form: type[forms.Form]
    service: Callable[..., object]
    permission: str
    title: StrOrPromise


NOTIFICATION_ACTIONS: dict[str, NotificationAction] = {
    "acute": NotificationAction(f.AcuteAssessmentForm, practice.acute_assessment_record, "cases.register_notification",
                                gettext_lazy("Acute assessment")),
    "ack": NotificationAction(f.AcknowledgementForm, practice.acknowledgement_record, "cases.register_notification",
                              gettext_lazy("Acknowledgement of receipt")),
    "route": NotificationAction(f.RouteForm, practice.notification_route, "cases.register_notification",
                                gettext_lazy("Route to team")),
    "decision": NotificationAction(f.DecisionForm, practice.decision_record, "cases.casework",
                                   gettext_lazy("Decision on the notification")),
    "feedback": NotificationAction(f.FeedbackForm, practice.notifier_feedback_record, "cases.casework",
                                   gettext_lazy("Feedback to the notifier")),
}


@login_required
def notification(request, pk):
    from forebyg.deadlines.clocks import notification_clocks  # the deadline engine's clocks (a feature app)

    from ..selectors.covers import covering_assessments

    n = get_notification(request, pk)
    prefetch_related_objects([n], "children")  # read once, for the page and the engine
    children = list(n.children.all())
    clocks = notification_clocks(municipality_id=request.user.municipality_id, notifications=[n], as_of=clock.now())
    return render(request, "cases/notification.html", {
        "n": n, "clocks": clocks[n.pk], "children": children,
        "relevant_feedback": _feedback_relevant(n),
        "assessments": list(n.acute_assessments.all()) + covering_assessments(n), "acks": list(n.acknowledgements.all()),
        "decisions": list(own_children(n.decisions.select_related("child"))), "feedback": list(n.feedback.all()),
        "actions": [(k, a.title) for k, a in NOTIFICATION_ACTIONS.items() if request.user.has_perm(a.permission)],
        "may_correct": request.user.has_perm("cases.correct_notification"),
        "corrections": corrections(n, CORRECTED_FIELDS),
        "sections": sections("notification", request, n),  # e.g. its letters (issue #18)
    })


CORRECTED_FIELDS = ("received_at", "notifier_kind", "notifier_professional", "notifier_name")


@login_required
def notification_action(request, pk, action):
    if action not in NOTIFICATION_ACTIONS:
        return redirect("notification", pk=pk)
    spec = NOTIFICATION_ACTIONS[action]
    form_class, service, title = spec.form, spec.service, spec.title
    require(request.user, spec.permission)
    n = get_notification(request, pk)
    kwargs = {"notification": n} if action in ("decision", "acute") else {}
    now = clock.now().replace(second=0, microsecond=0)
    initial = {k: now for k in ("assessed_at", "sent_at", "decided_at", "given_at")}
    if action == "feedback" and request.GET.get("content") in sx.FEEDBACK_AFTER.values():
        initial["content"] = request.GET["content"]
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        saved = {}

        def call():
            saved["record"] = service(actor=request.user, notification=n, **form.cleaned_data)
            if action == "decision":  # e.g. the feedback letter drafted in the same transaction (issue #18)
                saved["next"] = prompt_after("decision_recorded", actor=request.user, record=saved["record"])

        if run_service(form, call):
            if saved.get("next"):
                messages.success(request, _("The decision is saved. Send the feedback to the notifier now?"))
                return redirect(saved["next"])
            if action == "decision" and _feedback_relevant(n) and not n.feedback.exists():
                # The feedback a professional notifier is owed (BL § 138 / SEL § 155 b), prompted at once:
                # 13 of 16 were missing in the Herning review.
                messages.success(request, _("The decision is saved. Send the feedback to the notifier now?"))
                content = sx.feedback_after(form.cleaned_data["outcome"])
                return redirect(reverse("notification_action", args=[n.pk, "feedback"]) + f"?content={content}")
            messages.success(request, _("Saved."))
            return redirect("notification", pk=n.pk)
    intro = _("A decision is recorded. Tell the professional notifier whether an investigation or a measure was "
              "started; you may say which measure.") if action == "feedback" and _feedback_relevant(n) else None
    correct = None
    if action == "feedback" and not _feedback_relevant(n):
        intro = _("Feedback is given to professional notifiers only, and this notification is registered as from "
                  "someone who is not a professional. If that is wrong, correct the notification first.")
        correct = (reverse("notification_correct", args=[n.pk]), _("Correct notification"))
    return render(request, "cases/form.html", {"form": form, "title": title, "back": ("notification", n.pk),
                                               "intro": intro, "intro_link": correct})


def _feedback_relevant(n) -> bool:
    return sx.feedback_owed(notifier_kind=n.notifier_kind, professional=n.notifier_professional)
