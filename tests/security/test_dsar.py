# SPDX-License-Identifier: MPL-2.0
"""A data subject's access request: everything about one child - records, versions, who read it -
as a page to print, as PDF and as JSON; only for team leaders and managers, and logged."""

import json
from datetime import timedelta

import pytest
from django_scopes import scope

from forebyg.audit.models import AccessLog, LogEntry
from forebyg.cases.services import practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(users, child, team, municipality):
    with scope(municipality=[municipality.code]):
        n = practice.notification_register(
            actor=users["receiving_unit"], received_at=practice.clock.now() - timedelta(days=3), channel="phone",
            notifier_kind="school", notifier_professional=True, concern="Bekymring om fravær", children=[child],
            team=team)
        practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
        ms = practice.measure_decide(actor=users["caseworker"], child=child, kind="bl_family_treatment",
                                     decided_at=practice.clock.now() - timedelta(days=2))
        practice.measure_start(actor=users["caseworker"], measure=ms, started_at=practice.clock.now() - timedelta(days=1))
    return n


def test_json_has_records_versions_and_reads(login, users, child, history):
    login(users["caseworker"]).get(f"/boern/{child.pk}/")
    c = login(users["team_leader"])
    r = c.post(f"/sikkerhed/boern/{child.pk}/indsigt/", {"reference": "J.nr. 27.00-2026", "fmt": "json"})
    assert r["Content-Type"].startswith("application/json")
    d = json.loads(r.content)
    assert d["child"]["cpr"] == "6403154179" and d["child"]["name"] == "Testbarn Syntetisk"
    types = {s["type"] for s in d["sections"]}
    assert {"child", "notification", "case", "measure"} <= types
    notification = next(s for s in d["sections"] if s["type"] == "notification")["records"][0]
    assert notification["concern"] == "Bekymring om fravær"
    assert len([v for v in d["versions"] if v["type"] == "measure"]) == 2, "decided, then started"
    readers = {a["by"] for a in d["access_log"]}
    assert "Caseworker" in readers or "Rådgiver" in readers or any("aseworker" in x for x in readers)
    assert not any("Caseworker (" in x for x in readers), "employees' names only when asked for"
    assert any(c["what"] for c in d["change_log"])
    assert AccessLog.objects.filter(view="child.dsar.export", user=users["team_leader"]).exists()
    assert LogEntry.objects.filter(action_type="audit.dsar.produced").exists()


def test_printable_page_and_pdf(login, users, child, history):
    c = login(users["manager"])
    r = c.post(f"/sikkerhed/boern/{child.pk}/indsigt/", {"reference": "J.nr. 1", "fmt": "html",
                                                         "include_staff_names": "on"})
    page = r.content.decode()
    assert r.status_code == 200 and "Testbarn Syntetisk" in page and "Bekymring om fravær" in page
    assert "Caseworker (" in page, "with employees' names when asked for"
    r = c.post(f"/sikkerhed/boern/{child.pk}/indsigt/", {"reference": "J.nr. 1", "fmt": "pdf"})
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")


def test_only_leaders_and_managers(login, users, child, history):
    for role in ("caseworker", "receiving_unit", "analyst", "administrator"):
        r = login(users[role]).post(f"/sikkerhed/boern/{child.pk}/indsigt/", {"reference": "x", "fmt": "json"})
        assert r.status_code == 403, role
