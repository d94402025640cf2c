# SPDX-License-Identifier: MPL-2.0
"""The first administrator and the first caseworker, in a real browser (issue #17): on a database
with no users, `forebyg user create` makes an administrator who logs in (password and second factor);
the administrator creates a caseworker on the page *Brugere*, and the caseworker chooses a password
through the link in the e-mail and logs in. Each page gets the axe accessibility check."""

import io
import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from forebyg.accounts.models import User
from forebyg.cli import main
from forebyg.core.models import Team
from tests.e2e.conftest import Session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_first_administrator_creates_a_caseworker(browser, live_server, monkeypatch, settings):
    settings.FOREBYG_SITE_URL = live_server.url
    assert not User.objects.exists()
    with scopes_disabled():
        Team.objects.create(id="t-vest", municipality_id=657, name="Team Vest")
    monkeypatch.setattr("sys.stdin", io.StringIO("en-lang-syntetisk-kode\n"))
    assert main(["user", "create", "anna", "--name", "Anna Andersen", "--role", "administrator",
                 "--municipality", "657", "--password-stdin"]) == 0

    admin = Session(browser, live_server.url)
    try:
        admin.login("anna", "en-lang-syntetisk-kode")
        assert "Anna Andersen · Administrator · Herning" in admin.page.locator(".who").inner_text()
        admin.page.click("nav >> text=Brugere")
        admin.page.wait_for_load_state()
        admin.a11y()
        admin.page.click("main >> text=Ny bruger")
        admin.page.wait_for_load_state()
        admin.a11y()
        assert admin.page.locator("h1").inner_text() == "Ny bruger"
        admin.page.fill("#id_username", "karen")
        admin.page.fill("#id_full_name", "Karen Rådgiver")
        admin.page.fill("#id_email", "karen@example.org")
        admin.page.select_option("#id_role", label="Rådgiver")
        admin.page.select_option("#id_team", label="Team Vest")
        admin.submit()
        assert admin.page.url.endswith("/konto/brugere/")
        assert ("Karen Rådgiver er oprettet. Et link til at vælge adgangskode er sendt til karen@example.org"
                in admin.page.locator(".messages").inner_text())
        row = admin.page.locator("tr", has_text="karen")
        assert [c.strip() for c in row.locator("td").all_inner_texts()[:6]] == [
            "Karen Rådgiver", "karen", "Rådgiver", "Team Vest", "aktiv", "ikke opsat"]
    finally:
        admin.close()

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["karen@example.org"]
    link = re.search(r"http://\S+/konto/adgangskode/ny/\S+/", mail.outbox[0].body).group(0)
    caseworker = Session(browser, live_server.url)
    try:
        caseworker.page.goto(link)
        caseworker.a11y()
        assert caseworker.page.locator("h1").inner_text() == "Vælg adgangskode"
        caseworker.page.fill("#id_new_password1", "karens-egen-lange-kode")
        caseworker.page.fill("#id_new_password2", "karens-egen-lange-kode")
        caseworker.page.click("main button[type=submit]")
        caseworker.page.wait_for_load_state()
        assert "Din adgangskode er gemt" in caseworker.page.locator(".messages").inner_text()
        caseworker.login("karen", "karens-egen-lange-kode")
        assert caseworker.page.url.endswith("/mit-arbejde/")
        assert "Karen Rådgiver · Rådgiver · Herning" in caseworker.page.locator(".who").inner_text()
        caseworker.page.goto(link)  # the link works once
        assert "Linket virker ikke længere" in caseworker.page.locator("main").inner_text()
    finally:
        caseworker.close()
