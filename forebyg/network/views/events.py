# SPDX-License-Identifier: MPL-2.0
"""Secretariat pages for events: plan, change, move, cancel, invite, materials, attendance and export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.core import clock

from .. import forms as f
from .. import models as m
from ..selectors import events as sel
from ..selectors import networks as net_sel
from ..services import events as svc
from ..services import registrations as reg_svc
from .common import file_response, form_page, found, secretariat, table_response


def _back(event):
    return reverse("network_event", args=[event.pk])


@secretariat
def event_new(request, pk):
    network = found(net_sel.network_get(pk))
    form = f.EventForm(request.POST or None, network=network, initial={"group": request.GET.get("group")})
    return form_page(request, form, lambda d: svc.event_create(actor=request.user, network=network, **d),
                     title=_("New event"), success=_("The event is created."), done=_back,
                     back=reverse("network_detail", args=[network.pk]))


@secretariat
def event_detail(request, pk):
    event = found(sel.event_get(pk))
    return render(request, "network/event.html", {
        "event": event, "network": event.network, "regs": sel.event_registrations(event),
        "materials": event.materials.all(), "now": clock.now(),
        "add_form": f.RegistrationAddForm(event=event)})


@secretariat
def event_edit(request, pk):
    event = found(sel.event_get(pk))
    form = f.EventEditForm(request.POST or None, initial={k: getattr(event, k) for k in f.EventEditForm.base_fields})
    return form_page(request, form, lambda d: svc.event_update(actor=request.user, event=event, **d),
                     title=_("Edit event"), success=_("Saved."), done=_back, back=_back(event))


@secretariat
def event_move(request, pk):
    event = found(sel.event_get(pk))
    form = f.EventMoveForm(request.POST or None, initial={
        "starts_at": timezone.localtime(event.starts_at), "ends_at": timezone.localtime(event.ends_at),
        "place": event.place})

    def call(d):
        return svc.event_move(actor=request.user, event=event, starts_at=d["starts_at"], ends_at=d["ends_at"],
                              reason=d["reason"], place=d["place"] or event.place)

    return form_page(request, form, call, title=_("Move %(title)s") % {"title": event.title},
                     success=_("The event is moved; everyone registered or waiting is told by e-mail."),
                     done=_back, back=_back(event))


@secretariat
def event_cancel(request, pk):
    event = found(sel.event_get(pk))
    form = f.EventCancelForm(request.POST or None)
    return form_page(request, form, lambda d: svc.event_cancel(actor=request.user, event=event, **d),
                     title=_("Cancel %(title)s") % {"title": event.title},
                     intro=_("Everyone registered or on the waiting list gets an e-mail with the reason."),
                     success=_("The event is cancelled; everyone registered or waiting is told by e-mail."),
                     done=_back, back=_back(event))


def _post_action(request, event, call, success):
    try:
        with transaction.atomic():
            result = call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect("network_event", pk=event.pk)


@secretariat
@require_POST
def event_invite(request, pk):
    event = found(sel.event_get(pk))
    return _post_action(request, event, lambda: svc.event_invite(actor=request.user, event=event),
                        lambda n: _("%(n)d invitations are on their way.") % {"n": n})


@secretariat
@require_POST
def registration_add(request, pk):
    """The secretariat registers a participant (e.g. who wrote in by e-mail)."""
    event = found(sel.event_get(pk))
    form = f.RegistrationAddForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, _("Choose a participant from the list."))
        return redirect("network_event", pk=event.pk)
    participant = form.cleaned_data["participant"]
    return _post_action(request, event, lambda: reg_svc.registration_register(
        actor=request.user, participant=participant, event=event),
        lambda r: _("Registered.") if r.status == m.RegistrationStatus.REGISTERED else _("Put on the waiting list."))


@secretariat
@require_POST
def registration_cancel(request, pk, participant_pk):
    """The secretariat records a cancellation (afbud) received by e-mail."""
    event = found(sel.event_get(pk))
    participant = found(m.Participant.objects.filter(pk=participant_pk, network=event.network).first())
    return _post_action(request, event, lambda: reg_svc.registration_cancel(
        actor=request.user, participant=participant, event=event), _("The cancellation is recorded."))


@secretariat
def material_new(request, pk):
    event = found(sel.event_get(pk))
    form = f.MaterialForm(request.POST or None, request.FILES or None,
                          initial={"phase": m.MaterialPhase.AFTER if event.starts_at < clock.now()
                                   else m.MaterialPhase.BEFORE})
    return form_page(request, form, lambda d: svc.material_add(actor=request.user, event=event, **d),
                     title=_("Add material to %(title)s") % {"title": event.title}, success=_("The material is added."),
                     done=lambda _m: _back(event), back=_back(event), extra={"multipart": True})


@secretariat
def material_download(request, pk):
    material = found(sel.material_get(pk))
    return file_response(material.file, material.original_name)


@secretariat
@require_POST
def material_remove(request, pk):
    material = found(sel.material_get(pk))
    return _post_action(request, material.event, lambda: svc.material_remove(actor=request.user, material=material),
                        _("The material is removed."))


def _attendance(request, network):
    form = f.AttendanceFilterForm(request.GET or None, network=network)
    d = form.cleaned_data if form.is_valid() else {}
    statuses = None if d.get("cancelled") else [m.RegistrationStatus.REGISTERED, m.RegistrationStatus.WAITING]
    mun = d.get("municipality")
    rows = sel.attendance_rows(network, event=d.get("event"), group=d.get("group"),
                               municipality_id=mun.pk if mun else None, statuses=statuses)
    return form, rows


@secretariat
def attendance(request, pk):
    network = found(net_sel.network_get(pk))
    form, rows = _attendance(request, network)
    return render(request, "network/attendance.html", {
        "network": network, "form": form, "rows": rows, "summary": sel.attendance_summary(rows),
        "query": request.GET.urlencode()})


@secretariat
def attendance_export(request, pk, fmt):
    network = found(net_sel.network_get(pk))
    _form, rows = _attendance(request, network)
    header = [_("Event"), _("Date"), _("Group"), _("Municipality"), _("Name"), _("Title"), _("E-mail"), _("Status")]
    data = [[r.event.title, timezone.localtime(r.event.starts_at).strftime("%Y-%m-%d %H:%M"), r.group, r.municipality,
             r.name, r.title, r.email, r.status_label] for r in rows]
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d")
    return table_response(fmt=fmt, filename=f"deltagelse-{network.pk}-{stamp}", header=header, rows=data)
