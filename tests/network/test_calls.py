# SPDX-License-Identifier: MPL-2.0
"""Calls for applications: the deadline, duplicates, accept -> membership within caps, decline."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from forebyg.network import models as m
from forebyg.network.services import calls as c

from .conftest import CPH, T0

MOTIVATION = "Vi vil styrke opfølgningen og have et systematisk fokus på barnets progression i vores sager. " * 3
PERSONS = [{"name": "Dorte Leder", "title": "Afdelingsleder", "email": "dorte@odense.kommune.example"},
           {"name": "Erik Nøgle", "title": "Teamleder", "email": "erik@odense.kommune.example"}]


@pytest.fixture
def call(network, secretariat, commit):
    with commit():
        return c.call_create(actor=secretariat, network=network, title="Bliv referencekommune", text="Syntetisk opslag",
                             deadline=datetime(2026, 3, 20, 23, 59, tzinfo=CPH), publish=True,
                             announce_to="a@x.kommune.example\nb@y.kommune.example")


def apply(call, municipality, persons=PERSONS, **kw):
    return c.application_submit(call=call, municipality=municipality, contact_name="Dorte Leder",
                                contact_email="dorte@odense.kommune.example", motivation=MOTIVATION,
                                persons=persons, **kw)


def test_publish_announces_call(call):
    assert call.published_at == T0
    assert sorted(msg.to[0] for msg in mail.outbox) == ["a@x.kommune.example", "b@y.kommune.example"]
    assert f"/netvaerk/ansoeg/{call.pk}/" in mail.outbox[0].body


def test_application_deadline(call, mun, now):
    now.set(call.deadline - timedelta(minutes=1))
    apply(call, mun["Odense"])
    now.set(call.deadline)
    with pytest.raises(ValidationError) as exc:
        apply(call, mun["Aarhus"])
    assert "deadline" in " ".join(exc.value.messages)
    assert list(call.applications.values_list("municipality__name", flat=True)) == ["Odense"]


def test_unpublished_call_refuses(network, secretariat, mun):
    draft = c.call_create(actor=secretariat, network=network, title="Kladde", text="x",
                          deadline=T0 + timedelta(days=10))
    with pytest.raises(ValidationError):
        apply(draft, mun["Odense"])


def test_one_application_per_municipality_and_not_for_members(call, mun):
    apply(call, mun["Odense"])
    with pytest.raises(ValidationError) as exc:
        apply(call, mun["Odense"])
    assert "municipality" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        apply(call, mun["Herning"])  # a member already
    assert "member" in " ".join(exc.value.messages)


def test_application_persons_within_cap(call, mun):
    three = PERSONS + [{"name": "F G", "title": "", "email": "fg@odense.kommune.example"}]
    with pytest.raises(ValidationError) as exc:
        apply(call, mun["Odense"], persons=three)
    assert "persons" in exc.value.error_dict
    with pytest.raises(ValidationError):
        apply(call, mun["Odense"], persons=[{"name": "Uden Mail", "title": "", "email": "ikke-en-mail"}])
    assert not m.Application.objects.exists()


def test_accept_makes_membership_and_participants_with_links(call, mun, secretariat, commit):
    app = apply(call, mun["Odense"])
    mail.outbox.clear()
    with commit():
        membership = c.application_accept(actor=secretariat, application=app, group=call.network.east)
    app.refresh_from_db()
    assert app.status == "accepted" and app.membership == membership
    assert membership.municipality == mun["Odense"] and membership.role == "reference"
    assert membership.valid_from == date(2026, 3, 2) and membership.valid_to == date(2027, 6, 30)
    names = set(m.Participant.objects.filter(network=call.network, municipality=mun["Odense"])
                .values_list("name", flat=True))
    assert names == {"Dorte Leder", "Erik Nøgle"}
    to = sorted(x.to[0] for x in mail.outbox)
    assert to == ["dorte@odense.kommune.example", "dorte@odense.kommune.example", "erik@odense.kommune.example"]
    assert sum("/netvaerk/p/" in x.body for x in mail.outbox) == 2  # the two participants' personal links


def test_accept_respects_cap_on_municipalities(call, mun, secretariat, now):
    first, second = apply(call, mun["Odense"]), apply(call, mun["Aarhus"])
    c.application_accept(actor=secretariat, application=first)
    with pytest.raises(ValidationError) as exc:
        c.application_accept(actor=secretariat, application=second)
    assert "full" in " ".join(exc.value.messages)
    second.refresh_from_db()
    assert second.status == "submitted"
    assert not m.Membership.objects.filter(municipality=mun["Aarhus"]).exists()


def test_decline_needs_reason_and_tells_the_municipality(call, mun, secretariat, commit):
    app = apply(call, mun["Odense"])
    with pytest.raises(ValidationError):
        c.application_decline(actor=secretariat, application=app, reason="  ")
    mail.outbox.clear()
    with commit():
        c.application_decline(actor=secretariat, application=app, reason="Netværket er fuldt.")
    app.refresh_from_db()
    assert app.status == "declined"
    assert mail.outbox[0].to == ["dorte@odense.kommune.example"] and "Netværket er fuldt." in mail.outbox[0].body
    with pytest.raises(ValidationError):
        c.application_accept(actor=secretariat, application=app)


def test_public_call_page_and_application(client, call, mun, commit):
    url = f"/netvaerk/ansoeg/{call.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "Bliv referencekommune" in page.content.decode()
    with commit():
        resp = client.post(url, {"municipality": mun["Odense"].pk, "contact_name": "Dorte Leder",
                                 "contact_email": "dorte@odense.kommune.example", "motivation": MOTIVATION,
                                 "persons": "Dorte Leder, Afdelingsleder, dorte@odense.kommune.example\n"
                                            "Erik Nøgle, erik@odense.kommune.example"})
    assert resp.status_code == 302 and resp["Location"].endswith("/tak/")
    app = m.Application.objects.get()
    assert app.persons[1] == {"name": "Erik Nøgle", "title": "", "email": "erik@odense.kommune.example"}
    assert any(x.to == ["dorte@odense.kommune.example"] for x in mail.outbox)


def test_public_application_bad_input_writes_nothing(client, call, mun):
    url = f"/netvaerk/ansoeg/{call.pk}/"
    resp = client.post(url, {"municipality": mun["Odense"].pk, "contact_name": "D", "contact_email": "d@x.example",
                             "motivation": "For kort.", "persons": "Kun et navn"})
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "role=\"alert\"" in body and "name, title, e-mail" in body
    resp = client.post(url, {"municipality": mun["Odense"].pk, "contact_name": "D", "contact_email": "d@x.example",
                             "motivation": "For kort.", "persons": "A B, a@x.example"})
    assert "at least 100 characters" in resp.content.decode()
    assert not m.Application.objects.exists()


def test_public_call_after_deadline_is_closed(client, call, mun, now):
    now.set(call.deadline + timedelta(hours=1))
    resp = client.post(f"/netvaerk/ansoeg/{call.pk}/", {
        "municipality": mun["Odense"].pk, "contact_name": "D", "contact_email": "d@x.example",
        "motivation": MOTIVATION, "persons": "A B, a@x.example"})
    assert resp.status_code == 200 and "The deadline has passed" in resp.content.decode()
    assert not m.Application.objects.exists()


def test_unpublished_call_is_not_public(client, network, secretariat):
    draft = c.call_create(actor=secretariat, network=network, title="Kladde", text="x",
                          deadline=T0 + timedelta(days=10))
    assert client.get(f"/netvaerk/ansoeg/{draft.pk}/").status_code == 404


def test_accept_refuses_more_persons_than_cap(call, mun, secretariat):
    app = apply(call, mun["Odense"])
    call.network.max_participants_per_municipality = 1
    call.network.save()
    with pytest.raises(ValidationError):
        c.application_accept(actor=secretariat, application=app)
    assert not m.Membership.objects.filter(municipality=mun["Odense"]).exists()
