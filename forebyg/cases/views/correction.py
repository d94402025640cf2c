# SPDX-License-Identifier: MPL-2.0
"""Correcting a notification (issue #15): "Ret underretning" — the notifier, whether a professional,
the time received and the children, with a reason; every earlier version stays and is listed on the
notification's page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import forms as f
from .. import models as m
from ..services import practice
from .common import find_child, get_notification, require, run_service


class NotificationCorrectionForm(forms.Form):
    received_at = f.dt_field(gettext_lazy("Received"))
    notifier_kind = f.NotificationForm.base_fields["notifier_kind"]
    notifier_professional = f.NotificationForm.base_fields["notifier_professional"]
    notifier_name = f.NotificationForm.base_fields["notifier_name"]
    keep: forms.ModelMultipleChoiceField[m.Child] = forms.ModelMultipleChoiceField(label=gettext_lazy("Children named"), required=False, queryset=None,
                                          widget=forms.CheckboxSelectMultiple,
                                          help_text=gettext_lazy("Untick a child named by mistake."))
    add = forms.CharField(label=gettext_lazy("Add children (CPR numbers)"), required=False,
                          widget=forms.Textarea(attrs={"rows": 2}),
                          help_text=gettext_lazy("One CPR number per line; the child must be registered."))
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("Kept with the earlier version. Do not write details of the case."))

    def __init__(self, *args, notification, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = notification.children.all()
        self.fields["keep"].label_from_instance = lambda c: c.name

    def clean(self):
        return f.professional_by_kind(super().clean())

    def clean_add(self):
        return f.children_from_lines(self.cleaned_data["add"])

    def children(self) -> list:
        chosen = {c.pk: c for c in self.cleaned_data["keep"]}
        chosen.update({c.pk: c for c in self.cleaned_data["add"]})
        return list(chosen.values())


@login_required
def notification_correct(request, pk):
    require(request.user, "cases.correct_notification")
    n = get_notification(request, pk)
    professional = "yes" if n.notifier_professional else "no"
    initial = {"received_at": n.received_at, "notifier_kind": n.notifier_kind,
               "notifier_professional": professional, "notifier_name": n.notifier_name,
               "keep": list(n.children.all())}
    form = NotificationCorrectionForm(request.POST or None, initial=initial, notification=n)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(form, lambda: practice.notification_correct(
                actor=request.user, notification=n, reason=data["reason"], received_at=data["received_at"],
                notifier_kind=data["notifier_kind"], notifier_professional=data["notifier_professional"],
                notifier_name=data["notifier_name"], children=form.children())):
            messages.success(request, _("The notification is corrected; the earlier version is kept."))
            return redirect("notification", pk=n.pk)
    return render(request, "cases/form.html", {"form": form, "title": _("Correct notification"),
                                               "back": ("notification", n.pk)})


class ChildCorrectionForm(forms.Form):
    """ "Ret barnets oplysninger": a child registered by name only gets its birth date and CPR number."""

    name = f.ChildForm.base_fields["name"]
    birth_date = forms.DateField(label=gettext_lazy("Birth date"), widget=f.D, required=False,
                                 help_text=gettext_lazy("Leave empty when unknown; given by the CPR number."))
    cpr = forms.CharField(label=gettext_lazy("CPR number"), max_length=11, required=False,
                          help_text=gettext_lazy("DDMMYY-XXXX. Leave empty to keep the number already registered."))
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("Kept with the earlier version. Do not write details of the case."))


@login_required
def child_correct(request, pk):
    """The receiving unit and the caseworker complete a child's identity (issue #15); the intake
    basis is enough, as the intake view shows these details too. The read is access-logged."""
    from forebyg.audit.services import log_access

    require(request.user, "cases.register_child")
    c, access = find_child(request, pk)
    log_access(user=request.user, child=c, view="child.correct", request=request, reason=access.reason,
               basis=access.basis)
    form = ChildCorrectionForm(request.POST or None, initial={"name": c.name, "birth_date": c.birth_date})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(form, lambda: practice.child_correct(
                actor=request.user, child=c, reason=data["reason"], name=data["name"],
                birth_date=data["birth_date"], cpr=(data["cpr"] or "").strip() or None)):
            messages.success(request, _("The child's details are corrected; the earlier version is kept."))
            return redirect("child", pk=c.pk)
    return render(request, "cases/form.html", {"form": form, "title": _("Correct the child's details"),
                                               "back": ("child", c.pk), "submit": _("Save the correction")})
