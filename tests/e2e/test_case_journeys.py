# SPDX-License-Identifier: MPL-2.0
"""The case journeys of issue #2 in a real browser: receiving unit -> team leader -> caseworker."""

import re
from datetime import date

import pytest
from django_scopes import scope, scopes_disabled

from forebyg.audit.models import AccessLog
from forebyg.cases import models as m

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fill_datetime(page, selector, value="2026-11-20T10:00"):
    page.fill(selector, value)


def test_receiving_unit_registers_notification_about_siblings(session_for, users, municipality):
    s = session_for("receivingunit")
    page = s.page
    assert page.url.endswith("/underretninger/")
    # Register two siblings.
    for name, born, cpr in [("Sofie Syntetisk", "2015-03-04", "640315-4179"), ("Malte Syntetisk", "2018-06-01", "610618-4029")]:
        s.goto("/boern/ny/")
        page.fill("#id_name", name)
        page.fill("#id_birth_date", born)
        page.fill("#id_cpr", cpr)
        page.fill("#id_custody_holders", "Anne Syntetisk, mor")
        s.submit()
        assert page.locator("h1").inner_text() == name
        assert "****" in page.content() and cpr[7:] not in page.locator("main").inner_text()
    # Bad input: an unknown CPR number is refused with a clear message, and nothing is written.
    s.goto("/underretninger/ny/")
    fill_datetime(page, "#id_received_at", "2026-11-20T08:15")
    page.select_option("#id_notifier_kind", "school")  # a school is a professional notifier by default
    page.fill("#id_concern", "Skolen oplever at børnene ofte kommer sultne (syntetisk).")
    page.fill("#id_children", "640315-4179\n010101-4019")
    s.submit()
    assert "Registrer barnet først" in page.locator("main").inner_text(), page.locator("main").inner_text()
    with scopes_disabled():
        assert m.Notification.objects.count() == 0
    page.fill("#id_children", "640315-4179\n610618-4029")
    s.submit()
    assert "/underretninger/" in page.url and "24-timers" in page.content()
    assert "Skole (fagperson)" in page.locator("main").inner_text()
    # Acute assessment, acknowledgement, routing.
    page.click("ul.actions >> text=Akutvurdering")
    s.a11y()
    fill_datetime(page, "#id_assessed_at", "2026-11-20T11:00")
    page.fill("#id_action", "Ingen akut fare; sendt til team.")
    s.submit()
    page.click("ul.actions >> text=Kvittering for modtagelse")
    fill_datetime(page, "#id_sent_at", "2026-11-20T12:00")
    s.submit()
    page.click("ul.actions >> text=Fordel til team")
    page.select_option("#id_team", label="Team 7-12 år")
    s.submit()
    text = page.locator("main").inner_text()
    assert "Vurderet" in text and "Team 7-12 år" in text
    s.goto("/underretninger/")
    assert "Sofie Syntetisk" in page.locator("main").inner_text()


def test_team_leader_assigns_with_continuity(session_for, users, municipality, team):
    from forebyg.cases.services import practice

    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Ida Syntetisk", birth_date=date(2014, 1, 2))
        n = practice.notification_register(
            actor=users["receiving_unit"], received_at=practice.clock.now(), channel="phone",
            notifier_kind="daycare", notifier_professional=True, concern="Bekymring (syntetisk)",
            children=[child], team=team)
    s = session_for("teamleader")
    assert s.page.url.endswith("/team/")
    s.page.select_option(f"#id_{n.pk}-caseworker", label="Caseworker")
    s.page.click(f"form[action$='/notification/{n.pk}/'] button")
    s.page.wait_for_load_state()
    assert "Tildelt" in s.page.content()
    n.refresh_from_db()
    assert n.assigned_to == users["caseworker"]
    # The caseworker opens a case by deciding an investigation; the next notification goes to them.
    with scope(municipality=[municipality.code]):
        practice.decision_record(actor=users["caseworker"], notification=n, child=child,
                                 decided_at=practice.clock.now(), outcome="investigation")
        again = practice.notification_register(
            actor=users["receiving_unit"], received_at=practice.clock.now(), channel="phone",
            notifier_kind="school", notifier_professional=True, concern="Ny bekymring (syntetisk)",
            children=[child], team=team)
    again.refresh_from_db()
    assert again.assigned_to == users["caseworker"]


