# SPDX-License-Identifier: MPL-2.0
"""Break the glass: a child outside one's caseload opens only after a stated reason, for a limited
time; the reason is in the access log and the team leader reviews it."""

from datetime import timedelta

import pytest
from django_scopes import scope

from forebyg.audit.models import AccessLog, LogEntry
from forebyg.cases.services import practice
from forebyg.security.models import GlassGrant, SecurityPolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_child(users, child, team, municipality):
    """The fixture child with an open notification assigned to the team's caseworker."""
    with scope(municipality=[municipality.code]):
        n = practice.notification_register(
            actor=users["receiving_unit"], received_at=practice.clock.now() - timedelta(hours=1), channel="phone",
            notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child],
            team=team)
        practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    child.notification = n
    return child


def test_own_and_team_children_open_without_a_reason(login, users, case_child):
    r = login(users["caseworker"]).get(f"/boern/{case_child.pk}/")
    assert r.status_code == 200
    assert AccessLog.objects.filter(user=users["caseworker"], child_id=case_child.pk).latest("id").basis == "own"
    # A notification sent to the team gives the team leader the intake view only (issue #13) ...
    assert login(users["team_leader"]).get(f"/boern/{case_child.pk}/").status_code == 200
    assert AccessLog.objects.filter(user=users["team_leader"]).latest("id").basis == "intake"
    # ... the team's open case gives the file.
    with scope(municipality=[case_child.municipality_id]):
        practice.decision_record(actor=users["caseworker"], notification=case_child.notification, child=case_child,
                                 decided_at=practice.clock.now(), outcome="investigation")
    assert login(users["team_leader"]).get(f"/boern/{case_child.pk}/").status_code == 200
    assert AccessLog.objects.filter(user=users["team_leader"]).latest("id").basis == "team"


def test_outside_caseload_asks_for_a_reason_then_opens_for_a_limited_time(login, now, users, outsider, case_child):
    c = login(outsider)
    r = c.get(f"/boern/{case_child.pk}/")
    assert r.status_code == 302 and r["Location"].startswith(f"/sikkerhed/adgang/child/{case_child.pk}/")
    assert not AccessLog.objects.filter(user=outsider).exists(), "nothing of the child was read yet"
    page = c.get(r["Location"])
    assert page.status_code == 200 and "not in your caseload" in page.content.decode()
    # A reason that says nothing is refused, and nothing opens.
    r = c.post(r["Location"], {"reason_kind": "duty", "reason_text": "kort"})
    assert r.status_code == 200 and not GlassGrant.objects.filter(user=outsider).exists()
    r = c.post(f"/sikkerhed/adgang/child/{case_child.pk}/?next=/boern/{case_child.pk}/",
               {"reason_kind": "duty", "reason_text": "Døgnvagt: politiet ringede om barnet 640315-4179"})
    assert r.status_code == 302 and r["Location"] == f"/boern/{case_child.pk}/"
    assert c.get(f"/boern/{case_child.pk}/").status_code == 200
    reads = AccessLog.objects.filter(user=outsider, child_id=case_child.pk)
    assert {a.view for a in reads} == {"break_glass", "child"} and {a.basis for a in reads} == {"glass"}
    assert all("Døgnvagt" in a.reason and "640315" not in a.reason for a in reads), "reason logged, CPR scrubbed"
    assert LogEntry.objects.filter(action_type="security.glass.opened", actor=outsider).exists()
    # After the policy's hours the reason no longer opens the child.
    now.set(now.value + timedelta(hours=8, minutes=1))
    assert c.get(f"/boern/{case_child.pk}/").status_code == 302


def test_notification_outside_caseload_needs_a_reason_for_its_children(login, outsider, case_child):
    c = login(outsider)
    n = case_child.notification
    r = c.get(f"/underretninger/{n.pk}/")
    assert r.status_code == 302 and f"/sikkerhed/adgang/notification/{n.pk}/" in r["Location"]
    c.post(r["Location"], {"reason_kind": "cover", "reason_text": "Dækker for kollega på ferie"})
    assert c.get(f"/underretninger/{n.pk}/").status_code == 200
    assert GlassGrant.objects.filter(user=outsider, child_id=case_child.pk).exists()


