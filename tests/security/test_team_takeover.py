# SPDX-License-Identifier: MPL-2.0
"""Issue #13 finding 2: a team leader cannot take over another team's case. Assigning is for what
is routed to the leader's own team, to a caseworker of that team; moving between teams is its own
act, with a stated reason, logged as such."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from forebyg.audit.models import AccessLog, LogEntry
from forebyg.cases import models as m
from tests.security.casefile import Api, build, page_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def cf(municipality):
    return build(municipality)


def _case(cf):
    with scope(municipality=[cf.child.municipality_id]):
        return m.Case.objects.get(pk=cf.case.pk)


def test_another_teams_case_is_not_taken_over_by_assigning(cf):
    c = page_client(cf.leader_b)
    r = c.post(f"/team/tildel/case/{cf.case.pk}/", {f"{cf.case.pk}-caseworker": cf.worker_b.pk})
    assert r.status_code == 302
    case = _case(cf)
    assert (case.team_id, case.caseworker_id) == (cf.team_a.pk, cf.worker_a.ext_id), "the case stayed in its team"
    # ... so the child still asks the other team's leader for a reason.
    r = c.get(f"/boern/{cf.child.pk}/")
    assert r.status_code == 302 and r["Location"].startswith(f"/sikkerhed/adgang/child/{cf.child.pk}/")
    assert not AccessLog.objects.filter(user=cf.leader_b, basis="team").exists()
    # The same for a notification of another team.
    c.post(f"/team/tildel/notification/{cf.notification.pk}/", {f"{cf.notification.pk}-caseworker": cf.worker_b.pk})
    with scope(municipality=[cf.child.municipality_id]):
        n = m.Notification.objects.get(pk=cf.notification.pk)
    assert (n.team_id, n.assigned_to_id) == (cf.team_a.pk, cf.worker_a.ext_id)


def test_another_teams_case_is_not_taken_over_through_the_api(cf):
    # Even with a stated reason (which opens the child for reading), assigning stays with its own team.
    api = Api(cf.leader_b)
    assert api.post(f"/children/{cf.child.pk}/access",
                    {"reason_kind": "duty", "reason_text": "Døgnvagt: politiet ringede"}).status_code == 201
    from forebyg.cases.services.records import record_version

    with scope(municipality=[cf.child.municipality_id]):
        case_v, n_v = record_version(cf.case), record_version(cf.notification)
    r = api.post(f"/cases/{cf.case.pk}/assign", {"caseworker": cf.worker_b.ext_id, "version": case_v})
    assert r.status_code == 422, r.content
    r = api.post(f"/notifications/{cf.notification.pk}/assign", {"caseworker": cf.worker_b.ext_id, "version": n_v})
    assert r.status_code == 422, r.content
    assert _case(cf).team_id == cf.team_a.pk


def test_the_team_page_offers_only_the_teams_caseworkers(cf, municipality):
    from datetime import date

    from forebyg.cases.services import practice as p

    with scope(municipality=[municipality.code]):
        other = p.child_register(actor=cf.receiving, name="Noa Syntetisk", birth_date=date(2017, 1, 5))
        n = p.notification_register(actor=cf.receiving, received_at=p.clock.now(), channel="phone",
                                    notifier_kind="daycare", notifier_professional=True, concern="Ny bekymring",
                                    children=[other], team=cf.team_b)
    c = page_client(cf.leader_b)
    page = c.get("/team/").content.decode()
    form = page[page.index(f'id="id_{n.pk}-caseworker"'):]
    form = form[:form.index("</select>")]
    assert "Rådgiver-Syd" in form and "Rådgiver-Nord" not in form
    # A caseworker of another team is refused, also when posted by hand; one's own is assigned.
    c.post(f"/team/tildel/notification/{n.pk}/", {f"{n.pk}-caseworker": cf.worker_a.pk})
    n.refresh_from_db()
    assert n.assigned_to_id is None and n.team_id == cf.team_b.pk
    c.post(f"/team/tildel/notification/{n.pk}/", {f"{n.pk}-caseworker": cf.worker_b.pk})
    n.refresh_from_db()
    assert n.assigned_to_id == cf.worker_b.ext_id


def test_moving_a_case_needs_a_reason_and_is_logged(cf):
    c = page_client(cf.leader_a)
    url = f"/team/flyt/case/{cf.case.pk}/"
    assert c.get(url).status_code == 200
    r = c.post(url, {"team": cf.team_b.pk, "reason": "kort"})
    assert r.status_code == 200 and _case(cf).team_id == cf.team_a.pk, "no reason, no move"
    r = c.post(url, {"team": cf.team_b.pk, "reason": "Familien er flyttet til Syd-distriktet"})
    assert r.status_code == 302
    case = _case(cf)
    assert case.team_id == cf.team_b.pk and case.caseworker_id is None, "team Syd's leader assigns it"
    entry = LogEntry.objects.get(action_type="cases.case.moved", object_id=cf.case.pk)
    assert entry.actor == cf.leader_a and "Syd-distriktet" in entry.reason
    assert entry.payload["from_team"] == cf.team_a.pk and entry.payload["to_team"] == cf.team_b.pk
    # Now it is team Syd's: its leader assigns it, and team Nord's leader can no longer move it.
    r = page_client(cf.leader_b).post(f"/team/tildel/case/{cf.case.pk}/", {f"{cf.case.pk}-caseworker": cf.worker_b.pk})
    assert _case(cf).caseworker_id == cf.worker_b.ext_id
    assert c.get(url).status_code == 404


def test_another_team_cannot_move_a_case_or_notification_to_itself(cf):
    from forebyg.cases.services import practice as p

    c = page_client(cf.leader_b)
    assert c.get(f"/team/flyt/case/{cf.case.pk}/").status_code == 404
    assert c.post(f"/team/flyt/case/{cf.case.pk}/",
                  {"team": cf.team_b.pk, "reason": "Vi tager den, vi har tid"}).status_code == 404
    assert c.post(f"/team/flyt/notification/{cf.notification.pk}/",
                  {"team": cf.team_b.pk, "reason": "Vi tager den, vi har tid"}).status_code == 404
    assert _case(cf).team_id == cf.team_a.pk
    with scope(municipality=[cf.child.municipality_id]), pytest.raises(ValidationError):
        p.notification_route(actor=cf.leader_b, notification=cf.notification, team=cf.team_b)
    assert not LogEntry.objects.filter(action_type__in=["cases.case.moved", "cases.notification.moved"]).exists()


def test_the_move_button_says_what_it_does(cf):
    """The move form's button reads "Flyt sagen" (or "Flyt underretningen"), not "Gem" (#15)."""
    page = page_client(cf.leader_a).get(f"/team/flyt/case/{cf.case.pk}/").content.decode()
    assert '<button type="submit">Move the case</button>' in page and ">Save</button>" not in page  # English client
