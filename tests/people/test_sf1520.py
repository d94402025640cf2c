# SPDX-License-Identifier: MPL-2.0
"""The SF1520 client against a local server speaking the documented shape (forebyg.people.sf1520_double):
a person with custody holders and parents, a SOAP fault, a timeout, an unreachable service, a request the
service would refuse. Each failure is a clear message, and a registration that meets one saves nothing."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from forebyg.cases import models as m
from forebyg.people.models import RegisterLookup
from forebyg.people.registry import RegistryError
from forebyg.people.sf1520 import Agreement, Sf1520Registry
from forebyg.people.sf1520_double import Sf1520Double

AGREEMENT = Agreement(service_agreement="42571b5d-6371-4edb-8729-1343a3f4c9b9",
                      user_system="99478e20-68e6-41ff-b822-681fb69b8ff2",
                      user="e3108916-8ed9-4482-8045-7b46c83904b0", service="9883c483-d42f-424a-9a2a-94d1d200d294")
CHILD, SISTER, MOTHER, FATHER = "6403154179", "6106184009", "7201850759", "6805820769"
PERSONS = {
    CHILD: {"fornavn": "Noah", "efternavn": "Syntetisk", "foedselsdato": "2015-03-04", "vejnavn": "Birkevej",
            "husnummer": "12", "postnummer": "7400", "postdistrikt": "Herning", "kommunekode": "0657",
            "beskyttelse": True, "mor": [MOTHER], "far": [FATHER], "foraeldremyndighed": [MOTHER, FATHER]},
    MOTHER: {"fornavn": "Mette", "efternavn": "Syntetisk", "foedselsdato": "1985-01-12", "vejnavn": "Birkevej",
             "husnummer": "12", "postnummer": "7400", "postdistrikt": "Herning", "kommunekode": "0657",
             "beskyttelse": True, "barn": [CHILD, SISTER]},
    FATHER: {"fornavn": "Jens", "mellemnavn": "Ole", "efternavn": "Prøve", "foedselsdato": "1982-05-08",
             "vejnavn": "Hedevej", "husnummer": "3", "etage": "2", "sidedoer": "tv", "postnummer": "7500",
             "postdistrikt": "Holstebro", "kommunekode": "0661", "tilflytningsdato": "2024-02-01",
             "barn": [CHILD]},
}


@pytest.fixture
def double():
    server = Sf1520Double(PERSONS).start()
    yield server
    server.stop()


def client_for(url, timeout=2.0, agreement=AGREEMENT):
    return Sf1520Registry(url=url, agreement=agreement, timeout=timeout, own_municipality=657)


def test_a_child_with_custody_holders_parents_and_protection(double):
    person = client_for(double.url).lookup(CHILD)
    assert (person.name, person.birth_date, person.protected) == ("Noah Syntetisk", date(2015, 3, 4), True)
    assert person.address.one_line() == "Birkevej 12, 7400 Herning" and person.address.municipality_code == 657
    assert [(h.name, h.relation, h.protected) for h in person.custody_holders] == [
        ("Mette Syntetisk", "mother", True), ("Jens Ole Prøve", "father", False)]
    assert person.custody_holders[1].address.one_line() == "Hedevej 3, 2, tv, 7500 Holstebro"
    assert [s.cpr for s in person.siblings] == [SISTER]  # from the mother's children, by number only
    assert double.requests == [CHILD, MOTHER, FATHER]  # each related person asked once


def test_a_parent_living_in_another_municipality_has_moved_out(double):
    father = client_for(double.url).lookup(FATHER)
    assert father.moved_out.municipality_code == 661 and father.moved_out.moved_on == date(2024, 2, 1)


def test_a_person_the_register_does_not_know(double):
    assert client_for(double.url).lookup("6101019999") is None


def _message(exc) -> str:
    with translation.override("da"):
        return str(exc.value.message)


def test_a_soap_fault_is_a_clear_error():
    server = Sf1520Double(PERSONS, fault_for={CHILD}).start()
    try:
        with pytest.raises(RegistryError) as exc:
            client_for(server.url).lookup(CHILD)
    finally:
        server.stop()
    assert _message(exc).startswith("CPR-registeret svarede med en fejl: ")
    assert "ukendt fejl i CPR-replika" in _message(exc) and "Server" in exc.value.detail


def test_no_answer_in_time_is_a_clear_error():
    server = Sf1520Double(PERSONS, delay=1.5).start()
    try:
        with pytest.raises(RegistryError) as exc:
            client_for(server.url, timeout=0.3).lookup(CHILD)
    finally:
        server.stop()
    assert _message(exc).startswith("CPR-registeret svarede ikke i tide.")


def test_an_unreachable_register_is_a_clear_error(double):
    url = double.url
    double.stop()
    with pytest.raises(RegistryError) as exc:
        client_for(url).lookup(CHILD)
    assert _message(exc).startswith("CPR-registeret kan ikke nås.")


def test_the_double_refuses_a_malformed_request_as_serviceplatformen_would(double):
    bad = Agreement(service_agreement="not-a-uuid", user_system=AGREEMENT.user_system, user=AGREEMENT.user,
                    service=AGREEMENT.service)
    with pytest.raises(RegistryError) as exc:
        client_for(double.url, agreement=bad).lookup(CHILD)
    assert "ServiceAgreementUUID is not a UUID" in exc.value.detail and double.requests == []


# --- A registration that meets a failing register saves nothing --------------------------------------------

def _text(r):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.content.decode()))


@pytest.mark.django_db
@pytest.mark.parametrize("server_args, message", [
    ({"fault_for": {CHILD}}, "CPR-registeret svarede med en fejl"),
    ({"delay": 1.5}, "CPR-registeret svarede ikke i tide."),
])
def test_confirming_against_a_failing_register_saves_nothing(client, users, scoped, settings, server_args, message):
    server = Sf1520Double(PERSONS, **server_args).start()
    settings.FOREBYG_PEOPLE_REGISTER = "sf1520"
    settings.FOREBYG_SF1520_URL = server.url
    settings.FOREBYG_SF1520_TIMEOUT = 0.3
    for name in ("SERVICE_AGREEMENT", "USER_SYSTEM", "USER", "SERVICE"):
        setattr(settings, f"FOREBYG_SF1520_{name}", getattr(AGREEMENT, name.lower()))
    client.force_login(users["receiving_unit"])
    session = client.session
    session["cases.register_cpr"] = "6403154179"  # as the lookup step leaves it
    session.save()
    try:
        with translation.override("da"):
            r = client.post(reverse("child_new"), {"step": "confirm"}, HTTP_ACCEPT_LANGUAGE="da")
    finally:
        server.stop()
    assert r.status_code == 200 and message in _text(r)
    assert not m.Child.objects.exists()
    log = RegisterLookup.objects.get()
    assert (log.register, log.outcome, log.user, log.child_id) == ("sf1520", "error", users["receiving_unit"], None)
    assert "6403154179" not in log.detail + log.purpose
