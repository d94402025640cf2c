# SPDX-License-Identifier: MPL-2.0
"""Deadlines in the browser: the caseworker's list by urgency, the child's deadlines as of a
chosen moment, and the team leader's overview with drill-down to the cases."""

from datetime import date, timedelta

import pytest
from django_scopes import scope

from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_deadlines_for_caseworker_and_team_leader(session_for, users, municipality, team):
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Freja Syntetisk", birth_date=date(2012, 2, 3))
        received = clock.now() - timedelta(hours=30)
        n = practice.notification_register(
            actor=users["receiving_unit"], received_at=received, channel="phone", notifier_kind="police",
            notifier_professional=True, concern="Bekymring (syntetisk)", children=[child], team=team)
        practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    s = session_for("caseworker")
    s.page.click("nav >> a[href='/frister/']")
    s.page.wait_for_load_state()
    s.a11y()
    first_child = s.page.locator("table.queue tbody").first.inner_text()  # grouped by child (issue #15)
    assert "Freja Syntetisk" in first_child and "Akutvurdering" in first_child
    # The child page, as of a moment before the 24 hours ran out.
    s.goto(f"/boern/{child.pk}/")
    before = (received + timedelta(hours=2)).astimezone(clock.now().tzinfo)
    s.page.fill("#id_as_of", before.strftime("%Y-%m-%dT%H:%M"))
    s.page.click("form.asof button")
    s.page.wait_for_load_state()
    table = s.page.locator("#frister ~ table").first
    assert table.locator("td.status-open").count() >= 1 and table.locator("td.status-overdue").count() == 0
    s.goto(f"/boern/{child.pk}/")  # now: the 24 hours have run out
    assert s.page.locator("#frister ~ table").first.locator("td.status-overdue").count() == 1

    t = session_for("teamleader")
    t.goto("/frister/team/")
    t.page.click("tbody tr >> a >> nth=0")
    t.page.wait_for_load_state()
    t.a11y()
    assert "Freja Syntetisk" in t.page.locator("main").inner_text()
