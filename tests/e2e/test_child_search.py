# SPDX-License-Identifier: MPL-2.0
"""Finding a child in a real browser (Chromium): a CPR number typed in the search box is sent in
the form's body, the answer shows the child with the number masked, the address never holds the
number, and the search is in the access log; an address with a number in it searches nothing.
With FOREBYG_SHOTS=<dir> the pages are also saved as screenshots at 1366 and 390 px."""

from datetime import timedelta

import pytest
from django_scopes import scope

from forebyg.audit.models import AccessLog
from forebyg.cases.services import practice
from tests.e2e.shots import shots as _shots

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("role", ["receiving_unit", "caseworker"])
def test_cpr_search_in_the_browser(session_for, users, municipality, team, role):
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Søg Syntetisk",
                                        birth_date=practice.date(2015, 3, 4), cpr="640315-4179")
        practice.notification_register(
            actor=users["receiving_unit"], received_at=practice.clock.now() - timedelta(hours=1), channel="phone",
            notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child],
            team=team)
    s = session_for(users[role].username)
    s.goto("/boern/")
    assert s.page.locator("nav a", has_text="Find barn").count() == 1
    s.page.fill("#q", "640315-4179")
    s.page.click("main form[role=search] button[type=submit]")
    s.page.wait_for_load_state()
    s.a11y()
    main = s.page.locator("main").inner_text()
    assert "4179" not in s.page.url and s.page.url.endswith("/boern/")
    assert "Søgt på CPR-nummer 640315-****" in main and "Søg Syntetisk (04.03.2015)" in main
    assert "4179" not in s.page.content()
    logged = AccessLog.objects.get(user=users[role], view="cases.child_search")
    assert logged.child_id == child.pk and logged.reason == "CPR-søgning: 640315-****"
    _shots(s, f"child-search-cpr-{role}")
    s.page.click("main >> text=Søg Syntetisk")
    s.page.wait_for_load_state()
    assert child.pk in s.page.url
    # a name search
    s.goto("/boern/?q=Syntetisk")
    assert "Søg Syntetisk" in s.page.locator("main").inner_text()
    # a number in the address: nothing is searched, and the page says why
    s.goto("/boern/?q=640315-4179")
    main = s.page.locator("main").inner_text()
    assert "Der søges ikke på CPR-numre fra adresselinjen" in main and "Søg Syntetisk" not in main
    _shots(s, f"child-search-address-{role}")
