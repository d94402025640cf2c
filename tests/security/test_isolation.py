# SPDX-License-Identifier: MPL-2.0
"""Isolation over 100 % of the URL patterns: every page, download and API operation the URL
resolver knows is requested, with its path parameters filled with real objects of a *victim*
municipality, by: no one (anonymous), a user who gave only a password (no second factor), users of
every role of *another* municipality, and the victim municipality's users of every role that
should not see it. None of them may get the victim's data: 403/404 (or the login page, or the
second-factor page), and a page they may open (a list of their own) shows none of the victim's data.
A pattern that is not in url_policy.py or api_policy.py fails the first test: new pages and API
operations are covered from the day they are added."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from . import api_policy
from .url_policy import MUNICIPAL, NATIONAL, PUBLIC, SELF, L, policies
from .world import ORG_SECRETS, SECRETS, VICTIM, api_token, build_world

pytestmark = pytest.mark.django_db
DENIED = {403, 404, 405}
NOT_DONE = {400, 422}  # an API write refused for its (empty) body: nothing is read or written


def walk(patterns=None, prefix="", namespace=""):
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield (f"{namespace}{p.name}" if p.name else None), prefix + str(p.pattern)


def all_policies() -> dict[str, list[tuple[str | None, object]]]:
    """url name -> [(HTTP method or None for a page, policy)]."""
    out = {name: [(None, p) for p in items] for name, items in policies().items()}
    for name, (method, policy) in api_policy.policies().items():
        out[name] = [(method, policy)]
    return out


def test_every_url_pattern_has_an_access_policy():
    found = list(walk())
    unnamed = [route for name, route in found if not name]
    names = {name for name, _route in found if name}
    table = all_policies()
    missing, stale = sorted(names - set(table)), sorted(set(table) - names)
    assert not unnamed, f"URL patterns without a name cannot be covered: {unnamed}"
    assert not missing, ("URL patterns without an access policy: add them to tests/security/url_policy.py, or API "
                         f"operations to api_policy.py (who may use them, and what fills their parameters): {missing}")
    assert not stale, f"tests/security/url_policy.py lists patterns that no longer exist: {stale}"


def _urls(world):
    """(name, HTTP method or None, policy, url) of every non-public pattern and variant."""
    for name, items in all_policies().items():
        for method, policy in items:
            if policy.kind == PUBLIC:
                continue  # the explicit allow-list: no login needed
            for variant in policy.variants:
                kwargs = {}
                for key, value in variant.items():
                    if isinstance(value, L):
                        kwargs[key] = value.value
                    else:
                        assert world.ids.get(value) is not None, f"{name}: the test world has no {value!r}"
                        kwargs[key] = world.ids[value]
                yield name, method, policy, reverse(name, kwargs=kwargs)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _snapshot():
    """Row counts of every model holding the victim municipality's data."""
    from django.apps import apps

    counts = {}
    with scopes_disabled():
        for model in apps.get_models():
            names = {f.name for f in model._meta.concrete_fields}
            if "municipality" in names and model._meta.app_label not in ("audit", "network", "axes"):
                counts[model._meta.label] = model._base_manager.filter(municipality_id=VICTIM).count()
    return counts


@pytest.fixture
def world(db):
    return build_world()


class Actor:
    """A user (or no one) calling pages with a session and the API with a personal token."""

    def __init__(self, user=None):
        self.client = Client()
        self.token = None
        if user is not None:
            self.client.force_login(user)  # a complete login: password and second factor (tests/conftest.py)
            self.token = api_token(user)

    def call(self, method, url, page_method):
        if page_method is not None:
            return getattr(self.client, page_method)(url)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}
        return self.client.generic(method, url, data="{}", content_type="application/json", **headers)


def _methods(method):
    """Pages are requested with GET and POST; an API operation with its own method."""
    return [(None, "get"), (None, "post")] if method is None else [(method, None)]


def _check(failures, who, label, response, *, allowed=DENIED, redirect_to=(), org_secrets=False, victim_ids=()):
    status = response.status_code
    location = response.get("Location", "")
    if status in allowed:
        pass
    elif (status in (301, 302) and any(location.startswith(r) for r in redirect_to)
          and not any(str(i) in location for i in victim_ids)):
        pass
    else:
        failures.append(f"{who} {label}: {status} {location}")
        return
    if status == 200:
        body = _body(response)
        leaked = [s for s in SECRETS + (ORG_SECRETS if org_secrets else []) if s in body]
        if leaked:
            failures.append(f"{who} {label}: shows the victim's data {leaked}")


