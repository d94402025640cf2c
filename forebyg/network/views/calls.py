# SPDX-License-Identifier: MPL-2.0
"""Calls for applications: the secretariat's pages and the public application page (no account)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.core import clock

from .. import forms as f
from ..selectors import networks as sel
from ..services import calls as svc
from .common import form_page, found, run_service, secretariat


@secretariat
def call_new(request, pk):
    network = found(sel.network_get(pk))
    form = f.CallForm(request.POST or None)
    return form_page(request, form, lambda d: svc.call_create(actor=request.user, network=network, **d),
                     title=_("New call for applications"), success=_("The call is created."),
                     done=lambda c: reverse("network_call", args=[c.pk]),
                     back=reverse("network_detail", args=[network.pk]))


@secretariat
def call_detail(request, pk):
    call = found(sel.call_get(pk))
    return render(request, "network/call.html", {
        "call": call, "network": call.network, "now": clock.now(),
        "applications": call.applications.select_related("municipality").order_by("submitted_at"),
        "public_url": svc.call_public_url(call)})


@secretariat
@require_POST
def call_publish(request, pk):
    call = found(sel.call_get(pk))
    try:
        with transaction.atomic():
            svc.call_publish(actor=request.user, call=call)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The call is published."))
    return redirect("network_call", pk=call.pk)


@secretariat
def application_detail(request, pk):
    app = found(sel.application_get(pk))
    network = app.call.network
    form = f.DecisionForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data

        def call():
            if d["decision"] == "accept":
                svc.application_accept(actor=request.user, application=app, group=d["group"], role=d["role"],
                                       reason=d["reason"])
            else:
                svc.application_decline(actor=request.user, application=app, reason=d["reason"])

        if run_service(form, call):
            messages.success(request, _("The decision is recorded and the municipality is told."))
            return redirect("network_call", pk=app.call_id)
    return render(request, "network/application.html", {
        "application": app, "call": app.call, "network": network, "form": form,
        "cap": network.max_participants_per_municipality})


def call_public(request, pk):
    """The public page of a call, with the application form. Municipalities apply without an account."""
    call = found(sel.public_call_get(pk))
    now = clock.now()
    cap = call.network.max_participants_per_municipality
    form = f.ApplicationForm(request.POST or None, cap=cap)
    is_open = call.open_on(now)
    if request.method == "POST" and is_open and form.is_valid():
        if run_service(form, lambda: svc.application_submit(call=call, **form.cleaned_data)):
            return redirect("network_call_thanks", pk=call.pk)
    return render(request, "network/call_public.html", {
        "call": call, "network": call.network, "form": form, "is_open": is_open, "now": now})


def call_thanks(request, pk):
    call = found(sel.public_call_get(pk))
    return render(request, "network/call_thanks.html", {"call": call, "network": call.network})
