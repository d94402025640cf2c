# SPDX-License-Identifier: MPL-2.0
"""Finding #13.8: `PUT /investigations/{id}` without `sections` emptied them. PUT replaces the whole
representation, so a PUT that leaves out a field is refused (422 naming the field) and changes
nothing; partial changes go through PATCH, which keeps the optimistic lock (ADR 0007). Every PUT
operation of the API is checked the same way: a body without one of its fields is refused."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from forebyg.cases import models as m
from forebyg.cases.services import practice as p

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
FULL = {"sections": {"school": "Går i skole", "holistic": "Samlet vurdering"}, "conclusion": None,
        "completed_at": None, "provisional_assessment_at": None}


@pytest.fixture
def api(users):
    from forebyg.api.tokens import token_create

    token = token_create(actor=None, user=users["caseworker"], name="probe", days=1).secret
    client, headers = Client(), {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def call(method: str, path: str, body: dict | None = None):
        return client.generic(method, f"/api/v1{path}", json.dumps(body or {}), content_type="application/json",
                              **headers)

    return call


@pytest.fixture
def investigation(users, child, team):
    cw = users["caseworker"]
    p.case_open(actor=cw, child=child)
    return p.investigation_start(actor=cw, child=child, aware_at=datetime(2025, 2, 3, 10, tzinfo=CPH),
                                 started_at=datetime(2025, 2, 10, 10, tzinfo=CPH), consent=True)


def _sections(pk) -> dict:
    return m.Investigation.objects.get(pk=pk).sections


def test_put_without_a_field_is_refused_and_changes_nothing(api, investigation):
    url = f"/investigations/{investigation.pk}"
    assert api("PUT", url, {**FULL, "version": 1}).status_code == 200
    assert _sections(investigation.pk) == FULL["sections"]
    for field in FULL:
        body = {k: v for k, v in {**FULL, "conclusion": "Ny"}.items() if k != field}
        r = api("PUT", url, {**body, "version": 2})
        assert r.status_code == 422, (field, r.content)
        assert ["body", field] in [item["loc"] for item in r.json()["detail"]], r.json()
    assert _sections(investigation.pk) == FULL["sections"]  # nothing emptied
    assert m.Investigation.objects.get(pk=investigation.pk).conclusion is None


def test_patch_changes_only_what_is_sent_and_keeps_the_lock(api, investigation):
    url = f"/investigations/{investigation.pk}"
    assert api("PUT", url, {**FULL, "version": 1}).status_code == 200
    r = api("PATCH", url, {"sections": {"family": "Familien"}, "version": 2})
    assert r.status_code == 200, r.content
    assert r.json()["sections"] == {**FULL["sections"], "family": "Familien"} and r.json()["version"] == 3
    r = api("PATCH", url, {"sections": {"school": None}, "conclusion": "Konklusion", "version": 3})
    assert r.status_code == 200 and "school" not in r.json()["sections"] and r.json()["conclusion"] == "Konklusion"
    stale = api("PATCH", url, {"conclusion": "Gammel", "version": 3})
    assert stale.status_code == 409 and stale.json()["detail"][0]["loc"] == ["body", "version"]
    missing = api("PATCH", url, {"conclusion": "Uden version"})
    assert missing.status_code == 422 and ["body", "version"] in [i["loc"] for i in missing.json()["detail"]]
    assert m.Investigation.objects.get(pk=investigation.pk).conclusion == "Konklusion"


def test_every_put_operation_requires_each_of_its_fields():
    """No PUT body field may have a default: a left-out field would silently be replaced by it."""
    from forebyg.api.api import api

    puts = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for op in path_view.operations:
                if "PUT" in op.methods:
                    puts.append(path)
                    for model in op.models:
                        for name, field in model.model_fields.items():
                            body = field.annotation
                            fields = getattr(body, "model_fields", {})
                            optional = [f for f, info in fields.items() if not info.is_required()]
                            assert not optional, f"PUT {path}: {name} fields {optional} may be left out"
    assert puts, "no PUT operation found"
