# SPDX-License-Identifier: MPL-2.0
"""Secretariat pages: networks, groups, member municipalities and participants."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from forebyg.core import clock

from .. import forms as f
from ..selectors import events as ev
from ..selectors import networks as sel
from ..selectors import tasks as task_sel
from ..services import structure as svc
from .common import form_page, found, secretariat


@secretariat
def network_list(request):
    return render(request, "network/list.html", {"networks": sel.network_list()})


@secretariat
def network_new(request):
    form = f.NetworkForm(request.POST or None)
    return form_page(request, form, lambda d: svc.network_create(actor=request.user, **d),
                     title=_("New network"), success=_("The network is created."),
                     done=lambda n: reverse("network_detail", args=[n.pk]), back=reverse("network_list"))


@secretariat
def network_detail(request, pk):
    network = found(sel.network_get(pk))
    today = clock.today()
    return render(request, "network/detail.html", {
        "network": network, "structure": sel.network_structure(network, today),
        "calls": sel.calls_for(network), "events": ev.events_for(network), "tasks": task_sel.tasks_for(network),
        "now": clock.now()})


@secretariat
def network_edit(request, pk):
    network = found(sel.network_get(pk))
    initial = {k: getattr(network, k) for k in f.NetworkForm.base_fields}
    form = f.NetworkForm(request.POST or None, initial=initial)
    return form_page(request, form, lambda d: svc.network_update(actor=request.user, network=network, **d),
                     title=_("Edit network"), success=_("Saved."),
                     done=lambda n: reverse("network_detail", args=[n.pk]),
                     back=reverse("network_detail", args=[network.pk]))


@secretariat
def group_new(request, pk):
    network = found(sel.network_get(pk))
    form = f.GroupForm(request.POST or None)
    return form_page(request, form, lambda d: svc.group_create(actor=request.user, network=network, **d),
                     title=_("New group in %(network)s") % {"network": network.name}, success=_("The group is created."),
                     done=lambda g: reverse("network_members", args=[network.pk]),
                     back=reverse("network_members", args=[network.pk]))


@secretariat
def group_edit(request, pk):
    group = found(sel.group_get(pk))
    initial = {k: getattr(group, k) for k in f.GroupForm.base_fields}
    form = f.GroupForm(request.POST or None, initial=initial)
    return form_page(request, form, lambda d: svc.group_update(actor=request.user, group=group, **d),
                     title=_("Edit group"), success=_("Saved."),
                     done=lambda g: reverse("network_members", args=[group.network_id]),
                     back=reverse("network_members", args=[group.network_id]))


@secretariat
def members(request, pk):
    network = found(sel.network_get(pk))
    today = clock.today()
    return render(request, "network/members.html", {
        "network": network, "structure": sel.network_structure(network, today), "today": today})


@secretariat
def membership_new(request, pk):
    network = found(sel.network_get(pk))
    form = f.MembershipForm(request.POST or None, network=network,
                            initial={"valid_from": network.starts_on or clock.today(), "valid_to": network.ends_on})
    return form_page(request, form, lambda d: svc.membership_add(actor=request.user, network=network, **d),
                     title=_("Add member municipality"), success=_("The municipality is a member."),
                     done=lambda ms: reverse("network_members", args=[network.pk]),
                     back=reverse("network_members", args=[network.pk]))


@secretariat
def membership_end(request, pk):
    membership = found(sel.membership_get(pk))
    form = f.MembershipEndForm(request.POST or None, initial={"valid_to": clock.today()})
    return form_page(request, form, lambda d: svc.membership_end(actor=request.user, membership=membership, **d),
                     title=_("End the membership of %(name)s") % {"name": membership.municipality.name},
                     success=_("The membership is ended."),
                     done=lambda ms: reverse("network_members", args=[membership.network_id]),
                     back=reverse("network_members", args=[membership.network_id]))


@secretariat
def participants(request, pk):
    network = found(sel.network_get(pk))
    return render(request, "network/participants.html", {
        "network": network, "by_municipality": sel.participants_by_municipality(network)})


@secretariat
def participant_new(request, pk):
    network = found(sel.network_get(pk))
    form = f.ParticipantForm(request.POST or None, network=network,
                             initial={"municipality": request.GET.get("municipality")})
    return form_page(request, form, lambda d: svc.participant_add(actor=request.user, network=network, **d),
                     title=_("Add participant"), success=_("The participant is added."),
                     done=lambda p: reverse("network_participants", args=[network.pk]),
                     back=reverse("network_participants", args=[network.pk]))


PARTICIPANT_ACTIONS = {
    "link": (svc.participant_send_link, gettext_lazy("A new personal link is on its way by e-mail.")),
    "revoke": (svc.participant_links_revoke, gettext_lazy("The participant's links no longer work.")),
    "withdraw": (svc.participant_withdraw, gettext_lazy("The participant has left the network.")),
}


@secretariat
@require_POST
def participant_action(request, pk, action):
    participant = found(sel.participant_get(pk))
    if action not in PARTICIPANT_ACTIONS:
        return redirect("network_participants", pk=participant.network_id)
    service, success = PARTICIPANT_ACTIONS[action]
    try:
        with transaction.atomic():
            service(actor=request.user, participant=participant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("network_participants", pk=participant.network_id)
