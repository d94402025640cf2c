# SPDX-License-Identifier: MPL-2.0
"""Caseworkers work on tablets and phones (issue #15): at 390 px no page of theirs scrolls sideways,
the menu folds behind a button, and a table reads as one card per row with its column headings.
A role without case data that follows an old link reads a Danish 403 page with a way back."""

from datetime import date, timedelta

import pytest
from django_scopes import scope

from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_caseworker_pages_fit_a_phone(session_for, users, municipality, team):
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Karoline Syntetisk-Mortensen",
                                        birth_date=date(2014, 6, 7))
        n = practice.notification_register(
            actor=users["receiving_unit"], received_at=clock.now() - timedelta(hours=3), channel="phone",
            notifier_kind="school", notifier_professional=True, concern="Bekymring for fravær (syntetisk)",
            children=[child], team=team)
        practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    s = session_for("caseworker")
    s.page.set_viewport_size({"width": 390, "height": 800})
    for path in ("/mit-arbejde/", "/frister/", f"/boern/{child.pk}/", "/underretninger/", f"/underretninger/{n.pk}/"):
        s.goto(path)
        width = s.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide at 390 px"
    s.goto("/frister/")
    menu = s.page.locator("button.menu-toggle")
    assert menu.is_visible() and menu.inner_text() == "Menu"
    assert not s.page.locator("nav#main-menu").is_visible()
    menu.click()
    assert s.page.locator("nav#main-menu a", has_text="Mit arbejde").is_visible()
    assert menu.get_attribute("aria-expanded") == "true"
    # one card per row: each value carries its column heading
    group = s.page.locator("main table.queue tbody").first
    assert "Karoline Syntetisk-Mortensen" in group.locator("tr.group").inner_text()
    cell = group.locator("td[data-label='Frist']").first
    assert "Akutvurdering" in cell.inner_text()
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"Frist: "'


def test_management_pages_fit_a_phone(session_for, users):
    """A visually hidden table caption once stuck out 12 px on the supervision page."""
    s = session_for("manager")
    s.page.set_viewport_size({"width": 390, "height": 800})
    for path, heading in (("/noegletal/", "Nøgletal"), ("/tilsyn/", "Ledelsestilsyn")):
        s.goto(path)
        assert heading in s.page.locator("main h1").inner_text()
        width = s.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide at 390 px"


def test_analyst_reads_a_danish_403_page(session_for, users):
    s = session_for("analyst")
    s.goto("/boern/")
    main = s.page.locator("main").inner_text()
    assert "Du har ikke adgang til denne side" in main
    assert "Tilbage til forsiden" in main
    assert "Find barn" not in s.page.locator("header").inner_text()
