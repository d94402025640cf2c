# SPDX-License-Identifier: MPL-2.0
"""API tokens: hashed at rest, scoped to a user and municipality, expiring, revocable on the page
and from the command line, and audit-logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django_scopes import scopes_disabled

from forebyg.api.models import ApiToken
from forebyg.api.tokens import digest, token_create, token_revoke
from forebyg.audit.models import LogEntry
from forebyg.core import clock

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_token_is_stored_as_a_digest_only(users):
    new = token_create(actor=users["caseworker"], user=users["caseworker"], name="Fagsystem")
    with scopes_disabled():
        row = ApiToken.objects.get(pk=new.token.pk)
    assert new.secret.startswith("fbg_") and len(new.secret) > 40
    assert row.digest == digest(new.secret) and new.secret not in (row.digest, row.prefix)
    assert row.prefix == new.secret[:12] and row.municipality_id == users["caseworker"].municipality_id
    with scopes_disabled():
        entry = LogEntry.objects.get(action_type="api.token.created")
    assert new.secret not in str(entry.payload)


@pytest.mark.parametrize("header", [None, "Bearer nope", "Bearer fbg_wrong", "Basic Zm9vOmJhcg==", "Bearer "])
def test_requests_without_a_valid_token_get_401(client, header):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    r = client.get("/api/v1/children", **headers)
    assert r.status_code == 401 and r["WWW-Authenticate"] == "Bearer"


def test_expired_revoked_and_deactivated_tokens_stop_working(users, token_for, municipality, other_municipality, scoped):
    user = users["caseworker"]
    secret = token_for(user)
    api = ApiClient(Client(), secret)
    assert api.get("/me").status_code == 200
    with scopes_disabled():
        token = ApiToken.objects.get(digest=digest(secret))
    assert token.last_used_at is not None
    ApiToken.objects.filter(pk=token.pk).update(expires_at=clock.now() - timedelta(seconds=1))
    assert api.get("/me").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=clock.now() + timedelta(days=1))
    assert api.get("/me").status_code == 200
    user.is_active = False
    user.save()
    assert api.get("/me").status_code == 401
    user.is_active = True
    user.municipality = other_municipality  # moved to another municipality: the old token is dead
    user.save()
    assert api.get("/me").status_code == 401
    user.municipality = municipality
    user.save()
    with scopes_disabled():
        token_revoke(actor=user, token=ApiToken.objects.get(pk=token.pk))
    assert api.get("/me").status_code == 401


def test_nobody_creates_tokens_for_others_but_administrators_revoke_them(users, municipality, other_municipality):
    from tests.conftest import make_user

    with pytest.raises(PermissionDenied):
        token_create(actor=users["administrator"], user=users["caseworker"], name="x")
    new = token_create(actor=users["caseworker"], user=users["caseworker"], name="x")
    with pytest.raises(PermissionDenied):
        token_revoke(actor=users["team_leader"], token=new.token)
    stranger = make_user(other_municipality, "administrator", "fremmedadmin")
    with pytest.raises(PermissionDenied):
        token_revoke(actor=stranger, token=new.token)
    token_revoke(actor=users["administrator"], token=new.token)
    assert new.token.revoked_at is not None and new.token.revoked_by == users["administrator"]


def test_token_page_creates_shows_once_and_revokes(client, users):
    user = users["caseworker"]
    client.force_login(user)
    r = client.get("/api/noegler/")
    assert r.status_code == 200
    r = client.post("/api/noegler/", {"name": "ESDH-integration", "days": "30"})
    assert r.status_code == 200
    secret = r.context["created"].secret
    assert secret.encode() in r.content
    assert secret.encode() not in client.get("/api/noegler/").content  # shown once
    with scopes_disabled():
        token = ApiToken.objects.get(user=user)
    assert (token.expires_at - clock.now()).days in (29, 30)
    assert ApiClient(Client(), secret).get("/me").json()["username"] == user.username
    r = client.post(f"/api/noegler/{token.pk}/spaer/")
    assert r.status_code == 302
    assert ApiClient(Client(), secret).get("/me").status_code == 401
    r = client.post("/api/noegler/", {"name": "", "days": "9999"})
    assert r.status_code == 200 and r.context["form"].errors.keys() == {"name", "days"}


def test_token_page_lists_the_municipality_for_administrators_only(client, users):
    token_create(actor=users["caseworker"], user=users["caseworker"], name="Caseworker's token")
    client.force_login(users["administrator"])
    assert b"Caseworker&#x27;s token" in client.get("/api/noegler/").content
    client.force_login(users["team_leader"])
    assert b"Caseworker&#x27;s token" not in client.get("/api/noegler/").content
    with scopes_disabled():
        pk = ApiToken.objects.get().pk
    assert client.post(f"/api/noegler/{pk}/spaer/").status_code == 404


def test_cli_creates_lists_and_revokes(users, capsys):  # the CLI runs without a scope
    from forebyg.cli import build_parser

    def run(*argv):
        args = build_parser().parse_args(list(argv))
        from forebyg.api.cli import run as api_run

        return api_run(args)

    assert run("api-token", "create", "--user", "caseworker", "--name", "Integration", "--days", "10") == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert ApiClient(Client(), secret).get("/me").status_code == 200
    assert run("api-token", "list") == 0
    listing = capsys.readouterr().out
    assert "caseworker" in listing and "active" in listing and secret not in listing
    with scopes_disabled():
        pk = ApiToken.objects.get().pk
    assert run("api-token", "revoke", str(pk)) == 0
    assert ApiClient(Client(), secret).get("/me").status_code == 401
    assert run("api-token", "create", "--user", "nobody", "--name", "x") == 2
    assert run("api-token", "create", "--user", "caseworker", "--name", "x", "--days", "999") == 2
