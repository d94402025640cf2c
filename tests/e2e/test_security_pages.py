# SPDX-License-Identifier: MPL-2.0
"""The security pages in a real browser (Chromium): setting up the authenticator from the page's
own key, breaking the glass, showing a CPR number, supervision, the data-subject request, and the
administrator's pages - each with the axe accessibility check and no content-security-policy
violation (tests/e2e/conftest.py's Session)."""

import base64
import re
from datetime import timedelta

import pytest
from django_otp.oath import totp
from django_scopes import scope

from forebyg.audit.models import AccessLog
from forebyg.cases.services import practice
from tests.e2e.conftest import Session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_first_login_sets_up_the_authenticator_from_the_page(browser, live_server, users):
    s = Session(browser, live_server.url)
    try:
        s.goto("/login/")
        s.page.fill("#id_username", "caseworker")
        s.page.fill("#id_password", "pw")
        s.page.click("main button[type=submit]")
        s.page.wait_for_load_state()
        assert "/konto/totp/opsaet/" in s.page.url
        s.a11y()
        assert s.page.locator(".qr svg").count() == 1
        secret = s.page.locator("code.secret").inner_text().replace(" ", "")
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        s.page.fill("#id_otp_token", f"{totp(key):06d}")
        s.page.click("main button[type=submit]")
        s.page.wait_for_load_state()
        assert "/konto/totp/reservekoder/" in s.page.url
        s.a11y()
        assert s.page.locator("ul.codes li").count() == 10
        s.page.click("main a.button")
        s.page.wait_for_load_state()
        assert s.page.url.endswith("/mit-arbejde/")
    finally:
        s.close()


def test_break_the_glass_cpr_and_supervision_in_the_browser(session_for, users, municipality, team):
    from forebyg.core.models import Team
    from tests.conftest import make_user

    with scope(municipality=[municipality.code]):
        other = Team.objects.create(id="t-2", municipality=municipality, name="Team 0-6 år")
        child = practice.child_register(actor=users["receiving_unit"], name="Glas Syntetisk",
                                        birth_date=practice.date(2015, 3, 4), cpr="640315-4179")
        n = practice.notification_register(
            actor=users["receiving_unit"], received_at=practice.clock.now() - timedelta(hours=1), channel="phone",
            notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child],
            team=team)
        practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    make_user(municipality, "caseworker", "outsider", other)
    make_user(municipality, "team_leader", "leader2", other)

    s = session_for("outsider")
    s.goto(f"/boern/{child.pk}/")
    assert "/sikkerhed/adgang/child/" in s.page.url
    s.page.select_option("#id_reason_kind", "cover")
    s.page.fill("#id_reason_text", "Dækker for kollega på ferie")
    s.page.click("main form.stacked button[type=submit]")
    s.page.wait_for_load_state()
    s.a11y()
    assert s.page.locator("h1").inner_text() == "Glas Syntetisk"
    assert "640315-****" in s.page.locator("main").inner_text()
    s.page.click("text=Vis CPR-nummer") if s.page.locator("text=Vis CPR-nummer").count() else \
        s.page.click("a[href$='/cpr/']")
    s.page.wait_for_load_state()
    s.a11y()
    s.page.select_option("#id_reason_kind", "other")
    s.page.fill("#id_reason_text", "Opslag i CPR-registret")
    s.submit()
    assert "640315-4179" in s.page.locator("main").inner_text()
    assert AccessLog.objects.filter(view="child.cpr_reveal").exists()

    leader = session_for("leader2")
    leader.page.click("nav >> a[href='/sikkerhed/adgang/gennemgang/']")
    leader.page.wait_for_load_state()
    leader.a11y()
    assert "Dækker for kollega" in leader.page.locator("main").inner_text()
    leader.page.click("main td form button")
    leader.page.wait_for_load_state()
    leader.page.click("nav >> a[href='/tilsyn/']")
    leader.page.wait_for_load_state()
    leader.a11y()
    leader.page.select_option("#id_flag", "all")
    leader.page.click("main form.stacked button[type=submit]")
    leader.page.wait_for_load_state()
    leader.a11y()
    text = leader.page.locator("main").inner_text()
    assert "Outsider" in text and "Dækker for kollega" in text

    m = session_for("manager")
    m.goto(f"/sikkerhed/boern/{child.pk}/indsigt/")
    m.page.fill("#id_reference", "J.nr. 27.00-1")
    m.page.select_option("#id_fmt", "html")
    m.submit()
    assert "Bekymring (syntetisk)" in m.page.locator("main").inner_text()
    for path in ("/sikkerhed/sletning/",):
        m.goto(path)


def test_administrator_pages(session_for, users):
    s = session_for("administrator")
    for path in ("/konto/brugere/", "/sikkerhed/politik/", "/sikkerhed/sletning/"):
        s.goto(path)
        assert s.page.locator("h1").count() == 1
    s.goto("/sikkerhed/politik/")
    s.page.fill("#id_glass_hours", "4")
    s.submit()
    assert re.search(r"Gemt|Saved", s.page.locator("main").inner_text())
