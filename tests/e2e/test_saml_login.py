# SPDX-License-Identifier: MPL-2.0
"""Login through Fælleskommunal Adgangsstyring in a browser (issue #19), entirely offline: the
login page's "Log ind via lokal test-IdP", Forebyg's signed AuthnRequest to the local test IdP,
the person chosen there, the signed assertion with an OIO-BPP privilege list posted back.

A caseworker whose assertion carries Forebyg's caseworker role for Herning's CVR number (29189854,
municipality 657) lands on "Mit arbejde"; a person whose assertion carries no Forebyg role is
refused with a clear Danish page."""

import pytest

from .conftest import Session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _through_test_idp(s: Session, persona_label: str):
    s.goto("/login/")
    s.page.get_by_role("link", name="Log ind via lokal test-IdP").click()
    s.page.wait_for_load_state()
    assert "/saml2/test-idp/sso/" in s.page.url
    s.a11y()
    s.page.get_by_label(persona_label).check()
    s.page.get_by_role("button", name="Log ind").click()
    s.page.wait_for_load_state()
    s.a11y()
    s.page.get_by_role("button", name="Fortsæt til Forebyg").click()
    s.page.wait_for_load_state()
    s.a11y()


def test_caseworker_logs_in_through_the_test_idp_and_lands_on_my_work(browser, live_server, municipality):
    s = Session(browser, live_server.url)
    try:
        _through_test_idp(s, "Rådgiver i kommune 657")
        assert s.page.url.endswith("/mit-arbejde/")
        assert s.page.locator("h1").inner_text().strip() == "Mit arbejde"
        s.page.get_by_role("button", name="Log ud").click()  # single logout through the IdP
        s.page.wait_for_load_state()
        assert "/login/" in s.page.url
    finally:
        s.close()


def test_an_assertion_without_a_forebyg_role_is_refused_with_a_clear_page(browser, live_server, municipality):
    s = Session(browser, live_server.url)
    try:
        _through_test_idp(s, "Medarbejder uden en Forebyg-rolle")
        assert s.page.locator("h1").inner_text().strip() == "Ingen adgang til Forebyg"
        text = s.page.locator("main").inner_text()
        assert "du har ikke fået en rolle i Forebyg" in text
        assert "brugersystemroller i Fælleskommunal Adgangsstyring" in text
        assert "Det afviste login er registreret." in text
        s.goto("/mit-arbejde/")
        assert "/login/" in s.page.url
    finally:
        s.close()
