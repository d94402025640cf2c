# SPDX-License-Identifier: MPL-2.0
"""The second law review in the browser (issue #16): the receiving unit marks a notification as
concerning abuse, the caseworker decides § 32 support with a child's plan, and Mine frister and the
child page show the resulting deadlines with their Danish hjemmel and the "ikke bekræftet" mark."""

from datetime import date, timedelta

import pytest
from django_scopes import scope

from forebyg.cases import models as m
from forebyg.cases.services import practice
from forebyg.core import clock
from forebyg.domain.calendar import add_months, local_date
from tests.e2e.shots import shots as _shots

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_abuse_marker_and_plan_decision_reach_the_deadline_pages(session_for, users, municipality, team):
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Ida Syntetisk",
                                        birth_date=date(2015, 3, 4), cpr="640315-4179")
    r = session_for("receivingunit")
    r.goto("/underretninger/ny/")
    assert r.page.get_by_label("Underretningen handler om overgreb").count() == 1
    received = clock.now() - timedelta(hours=3)
    r.page.fill("#id_received_at", local_date(received).isoformat() + "T" + received.strftime("%H:%M"))
    r.page.select_option("#id_channel", "phone")
    r.page.select_option("#id_notifier_kind", "school")
    r.page.fill("#id_concern", "Skolen fortæller om overgreb (syntetisk)")
    r.page.fill("#id_children", "640315-4179")
    r.page.check("#id_concerns_abuse")
    _shots(r, "notification-form")
    r.submit()
    with scope(municipality=[municipality.code]):
        n = m.Notification.objects.get()
        assert n.concerns_abuse is True
        practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])

    s = session_for("caseworker")
    s.goto(f"/boern/{child.pk}/measure/")
    assert s.page.get_by_label("Barnets plan (støtte efter barnets lov § 32)").count() == 1
    decided = clock.now() - timedelta(days=1)
    s.page.fill("#id_decided_at", local_date(decided).isoformat() + "T10:00")
    s.page.select_option("#id_kind", "bl_family_treatment")
    s.page.select_option("#id_plan_decision", "plan")
    _shots(s, "measure-form")
    s.submit()

    s.goto("/frister/")
    rows = s.page.locator("main tbody tr")
    abuse = rows.filter(has_text="Samtale med barnet ved underretning om overgreb").first.inner_text()
    assert "BL § 137, stk. 3" in abuse and "ikke bekræftet" in abuse
    assert "UNCONFIRMED" not in s.page.locator("main").inner_text()
    _shots(s, "mine-frister")
    s.goto("/frister/?all=1")  # the plan is due in 3 months: beyond the default 14 days
    plan = rows.filter(has_text="Barnets plan").filter(has_text="BL § 91, stk. 1-2").first.inner_text()
    assert add_months(local_date(decided), 3).strftime("%d.%m.%Y") in plan
    s.goto(f"/boern/{child.pk}/")
    text = s.page.locator("main").inner_text()
    assert "BL § 138, stk. 1" in text and "ikke bekræftet" in text and "successor" not in text
    _shots(s, "child-page")
