# SPDX-License-Identifier: MPL-2.0
"""Login through Fælleskommunal Adgangsstyring (SAML, OIOSAML profile) against the local test IdP,
over HTTP as a browser does it. The browser journey is tests/e2e/test_saml_login.py."""

import base64
import subprocess

import pytest
import saml2
import saml2.time_util
from django.test import RequestFactory

from forebyg.accounts.models import User
from forebyg.audit.models import LogEntry
from forebyg.saml import config, testidp

from .flow import LOA_LOW, authn_request, login, saml_response

pytestmark = pytest.mark.django_db


def _refused(r, text):
    assert r.status_code == 403
    page = r.content.decode()
    assert "Ingen adgang til Forebyg" in page and text in page, page[:3000]
    return page


def test_caseworker_logs_in_with_role_municipality_and_team_from_the_assertion(client, municipality, team):
    r = login(client)
    assert r.status_code == 302, r.content.decode()[:2000]
    user = User.objects.get(oidc_subject__startswith="saml:")
    assert (user.role, user.municipality_id, user.has_usable_password()) == ("caseworker", 657, False)
    assert user.team_id == team.pk  # the test IdP limits the role to the first team (organisation constraint)
    page = client.get("/mit-arbejde/")
    assert page.status_code == 200  # NSIS Substantial: no TOTP step
    assert "Skift adgangskode" not in page.content.decode()  # no password to change
    assert LogEntry.objects.filter(action_type="accounts.user.provisioned", actor=user).exists()
    assert LogEntry.objects.filter(action_type="accounts.login.sso", actor=user).exists()


def test_a_low_assurance_login_still_needs_forebygs_own_second_factor(client, municipality):
    r = login(client, loa=LOA_LOW)
    assert r.status_code == 302
    r = client.get("/mit-arbejde/")
    assert r.status_code == 302 and r["Location"].startswith("/konto/totp/")


def test_the_assertion_updates_a_pre_provisioned_user_matched_by_email(client, municipality, users):
    user = users["caseworker"]
    user.email = "teamleder.test@kommune-29189854.example"
    user.save()
    assert login(client, persona="teamleder").status_code == 302
    user.refresh_from_db()
    assert user.role == "team_leader" and user.oidc_subject.startswith("saml:C=DK,O=29189854")


def test_an_assertion_without_a_forebyg_role_is_refused_and_logged(client, municipality):
    _refused(login(client, persona="ingen-rolle"), "ikke fået en rolle i Forebyg")
    assert not User.objects.filter(oidc_subject__startswith="saml:").exists()
    entry = LogEntry.objects.get(action_type="accounts.login.sso_refused")
    assert entry.payload["reason"] == "no_role"


def test_an_assertion_for_a_municipality_not_served_is_refused(client, municipality):
    _refused(login(client, persona="anden-kommune"), "ikke betjener")
    assert LogEntry.objects.get(action_type="accounts.login.sso_refused").payload["reason"] == "other_municipality"


def test_a_replayed_assertion_is_refused(client, municipality):
    value, relay = saml_response(client)
    assert client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay}).status_code == 302
    client.post("/logout/")
    # The same response again, in the same browser (its request is no longer outstanding) ...
    assert client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay}).status_code == 403
    # ... and in a fresh session that has just started a login of its own.
    client.cookies.clear()
    authn_request(client)
    _refused(client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay}), "kunne ikke godkendes")
    assert client.get("/mit-arbejde/").status_code == 302


def test_the_one_time_check_holds_even_if_the_request_is_still_outstanding(client, municipality, monkeypatch):
    """Replay protection does not rest on the session alone: the assertion id is used once."""
    from djangosaml2.cache import OutstandingQueriesCache

    monkeypatch.setattr(OutstandingQueriesCache, "delete", lambda self, key: None)  # the session forgets nothing
    value, relay = saml_response(client)
    assert client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay}).status_code == 302
    client.post("/logout/")  # Forebyg's own logout: the SAML session (its outstanding request) stays
    _refused(client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay}), "allerede brugt")


def _issue(client, *, sign=True, tamper=None):
    params = authn_request(client)
    request = RequestFactory().get("/")
    server = testidp._server(request)
    parsed = server.parse_authn_request(params["SAMLRequest"], saml2.BINDING_HTTP_REDIRECT,
                                        relay_state=params.get("RelayState"), sigalg=params["SigAlg"],
                                        signature=params["Signature"])
    persona = {p.key: p for p in testidp.personas()}["raadgiver"]
    xml, _dest = testidp.issue(server, parsed.message, persona, testidp.LOA_SUBSTANTIAL, sign_assertion=sign)
    if tamper:
        xml = tamper(xml)
    return base64.b64encode(xml.encode()).decode(), params.get("RelayState", "")


