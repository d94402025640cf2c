# SPDX-License-Identifier: MPL-2.0
"""The receiving unit registers a notification about a child known by name only (issue #15): a
teacher reports "Emma i 3.b" and the name is all there is. What the person reads afterwards: the
child's name, "Fødselsdato ukendt", and the 24-hour clock running (about 24 hours left)."""

import os
import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("FOREBYG_SHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_receiving_unit_registers_a_child_known_by_name_only(session_for, users):
    s = session_for("receivingunit")
    page = s.page
    s.goto("/underretninger/ny/")
    page.select_option("#id_channel", "phone")
    page.select_option("#id_notifier_kind", "school")
    page.fill("#id_notifier_name", "Klasselærer, Vestskolen (syntetisk)")
    page.fill("#id_concern", "Emma kommer uden madpakke og er træt (syntetisk)")
    page.fill("#id_new_child_name", "Emma i 3.b")
    s.submit()
    main = page.locator("main")
    text = main.inner_text()
    assert "Underretningen er registreret" in text, text[:600]
    assert "Emma i 3.b" in text
    clock = page.locator("#clock-acute .clock").first
    assert re.fullmatch(r"(23 t [0-5]\d|24 t 0) min tilbage", clock.inner_text()), clock.inner_text()
    shot(page, "name-only-notification.png")
    page.click("main a:text('Emma i 3.b')")
    page.wait_for_load_state()
    s.a11y()
    text = page.locator("main").inner_text()
    assert "Emma i 3.b" in text and "Fødselsdato ukendt" in text
    assert "Tilføj fødselsdato og CPR-nummer" in text
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot(page, f"name-only-child-{width}.png")
