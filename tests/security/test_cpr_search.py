# SPDX-License-Identifier: MPL-2.0
"""Finding #13.6: a CPR search (`GET /boern/?q=<CPR>`) revealed whether a person has a record,
wrote no access-log row, and put the whole number in the address (and so in the web server's
logs). A CPR search is a POST whose results are shown in its answer (no redirect); each child it
reveals is written to the access log with the number masked; an address with a CPR number in it
searches nothing. The API searches by CPR with a POST body too. And no address that the
application renders or redirects to, as any role, carries a CPR number."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from forebyg.audit.models import AccessLog

from .url_policy import NATIONAL, PUBLIC, SELF, L, policies
from .world import CPR, build_world

pytestmark = pytest.mark.django_db
DIGITS = CPR.replace("-", "")
# A CPR number: six digits, an optional dash or space, four digits, not inside a longer run of
# digits or hex (ids are hex).
CPR_IN_URL = re.compile(r"(?<![0-9A-Za-z])\d{6}(?:-|%2D|%2d|\s|%20|\+)?\d{4}(?![0-9A-Za-z])")


def test_a_cpr_search_is_a_post_shows_the_child_and_is_logged_masked(login, users, child):
    c = login(users["receiving_unit"])
    form = c.get("/boern/").content.decode()
    assert re.search(r'<form[^>]*method="post"[^>]*role="search"', form), "the search form must POST"
    r = c.post("/boern/", {"q": "640315-4179"})
    assert r.status_code == 200 and child.name in r.content.decode()  # shown in the answer, no redirect
    logged = AccessLog.objects.get(user=users["receiving_unit"], view="cases.child_search")
    assert logged.child_id == child.pk and "640315-****" in logged.reason and "4179" not in logged.reason
    assert c.post("/boern/", {"q": "6403154179"}).status_code == 200
    assert AccessLog.objects.filter(view="cases.child_search").count() == 2  # every search that reveals
    nobody = c.post("/boern/", {"q": "640316-4179"})
    assert nobody.status_code == 200 and "No child found." in nobody.content.decode()
    # a name search stays a plain address (it reveals no number)
    assert child.name in c.get("/boern/", {"q": "Testbarn"}).content.decode()


def test_an_address_with_a_cpr_number_searches_nothing(login, users, child):
    c = login(users["caseworker"])
    before = AccessLog.objects.count()
    for q in ("640315-4179", "6403154179", "640315 4179"):
        r = c.get("/boern/", {"q": q})
        page = r.content.decode()
        assert r.status_code == 200 and child.name not in page and "4179" not in page, q
        assert "CPR numbers are not searched from the address" in page
    assert AccessLog.objects.count() == before


def test_the_api_searches_cpr_by_post_and_refuses_it_in_the_address(users, child):
    from forebyg.api.tokens import token_create

    token = token_create(actor=None, user=users["receiving_unit"], name="probe", days=1).secret
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    c = Client()
    r = c.get("/api/v1/children", {"q": "640315-4179"}, **headers)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "q"]
    assert "POST /children/search" in r.json()["detail"][0]["msg"] and "4179" not in r.content.decode()
    r = c.post("/api/v1/children/search", json.dumps({"cpr": "6403154179"}), content_type="application/json",
               **headers)
    assert r.status_code == 200, r.content
    assert [x["id"] for x in r.json()["items"]] == [child.pk] and r.json()["items"][0]["cpr_masked"] == "640315-****"
    logged = AccessLog.objects.get(view="api.children.search")
    assert logged.child_id == child.pk and "640315-****" in logged.reason
    r = c.post("/api/v1/children/search", json.dumps({"cpr": "640316-4179"}), content_type="application/json",
               **headers)
    assert r.status_code == 200 and r.json()["items"] == []
    assert c.post("/api/v1/children/search", json.dumps({"cpr": "12"}), content_type="application/json",
                  **headers).status_code == 422


# --- No address the application renders or redirects to carries a CPR number ----------------------

class _Links(HTMLParser):
    """The addresses in a page, and the forms that would put what a person types into an address
    (GET) while they ask for a CPR number."""

    ATTRS = {"href", "src", "action", "formaction", "data-href", "hx-get", "hx-post", "poster", "srcset"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.get_forms_asking_for_cpr: list[str] = []
        self._form: list[str] | None = None
        self._method = "get"

    def handle_starttag(self, tag, attrs):
        attrs_ = dict(attrs)
        for name, value in attrs:
            if value and (name in self.ATTRS or (tag == "meta" and name == "content" and "url=" in value.lower())):
                self.urls.append(value)
        value = attrs_.get("value") or ""
        if tag == "input" and value.startswith(("/", "http")):  # e.g. the language switch's "next"
            self.urls.append(value)
        if tag == "form":
            self._form, self._method = [], (attrs_.get("method") or "get").lower()
        elif self._form is not None and tag in ("input", "textarea", "select"):
            self._form += [attrs_.get("name") or "", attrs_.get("placeholder") or "", attrs_.get("aria-label") or ""]

    def handle_data(self, data):
        if self._form is not None:
            self._form.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            text = " ".join(self._form)
            if self._method != "post" and "cpr" in text.lower():
                self.get_forms_asking_for_cpr.append(" ".join(text.split())[:80])
            self._form = None


def _links(body: str) -> tuple[list[str], list[str]]:
    parser = _Links()
    parser.feed(body)
    return parser.urls, parser.get_forms_asking_for_cpr


def _cpr_in(url: str) -> bool:
    text = unquote(url)
    return bool(CPR_IN_URL.search(text)) or DIGITS in text.replace("-", "").replace(" ", "")


def _json_urls(value) -> list[str]:
    if isinstance(value, dict):
        return [u for v in value.values() for u in _json_urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in _json_urls(v)]
    if isinstance(value, str) and (value.startswith("/") or value.startswith("http")):
        return [value]
    return []


def _seeds(world, role):
    """Every page and API read the role may use, filled with the world's objects."""
    from . import api_policy

    for name, items in policies().items():
        for policy in items:
            if policy.kind == PUBLIC or (policy.kind != SELF and role not in policy.roles):
                continue
            for variant in policy.variants:
                kwargs = {k: (v.value if isinstance(v, L) else world.ids.get(v)) for k, v in variant.items()}
                if any(v is None for v in kwargs.values()):
                    continue
                if name in ("logout",) or name.startswith("two_factor"):
                    continue
                yield "page", reverse(name, kwargs=kwargs)
    for name, (method, policy) in api_policy.policies().items():
        if method != "GET" or (policy.kind not in (SELF, NATIONAL) and role not in policy.roles):
            continue
        kwargs = {k: world.ids[v] for k, v in policy.variants[0].items()}
        yield "api", reverse(name, kwargs=kwargs)


