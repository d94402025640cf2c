# SPDX-License-Identifier: MPL-2.0
"""Events: plan, change, move, cancel, invite; materials before and after."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forebyg.core import clock

from .. import models as m
from ..selectors import scope
from .common import (
    audit,
    check_upload,
    clean_filename,
    ics_attachment,
    link_issue,
    link_url,
    mail_message,
    send_after_commit,
)
from .registrations import _lock, promote_waiting

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from forebyg.accounts.models import User

RS = m.RegistrationStatus


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})


@transaction.atomic
def event_create(*, actor: User, network: m.Network, kind: str, title: str, starts_at: datetime, ends_at: datetime,
                 place: str = "", capacity: int | None = None, agenda: str = "", group: m.Group | None = None,
                 note: str = "") -> m.Event:
    _check_times(starts_at, ends_at)
    if kind not in m.EventKind.values:
        raise ValidationError({"kind": _("Choose a kind of event.")})
    if group is not None and group.network_id != network.pk:
        raise ValidationError({"group": _("The group belongs to another network.")})
    if capacity is not None and capacity < 1:
        raise ValidationError({"capacity": _("The capacity must be at least 1, or empty for no limit.")})
    event = m.Event.objects.create(network=network, kind=kind, title=title, starts_at=starts_at, ends_at=ends_at,
                                   place=place, capacity=capacity, agenda=agenda, group=group, note=note,
                                   created_by=actor)
    audit(actor=actor, action="network.event.created", obj=event, network=network.pk, kind=kind,
          group=group.pk if group else None, starts_at=starts_at.isoformat())
    return event


@transaction.atomic
def event_update(*, actor: User, event: m.Event, title: str, place: str, capacity: int | None, agenda: str) -> m.Event:
    """Change what the event is about and where. Times change with `event_move`. A higher capacity
    moves people up from the waiting list."""
    event = _lock(event)
    registered = event.registrations.filter(status=RS.REGISTERED).count()
    if capacity is not None and capacity < 1:
        raise ValidationError({"capacity": _("The capacity must be at least 1, or empty for no limit.")})
    if capacity is not None and capacity < registered:
        raise ValidationError({"capacity": _("The capacity cannot be lower than the %(n)d already registered.")
                               % {"n": registered}})
    event.title, event.place, event.capacity, event.agenda = title, place, capacity, agenda
    event.save(update_fields=["title", "place", "capacity", "agenda"])
    audit(actor=actor, action="network.event.updated", obj=event, capacity=capacity)
    promote_waiting(event=event, actor=actor)
    return event


def _affected(event: m.Event) -> list[m.Registration]:
    return list(event.registrations.filter(status__in=[RS.REGISTERED, RS.WAITING])
                .select_related("participant").order_by("pk"))


def _notify(template: str, event: m.Event, regs: list[m.Registration], actor: User) -> int:
    messages = []
    for reg in regs:
        token = link_issue(participant=reg.participant, actor=actor)
        messages.append(mail_message(template=template, to=reg.participant.email, context={
            "participant": reg.participant, "event": event, "network": event.network, "registration": reg,
            "link": link_url(token)}, attachments=[ics_attachment(event)]))
    send_after_commit(messages)
    return len(messages)


@transaction.atomic
def event_move(*, actor: User, event: m.Event, starts_at: datetime, ends_at: datetime, reason: str,
               place: str | None = None) -> m.Event:
    """Move (postpone) an event and tell everyone registered or waiting."""
    event = _lock(event)
    _check_times(starts_at, ends_at)
    if event.cancelled:
        raise ValidationError(_("The event is cancelled and cannot be moved."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason; it goes into the e-mail to the participants.")})
    if starts_at == event.starts_at and ends_at == event.ends_at and (place is None or place == event.place):
        raise ValidationError({"starts_at": _("Nothing changes: choose a new time or place.")})
    old_start = event.starts_at
    if event.original_starts_at is None:
        event.original_starts_at = old_start
    event.starts_at, event.ends_at, event.moved_reason = starts_at, ends_at, reason.strip()
    if place is not None:
        event.place = place
    event.sequence += 1
    event.save()
    regs = _affected(event)
    m.Registration.objects.filter(pk__in=[r.pk for r in regs]).update(reminder_sent_at=None)
    n = _notify("moved", event, regs, actor)
    audit(actor=actor, action="network.event.moved", obj=event, old_starts_at=old_start.isoformat(),
          starts_at=starts_at.isoformat(), notified=n)
    return event


@transaction.atomic
def event_cancel(*, actor: User, event: m.Event, reason: str) -> m.Event:
    """Cancel an event (e.g. because of an election) and tell everyone registered or waiting."""
    event = _lock(event)
    if event.cancelled:
        raise ValidationError(_("The event is cancelled already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason; it goes into the e-mail to the participants.")})
    event.status, event.cancelled_at, event.cancel_reason = m.EventStatus.CANCELLED, clock.now(), reason.strip()
    event.sequence += 1
    event.save()
    n = _notify("event_cancelled", event, _affected(event), actor)
    audit(actor=actor, action="network.event.cancelled", obj=event, notified=n)
    return event


@transaction.atomic
def event_invite(*, actor: User, event: m.Event) -> int:
    """Invite every participant the event is for who has not registered (or is waiting) yet.
    Each gets a personal link. Returns the number of invitations."""
    if event.cancelled:
        raise ValidationError(_("The event is cancelled."))
    if clock.now() >= event.starts_at:
        raise ValidationError(_("The event has started."))
    active = set(event.registrations.filter(status__in=[RS.REGISTERED, RS.WAITING])
                 .values_list("participant_id", flat=True))
    messages = []
    for participant in scope.participants_in_scope(event).exclude(pk__in=active):
        token = link_issue(participant=participant, actor=actor)
        messages.append(mail_message(template="invitation", to=participant.email, context={
            "participant": participant, "event": event, "network": event.network, "link": link_url(token)}))
    send_after_commit(messages)
    audit(actor=actor, action="network.event.invitations_sent", obj=event, invited=len(messages))
    return len(messages)


@transaction.atomic
def material_add(*, actor: User, event: m.Event, title: str, phase: str, file: UploadedFile | None) -> m.Material:
    upload, name, size = check_upload(file)
    if phase not in m.MaterialPhase.values:
        raise ValidationError({"phase": _("Choose before or after the event.")})
    material = m.Material(event=event, title=title, phase=phase, original_name=clean_filename(name),
                          size=size, uploaded_at=clock.now(), uploaded_by=actor)
    material.file.save(name, upload, save=False)
    material.save()
    audit(actor=actor, action="network.material.added", obj=material, event=event.pk, phase=phase, size=size)
    return material


@transaction.atomic
def material_remove(*, actor: User, material: m.Material) -> None:
    audit(actor=actor, action="network.material.removed", obj=material, event=material.event_id)
    storage, name = material.file.storage, material.file.name
    material.delete()
    if name:  # a material always has a file; nothing to delete otherwise
        path: str = name
        transaction.on_commit(lambda: storage.delete(path))
