# SPDX-License-Identifier: MPL-2.0
"""The law period of a decision follows the Danish calendar date of the instant, whatever UTC
offset the client sends (00:30 Danish time on 1 January 2024 is Barnets Lov)."""

from __future__ import annotations

from django_scopes import scopes_disabled

from forebyg.cases import models as m

NEW_YEAR_UTC = "2023-12-31T23:30:00Z"  # 00:30 on 1 January 2024 in Copenhagen


def test_a_barnets_lov_measure_decided_at_half_past_midnight_danish_time_is_accepted(api_as, users, world):
    r = api_as(users["caseworker"]).post("/measures", {"child": world.child.pk, "kind": "bl_contact_person",
                                                       "decided_at": NEW_YEAR_UTC})
    assert r.status_code == 201, r.content
    assert r.json()["law"] == "BL"


def test_a_serviceloven_measure_at_the_same_instant_is_refused_and_nothing_is_written(api_as, users, world):
    with scopes_disabled():
        before = m.Measure.objects.count()
    r = api_as(users["caseworker"]).post("/measures", {"child": world.child.pk, "kind": "sel_contact_person",
                                                       "decided_at": NEW_YEAR_UTC})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "kind"]
    with scopes_disabled():
        assert m.Measure.objects.count() == before


def test_the_same_instant_with_a_danish_offset_gives_the_same_answer(api_as, users, world):
    cw = api_as(users["caseworker"])
    r = cw.post("/measures", {"child": world.child.pk, "kind": "bl_contact_person",
                              "decided_at": "2024-01-01T00:30:00+01:00"})
    assert r.status_code == 201 and r.json()["law"] == "BL"
    r = cw.post("/measures", {"child": world.child.pk, "kind": "sel_contact_person",
                              "decided_at": "2023-12-31T23:30:00+01:00"})  # 22:30 UTC, still 2023 in Denmark
    assert r.status_code == 201 and r.json()["law"] == "SEL"
