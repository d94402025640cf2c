# SPDX-License-Identifier: MPL-2.0
"""Municipal single sign-on, end to end against a real OpenID provider that the test starts itself
(django-oauth-toolkit's OIDC provider, its own Django project in a separate process on 127.0.0.1).
The authorisation code flow runs over HTTP exactly as a browser does it: Forebyg's SSO link, the
provider's login form, the redirect back with a code, Forebyg exchanging it (PKCE, client secret)
and verifying the signed ID token against the provider's keys."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from forebyg.accounts.models import User
from forebyg.audit.models import LogEntry

pytestmark = [pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
MFA = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
OP_USERS = [["anna", "op-pw-1", "anna.raadgiver@herning.example", "Anna", "Rådgiver"],
            ["bo", "op-pw-2", "bo.leder@herning.example", "Bo", "Leder"],
            ["carl", "op-pw-3", "carl@herning.example", "Carl", "Ny"],
            ["eve", "op-pw-4", "eve@hvidovre.example", "Eve", "Fremmed"]]
OP_CLAIMS = {
    "anna": {"amr": ["pwd", "otp", "mfa"]},  # pre-provisioned in Forebyg; the IdP asserts MFA
    "bo": {"acr": "https://data.gov.dk/concept/core/nsis/loa/Low"},  # pre-provisioned; no MFA from the IdP
    "carl": {"forebyg_municipality": 657, "forebyg_role": "team_leader", "acr": MFA},  # provisioned from claims
    "eve": {"forebyg_municipality": 167, "forebyg_role": "manager", "amr": ["mfa"]},  # a municipality not allowed
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def provider(live_server, tmp_path):
    """The OpenID provider, configured for Forebyg's callback on the live server."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    port = free_port()
    env = {**os.environ, "OP_DB": str(tmp_path / "op.sqlite3"), "OP_RSA_KEY": key, "OP_USERS": json.dumps(OP_USERS),
           "OP_CLAIMS": json.dumps(OP_CLAIMS), "OP_CLIENT_ID": "forebyg", "OP_CLIENT_SECRET": "s3cret-forebyg"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.Popen([sys.executable, "-m", "tests.security.oidc_op.server", str(port),
                             f"{live_server.url}/oidc/callback/"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        if "READY" not in line:
            proc.kill()
            pytest.fail(f"the test OpenID provider did not start: {line}{proc.stderr.read()[-3000:]}")
        base = f"http://127.0.0.1:{port}"
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def sso(settings, provider):
    discovery = requests.get(f"{provider}/o/.well-known/openid-configuration", timeout=10).json()
    settings.FOREBYG_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "forebyg"
    settings.OIDC_RP_CLIENT_SECRET = "s3cret-forebyg"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    settings.FOREBYG_OIDC_ISSUER = discovery["issuer"]
    settings.FOREBYG_OIDC_CREATE_USERS = True
    settings.FOREBYG_OIDC_MUNICIPALITIES = [657]
    return discovery


def login_via_idp(base: str, username: str, password: str, next_url: str = "/mit-arbejde/") -> requests.Response:
    """What the browser does: click Forebyg's SSO link, log in at the provider, come back."""
    s = requests.Session()
    page = s.get(f"{base}/login/?next={next_url}", timeout=10)
    assert "/oidc/authenticate/" in page.text, "the login page offers single sign-on"
    r = s.get(f"{base}/oidc/authenticate/?next={next_url}", timeout=10)  # -> provider login form
    assert r.url.split("?")[0].endswith("/login/") and "Kommunens login" in r.text, r.url
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text).group(1)
    nxt = re.search(r'name="next" value="([^"]+)"', r.text).group(1).replace("&amp;", "&")
    r = s.post(r.url.split("?")[0], data={"username": username, "password": password, "csrfmiddlewaretoken": csrf,
                                          "next": nxt}, headers={"Referer": r.url}, timeout=30)
    r.session = s
    return r


def test_login_through_the_identity_provider_with_its_mfa(sso, live_server, municipality, team):
    anna = User.objects.create_user(username="anna.r", email="Anna.Raadgiver@herning.example", role="caseworker",
                                    municipality=municipality, team=team, full_name="Anna Rådgiver")
    anna.set_unusable_password()
    anna.save()
    r = login_via_idp(live_server.url, "anna", "op-pw-1")
    assert r.status_code == 200 and r.url == f"{live_server.url}/mit-arbejde/", r.url
    assert "Anna Rådgiver" in r.text, "logged in to Forebyg as the pre-provisioned user"
    anna.refresh_from_db()
    assert anna.oidc_subject, "the identity is bound to the user from now on"
    # The authorisation request used PKCE and asked for the OpenID scopes.
    auth = [h for h in r.history if "/o/authorize/" in h.url]
    assert auth and "code_challenge=" in auth[0].url and "scope=openid" in auth[0].url
    # The session works on the next page too, and logging out ends it.
    s = r.session
    assert s.get(f"{live_server.url}/", timeout=10).url.endswith("/mit-arbejde/")


def test_without_mfa_from_the_provider_forebyg_asks_for_its_own_second_factor(sso, live_server, municipality, team):
    User.objects.create_user(username="bo.l", email="bo.leder@herning.example", role="team_leader",
                             municipality=municipality, team=team, full_name="Bo Leder")
    r = login_via_idp(live_server.url, "bo", "op-pw-2")
    assert "/konto/totp/opsaet/" in r.url, r.url
    assert r.session.get(f"{live_server.url}/team/", timeout=10).url.startswith(f"{live_server.url}/konto/totp/")


def test_user_is_provisioned_from_claims_and_other_municipalities_are_refused(sso, live_server, municipality):
    r = login_via_idp(live_server.url, "carl", "op-pw-3", next_url="/team/")
    assert r.url == f"{live_server.url}/team/", r.url
    carl = User.objects.get(email="carl@herning.example")
    assert carl.role == "team_leader" and carl.municipality_id == 657 and not carl.has_usable_password()
    assert LogEntry.objects.filter(action_type="accounts.user.provisioned", actor=carl).exists()
    r = login_via_idp(live_server.url, "eve", "op-pw-4")
    assert r.url.startswith(f"{live_server.url}/login/"), "a municipality this IdP may not assert is refused"
    assert not User.objects.filter(email="eve@hvidovre.example").exists()


def test_unknown_identity_without_provisioning_is_refused(sso, settings, live_server):
    settings.FOREBYG_OIDC_CREATE_USERS = False
    r = login_via_idp(live_server.url, "carl", "op-pw-3")
    assert r.url.startswith(f"{live_server.url}/login/") and not User.objects.filter(email="carl@herning.example")


def test_sso_is_off_unless_configured(client, settings):
    settings.FOREBYG_OIDC_ENABLED = False
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    assert "/oidc/authenticate/" not in client.get("/login/").content.decode()
