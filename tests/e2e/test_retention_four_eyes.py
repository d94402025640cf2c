# SPDX-License-Identifier: MPL-2.0
"""Retention under four eyes in a real browser (#13, finding 5): one administrator proposes
"1 year, delete" and makes a list; the page tells them someone else must confirm and approve; a
second administrator confirms the rule and approves the list only after typing its number of items."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scopes_disabled

from forebyg.cases.models import Child
from tests.conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LONG_AGO = datetime(2012, 1, 10, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def _main(s) -> str:
    return " ".join(s.page.locator("main").inner_text().split())


def test_two_administrators_change_a_rule_and_approve_a_list(session_for, users, municipality, team, settings):
    settings.FOREBYG_RETENTION_CONFIRM_ABOVE = 2
    make_user(municipality, "administrator", "admin2", team)
    with scopes_disabled():  # three children with nothing recorded since 2012
        Child.objects.bulk_create([Child(municipality=municipality, name=f"Gammel Syntetisk {i}",
                                         birth_date=date(2006, 2, 2), registered_at=LONG_AGO) for i in range(3)])
    first = session_for("administrator")
    first.goto("/sikkerhed/sletning/")
    first.page.fill("#id_child_inactive-years", "1")
    first.page.select_option("#id_child_inactive-action", "delete")
    first.page.click("form:has(input[name=kind][value=child_inactive]) button[type=submit]")
    first.page.wait_for_load_state()
    first.checked.clear()  # the same address in a new state: check it again
    first.a11y()
    text = _main(first)
    assert "Ændringen er foreslået" in text and "Foreslået ændring: 1 år, slet." in text
    assert "10 år, anonymiser" in text, "the rule in force stays until a second administrator confirms"
    assert "Træk forslaget tilbage" in text and "Bekræft ændringen" not in text
    first.page.click("text=Udarbejd en ny liste nu")
    first.page.wait_for_load_state()
    assert "Du har lavet denne liste: en anden administrator eller leder skal godkende den." in _main(first)
    assert first.page.locator("text=Godkend: anonymiser eller slet disse nu").count() == 0

    second = session_for("admin2")
    second.goto("/sikkerhed/sletning/")
    second.page.click("text=Bekræft ændringen")
    second.page.wait_for_load_state()
    second.checked.clear()
    second.a11y()
    text = _main(second)
    assert "Ændringen er bekræftet og gælder nu." in text and "1 år, slet" in text
    assert "Listen har 3 poster (flere end 2). Skriv antallet af poster for at bekræfte:" in text
    second.page.fill("#id_confirmation", "2")
    second.page.click("text=Godkend: anonymiser eller slet disse nu")
    second.page.wait_for_load_state()
    assert "Listen har 3 poster: skriv antallet af poster for at bekræfte." in _main(second)
    with scopes_disabled():
        assert Child.objects.filter(name__startswith="Gammel Syntetisk").count() == 3
    second.page.fill("#id_confirmation", "3")
    second.page.click("text=Godkend: anonymiser eller slet disse nu")
    second.page.wait_for_load_state()
    second.checked.clear()
    second.a11y()
    assert "3 registreringer blev anonymiseret eller slettet" in _main(second)
    with scopes_disabled():
        assert not Child.objects.filter(name__startswith="Gammel Syntetisk").exists()
