# SPDX-License-Identifier: MPL-2.0
"""Personal links: unguessable, hashed at rest, expiring, and only ever acting for their owner."""

import hashlib
from datetime import timedelta

from forebyg.network import models as m
from forebyg.network.services import registrations as r
from forebyg.network.services import structure as s


def test_tokens_are_random_and_only_their_hash_is_stored(people, token_for):
    a, b = token_for(people["anna"]), token_for(people["anna"])
    assert a != b and len(a) == 43  # 32 random bytes, URL-safe base64
    stored = set(m.AccessLink.objects.values_list("token_hash", flat=True))
    assert stored == {hashlib.sha256(t.encode()).hexdigest() for t in (a, b)}
    for link in m.AccessLink.objects.all():
        assert a not in str(link.__dict__) and b not in str(link.__dict__)


def test_page_shows_own_programme_only(client, people, event, token_for):
    r.registration_register(participant=people["bo"], event=event)
    resp = client.get(f"/netvaerk/p/{token_for(people['anna'])}/")
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Anna Testesen" in body and event.title in body
    for other in ("Bo Prøvesen", "Carl Eksempel", people["bo"].email, people["carl"].email):
        assert other not in body
    assert resp["Referrer-Policy"] == "same-origin" and "no-store" in resp["Cache-Control"]


def test_wrong_expired_revoked_or_withdrawn_link_gives_friendly_404(client, people, token_for, now, secretariat):
    assert client.get("/netvaerk/p/not-a-token/").status_code == 404
    fake = "A" * 43
    resp = client.get(f"/netvaerk/p/{fake}/")
    assert resp.status_code == 404 and "This link does not work" in resp.content.decode()
    token = token_for(people["anna"], valid_days=1)
    assert client.get(f"/netvaerk/p/{token}/").status_code == 200
    now.set(now.value + timedelta(days=1))
    assert client.get(f"/netvaerk/p/{token}/").status_code == 404
    token = token_for(people["bo"])
    s.participant_links_revoke(actor=secretariat, participant=people["bo"])
    assert client.get(f"/netvaerk/p/{token}/").status_code == 404
    token = token_for(people["carl"])
    s.participant_withdraw(actor=secretariat, participant=people["carl"])
    assert client.get(f"/netvaerk/p/{token}/").status_code == 404


def test_a_token_acts_only_for_its_owner(client, people, event, token_for, commit):
    r.registration_register(participant=people["anna"], event=event)
    bo = token_for(people["bo"])
    # Bo's link cannot cancel Anna's place: it can only touch Bo's own (absent) registration.
    resp = client.post(f"/netvaerk/p/{bo}/afbud/{event.pk}/")
    assert resp.status_code == 302
    assert m.Registration.objects.get(participant=people["anna"]).status == "registered"
    # Registering through Bo's link registers Bo (waiting list, the event is full), nobody else.
    with commit():
        client.post(f"/netvaerk/p/{bo}/tilmeld/{event.pk}/")
    assert m.Registration.objects.get(participant=people["bo"]).status == "waiting"
    assert m.Registration.objects.count() == 2


def test_events_of_other_groups_and_networks_are_not_reachable(client, network, people, event, secretariat,
                                                               token_for):
    from forebyg.network.services import events as e

    west = e.event_create(actor=secretariat, network=network, kind="network_meeting", title="Kun Vest",
                          starts_at=event.starts_at, ends_at=event.ends_at, group=network.west)
    other = s.network_create(actor=secretariat, name="Andet netværk", kind="other")
    elsewhere = e.event_create(actor=secretariat, network=other, kind="conference", title="Andetsteds",
                               starts_at=event.starts_at, ends_at=event.ends_at)
    anna = token_for(people["anna"])  # København: Klynge Øst
    page = client.get(f"/netvaerk/p/{anna}/").content.decode()
    assert "Kun Vest" not in page and "Andetsteds" not in page
    for ev in (west, elsewhere):
        assert client.post(f"/netvaerk/p/{anna}/tilmeld/{ev.pk}/").status_code == 404
        assert client.get(f"/netvaerk/p/{anna}/kalender/{ev.pk}.ics").status_code == 404
    assert not m.Registration.objects.exists()


def test_participant_cancels_through_link_until_start(client, people, event, token_for, now):
    token = token_for(people["anna"])
    client.post(f"/netvaerk/p/{token}/tilmeld/{event.pk}/")
    now.set(event.starts_at + timedelta(minutes=1))
    token = token_for(people["anna"])
    resp = client.post(f"/netvaerk/p/{token}/afbud/{event.pk}/", follow=True)
    assert "has started" in resp.content.decode()
    assert m.Registration.objects.get(participant=people["anna"]).status == "registered"
