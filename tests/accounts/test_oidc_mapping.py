# SPDX-License-Identifier: MPL-2.0
"""How single sign-on identities map to Forebyg users (the end-to-end flow is tests/security/test_sso.py)."""

import time

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory

from forebyg.accounts.oidc import MunicipalOIDCBackend, asserts_mfa
from forebyg.audit.models import LogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.FOREBYG_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "forebyg"
    settings.FOREBYG_OIDC_MUNICIPALITIES = [657]
    b = MunicipalOIDCBackend()
    b.request = RequestFactory().get("/oidc/callback/")
    b.request.session = {}
    return b


def test_mfa_is_asserted_by_amr_or_nsis_level():
    assert asserts_mfa({"amr": ["pwd", "mfa"]}) and asserts_mfa({"amr": "mfa"})
    assert asserts_mfa({"acr": "https://data.gov.dk/concept/core/nsis/loa/High"})
    assert not asserts_mfa({"amr": ["pwd"]}) and not asserts_mfa({"acr": "https://data.gov.dk/concept/core/nsis/loa/Low"})


def test_claims_update_role_and_municipality_of_a_matched_user(backend, users, municipality):
    user = users["caseworker"]
    user.email = "cw@herning.example"
    user.save()
    backend.get_userinfo = lambda *a: {"sub": "abc", "email": "CW@herning.example", "forebyg_role": "team_leader"}
    got = backend.get_or_create_user("t", "i", {"sub": "abc", "amr": ["mfa"]})
    assert got == user and got.role == "team_leader" and got.oidc_subject == "abc"
    assert backend.request.session["_forebyg_idp_mfa"] is True
    assert LogEntry.objects.filter(action_type="accounts.user.updated_from_sso").exists()
    # From now on the subject decides, whatever the e-mail says.
    backend.get_userinfo = lambda *a: {"sub": "abc", "email": "changed@herning.example"}
    assert backend.get_or_create_user("t", "i", {"sub": "abc"}) == user
    assert backend.request.session["_forebyg_idp_mfa"] is False


def test_bad_claims_are_refused(backend, users):
    for claims in ({"sub": "x", "forebyg_role": "superuser"}, {"sub": "x", "forebyg_municipality": "Herning"},
                   {"sub": "x", "forebyg_municipality": 101}):
        backend.get_userinfo = lambda *a, c=claims: c
        with pytest.raises(SuspiciousOperation):
            backend.get_or_create_user("t", "i", {"sub": "x"})
    backend.get_userinfo = lambda *a: {"sub": "other"}
    with pytest.raises(SuspiciousOperation, match="subject"):
        backend.get_or_create_user("t", "i", {"sub": "x"})


def test_id_token_audience_and_expiry_are_checked(backend, monkeypatch):
    from mozilla_django_oidc.auth import OIDCAuthenticationBackend

    payload = {"aud": "forebyg", "exp": time.time() + 60, "iss": "https://idp"}
    monkeypatch.setattr(OIDCAuthenticationBackend, "verify_token", lambda self, token, **kw: dict(payload))
    assert backend.verify_token("x") is not None
    payload["aud"] = ["someone-else"]
    assert backend.verify_token("x") is None
    payload.update(aud="forebyg", exp=time.time() - 3600)
    assert backend.verify_token("x") is None


def test_password_login_never_reaches_the_sso_backend(backend, users):
    request = RequestFactory().post("/login/?code=x&state=y")
    assert backend.authenticate(request, username="caseworker", password="pw") is None