def test_caseworker_from_counselling_to_follow_up(session_for, users, municipality, team):
    from forebyg.cases.services import practice

    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Noah Syntetisk", birth_date=date(2013, 5, 6))
        n = practice.notification_register(
            actor=users["receiving_unit"], received_at=practice.clock.now(), channel="email",
            notifier_kind="school", notifier_professional=True, concern="Fravær (syntetisk)", children=[child])
        practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
        m.Offer.objects.create(id="o-1", municipality=municipality, name="Familiebehandling", provider="Kommunen",
                               law="BL", measure_kind="bl_family_treatment", price_per_month=18000)
    s = session_for("caseworker")
    page = s.page
    assert page.url.endswith("/mit-arbejde/")
    assert "Noah Syntetisk" in page.locator("main").inner_text()
    s.goto(f"/boern/{child.pk}/")

    def action(label, fields, expect_ok=True):
        s.goto(f"/boern/{child.pk}/")
        page.click(f"ul.actions >> text={label}")
        page.wait_for_load_state()
        s.a11y()
        for selector, value in fields:
            if selector.startswith("select:"):
                page.select_option(selector[7:], value)
            elif selector.startswith("check:"):
                page.check(selector[6:])
            else:
                page.fill(selector, value)
        s.submit()
        if expect_ok:
            assert page.url.rstrip("/").endswith(child.pk), page.locator("main").inner_text()[:500]

    action("Start rådgivningsforløb", [("#id_started_at", "2026-11-02T10:00"), ("#id_consent_at", "2026-11-02T09:00"),
                                       ("#id_consent_by", "Mor og far"), ("select:#id_referred_by", "school")])
    # Bad input: consent after the start is refused with a message, nothing is written.
    action("Start rådgivningsforløb", [("#id_started_at", "2026-11-02T10:00"), ("#id_consent_at", "2026-11-03T09:00"),
                                       ("#id_consent_by", "Mor"), ("select:#id_referred_by", "school")], expect_ok=False)
    assert "samtykke" in page.content().lower()
    with scope(municipality=[municipality.code]):
        assert m.Counselling.objects.count() == 1
    # Decision on the notification: investigation.
    s.goto(f"/underretninger/{n.pk}/")
    page.click("ul.actions >> text=Beslutning om underretningen")
    page.select_option("#id_outcome", "investigation")
    s.submit()
    action("Registrer børnesamtale", [("#id_held_at", "2026-11-10T10:00"), ("#id_purpose", "Samtale om skolen")])
    action("Registrer netværksmøde", [("#id_held_at", "2026-11-11T10:00"), ("select:#id_kind", "inclusive"),
                                      ("#id_participants", "Noah, barnet\nMormor, netværk\nLærer, skole"),
                                      ("#id_agreements", "Mormor henter om tirsdagen"), ("#id_followup_date", "2026-12-30")])
    action("Tilføj person i barnets netværk", [("#id_name", "Mormor Syntetisk"), ("#id_relation", "mormor"),
                                              ("check:#id_resource", "")])
    action("Start børnefaglig undersøgelse", [("#id_aware_at", "2026-11-05T09:00"), ("#id_started_at", "2026-11-06T09:00")])
    page.click("text=Afsnit og konklusion")
    page.fill("#id_holistic", "Barnet har ressourcer i netværket.")
    page.fill("#id_conclusion", "Behov for familiebehandling.")
    page.fill("#id_completed_at", "2026-11-18T12:00")
    s.submit()
    action("Træf afgørelse om indsats", [("#id_decided_at", "2026-11-19T10:00"), ("select:#id_kind", "bl_family_treatment"),
                                         ("select:#id_offer", "o-1"), ("#id_started_at", "2026-11-20T10:00")])
    action("Udarbejd plan", [("select:#id_kind", "barnets_plan"), ("#id_made_at", "2026-11-19T11:00"),
                             ("select:#id_goal_1_area", "school"), ("#id_goal_1_text", "Jeg vil gå i skole hver dag")])
    action("Registrer opfølgning", [("#id_held_at", "2026-11-21T10:00"), ("#id_note", "God fremgang"),
                                    ("#id_next_due", "2027-02-21")])
    s.goto(f"/underretninger/{n.pk}/")
    page.click("ul.actions >> text=Tilbagemelding til underretteren")
    page.select_option("#id_content", "investigation_started")
    s.submit()
    s.goto(f"/boern/{child.pk}/")
    timeline = page.locator("ol.timeline").inner_text()
    for words in ["Rådgivningsforløb startet", "Børnesamtale", "Inddragende netværksmøde", "Børnefaglig undersøgelse afsluttet",
                  "Afgørelse om indsats truffet", "Barnets plan", "Opfølgning", "Underretning modtaget"]:
        assert words in timeline, words
    dates = re.findall(r"(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d)", timeline)
    as_tuples = [(y, mo, d, h, mi) for d, mo, y, h, mi in dates]
    assert as_tuples == sorted(as_tuples, reverse=True), "the timeline is in order, newest first"
    # End the measure with a reason; the earlier version stays readable.
    page.click("section >> text=Afslut >> nth=0")
    page.fill("#id_ended_at", "2026-11-22T10:00")
    page.fill("#id_end_reason", "Mål nået")
    s.submit()
    page.click("text=Versioner >> nth=0")
    s.a11y()
    assert page.locator("tbody tr").count() == 2  # decided (and started), then ended
    assert AccessLog.objects.filter(user=users["caseworker"], child_id=child.pk).exists()


def test_language_switch_to_english(session_for, users):
    s = session_for("caseworker")
    assert "Mit arbejde" in s.page.locator("h1").inner_text()
    s.page.select_option("#language", "en")
    s.page.click("form.lang button")
    s.page.wait_for_load_state()
    assert s.page.locator("h1").inner_text() == "My work"
    assert s.page.locator("html").get_attribute("lang") == "en"
