# SPDX-License-Identifier: MPL-2.0
"""The API's lists show exactly the children that the application would open without a new
reason, on the same basis: visible_children (one query) agrees with security.access.child_access
(the child page's rule) child by child, for every role and both policy settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django_scopes import scopes_disabled

from forebyg.api.access import visible_children
from forebyg.cases.services import practice as p
from forebyg.core import clock
from forebyg.core.models import Team
from forebyg.security.access import child_access
from forebyg.security.models import GlassGrant, SecurityPolicy
from tests.conftest import make_user

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def population(users, team, municipality, scoped):
    with scopes_disabled():
        other = Team.objects.create(id="t-2", municipality=municipality, name="Team 13-17 år")
    ru, cw, tl = users["receiving_unit"], users["caseworker"], users["team_leader"]
    cw_same_team = make_user(municipality, "caseworker", "kollega", team)
    cw_other_team = make_user(municipality, "caseworker", "andetteam", other)
    kids = {name: p.child_register(actor=ru, name=f"{name} Syntetisk", birth_date=date(2015, 1, 1))
            for name in ["own_case", "team_case", "other_team_case", "registered", "own_notification",
                         "team_notification", "closed_case", "decided_only", "own_counselling", "glass",
                         "unrouted_notification"]}

    def notify(child, team_=None, assign=None, decide=False):
        n = p.notification_register(actor=ru, received_at=at("2025-03-01"), channel="email", notifier_kind="school",
                                    notifier_professional=True, concern="x", children=[child], team=team_)
        if assign:
            p.notification_assign(actor=tl, notification=n, caseworker=assign)
        if decide:
            p.decision_record(actor=cw, notification=n, child=child, decided_at=at("2025-03-02"), outcome="no_action")
        return n

    p.case_open(actor=tl, child=kids["own_case"], caseworker=cw)
    p.case_open(actor=tl, child=kids["team_case"], caseworker=cw_same_team)
    p.case_open(actor=tl, child=kids["other_team_case"], caseworker=cw_other_team)
    notify(kids["own_notification"], assign=cw)
    notify(kids["team_notification"], team_=team)
    notify(kids["unrouted_notification"])
    closed = p.case_open(actor=tl, child=kids["closed_case"], caseworker=cw)
    closed.closed_at = clock.now()
    closed.save()
    notify(kids["decided_only"], decide=True)
    p.counselling_start(actor=cw, child=kids["own_counselling"], started_at=at("2025-04-01"),
                        consent_at=at("2025-03-30"), consent_by="Mor", referred_by="school")
    p.case_open(actor=tl, child=kids["glass"], caseworker=cw_other_team)
    GlassGrant.objects.create(municipality=municipality, user=cw, child_id=kids["glass"].pk, reason_kind="cover",
                              reason_text="Dækker for kollega", granted_at=clock.now(),
                              expires_at=clock.now() + timedelta(hours=8))
    readers = {**users, "cw_other_team": cw_other_team}
    return readers, kids


@pytest.mark.parametrize("caseworker_sees_team", [True, False])
@pytest.mark.parametrize("manager_sees_all", [True, False])
def test_lists_agree_with_the_child_page(population, municipality, caseworker_sees_team, manager_sees_all):
    SecurityPolicy.objects.update_or_create(municipality=municipality, defaults={
        "caseworker_sees_team": caseworker_sees_team, "manager_sees_all": manager_sees_all})
    readers, kids = population
    for role, reader in readers.items():
        listed = dict(visible_children(reader).values_list("pk", "basis"))
        for name, child in kids.items():
            access = child_access(reader, child) if reader.has_perm("cases.view_child", child) else None
            expected = access.basis if access else None
            assert listed.get(child.pk) == expected, (role, name, listed.get(child.pk), expected)


def test_the_population_covers_every_basis(population):
    readers, kids = population
    seen = set()
    for reader in readers.values():
        seen |= set(visible_children(reader).values_list("basis", flat=True))
    assert seen == {"own", "team", "intake", "municipality", "glass"}
