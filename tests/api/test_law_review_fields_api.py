# SPDX-License-Identifier: MPL-2.0
"""The API writes and reads the fields of the second law review (issue #16): the plan decision on a
measure (BL § 91 stk. 1) and the abuse marker on a notification (BL § 137 stk. 3)."""

from django_scopes import scopes_disabled

from forebyg.cases import models as m


def test_api_records_the_plan_decision_and_the_abuse_marker(api_as, users, world):
    cw = api_as(users["caseworker"])
    r = cw.post("/measures", {"child": world.child.pk, "kind": "bl_consult",
                              "decided_at": "2025-10-01T10:00:00+02:00", "plan_decision": "no_plan"})
    assert r.status_code == 201 and r.json()["plan_decision"] == "no_plan"
    r = cw.post("/measures", {"child": world.child.pk, "kind": "bl_consult",
                              "decided_at": "2025-10-01T10:00:00+02:00", "plan_decision": "maybe"})
    assert r.status_code == 422
    ru = api_as(users["receiving_unit"])
    r = ru.post("/notifications", {"received_at": "2025-10-02T10:00:00+02:00", "channel": "phone",
                                   "notifier_kind": "school", "notifier_professional": True, "concern": "Syntetisk",
                                   "children": [world.child.pk], "concerns_abuse": True})
    assert r.status_code == 201 and r.json()["concerns_abuse"] is True
    with scopes_disabled():
        assert m.Notification.objects.get(pk=r.json()["id"]).concerns_abuse is True
