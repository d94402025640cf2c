# SPDX-License-Identifier: MPL-2.0
"""A caseworker writes a journal note after a phone call and reads it back on the child page and in
the case record, at desk width and on a phone (issue #15)."""

from datetime import date
from pathlib import Path

import pytest
from django_scopes import scope

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/work/notes/shots/journal")
NOTE = "Mor ringede kl. 9: Noah har været i skole hele ugen og spiste morgenmad hos mormor (syntetisk)."


def _shot(page, name):
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


def test_caseworker_writes_a_journal_note_and_reads_it_back(session_for, users, municipality):
    from forebyg.cases.services import practice

    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Noah Syntetisk", birth_date=date(2013, 5, 6))
        practice.case_open(actor=users["caseworker"], child=child, caseworker=users["caseworker"])
    s = session_for("caseworker")
    page = s.page
    page.set_viewport_size({"width": 1366, "height": 900})
    s.goto(f"/boern/{child.pk}/")
    page.click("ul.actions >> text=Skriv journalnotat")
    page.wait_for_load_state()
    s.a11y()
    assert page.locator("h1").inner_text() == "Skriv journalnotat"
    # An empty note is refused in Danish and nothing is written.
    page.select_option("#id_kind", "phone")
    page.fill("#id_text", " ")
    s.submit()
    assert "/journal/" in page.url
    page.fill("#id_text", NOTE)
    _shot(page, "form-1366.png")
    s.submit()
    assert page.url.rstrip("/").endswith(child.pk), page.locator("main").inner_text()[:500]
    entry = page.locator("ol.timeline li", has_text="Journalnotat (telefonsamtale)")
    assert "Caseworker" in entry.inner_text()  # the author
    assert not entry.locator(".written").is_visible()  # behind the fold until opened
    entry.locator("summary", has_text="Læs hvad der blev skrevet").click()
    assert entry.locator(".written").inner_text().strip() == NOTE
    _shot(page, "child-1366.png")
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "child-390.png")
    entry.locator("a", has_text="Versioner").click()
    page.wait_for_load_state()
    s.a11y()
    assert NOTE in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "versions-390.png")
    s.goto(f"/boern/{child.pk}/sagsforloeb/")
    assert "Journalnotat (telefonsamtale)" in page.locator("main").inner_text()
    assert NOTE in page.locator("main").inner_text()
    _shot(page, "record-390.png")