def test_roles_without_case_access_cannot_break_the_glass(login, users, case_child):
    for role in ("analyst", "administrator"):
        c = login(users[role])
        assert c.get(f"/boern/{case_child.pk}/").status_code == 403
        assert c.get(f"/sikkerhed/adgang/child/{case_child.pk}/").status_code == 403
        assert c.post(f"/sikkerhed/adgang/child/{case_child.pk}/",
                      {"reason_kind": "duty", "reason_text": "Jeg vil bare se"}).status_code == 403
    assert not GlassGrant.objects.exists()


def test_policy_decides_team_and_manager_visibility(login, users, case_child, municipality, team):
    from tests.conftest import make_user

    colleague = make_user(municipality, "caseworker", "colleague", team)
    assert login(colleague).get(f"/boern/{case_child.pk}/").status_code == 200  # default: team's children
    assert login(users["manager"]).get(f"/boern/{case_child.pk}/").status_code == 200  # default: all
    SecurityPolicy.objects.create(municipality=municipality, caseworker_sees_team=False, manager_sees_all=False)
    assert login(colleague).get(f"/boern/{case_child.pk}/").status_code == 302
    assert login(users["manager"]).get(f"/boern/{case_child.pk}/").status_code == 302
    assert login(users["caseworker"]).get(f"/boern/{case_child.pk}/").status_code == 200  # own stays own


def test_team_leader_reviews_the_reasons_of_their_team(login, users, outsider, case_child, municipality, other_team):
    from tests.conftest import make_user

    c = login(outsider)
    c.post(f"/sikkerhed/adgang/child/{case_child.pk}/", {"reason_kind": "legal", "reason_text": "Klagesag i Ankestyrelsen"})
    grant = GlassGrant.objects.get(user=outsider)
    # The outsider's own team leader sees it; the leader of another team does not.
    their_leader = make_user(municipality, "team_leader", "leader2", other_team)
    page = login(their_leader).get("/sikkerhed/adgang/gennemgang/").content.decode()
    assert "Klagesag i Ankestyrelsen" in page
    assert "Klagesag" not in login(users["team_leader"]).get("/sikkerhed/adgang/gennemgang/").content.decode()
    assert login(users["team_leader"]).post(f"/sikkerhed/adgang/gennemgang/{grant.pk}/",
                                            {"outcome": "justified"}).status_code == 404
    r = login(their_leader).post(f"/sikkerhed/adgang/gennemgang/{grant.pk}/", {"outcome": "follow_up"})
    assert r.status_code == 302
    grant.refresh_from_db()
    assert grant.outcome == "follow_up" and grant.reviewed_by == their_leader
    assert LogEntry.objects.filter(action_type="security.glass.reviewed").exists()
    # The manager sees all of them.
    assert "Klagesag" in login(users["manager"]).get("/sikkerhed/adgang/gennemgang/?vis=alle").content.decode()


def test_another_municipality_child_is_404_even_with_a_reason(login, other_municipality, case_child):
    from tests.conftest import make_user

    stranger = make_user(other_municipality, "caseworker", "stranger")
    c = login(stranger)
    assert c.get(f"/boern/{case_child.pk}/").status_code == 404
    assert c.post(f"/sikkerhed/adgang/child/{case_child.pk}/",
                  {"reason_kind": "duty", "reason_text": "Døgnvagt for nabokommunen"}).status_code == 404
    assert not GlassGrant.objects.exists()


def test_the_receiving_unit_is_not_told_about_a_caseload_it_does_not_have(login, users, case_child):
    """The receiving unit has no caseload: its page asks for a reason to open the whole file, as the
    intake view is all intake gives (#15)."""
    import re

    from django.utils import translation

    c = login(users["receiving_unit"])
    c.cookies["django_language"] = "da"  # the language switch's cookie (this module's pages default to English)
    with translation.override("da"):
        page = c.get(f"/sikkerhed/adgang/child/{case_child.pk}/")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.content.decode()))
    assert page.status_code == 200
    assert "Åbn hele barnets sag" in text and "sagsstamme" not in text
    assert "Som modtagelse ser du det, modtagelsen har brug for" in text