def test_an_unsigned_assertion_is_refused(client, municipality):
    value, relay = _issue(client, sign=False)
    _refused(client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay}), "kunne ikke godkendes")
    assert not User.objects.filter(oidc_subject__startswith="saml:").exists()


def test_a_signed_assertion_changed_after_signing_is_refused(client, municipality):
    def other_name(xml):
        assert "raadgiver.test@" in xml
        return xml.replace("raadgiver.test@", "mallory.test@")

    value, relay = _issue(client, tamper=other_name)
    _refused(client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay}), "kunne ikke godkendes")


@pytest.mark.parametrize("shift", [7 * 60, -7 * 60], ids=["expired", "from-the-future"])
def test_an_assertion_outside_its_validity_window_and_the_clock_skew_is_refused(client, municipality, monkeypatch,
                                                                                 shift):
    value, relay = saml_response(client)
    real = saml2.time_util.utc_now
    monkeypatch.setattr(saml2.time_util, "utc_now", lambda: real() + shift)  # the assertion lives 5 minutes
    _refused(client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay}), "kunne ikke godkendes")


def test_a_small_clock_difference_is_accepted(client, municipality, monkeypatch):
    value, relay = saml_response(client)
    real = saml2.time_util.utc_now
    monkeypatch.setattr(saml2.time_util, "utc_now", lambda: real() + 5 * 60 + 30)  # within the 60 s skew
    assert client.post("/saml2/acs/", {"SAMLResponse": value, "RelayState": relay}).status_code == 302


def test_metadata_is_signed_with_the_service_providers_key(client, tmp_path):
    r = client.get("/saml2/metadata/")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/samlmetadata+xml")
    xml = r.content.decode()
    assert "/saml2/acs/" in xml and 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    _key, cert = config.sp_keys()

    def verify(text):
        path = tmp_path / "md.xml"
        path.write_text(text)
        return subprocess.run(["/usr/bin/xmlsec1", "--verify", "--pubkey-cert-pem", cert, "--id-attr:ID",
                               "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor", str(path)],
                              capture_output=True, text=True)

    assert verify(xml).returncode == 0
    assert verify(xml.replace("/saml2/acs/", "/evil/acs/")).returncode != 0


def test_single_logout_goes_through_the_identity_provider(client, municipality):
    assert login(client).status_code == 302
    r = client.post("/saml2/logout/")
    assert r.status_code == 302 and "/saml2/test-idp/slo/?SAMLRequest=" in r["Location"]
    assert client.get("/mit-arbejde/").status_code == 302  # logged out of Forebyg at once
    back = client.get(r["Location"])
    assert back.status_code == 302 and "/saml2/ls/?SAMLResponse=" in back["Location"]
    done = client.get(back["Location"])
    assert done.status_code == 302


def test_single_logout_started_elsewhere_ends_the_forebyg_session(client, municipality):
    """The IdP's signed LogoutRequest (another system's logout) logs the user out of Forebyg too."""
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
    from saml2.xmldsig import SIG_RSA_SHA256

    assert login(client).status_code == 302
    assert client.get("/mit-arbejde/").status_code == 200
    user = User.objects.get(oidc_subject__startswith="saml:")
    request = RequestFactory().get("/")
    server = testidp._server(request)
    name_id = NameID(format=NAMEID_FORMAT_PERSISTENT, text=user.oidc_subject.removeprefix("saml:"))
    destination = "http://testserver/saml2/ls/"
    _req_id, logout_request = server.create_logout_request(destination, config.sp_entity_id(request),
                                                           name_id=name_id, sign=False)

    def url(sign):
        http = server.apply_binding(saml2.BINDING_HTTP_REDIRECT, str(logout_request), destination, "",
                                    sign=sign, sigalg=SIG_RSA_SHA256)
        return dict(http["headers"])["Location"].removeprefix("http://testserver")

    # Unsigned, or signed and then changed: refused, the user stays logged in.
    assert client.get(url(False)).status_code == 403
    signed = url(True)
    assert client.get(signed.replace("SigAlg=", "RelayState=x&SigAlg=")).status_code == 403
    assert client.get("/mit-arbejde/").status_code == 200
    r = client.get(signed)
    assert r.status_code == 302 and "/saml2/test-idp/slo/?SAMLResponse=" in r["Location"]
    assert client.get("/mit-arbejde/").status_code == 302  # logged out
