# SPDX-License-Identifier: MPL-2.0
"""Registration, cancellation (afbud) up to the start, and the waiting list moving up."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from forebyg.audit.models import LogEntry
from forebyg.network import models as m
from forebyg.network.services import events as e
from forebyg.network.services import registrations as r
from forebyg.network.services import structure as s

RS = m.RegistrationStatus


def status(event, participant):
    return m.Registration.objects.get(event=event, participant=participant).status


def test_full_event_puts_on_waiting_list_and_cancellation_promotes(event, people, commit, now):
    with commit():
        r.registration_register(participant=people["anna"], event=event)
        now.set(now.value + timedelta(minutes=5))
        r.registration_register(participant=people["bo"], event=event)
        now.set(now.value + timedelta(minutes=5))
        r.registration_register(participant=people["carl"], event=event)
    assert [status(event, p) for p in people.values()] == [RS.REGISTERED, RS.WAITING, RS.WAITING]
    assert "waiting list" in mail.outbox[1].subject.lower() or "venteliste" in mail.outbox[1].subject.lower()
    mail.outbox.clear()
    with commit():
        r.registration_cancel(participant=people["anna"], event=event)
    # Bo asked first, so Bo moves up; Carl keeps waiting.
    assert [status(event, p) for p in people.values()] == [RS.CANCELLED, RS.REGISTERED, RS.WAITING]
    promoted = m.Registration.objects.get(event=event, participant=people["bo"])
    assert promoted.promoted_at == now.value
    assert sorted(x.to[0] for x in mail.outbox) == sorted([people["anna"].email, people["bo"].email])
    to_bo = next(x for x in mail.outbox if x.to == [people["bo"].email])
    assert to_bo.attachments and to_bo.attachments[0][2] == "text/calendar"
    assert LogEntry.objects.filter(action_type="network.registration.promoted").count() == 1


def test_leaving_the_waiting_list_promotes_nobody(event, people):
    r.registration_register(participant=people["anna"], event=event)
    r.registration_register(participant=people["bo"], event=event)
    r.registration_cancel(participant=people["bo"], event=event)
    assert status(event, people["anna"]) == RS.REGISTERED
    assert status(event, people["bo"]) == RS.CANCELLED


def test_reregistration_goes_to_the_back_of_the_waiting_list(event, people, now):
    r.registration_register(participant=people["anna"], event=event)
    r.registration_register(participant=people["bo"], event=event)
    r.registration_cancel(participant=people["bo"], event=event)
    now.set(now.value + timedelta(minutes=1))
    r.registration_register(participant=people["carl"], event=event)
    now.set(now.value + timedelta(minutes=1))
    r.registration_register(participant=people["bo"], event=event)
    r.registration_cancel(participant=people["anna"], event=event)
    assert status(event, people["carl"]) == RS.REGISTERED
    assert status(event, people["bo"]) == RS.WAITING


def test_cancellation_only_up_to_the_start(event, people, now):
    r.registration_register(participant=people["anna"], event=event)
    now.set(event.starts_at - timedelta(seconds=1))
    r.registration_cancel(participant=people["anna"], event=event)
    r.registration_register(participant=people["anna"], event=event, as_of=event.starts_at - timedelta(seconds=1))
    now.set(event.starts_at)
    with pytest.raises(ValidationError) as exc:
        r.registration_cancel(participant=people["anna"], event=event)
    assert "started" in " ".join(exc.value.messages)
    assert status(event, people["anna"]) == RS.REGISTERED
    with pytest.raises(ValidationError):
        r.registration_register(participant=people["bo"], event=event)


def test_registration_is_idempotent(event, people):
    first = r.registration_register(participant=people["anna"], event=event)
    again = r.registration_register(participant=people["anna"], event=event)
    assert first.pk == again.pk and m.Registration.objects.count() == 1


def test_group_event_only_for_the_groups_municipalities(network, secretariat, people, event):
    east_only = e.event_create(actor=secretariat, network=network, kind="network_meeting", title="Øst",
                               starts_at=event.starts_at, ends_at=event.ends_at, group=network.east)
    r.registration_register(participant=people["anna"], event=east_only)  # København is in Øst
    with pytest.raises(ValidationError):
        r.registration_register(participant=people["carl"], event=east_only)  # Herning is in Vest


def test_higher_capacity_promotes_waiting(event, people, secretariat):
    r.registration_register(participant=people["anna"], event=event)
    r.registration_register(participant=people["bo"], event=event)
    e.event_update(actor=secretariat, event=event, title=event.title, place=event.place, capacity=2,
                   agenda=event.agenda)
    assert status(event, people["bo"]) == RS.REGISTERED
    with pytest.raises(ValidationError):
        e.event_update(actor=secretariat, event=event, title=event.title, place="", capacity=1, agenda="")


def test_withdrawn_participant_frees_the_place(event, people, secretariat):
    r.registration_register(participant=people["anna"], event=event)
    r.registration_register(participant=people["bo"], event=event)
    s.participant_withdraw(actor=secretariat, participant=people["anna"])
    assert status(event, people["bo"]) == RS.REGISTERED
    assert not people["anna"].links.filter(revoked_at__isnull=True).exists()
