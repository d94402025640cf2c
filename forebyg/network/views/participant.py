# SPDX-License-Identifier: MPL-2.0
"""The participant's personal-link pages (no account). The token in the URL is the only key:
everything shown or changed belongs to that participant, and nothing about anyone else is shown.
A wrong, expired or revoked link gives a friendly 404."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.core import clock

from .. import forms as f
from .. import models as m
from ..selectors import events as ev
from ..selectors import scope
from ..selectors import tasks as task_sel
from ..selectors.links import participant_for_token
from ..services import registrations as reg_svc
from ..services import tasks as task_svc
from ..services.common import event_ics_bytes
from .common import file_response, run_service


def _private(response):
    # same-origin, not no-referrer: with no-referrer the browser sends "Origin: null" on the page's own
    # forms and Django's CSRF check refuses them. same-origin still never sends the link to other sites.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def not_found(request, template="network/link_invalid.html"):
    return _private(render(request, template, status=404))


def with_participant(view):
    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        participant = participant_for_token(token, as_of=clock.now())
        if participant is None:
            return not_found(request)
        return _private(view(request, participant, token, *args, **kwargs))

    return wrapper


def _event(participant, pk):
    event = m.Event.objects.select_related("network", "group").filter(pk=pk).first()
    return event if event is not None and scope.event_in_scope(participant, event) else None


def _page(token, anchor=""):
    return reverse("network_participant", args=[token]) + (f"#{anchor}" if anchor else "")


@with_participant
def page(request, participant, token):
    now = clock.now()
    return render(request, "network/participant.html", {
        "participant": participant, "network": participant.network, "token": token, "now": now,
        "programme": ev.participant_programme(participant, as_of=now),
        "tasks": [(t, h, f.ParticipantHandInForm(prefix=f"task{t.pk}") if is_open else None)
                  for t, h, is_open in task_sel.participant_tasks(participant, today=clock.local_date(now))]})


def _act(request, token, anchor, call, success):
    try:
        with transaction.atomic():
            result = call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(_page(token, anchor))


@require_POST
@with_participant
def register(request, participant, token, pk):
    event = _event(participant, pk)
    if event is None:
        return not_found(request, "network/not_found.html")
    return _act(request, token, f"event-{event.pk}",
                lambda: reg_svc.registration_register(participant=participant, event=event),
                lambda r: _("You are registered. A confirmation is on its way by e-mail.")
                if r.status == m.RegistrationStatus.REGISTERED
                else _("The event is full, so you are on the waiting list. We write to you if a place opens."))


@require_POST
@with_participant
def cancel(request, participant, token, pk):
    event = _event(participant, pk)
    if event is None:
        return not_found(request, "network/not_found.html")
    return _act(request, token, f"event-{event.pk}",
                lambda: reg_svc.registration_cancel(participant=participant, event=event),
                _("Your cancellation (afbud) is received."))


@with_participant
def ics(request, participant, token, pk):
    event = _event(participant, pk)
    if event is None:
        return not_found(request, "network/not_found.html")
    response = HttpResponse(event_ics_bytes(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@with_participant
def material(request, participant, token, pk):
    item = m.Material.objects.select_related("event").filter(pk=pk).first()
    if item is None or not scope.event_in_scope(participant, item.event):
        return not_found(request, "network/not_found.html")
    return file_response(item.file, item.original_name)


@require_POST
@with_participant
def handin(request, participant, token, pk):
    task = m.Task.objects.select_related("network", "group").filter(pk=pk, network=participant.network).first()
    if task is None or not scope.task_in_scope(participant.municipality_id, task):
        return not_found(request, "network/not_found.html")
    form = f.ParticipantHandInForm(request.POST, request.FILES, prefix=f"task{task.pk}")
    if form.is_valid() and run_service(form, lambda: task_svc.handin_submit(
            task=task, municipality=participant.municipality, participant=participant, **form.cleaned_data)):
        messages.success(request, _("Thank you. Your municipality's hand-in is received."))
    else:
        errors = [e for errs in form.errors.values() for e in errs]
        messages.error(request, " ".join(errors) or _("The hand-in could not be saved."))
    return redirect(_page(token, f"task-{task.pk}"))