def test_anonymous_and_password_only_reach_nothing_but_login(world):
    anonymous = Actor()
    half = Client()
    r = half.post("/login/", {"username": "v-caseworker", "password": "pw"})
    assert r.status_code == 302 and "/konto/totp/" in r["Location"], "a password alone must lead to the second factor"
    failures: list[str] = []
    n = 0
    for name, method, policy, url in _urls(world):
        for api_method, page_method in _methods(method):
            if policy.skip_post and page_method == "post":
                continue
            n += 1
            label = f"{api_method or page_method.upper()} {url}"
            allowed = DENIED | ({401} if api_method else set())
            _check(failures, "anonymous", label, anonymous.call(api_method, url, page_method), allowed=allowed,
                   redirect_to=("/login/",))
            if api_method or name.startswith("two_factor_") or name == "logout":
                continue
            _check(failures, "password only", label, getattr(half, page_method)(url), allowed=set(),
                   redirect_to=("/konto/totp/",))
    assert n > 200
    assert not failures, "\n".join(failures)


def test_other_municipality_gets_nothing_of_the_victims(world):
    attackers = world.users["attacker"]
    actors = {role: Actor(user) for role, user in attackers.items()}
    before = _snapshot()
    victim_ids = [v for v in world.ids.values() if isinstance(v, str) and len(v) > 8]
    failures: list[str] = []
    for _name, method, policy, url in _urls(world):
        has_object = any(not isinstance(v, L) for variant in policy.variants for v in variant.values())
        for role, actor in actors.items():
            who = f"other municipality's {role}"
            for api_method, page_method in _methods(method):
                if policy.skip_post and page_method == "post":
                    continue
                label = f"{api_method or page_method.upper()} {url}"
                write = api_method not in (None, "GET") or page_method == "post"
                if policy.kind == NATIONAL and role in policy.roles:
                    continue  # networks span municipalities: the secretariat sees them wherever it sits
                if policy.kind == SELF or (policy.kind == MUNICIPAL and role in policy.roles and not has_object):
                    if write:
                        continue  # their own things, in their own municipality
                    # A page of their own (a list, a form): it must show nothing of the victim's.
                    _check(failures, who, label, actor.call(api_method, url, page_method),
                           allowed=DENIED | {200}, redirect_to=("/",), org_secrets=True, victim_ids=victim_ids)
                    continue
                # An object of the victim municipality: never. A form posted about an object that is not
                # found may send them back to a page of their own; the snapshot proves nothing was written.
                _check(failures, who, label, actor.call(api_method, url, page_method), org_secrets=True,
                       allowed=DENIED | (NOT_DONE if write and api_method else set()),
                       redirect_to=("/",) if page_method == "post" else (), victim_ids=victim_ids)
    assert not failures, "\n".join(failures)
    assert _snapshot() == before, "requests from another municipality changed the victim's data"
    from forebyg.audit.models import AccessLog

    assert not AccessLog.objects.filter(user__in=attackers.values()).exists(), "another municipality read a child"


def test_roles_that_should_not_see_a_page_get_403_or_404(world):
    victims = world.users["victim"]
    actors = {role: Actor(user) for role, user in victims.items()}
    before = _snapshot()
    failures: list[str] = []
    checked = 0
    for _name, method, policy, url in _urls(world):
        if policy.kind == SELF:
            continue
        for role, actor in actors.items():
            if role in policy.roles:
                continue
            for api_method, page_method in _methods(method):
                if policy.skip_post and page_method == "post":
                    continue
                checked += 1
                write = api_method not in (None, "GET")
                _check(failures, role, f"{api_method or page_method.upper()} {url}",
                       actor.call(api_method, url, page_method), allowed=DENIED | (NOT_DONE if write else set()))
    assert checked > 300
    assert not failures, "\n".join(failures)
    assert _snapshot() == before, "a role without access changed data"
    from forebyg.audit.models import AccessLog

    nosy = [u for r, u in victims.items() if r in ("analyst", "network_secretariat", "administrator")]
    assert not AccessLog.objects.filter(user__in=nosy).exists(), "a role without case access read a child"
