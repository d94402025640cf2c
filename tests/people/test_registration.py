# SPDX-License-Identifier: MPL-2.0
"""Registering a child or a notification by CPR number from the register (issue #19): the caseworker reads
what was found and confirms; a protected address reaches no page of someone who may not see it; every
lookup is logged with its purpose."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from forebyg.audit.models import AccessLog
from forebyg.cases import models as m
from forebyg.cases.services import practice
from forebyg.cases.views.register import child_args
from forebyg.people.models import RegisterLookup
from forebyg.people.synthetic import SyntheticRegistry

from .register_data import dashed, plain_child, protected_child

pytestmark = pytest.mark.django_db


def _text(r):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.content.decode()))


def _login(client, user):
    if getattr(client, "logged_in_as", None) != user.pk:  # a new login starts a new session
        client.force_login(user)
        client.logged_in_as = user.pk


def _post(client, user, data, url="child_new"):
    _login(client, user)
    with translation.override("da"):
        return client.post(reverse(url), data, HTTP_ACCEPT_LANGUAGE="da")


def _get(client, user, url):
    _login(client, user)
    with translation.override("da"):
        return client.get(url, HTTP_ACCEPT_LANGUAGE="da")


def _street(person: dict) -> str:
    return person["address"]["street"]


def test_lookup_shows_what_was_found_and_confirming_registers_it(client, users, scoped, synthetic_register):
    persons = synthetic_register["persons"]
    child = plain_child()
    mother, father = (persons[n] for n in child["custody_holders"])
    r = _post(client, users["receiving_unit"], {"step": "lookup", "cpr": dashed(child["cpr"])})
    text = _text(r)
    assert "Fundet i CPR-registeret" in text and child["name"] in text
    assert f"{mother['name']} (Mor)" in text and f"{father['name']} (Far)" in text
    assert _street(child) in text  # not protected: shown
    assert not m.Child.objects.exists()  # nothing saved before the caseworker confirms
    assert child["cpr"][6:] not in r.content.decode()  # the number is not written back into the page
    r = _post(client, users["receiving_unit"], {"step": "confirm"})
    assert r.status_code == 302, _text(r)[-600:]
    saved = m.Child.objects.get()
    assert (saved.name, saved.birth_date.isoformat(), saved.cpr) == (child["name"], child["birth_date"], child["cpr"])
    assert saved.custody_holders == [{"name": mother["name"], "relation": "Mor"},
                                     {"name": father["name"], "relation": "Far"}]
    assert saved.address.startswith(_street(child)) and not saved.address_protected
    assert [(a["name"], a["protected"]) for a in saved.holder_addresses] == [(mother["name"], False),
                                                                              (father["name"], False)]
    purposes = list(RegisterLookup.objects.order_by("id").values_list("purpose", "outcome", "register"))
    assert purposes == [("Registrering af barn", "found", "synthetic"),
                        ("Registrering af barn (bekræftet)", "found", "synthetic")]


def test_a_protected_address_is_not_on_the_confirm_page_of_the_receiving_unit(client, users, scoped,
                                                                           synthetic_register):
    persons = synthetic_register["persons"]
    child = protected_child()
    mother, father = (persons[n] for n in child["custody_holders"])
    r = _post(client, users["receiving_unit"], {"step": "lookup", "cpr": dashed(child["cpr"])})
    html = r.content.decode()
    assert child["name"] in html and mother["name"] in html
    assert _street(child) not in html and _street(mother) not in html
    assert "Beskyttet adresse (vises ikke)" in _text(r) and "Navne- og adressebeskyttelse" in _text(r)
    assert _street(father) in html  # the father is not protected
    # The caseworker works the case and may see it.
    assert _street(child) in _post(client, users["caseworker"], {"step": "lookup", "cpr": child["cpr"]}).content.decode()


def test_a_protected_address_is_on_the_child_page_of_the_caseworker_only(client, users, scoped, synthetic_register):
    persons = synthetic_register["persons"]
    child = protected_child()
    mother = persons[child["custody_holders"][0]]
    person = SyntheticRegistry(synthetic_register_path(synthetic_register)).lookup(child["cpr"])
    saved = practice.child_register(actor=users["receiving_unit"], **child_args(person))
    practice.case_open(actor=users["caseworker"], child=saved)
    url = reverse("child", args=[saved.pk])
    own = _get(client, users["caseworker"], url).content.decode()
    assert _street(child) in own and _street(mother) in own
    for who in ("manager", "receiving_unit"):  # the whole municipality's file / no access
        r = _get(client, users[who], url)
        html = r.content.decode()
        assert r.status_code == 200 or who == "receiving_unit", (who, r.status_code, r.get("Location"))
        assert _street(child) not in html and _street(mother) not in html, who
    assert saved.name in _get(client, users["manager"], url).content.decode()


def synthetic_register_path(_register):
    from django.conf import settings

    return settings.FOREBYG_PEOPLE_SYNTHETIC_FILE


def test_a_child_already_registered_or_unknown_to_the_register_is_refused(client, users, child, synthetic_register):
    r = _post(client, users["receiving_unit"], {"step": "lookup", "cpr": "640315-4179"})
    assert "Der er allerede registreret et barn med dette CPR-nummer." in _text(r)
    r = _post(client, users["receiving_unit"], {"step": "lookup", "cpr": "010101-9999"})
    assert "CPR-registeret har ingen person med dette nummer." in _text(r)
    assert m.Child.objects.count() == 1


def test_without_a_register_the_form_is_filled_in_by_hand(client, users, scoped, settings):
    settings.FOREBYG_PEOPLE_REGISTER = ""
    text = _text(_get(client, users["receiving_unit"], reverse("child_new")))
    assert "Forældremyndighedsindehavere" in text and "Slå op i CPR" not in text


def test_a_notification_about_a_new_child_looked_up_in_the_register(client, users, scoped, synthetic_register):
    from datetime import timedelta

    from forebyg.core import clock

    persons = synthetic_register["persons"]
    child = protected_child()
    mother = persons[child["custody_holders"][0]]
    base = {"received_at": (clock.now() - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"), "channel": "phone",
            "notifier_kind": "school", "concern": "Eleven kommer sulten i skole (syntetisk)", "children": "",
            "new_child_cpr": dashed(child["cpr"])}
    r = _post(client, users["receiving_unit"], {**base, "lookup": "1"}, url="notification_new")
    html = r.content.decode()
    assert f'value="{child["name"]}"' in html and f'value="{child["birth_date"]}"' in html  # filled in
    assert mother["name"] in _text(r) and _street(child) not in html
    assert not m.Notification.objects.exists() and not m.Child.objects.exists()
    r = _post(client, users["receiving_unit"], {**base, "new_child_name": child["name"],
                                                "new_child_birth_date": child["birth_date"], "from_register": "True"},
              url="notification_new")
    assert r.status_code == 302, _text(r)[-600:]
    saved = m.Child.objects.get()
    assert saved.address_protected and saved.holder_addresses[0]["protected"]
    assert [h["name"] for h in saved.custody_holders] == [persons[n]["name"] for n in child["custody_holders"]]
    assert list(RegisterLookup.objects.values_list("purpose", flat=True).order_by("id")) == [
        "Registrering af underretning", "Registrering af underretning (bekræftet)"]


def test_a_lookup_of_a_registered_child_is_in_the_childs_access_log(users, child, synthetic_register):
    from forebyg.people.services import person_lookup

    person_lookup(actor=users["caseworker"], cpr="640315-4179", purpose="Kontrol af adresse", child=child)
    log = AccessLog.objects.get(child_id=child.pk, view="people.lookup")
    assert (log.user, log.reason) == (users["caseworker"], "Kontrol af adresse")
    assert RegisterLookup.objects.get().outcome == "not_found"
