# SPDX-License-Identifier: MPL-2.0
"""Reminders before events and before application deadlines, for the CLI (cron / systemd timer).

Run it as often as you like: each reminder is sent once (registrations and calls remember
when they were reminded), and a moved event is reminded again for its new date."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from forebyg.core import clock

from .. import models as m
from .common import audit, ics_attachment, link_issue, link_url, mail_message

logger = logging.getLogger("forebyg.network")

EVENT_REMINDER_DAYS = 2
CALL_REMINDER_DAYS = 7


@dataclass
class ReminderResult:
    event_reminders: int = 0
    deadline_reminders: int = 0
    failed: list[str] = field(default_factory=list)


def network_send_reminders(*, as_of: datetime | None = None, event_days: int | None = None,
                           call_days: int | None = None) -> ReminderResult:
    """Remind registered participants of events starting within `event_days` (default 2) and the
    announcement addresses of calls whose deadline falls within `call_days` (default 7) days."""
    now = as_of or clock.now()
    event_days = event_days if event_days is not None else getattr(
        settings, "FOREBYG_NETWORK_EVENT_REMINDER_DAYS", EVENT_REMINDER_DAYS)
    call_days = call_days if call_days is not None else getattr(
        settings, "FOREBYG_NETWORK_CALL_REMINDER_DAYS", CALL_REMINDER_DAYS)
    result = ReminderResult()
    regs = (m.Registration.objects.filter(
        status=m.RegistrationStatus.REGISTERED, reminder_sent_at__isnull=True, participant__withdrawn_at__isnull=True,
        event__status=m.EventStatus.PLANNED, event__starts_at__gt=now,
        event__starts_at__lte=now + timedelta(days=event_days)).select_related("event__network", "participant")
        .order_by("event__starts_at", "pk"))
    for reg in regs:
        try:
            with transaction.atomic():
                token = link_issue(participant=reg.participant)
                mail_message(template="event_reminder", to=reg.participant.email, context={
                    "participant": reg.participant, "event": reg.event, "network": reg.event.network,
                    "link": link_url(token)}, attachments=[ics_attachment(reg.event)]).send()
                reg.reminder_sent_at = now
                reg.save(update_fields=["reminder_sent_at"])
                audit(actor=None, action="network.reminders.sent", obj=reg, kind="event", event=reg.event_id)
            result.event_reminders += 1
        except Exception:
            logger.exception("Event reminder failed for registration %s", reg.pk)
            result.failed.append(f"registration {reg.pk}")
    calls = m.Call.objects.filter(published_at__isnull=False, deadline_reminder_sent_at__isnull=True,
                                  deadline__gt=now, deadline__lte=now + timedelta(days=call_days))
    for call in calls.select_related("network"):
        applied = {a.lower() for a in call.applications.values_list("contact_email", flat=True)}
        addresses = [a for a in call.announce_addresses() if a.lower() not in applied]
        try:
            with transaction.atomic():
                from .calls import call_public_url

                for address in addresses:
                    mail_message(template="call_reminder", to=address, context={
                        "call": call, "network": call.network, "url": call_public_url(call)}).send()
                call.deadline_reminder_sent_at = now
                call.save(update_fields=["deadline_reminder_sent_at"])
                audit(actor=None, action="network.reminders.sent", obj=call, kind="deadline", sent=len(addresses))
            result.deadline_reminders += len(addresses)
        except Exception:
            logger.exception("Deadline reminder failed for call %s", call.pk)
            result.failed.append(f"call {call.pk}")
    return result
