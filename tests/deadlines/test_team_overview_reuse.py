# SPDX-License-Identifier: MPL-2.0
"""The team's deadline overview reuses its obligations between requests (forebyg.deadlines.reuse,
issue #20) — until a record of one of the team's children changes (a new revision: the next
request computes afresh) or the clock passes the computation's horizon (the first moment a status
can change) — and never shows a stale status."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from forebyg.cases.services import practice
from forebyg.core import clock
from forebyg.deadlines import reuse

CPH = ZoneInfo("Europe/Copenhagen")
RECEIVED = datetime(2025, 4, 17, 22, 30, tzinfo=CPH)  # the acute assessment is due 24 hours later
OVERDUE_ACUTE = {"rule": "bl.acute_assessment", "status": "overdue"}
SOON_ACUTE = {"rule": "bl.acute_assessment", "status": "due_soon"}


class Clock:
    def __init__(self, value):
        self.value = value


@pytest.fixture
def now(monkeypatch):
    c = Clock(RECEIVED + timedelta(hours=1))
    monkeypatch.setattr(clock, "now", lambda: c.value)
    reuse.clear()
    return c


@pytest.fixture
def notified(users, child, team, now):
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=RECEIVED, channel="email", notifier_kind="school",
        notifier_professional=True, concern="Bekymring (syntetisk)", children=[child], team=team)
    practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    return n


@pytest.fixture
def leader(users):
    c = Client()
    c.force_login(users["team_leader"])
    return c


def listed(client, child, query) -> bool:
    r = client.get("/frister/team/", query)
    assert r.status_code == 200
    return child.name in r.content.decode()


def test_a_recorded_assessment_shows_at_once(users, child, notified, now, leader):
    now.value = RECEIVED + timedelta(hours=30)
    assert listed(leader, child, OVERDUE_ACUTE)
    hits = reuse.memo.hits
    assert listed(leader, child, OVERDUE_ACUTE)
    assert reuse.memo.hits == hits + 1, "unchanged: the second request reuses the obligations"
    practice.acute_assessment_record(actor=users["receiving_unit"], notification=notified,
                                     assessed_at=RECEIVED + timedelta(hours=29), acute=False, action="Vurderet")
    assert not listed(leader, child, OVERDUE_ACUTE), "the assessment changed the child's revision: computed afresh"
    assert listed(leader, child, {"rule": "bl.acute_assessment", "status": "met_late"})


def test_a_closed_case_leaves_the_team_at_once(users, child, notified, now, leader, team):
    """The key is the set of the team's children too: a notification decided for every child it
    names is no longer the team's (team_children), whatever the revisions."""
    now.value = RECEIVED + timedelta(hours=30)
    assert listed(leader, child, OVERDUE_ACUTE)
    practice.decision_record(actor=users["caseworker"], notification=notified, child=child,
                             decided_at=RECEIVED + timedelta(hours=29), outcome="no_action")
    assert not listed(leader, child, OVERDUE_ACUTE)


def test_the_clock_passing_the_horizon_computes_afresh(users, child, notified, now, leader):
    now.value = RECEIVED + timedelta(hours=22)  # due soon: 2 hours left
    assert listed(leader, child, SOON_ACUTE)
    misses = reuse.memo.misses
    now.value = RECEIVED + timedelta(hours=23, minutes=59)
    assert listed(leader, child, SOON_ACUTE)
    assert reuse.memo.misses == misses, "before the deadline nothing can change: reused"
    now.value = RECEIVED + timedelta(hours=24, minutes=1)
    assert listed(leader, child, OVERDUE_ACUTE), "past the deadline: overdue, not the reused 'due soon'"
    assert not listed(leader, child, SOON_ACUTE)
