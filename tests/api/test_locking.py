# SPDX-License-Identifier: MPL-2.0
"""Optimistic locking: two people edit the same record; the second save is refused with a clear
message instead of silently overwriting the first (in the application and in the API)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from forebyg.cases import models as m
from forebyg.cases.services.records import record_version

pytestmark = pytest.mark.django_db
STALE = "changed by someone else since you opened it"


def _form_version(response) -> str:
    return re.search(rb'name="version" value="(\d+)"', response.content).group(1).decode()


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_second_save_of_an_investigation_form_is_refused(users, world):
    first, second = _english(Client()), _english(Client())
    first.force_login(users["caseworker"])
    second.force_login(users["team_leader"])
    url = f"/boern/{world.child.pk}/investigation_update/{world.investigation.pk}/"
    opened_by_first = _form_version(first.get(url))
    opened_by_second = _form_version(second.get(url))
    assert opened_by_first == opened_by_second == "1"
    r = first.post(url, {"version": opened_by_first, "conclusion": "Første konklusion", "holistic": "Helhed"})
    assert r.status_code == 302
    r = second.post(url, {"version": opened_by_second, "conclusion": "Anden konklusion"})
    assert r.status_code == 200 and STALE in r.content.decode()
    with scopes_disabled():
        inv = m.Investigation.objects.get(pk=world.investigation.pk)
    assert inv.conclusion == "Første konklusion" and record_version(inv) == 2
    # opening the form again shows the new version, and saving then works
    r = second.post(url, {"version": _form_version(second.get(url)), "conclusion": "Anden konklusion"})
    assert r.status_code == 302


def test_second_start_of_a_measure_is_refused(users, world, scoped):
    from forebyg.cases.services.practice import measure_decide

    from .conftest import at

    measure = measure_decide(actor=users["caseworker"], child=world.child, kind="bl_consult", decided_at=at("2025-06-01"))
    first, second = _english(Client()), _english(Client())
    first.force_login(users["caseworker"])
    second.force_login(users["team_leader"])
    url = f"/boern/{world.child.pk}/measure_start/{measure.pk}/"
    v1, v2 = _form_version(first.get(url)), _form_version(second.get(url))
    assert first.post(url, {"version": v1, "started_at": "2025-06-02T09:00"}).status_code == 302
    r = second.post(url, {"version": v2, "started_at": "2025-06-09T09:00"})
    assert r.status_code == 200 and STALE in r.content.decode()
    measure.refresh_from_db()
    assert measure.started_at.day == 2


def test_second_change_through_the_api_gets_409(api_as, users, world):
    first, second = api_as(users["caseworker"]), api_as(users["team_leader"])
    url = f"/investigations/{world.investigation.pk}"
    read_first, read_second = first.get(url).json(), second.get(url).json()
    assert read_first["version"] == read_second["version"] == 1
    r = first.patch(url, {"conclusion": "Første", "version": read_first["version"]})
    assert r.status_code == 200 and r.json()["version"] == 2 and r.json()["conclusion"] == "Første"
    r = second.patch(url, {"conclusion": "Anden", "version": read_second["version"]})
    assert r.status_code == 409
    assert r.json()["detail"][0]["loc"] == ["body", "version"] and r.json()["detail"][0]["type"] == "stale"
    assert first.get(url).json()["conclusion"] == "Første"
    # the team leader assigns a notification to one caseworker while (from an older read) to another: refused
    from tests.conftest import make_user

    other = make_user(users["caseworker"].municipality, "caseworker", "cw-two", users["caseworker"].team)
    n = second.get(f"/notifications/{world.notification.pk}").json()
    assert second.post(f"/notifications/{n['id']}/assign", {"caseworker": other.ext_id,
                                                            "version": n["version"]}).status_code == 200
    r = second.post(f"/notifications/{n['id']}/assign", {"caseworker": users["caseworker"].ext_id,
                                                         "version": n["version"]})
    assert r.status_code == 409
