# SPDX-License-Identifier: MPL-2.0
"""Journal notes in the REST API (issue #15): written through the service with the caller as author,
listed and read with the access log, bad input refused naming the field with nothing written."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from forebyg.audit.models import AccessLog
from forebyg.cases import models as m

pytestmark = pytest.mark.django_db

TEXT = "Hjemmebesøg: far viste rundt, Alma læste højt for os (syntetisk)"


def test_write_list_and_read_a_journal_note(api_as, users, world):
    cw = api_as(users["caseworker"])
    r = cw.post("/journal-notes", {"child": world.child.pk, "written_at": "2025-11-03T10:00:00+01:00",
                                   "kind": "home_visit", "text": TEXT})
    assert r.status_code == 201, r.content
    note = r.json()
    assert (note["author"], note["case"], note["kind"], note["text"], note["version"]) == (
        users["caseworker"].ext_id, world.case.pk, "home_visit", TEXT, 1)
    listed = cw.get("/journal-notes", child=world.child.pk, kind="home_visit").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == note["id"]
    assert cw.get("/journal-notes", kind="phone").json()["count"] == 0
    assert cw.get("/journal-notes", written_after="2025-12-01T00:00:00+01:00").json()["count"] == 0
    one = cw.get(f"/journal-notes/{note['id']}")
    assert one.status_code == 200 and one.json()["text"] == TEXT
    with scopes_disabled():
        views = set(AccessLog.objects.filter(child_id=world.child.pk).values_list("view", flat=True))
    assert {"api.journal_note.write", "api.journal_notes", "api.journal_note"} <= views


@pytest.mark.parametrize("body, field", [
    ({"text": ""}, "text"),
    ({"kind": "sms"}, "kind"),
    ({"written_at": "2025-11-03T10:00:00"}, "written_at"),  # no UTC offset
    ({"written_at": "2099-01-01T10:00:00+01:00"}, "written_at"),  # in the future
    ({"child": "ukendt"}, "child"),
])
def test_bad_input_names_the_field_and_writes_nothing(api_as, users, world, body, field):
    cw = api_as(users["caseworker"])
    r = cw.post("/journal-notes", {"child": world.child.pk, "written_at": "2025-11-03T10:00:00+01:00",
                                   "kind": "phone", "text": TEXT, **body})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == field, r.content
    with scopes_disabled():
        assert not m.JournalNote.objects.exists()


def test_only_caseworkers_write_and_the_analyst_reads_nothing(api_as, users, world):
    r = api_as(users["analyst"]).post("/journal-notes", {"child": world.child.pk, "kind": "phone", "text": TEXT,
                                                         "written_at": "2025-11-03T10:00:00+01:00"})
    assert r.status_code == 403
    assert api_as(users["analyst"]).get("/journal-notes").status_code == 403
