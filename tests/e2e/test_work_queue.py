# SPDX-License-Identifier: MPL-2.0
"""From Mine frister to the feedback of the right notification (issue #15): a child with two
professional notifications and a started investigation owes feedback on both; the caseworker
follows "Send tilbagemelding" on one row, lands on that notification's feedback form, sends it,
and only the other notification's feedback is left in the queue."""

from datetime import date, timedelta

import pytest
from django_scopes import scope

from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_feedback_action_reached_from_mine_frister(session_for, users, municipality, team):
    now = clock.now()
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Ida Syntetisk", birth_date=date(2013, 5, 6))
        notes = []
        for hours, kind in ((72, "school"), (48, "daycare")):
            n = practice.notification_register(
                actor=users["receiving_unit"], received_at=now - timedelta(hours=hours), channel="phone",
                notifier_kind=kind, notifier_professional=True, concern="Bekymring (syntetisk)", children=[child],
                team=team)
            practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
            notes.append(n)
        practice.investigation_start(actor=users["caseworker"], child=child, aware_at=now - timedelta(hours=40),
                                     started_at=now - timedelta(hours=30), consent=True)
    school, daycare = notes
    s = session_for("caseworker")
    s.goto("/frister/")
    rows = s.page.locator("table.queue tbody tr", has_text="Tilbagemelding til fagligt underretter")
    assert rows.count() == 2
    # Since issue #18 the action offers the feedback letter; recording feedback given otherwise stays possible.
    s.page.locator(f"a.button[href='/breve/underretning/{daycare.pk}/feedback/']").click()
    s.page.wait_for_load_state()
    s.a11y()
    s.page.click("text=Registrér det blot")
    s.page.wait_for_load_state()
    s.a11y()
    assert s.page.url.endswith(f"/underretninger/{daycare.pk}/feedback/")
    s.page.select_option("#id_content", "investigation_started")
    s.submit()
    assert f"/underretninger/{daycare.pk}/" in s.page.url
    s.goto("/frister/")
    left = s.page.locator("table.queue tbody tr", has_text="Tilbagemelding til fagligt underretter")
    assert left.count() == 1
    assert left.first.locator(f"a.button[href='/breve/underretning/{school.pk}/feedback/']").inner_text().startswith(
        "Send tilbagemelding")
