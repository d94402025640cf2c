# SPDX-License-Identifier: MPL-2.0
"""Issue #13 finding 3: registering a notification naming a child opens the intake view of the
child, not the child's file. Intake sees whether the child is known, who holds an open case and the
earlier notifications (dates, who notified); measures, plans, investigations, conversations, the
network and custody details need a full basis or a stated reason. Pages and API alike."""

from __future__ import annotations

import pytest

from forebyg.audit.models import AccessLog
from tests.security.casefile import FILE_SECRETS, Api, build, page_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def cf(municipality):
    return build(municipality)


def _register_by_page(user, child_cpr: str, team=None) -> None:
    r = page_client(user).post("/underretninger/ny/", {
        "received_at": "2026-03-03T09:00", "channel": "phone", "notifier_kind": "anonymous",
        "concern": "Nabo ringer (syntetisk)", "children": child_cpr, "team": team.pk if team else ""})
    assert r.status_code == 302, r.content.decode()[-2000:]


def test_receiving_unit_registering_a_notification_gets_the_intake_view_only(cf):
    _register_by_page(cf.receiving, "640315-4179")
    c = page_client(cf.receiving)
    r = c.get(f"/boern/{cf.child.pk}/")
    assert r.status_code == 200
    text = r.content.decode()
    for secret in FILE_SECRETS:
        assert secret not in text, secret
    # What intake needs: known, the team and caseworker of the open case, earlier notifications and who notified.
    assert "Team Nord" in text and "Rådgiver-Nord" in text
    assert "02.02.2026" in text and "Skolen ved Søen" in text and "03.03.2026" in text
    read = AccessLog.objects.filter(user=cf.receiving, child_id=cf.child.pk).latest("id")
    assert (read.view, read.basis) == ("child.intake", "intake")
    # The file's other pages ask for a reason.
    for url in (f"/boern/{cf.child.pk}/historik/measure/{cf.measure.pk}/", f"/progression/boern/{cf.child.pk}/",
                f"/sikkerhed/boern/{cf.child.pk}/cpr/"):
        r = c.get(url)
        assert r.status_code == 302 and "/sikkerhed/adgang/child/" in r["Location"], url
    # The reason page does not wave intake through: it asks, and then the file opens.
    r = c.get(f"/sikkerhed/adgang/child/{cf.child.pk}/")
    assert r.status_code == 200
    c.post(f"/sikkerhed/adgang/child/{cf.child.pk}/", {"reason_kind": "duty", "reason_text": "Akut: politiet ringede"})
    assert "Måltekst-XQZ" in c.get(f"/boern/{cf.child.pk}/").content.decode()


def test_team_leader_registering_a_notification_to_their_team_gets_the_intake_view_only(cf):
    # Through a page and through the API: a notification sent to one's own team is not the file.
    _register_by_page(cf.leader_b, cf.child.pk, cf.team_b)
    text = page_client(cf.leader_b).get(f"/boern/{cf.child.pk}/").content.decode()
    for secret in FILE_SECRETS:
        assert secret not in text, secret
    assert "Team Nord" in text  # the intake view: who holds the open case
    api = Api(cf.leader_b)
    r = api.post("/notifications", {"received_at": "2026-03-03T10:00:00+01:00", "channel": "phone",
                                    "notifier_kind": "anonymous", "notifier_professional": False,
                                    "concern": "Opkald (syntetisk)", "children": [cf.child.pk], "team": cf.team_b.pk})
    assert r.status_code == 201, r.content
    _api_shows_intake_only(api, cf)


def test_receiving_unit_api_shows_intake_only(cf):
    api = Api(cf.receiving)
    assert api.get(f"/children/{cf.child.pk}").status_code == 403, "no open notification: no basis at all"
    r = api.post("/notifications", {"received_at": "2026-03-03T10:00:00+01:00", "channel": "phone",
                                    "notifier_kind": "anonymous", "notifier_professional": False,
                                    "concern": "Opkald (syntetisk)", "children": [cf.child.pk]})
    assert r.status_code == 201, r.content
    _api_shows_intake_only(api, cf)


def _api_shows_intake_only(api, cf):
    for path in ("/measures", "/plans", "/goals", "/investigations", "/cases", "/followups"):
        r = api.get(path, child=cf.child.pk)
        assert r.status_code == 200 and r.json()["count"] == 0, (path, r.content)
    for path in (f"/measures/{cf.measure.pk}", f"/investigations/{cf.investigation.pk}", f"/cases/{cf.case.pk}",
                 f"/children/{cf.child.pk}/deadlines"):
        assert api.get(path).status_code == 403, path
    r = api.get(f"/children/{cf.child.pk}")
    assert r.status_code == 200 and r.json()["access_basis"] == "intake"
    assert r.json()["custody_holders"] is None and "Forældremyndig-XQZ" not in r.content.decode()
    # Earlier (decided) notifications: their dates and notifier through the intake view, not their concern.
    listed = api.get("/notifications", child=cf.child.pk).content.decode()
    assert "Bekymring-XQZ" not in listed
    r = api.get(f"/children/{cf.child.pk}/intake")
    assert r.status_code == 200
    body = r.json()
    assert body["known"] and body["open_cases"][0]["team"] == cf.team_a.pk
    assert body["open_cases"][0]["caseworker"] == cf.worker_a.ext_id
    assert any(n["notifier_name"] == "Skolen ved Søen" and not n["open"] for n in body["notifications"])
    for secret in FILE_SECRETS:
        assert secret not in r.content.decode()
    assert AccessLog.objects.filter(child_id=cf.child.pk, view="api.child.intake", basis="intake").exists()


def test_the_file_still_opens_for_its_caseworker_and_team(cf):
    for user, basis in ((cf.worker_a, "own"), (cf.leader_a, "team")):
        text = page_client(user).get(f"/boern/{cf.child.pk}/").content.decode()
        assert "Måltekst-XQZ" in text and "Forældremyndig-XQZ" in text
        assert AccessLog.objects.filter(user=user).latest("id").basis == basis
        assert Api(user).get("/plans", child=cf.child.pk).json()["count"] == 1
