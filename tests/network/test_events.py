# SPDX-License-Identifier: MPL-2.0
"""Moving and cancelling events tells everyone registered or waiting; invitations; reminders."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from forebyg.network import models as m
from forebyg.network.services import calls as c
from forebyg.network.services import events as e
from forebyg.network.services import registrations as r
from forebyg.network.services.reminders import network_send_reminders

from .conftest import CPH


@pytest.fixture
def full(event, people):
    r.registration_register(participant=people["anna"], event=event)   # registered
    r.registration_register(participant=people["bo"], event=event)     # waiting
    r.registration_register(participant=people["carl"], event=event)   # waiting, then cancels
    r.registration_cancel(participant=people["carl"], event=event)
    mail.outbox.clear()
    return event


def test_move_tells_registered_and_waiting(full, people, secretariat, commit):
    new_start = datetime(2026, 4, 28, 10, 0, tzinfo=CPH)
    with commit():
        moved = e.event_move(actor=secretariat, event=full, starts_at=new_start,
                             ends_at=new_start + timedelta(hours=5), reason="Udsat pga. folketingsvalg")
    assert moved.original_starts_at == datetime(2026, 4, 14, 10, 0, tzinfo=CPH) and moved.sequence == 1
    assert sorted(x.to[0] for x in mail.outbox) == sorted([people["anna"].email, people["bo"].email])
    msg = mail.outbox[0]
    assert "Udsat pga. folketingsvalg" in msg.body and "28.04.2026" in msg.body and "/netvaerk/p/" in msg.body
    name, content, mimetype = msg.attachments[0]
    assert mimetype == "text/calendar" and "SEQUENCE:1" in content and "DTSTART:20260428T080000Z" in content


def test_cancel_tells_registered_and_waiting(full, people, secretariat, commit):
    with commit():
        e.event_cancel(actor=secretariat, event=full, reason="Aflyst på grund af valgkampen.")
    full.refresh_from_db()
    assert full.cancelled and full.sequence == 1
    assert sorted(x.to[0] for x in mail.outbox) == sorted([people["anna"].email, people["bo"].email])
    assert all("Aflyst på grund af valgkampen." in x.body for x in mail.outbox)
    assert "STATUS:CANCELLED" in mail.outbox[0].attachments[0][1]
    with pytest.raises(ValidationError):
        r.registration_register(participant=people["carl"], event=full)
    with pytest.raises(ValidationError):
        e.event_move(actor=secretariat, event=full, starts_at=full.starts_at + timedelta(days=1),
                     ends_at=full.ends_at + timedelta(days=1), reason="x")


def test_move_and_cancel_need_a_reason(event, secretariat):
    with pytest.raises(ValidationError):
        e.event_cancel(actor=secretariat, event=event, reason=" ")
    with pytest.raises(ValidationError):
        e.event_move(actor=secretariat, event=event, starts_at=event.starts_at + timedelta(days=1),
                     ends_at=event.starts_at, reason="Udsat")
    event.refresh_from_db()
    assert not event.cancelled and event.sequence == 0


def test_invite_goes_to_everyone_not_registered(event, people, secretariat, commit):
    r.registration_register(participant=people["anna"], event=event)
    mail.outbox.clear()
    with commit():
        n = e.event_invite(actor=secretariat, event=event)
    assert n == 2 and sorted(x.to[0] for x in mail.outbox) == sorted([people["bo"].email, people["carl"].email])
    assert all("/netvaerk/p/" in x.body for x in mail.outbox)


def test_event_reminders_sent_once_and_again_after_a_move(full, people, secretariat, now):
    assert network_send_reminders(as_of=full.starts_at - timedelta(days=3)).event_reminders == 0
    result = network_send_reminders(as_of=full.starts_at - timedelta(days=1))
    assert result.event_reminders == 1 and mail.outbox[-1].to == [people["anna"].email]
    assert network_send_reminders(as_of=full.starts_at - timedelta(hours=20)).event_reminders == 0
    later = full.starts_at + timedelta(days=7)
    e.event_move(actor=secretariat, event=full, starts_at=later, ends_at=later + timedelta(hours=4), reason="Flyttet")
    assert network_send_reminders(as_of=later - timedelta(days=1)).event_reminders == 1


def test_deadline_reminder_skips_those_who_applied(network, secretariat, mun, now):
    call = c.call_create(actor=secretariat, network=network, title="Opslag", text="x", publish=True,
                         deadline=now.value + timedelta(days=10), announce_to="a@odense.kommune.example b@x.example")
    c.application_submit(call=call, municipality=mun["Odense"], contact_name="A", contact_email="a@odense.kommune.example",
                         motivation="m" * 120, persons=[{"name": "A", "title": "", "email": "a@odense.kommune.example"}])
    mail.outbox.clear()
    assert network_send_reminders(as_of=now.value).deadline_reminders == 0  # 10 days ahead: too early
    result = network_send_reminders(as_of=now.value + timedelta(days=4))
    assert result.deadline_reminders == 1 and mail.outbox[0].to == ["b@x.example"]
    assert network_send_reminders(as_of=now.value + timedelta(days=5)).deadline_reminders == 0


def test_material_upload_and_participant_download(client, event, people, secretariat, token_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    mat = e.material_add(actor=secretariat, event=event, title="Program", phase="before",
                         file=SimpleUploadedFile("program.pdf", b"%PDF-1.4 syntetisk", "application/pdf"))
    assert "program" not in mat.file.name  # stored under a random name
    resp = client.get(f"/netvaerk/p/{token_for(people['anna'])}/materiale/{mat.pk}/")
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == b"%PDF-1.4 syntetisk"
    assert 'filename="program.pdf"' in resp["Content-Disposition"]
    with pytest.raises(ValidationError):
        e.material_add(actor=secretariat, event=event, title="Virus", phase="before",
                       file=SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream"))
    assert m.Material.objects.count() == 1
