# SPDX-License-Identifier: MPL-2.0
"""Registration and cancellation (afbud) for events, and the waiting list.

Every change locks the event row first (select_for_update), so two people can never
take the last place, and a cancellation promotes the first on the waiting list in the
same transaction."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forebyg.core import clock

from .. import models as m
from ..selectors import scope
from .common import audit, ics_attachment, link_issue, link_url, mail_message, send_after_commit, via

if TYPE_CHECKING:
    from django.core.mail import EmailMessage

    from forebyg.accounts.models import User

RS = m.RegistrationStatus


def _lock(event: m.Event) -> m.Event:
    return m.Event.objects.select_for_update(of=("self",)).select_related("network").get(pk=event.pk)


def _mail(template: str, reg: m.Registration, event: m.Event, *, with_ics: bool = False, actor: User | None = None) -> EmailMessage:
    token = link_issue(participant=reg.participant, actor=actor)
    return mail_message(template=template, to=reg.participant.email,
                        context={"participant": reg.participant, "event": event, "network": event.network,
                                 "registration": reg, "link": link_url(token)},
                        attachments=[ics_attachment(event)] if with_ics else [])


@transaction.atomic
def registration_register(*, participant: m.Participant, event: m.Event, actor: User | None = None,
                          as_of: datetime | None = None) -> m.Registration:
    """Register for an event; when it is full, the participant goes on the waiting list."""
    now = as_of or clock.now()
    event = _lock(event)
    if participant.withdrawn_at is not None or not scope.event_in_scope(participant, event):
        raise ValidationError(_("This event is not open to you."))
    if event.cancelled:
        raise ValidationError(_("The event is cancelled."))
    if now >= event.starts_at:
        raise ValidationError(_("Registration has closed: the event has started."))
    reg = m.Registration.objects.select_for_update().filter(event=event, participant=participant).first()
    if reg is not None and reg.status in (RS.REGISTERED, RS.WAITING):
        return reg
    taken = event.registrations.filter(status=RS.REGISTERED).count()
    status = RS.REGISTERED if event.capacity is None or taken < event.capacity else RS.WAITING
    if reg is None:
        reg = m.Registration(event=event, participant=participant)
    reg.status, reg.requested_at = status, now
    reg.promoted_at = reg.cancelled_at = reg.reminder_sent_at = None
    reg.save()
    action = "network.registration.registered" if status == RS.REGISTERED else "network.registration.waitlisted"
    audit(actor=actor, action=action, obj=reg, event=event.pk, participant=participant.pk, via=via(actor))
    template = "registered" if status == RS.REGISTERED else "waitlisted"
    send_after_commit([_mail(template, reg, event, with_ics=status == RS.REGISTERED, actor=actor)])
    return reg


@transaction.atomic
def registration_cancel(*, participant: m.Participant, event: m.Event, actor: User | None = None, as_of: datetime | None = None,
                        notify: bool = True) -> m.Registration:
    """Cancel attendance (melde afbud) or leave the waiting list, up to the start of the event.
    A freed place goes to the first on the waiting list."""
    now = as_of or clock.now()
    event = _lock(event)
    reg = m.Registration.objects.select_for_update().filter(event=event, participant=participant).first()
    if reg is None or reg.status == RS.CANCELLED:
        raise ValidationError(_("You are not registered for this event."))
    if event.cancelled:
        raise ValidationError(_("The event is cancelled."))
    if now >= event.starts_at:
        raise ValidationError(_("The event has started, so attendance can no longer be cancelled here. "
                                "Please write to the secretariat."))
    was_registered = reg.status == RS.REGISTERED
    reg.status, reg.cancelled_at = RS.CANCELLED, now
    reg.save(update_fields=["status", "cancelled_at"])
    audit(actor=actor, action="network.registration.cancelled", obj=reg, event=event.pk, participant=participant.pk,
          via=via(actor), was_registered=was_registered)
    if notify:
        send_after_commit([_mail("cancelled", reg, event, actor=actor)])
    if was_registered:
        promote_waiting(event=event, actor=actor, as_of=now)
    return reg


def promote_waiting(*, event: m.Event, actor: User | None = None, as_of: datetime | None = None) -> list[m.Registration]:
    """Fill free places from the waiting list, first come first served. Call with the event row locked."""
    now = as_of or clock.now()
    promoted: list[m.Registration] = []
    if event.cancelled or now >= event.starts_at:
        return promoted
    while True:
        taken = event.registrations.filter(status=RS.REGISTERED).count()
        if event.capacity is not None and taken >= event.capacity:
            break
        nxt = (m.Registration.objects.select_for_update(of=("self",)).select_related("participant")
               .filter(event=event, status=RS.WAITING).order_by("requested_at", "pk").first())
        if nxt is None:
            break
        nxt.status, nxt.promoted_at = RS.REGISTERED, now
        nxt.save(update_fields=["status", "promoted_at"])
        audit(actor=actor, action="network.registration.promoted", obj=nxt, event=event.pk,
              participant=nxt.participant_id)
        promoted.append(nxt)
    send_after_commit([_mail("promoted", reg, event, with_ics=True, actor=actor) for reg in promoted])
    return promoted