def test_no_rendered_or_redirected_address_carries_a_cpr_number():
    from .world import api_token

    world = build_world()
    failures: list[str] = []
    pages = 0
    for role, user in world.users["victim"].items():
        c = Client(raise_request_exception=False)  # a page the world's thin objects break is not the point here
        c.force_login(user)
        token = api_token(user)
        seen: set[str] = set()
        queue = list(_seeds(world, role))
        # the searches a person makes, by CPR number in each spelling (their answers hold links)
        answers = [c.post("/boern/", {"q": q}) for q in (CPR, DIGITS)] if role in (
            "receiving_unit", "caseworker", "team_leader", "manager") else []
        answers += [c.get("/boern/", {"q": CPR})]
        while queue or answers:
            if answers:
                r, url = answers.pop(), "(search)"
            else:
                kind, url = queue.pop(0)
                if url in seen or len(seen) > 600:
                    continue
                seen.add(url)
                if kind == "api":
                    r = c.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
                else:
                    r = c.get(url)
            pages += 1
            location = r.get("Location", "")
            if location and _cpr_in(location):
                failures.append(f"{role} {url}: redirects to {location}")
            content_type = r.get("Content-Type", "")
            if getattr(r, "streaming", False) or r.status_code != 200:
                continue
            if "json" in content_type:
                found = _json_urls(r.json())
            elif "html" in content_type:
                found, get_forms = _links(r.content.decode("utf-8", "replace"))
                failures += [f"{role} {url}: a GET form asks for a CPR number ({f})" for f in get_forms]
            else:
                continue
            for link in found:
                if _cpr_in(link):
                    failures.append(f"{role} {url}: links to {link}")
                parts = urlsplit(link)
                if "html" in content_type and not parts.netloc and parts.path.startswith("/") and \
                        not parts.path.startswith(("/static/", "/api/", "/logout")) and parts.path not in seen:
                    queue.append(("page", parts.path + (f"?{parts.query}" if parts.query else "")))
    assert pages > 300
    assert not failures, "\n".join(sorted(set(failures)))
