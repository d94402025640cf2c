# SPDX-License-Identifier: MPL-2.0
"""What the receiving unit reads on the 24-hour clock (issue #15): about 23 hours left for a
notification received an hour ago, "Overskredet" in red for one received 25 hours ago, the most
urgent first; the notification page shows the same clock and the receipt's deadline."""

import os
import re
from datetime import timedelta

import pytest
from django_scopes import scope

from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("FOREBYG_SHOTS")  # a directory: save screenshots of the pages opened


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def notification(users, municipality, name, *, ago, kind="school", professional=True):
    ru = users["receiving_unit"]
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=ru, name=name, birth_date=clock.today() - timedelta(days=9 * 365))
        return practice.notification_register(
            actor=ru, received_at=clock.now() - ago, channel="phone", notifier_kind=kind,
            notifier_professional=professional, concern="Syntetisk bekymring", children=[child])


def test_receiving_unit_reads_the_24_hour_clock(session_for, users, municipality):
    fresh = notification(users, municipality, "Ida Syntetisk", ago=timedelta(hours=1))
    late = notification(users, municipality, "Otto Syntetisk", ago=timedelta(hours=25))
    anonymous = notification(users, municipality, "Liv Syntetisk", ago=timedelta(hours=19), kind="anonymous",
                             professional=False)
    s = session_for("receivingunit")
    page = s.page
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        s.goto("/underretninger/")
        rows = page.locator("main table tbody tr")
        assert rows.count() == 3
        # Most urgent first: overdue, then the anonymous one with 5 hours left, then the fresh one.
        assert [rows.nth(i).get_attribute("data-notification") for i in range(3)] == [late.pk, anonymous.pk, fresh.pk]
        clock_late = rows.nth(0).locator(".clock").first
        assert re.fullmatch(r"Overskredet med 1 t [01] min", clock_late.inner_text()), clock_late.inner_text()
        assert "clock-overdue" in clock_late.get_attribute("class")
        clock_soon = rows.nth(1).locator(".clock").first
        assert re.fullmatch(r"[45] t \d+ min tilbage", clock_soon.inner_text()), clock_soon.inner_text()
        assert "clock-soon" in clock_soon.get_attribute("class")
        assert "ikke relevant" in rows.nth(1).inner_text()  # an anonymous notifier gets no receipt
        clock_fresh = rows.nth(2).locator(".clock").first
        assert re.fullmatch(r"(23 t 0|22 t 5\d) min tilbage", clock_fresh.inner_text()), clock_fresh.inner_text()
        assert "clock-open" in clock_fresh.get_attribute("class")
        assert "Ida Syntetisk" in rows.nth(2).inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot(page, f"inbox-{width}.png")
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        s.goto("/underretninger/")
        page.locator("main table tbody tr").nth(0).locator("a").first.click()
        page.wait_for_load_state()
        s.a11y()
        assert page.url.endswith(f"/underretninger/{late.pk}/")
        acute = page.locator("#clock-acute")
        assert re.match(r"Overskredet med 1 t [01] min \(frist \d\d\.\d\d\.\d{4} \d\d:\d\d\)", acute.inner_text())
        assert page.locator("#clock-acute .clock-overdue").count() == 1
        receipt = page.locator("#clock-receipt").inner_text()
        assert re.search(r"tilbage \(frist \d\d\.\d\d\.\d{4}\)", receipt), receipt  # 6 working days
        shot(page, f"notification-{width}.png")
