# SPDX-License-Identifier: MPL-2.0
"""Registering a child by CPR number in a real browser (issue #19): the receiving unit looks the number up,
reads the child's and the custody holders' names from the register, and confirms; the family is protected,
so neither the confirm page nor the child's page holds their address. With FOREBYG_SHOTS=<dir> the pages
are saved as screenshots at 1366 and 390 px."""


import pytest
from django_scopes import scopes_disabled

from forebyg.cases import models as m
from forebyg.people.models import RegisterLookup
from tests.e2e.shots import shots as _shots
from tests.people.register_data import dashed, protected_child, register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_registering_a_protected_child_by_cpr_number(session_for, users, municipality, settings, tmp_path):
    from forebyg.people.synthetic import write_register

    settings.FOREBYG_PEOPLE_REGISTER = "synthetic"
    settings.FOREBYG_PEOPLE_SYNTHETIC_FILE = write_register(tmp_path / "register.json", register())
    persons = register()["persons"]
    child = protected_child()
    mother, father = (persons[n] for n in child["custody_holders"])
    s = session_for(users["receiving_unit"].username)
    s.goto("/boern/ny/")
    _shots(s, "register-child-lookup")
    s.page.fill("#id_cpr", dashed(child["cpr"]))
    s.page.click("main button[name=step][value=lookup]")
    s.page.wait_for_load_state()
    s.a11y()
    main = s.page.locator("main").inner_text()
    assert "Fundet i CPR-registeret" in main and child["name"] in main
    assert f"{mother['name']} (Mor)" in main and f"{father['name']} (Far)" in main
    assert "Navne- og adressebeskyttelse" in main and "Beskyttet adresse (vises ikke)" in main
    assert child["address"]["street"] not in s.page.content()
    assert child["cpr"][6:] not in s.page.content()  # the number is not written back into the page
    with scopes_disabled():
        assert not m.Child.objects.exists()
    _shots(s, "register-child-confirm")
    s.page.click("main button[name=step][value=confirm]")
    s.page.wait_for_load_state()
    s.a11y()
    assert "Barnet er registreret." in s.page.locator("main").inner_text()
    assert child["address"]["street"] not in s.page.content()
    with scopes_disabled():
        saved = m.Child.objects.get()
    assert saved.name == child["name"] and saved.address_protected
    assert RegisterLookup.objects.filter(user=users["receiving_unit"], outcome="found").count() == 2
