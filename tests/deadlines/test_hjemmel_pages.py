# SPDX-License-Identifier: MPL-2.0
"""Danish deadline pages show each rule's hjemmel in Danish (issue #16): "BL § 138, stk. 1", with
a small "ikke bekræftet" mark where the reference or the deadline is not verified, and never the
English reference ("UNCONFIRMED", "section", "successor of", "Local practice standard (not law)")."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from forebyg.cases.services import practice

CPH = ZoneInfo("Europe/Copenhagen")
ENGLISH = ("UNCONFIRMED", "section", "successor", "probable", "Local practice standard", "not law",
           "not retrieved", "stk. 3 (2nd")


@pytest.fixture
def abuse_notification(users, child, team):
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=datetime(2025, 4, 14, 9, 0, tzinfo=CPH), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child],
        team=team, concerns_abuse=True)
    practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    return n


def _cells(body: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_my_deadlines_and_the_child_page_show_the_danish_hjemmel(users, child, abuse_notification):
    c = Client()
    c.force_login(users["caseworker"])
    for url in ("/frister/", f"/boern/{child.pk}/"):
        body = c.get(url, {"as_of": "2025-04-16T12:00"}).content.decode()
        text = _cells(body)
        assert "BL § 138, stk. 1" in text  # the acknowledgement
        assert "BL § 137, stk. 3" in text  # the conversation on abuse
        assert "ikke bekræftet" in text
        assert 'class="unconfirmed" title="Ikke kontrolleret mod lovteksten' in body
        assert [w for w in ENGLISH if w in text] == [], url


def test_team_overview_shows_the_danish_hjemmel(users, child, abuse_notification):
    c = Client()
    c.force_login(users["team_leader"])
    body = c.get("/frister/team/", {"as_of": "2025-04-16T12:00"}).content.decode()
    text = _cells(body)
    assert "BL § 136" in text and "BL § 137, stk. 3" in text and "ikke bekræftet" in text
    assert [w for w in ENGLISH if w in text] == []
