# SPDX-License-Identifier: MPL-2.0
"""A notification about a child not registered yet (issue #15): the receiving unit registers the child
(name and birth date; the CPR number may be unknown, e.g. an anonymous caller) together with the
notification, in one transaction; bad input gets a Danish message and writes nothing."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from forebyg.audit.models import LogEntry
from forebyg.cases import models as m
from forebyg.core import clock

pytestmark = pytest.mark.django_db


def _post(client, users, data):
    client.force_login(users["receiving_unit"])
    base = {"received_at": (clock.now() - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"), "channel": "phone",
            "notifier_kind": "anonymous", "concern": "Naboen hører råb om natten (syntetisk)", "children": ""}
    with translation.override("da"):
        return client.post(reverse("notification_new"), {**base, **data}, HTTP_ACCEPT_LANGUAGE="da")


def _text(r):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.content.decode()))


def test_the_form_offers_to_register_a_child(client, users, scoped):
    client.force_login(users["receiving_unit"])
    with translation.override("da"):
        text = _text(client.get(reverse("notification_new")))
    assert "Barn ikke registreret: navn" in text and "Registrér barn først" in text


def test_an_anonymous_call_about_a_child_without_cpr(client, users, child):
    r = _post(client, users, {"new_child_name": "Maja (efternavn ukendt)", "new_child_birth_date": "2017-05-02"})
    assert r.status_code == 302, _text(r)[-800:]
    n = m.Notification.objects.get()
    new = m.Child.objects.get(name="Maja (efternavn ukendt)")
    assert new.cpr is None and str(new.birth_date) == "2017-05-02"
    assert list(n.children.all()) == [new]
    assert LogEntry.objects.filter(action_type="cases.child.registered", object_id=new.pk).exists()


def test_a_child_known_by_name_only(client, users, scoped):
    """A teacher reports "Emma i 3.b": the name is all the receiving unit has (#15). The child is
    registered without birth date or CPR number, and the child's page says the birth date is unknown."""
    r = _post(client, users, {"notifier_kind": "school", "new_child_name": "Emma i 3.b"})
    assert r.status_code == 302, _text(r)[-800:]
    new = m.Child.objects.get(name="Emma i 3.b")
    assert new.birth_date is None and new.cpr is None
    assert list(m.Notification.objects.get().children.all()) == [new]
    with translation.override("da"):
        text = _text(client.get(reverse("child", args=[new.pk]), HTTP_ACCEPT_LANGUAGE="da"))
    assert "Emma i 3.b" in text and "Fødselsdato ukendt" in text


def test_a_known_child_and_a_new_sibling_in_one_notification(client, users, child):
    r = _post(client, users, {"children": "640315-4179", "new_child_name": "Lillebror Syntetisk",
                              "new_child_birth_date": "2021-01-10"})
    assert r.status_code == 302, _text(r)[-800:]
    assert sorted(c.name for c in m.Notification.objects.get().children.all()) == \
        ["Lillebror Syntetisk", "Testbarn Syntetisk"]


@pytest.mark.parametrize("data, message", [
    ({}, "Angiv mindst ét barn: et CPR-nummer eller et barn, der ikke er registreret endnu, nedenfor."),
    ({"new_child_birth_date": "2017-05-02"}, "Angiv barnets navn for at registrere barnet."),
    # the child's service refuses a CPR number that does not match the birth date
    ({"new_child_name": "Maja", "new_child_birth_date": "2017-05-02", "new_child_cpr": "640315-4179"},
     "CPR-nummeret stemmer ikke overens med fødselsdatoen."),
    # the notification is refused after the child would have been registered: nothing stays
    ({"new_child_name": "Maja", "new_child_birth_date": "2017-05-02", "received_at": "2099-01-01T10:00"},
     "Modtagelsestidspunktet kan ikke ligge i fremtiden."),
])
def test_bad_input_gets_a_danish_message_and_writes_nothing(client, users, scoped, data, message):
    logged = LogEntry.objects.count()
    r = _post(client, users, data)
    assert r.status_code == 200
    assert message in _text(r)
    assert not m.Notification.objects.exists() and not m.Child.objects.exists()
    assert LogEntry.objects.count() == logged
