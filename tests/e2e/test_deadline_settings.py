# SPDX-License-Identifier: MPL-2.0
"""The deadline settings page in the browser (issue #16), as the manager who uses it, on a wide
screen and a phone: the Saturday choice and a closing day change the date a caseworker reads; a
local standard is added through the Danish form; an obligation that ended at 18 reads
"Bortfaldet (fyldt 18)". Screenshots go to FOREBYG_SHOTS when set."""

import os
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scope

from forebyg.cases.services import practice

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CPH = ZoneInfo("Europe/Copenhagen")
SHOTS = os.environ.get("FOREBYG_SHOTS")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


def test_settings_page_changes_the_dates_a_caseworker_reads(session_for, users, municipality, team):
    """Notification received Mon 23 Dec 2024 10:00; acknowledgement in 6 working days. National
    calendar: 24, 27, 30, 31 Dec, 2, 3 Jan -> 03.01.2025. With 31 December closed and Saturdays
    counted: 24 (1), 27 (2), 28 (3), 30 (4), 2 Jan (5), 3 Jan (6) -> 03.01.2025 as well; with 24
    December closed too: 27 (1), 28 (2), 30 (3), 2 (4), 3 (5), 4 Jan (6) -> 04.01.2025.
    The child, born 10 May 2006, turned 18 on 10 May 2024: an investigation the municipality
    became aware of on 1 March 2024 (due 1 July 2024) lapsed at 18."""
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Ida Syntetisk", birth_date=date(2006, 5, 10))
        practice.notification_register(
            actor=users["receiving_unit"], received_at=datetime(2024, 12, 23, 10, tzinfo=CPH), channel="email",
            notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child],
            team=team)
        practice.investigation_start(actor=users["caseworker"], child=child,
                                     aware_at=datetime(2024, 3, 1, 10, tzinfo=CPH),
                                     started_at=datetime(2024, 3, 1, 10, tzinfo=CPH), consent=True)

    m = session_for("manager")
    for width, height in ((1366, 900), (390, 844)):
        m.page.set_viewport_size({"width": width, "height": height})
        m.goto("/frister/indstillinger/")
        shot(m.page, f"settings-{width}.png")
    body = m.page.locator("main").inner_text()
    for text in ("Tæl lørdage som hverdage", "ikke bekræftet", "Lokale praksisstandarder", "Fristen begynder, når",
                 "Opfølgende netværksmøde 6-8 uger"):
        assert text in body, text
    assert "JSON" not in body and "docs/" not in body
    assert m.page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    m.page.set_viewport_size({"width": 1366, "height": 900})
    m.page.fill("#id_closing_days", "12-24\n12-31")
    m.page.check("#id_saturday_is_working_day")
    new = "#id_standard-1-"
    m.page.fill(new + "title", "Samtale med barnet inden 10 dage efter start på rådgivning")
    m.page.fill(new + "code", "samtale_raadgivning")
    m.page.select_option(new + "starts", "counselling:started_at")
    m.page.select_option(new + "stops", "child_conversation:held_at")
    m.page.fill(new + "amount", "10")
    m.submit()
    assert "Indstillingerne for frister er gemt" in m.page.locator("main").inner_text()
    assert m.page.input_value("#id_standard-1-title") == "Samtale med barnet inden 10 dage efter start på rådgivning"
    shot(m.page, "settings-saved-1366.png")

    c = session_for("caseworker")
    c.goto(f"/boern/{child.pk}/?as_of=2024-12-23T12:00")
    rows = c.page.locator("#frister ~ table").first.inner_text()
    assert "04.01.2025" in rows, rows
    c.goto(f"/boern/{child.pk}/?as_of=2025-01-10T12:00")
    rows = c.page.locator("#frister ~ table").first.inner_text()
    assert "Bortfaldet (fyldt 18)" in rows, rows
    shot(c.page, "child-deadlines-1280.png")


def test_one_assessment_covers_the_childs_other_notification(session_for, users, municipality, team):
    """Two notifications about one child an hour apart; the receiving unit assesses the first and
    ticks the second on the same form: the second's 24-hour clock is met too."""
    from forebyg.core import clock

    now = clock.now().replace(second=0, microsecond=0)
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Noah Syntetisk", birth_date=date(2015, 6, 1))
        first, second = (practice.notification_register(
            actor=users["receiving_unit"], received_at=now - delta, channel="phone", notifier_kind=kind,
            notifier_professional=True, concern="Bekymring (syntetisk)", children=[child], team=team)
            for delta, kind in ((timedelta(hours=3), "school"), (timedelta(hours=2), "police")))
    r = session_for("receivingunit")
    for width, height in ((1366, 900), (390, 844)):
        r.page.set_viewport_size({"width": width, "height": height})
        r.goto(f"/underretninger/{first.pk}/acute/")
        shot(r.page, f"acute-covers-{width}.png")
    form = r.page.locator("main form").inner_text()
    assert "Vurderingen dækker også" in form and "fra Politi" in form, form
    r.page.fill("#id_action", "Vurderet samlet for begge underretninger")
    r.page.check("input[name=covers]")
    r.page.click("main form button[type=submit]")
    r.page.wait_for_load_state()
    r.goto(f"/underretninger/{second.pk}/")
    shot(r.page, "second-notification-390.png")
    assert r.page.locator("#clock-acute .clock-met").count() == 1, r.page.locator("#clock-acute").inner_text()
    assert "vurderet sammen med underretningen modtaget" in r.page.locator("main").inner_text()
