# SPDX-License-Identifier: MPL-2.0
"""Fixtures for the API tests: tokens, an authenticated client, and a child with a whole case."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

CPH = ZoneInfo("Europe/Copenhagen")


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=CPH)


@pytest.fixture
def token_for(db):
    from forebyg.api.tokens import token_create

    def make(user, days: int = 90) -> str:
        return token_create(actor=None, user=user, name=f"test {user.username}", days=days).secret

    return make


class ApiClient:
    def __init__(self, client: Client, token: str | None):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params):
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path: str, body=None):
        return self.client.post(f"/api/v1{path}", json.dumps(body or {}, default=str),
                                content_type="application/json", **self.headers)

    def put(self, path: str, body=None):
        return self.client.put(f"/api/v1{path}", json.dumps(body or {}, default=str),
                               content_type="application/json", **self.headers)

    def patch(self, path: str, body=None):
        return self.client.patch(f"/api/v1{path}", json.dumps(body or {}, default=str),
                                 content_type="application/json", **self.headers)


@pytest.fixture
def api_as(token_for):
    def make(user) -> ApiClient:
        return ApiClient(Client(), token_for(user))

    return make


@dataclass
class World:
    child: object
    sibling: object
    notification: object
    case: object
    investigation: object
    measure: object
    plan: object
    followup: object


@pytest.fixture
def world(users, scoped, team):
    """A child in the caseworker's open case (in the team) with a notification, an investigation,
    a started measure, a plan with goals and a follow-up. The sibling is only registered."""
    from forebyg.cases.services import practice as p

    ru, cw, tl = users["receiving_unit"], users["caseworker"], users["team_leader"]
    child = p.child_register(actor=ru, name="Alma Syntetisk", birth_date=date(2014, 5, 2), cpr="620514-4919")
    sibling = p.child_register(actor=ru, name="Bo Syntetisk", birth_date=date(2016, 8, 9))
    n = p.notification_register(actor=ru, received_at=at("2025-02-03"), channel="email", notifier_kind="school",
                                notifier_professional=True, concern="Syntetisk bekymring", children=[child], team=team)
    p.acute_assessment_record(actor=ru, notification=n, assessed_at=at("2025-02-03", 14), acute=False, action="Vurderet")
    p.notification_assign(actor=tl, notification=n, caseworker=cw)
    p.decision_record(actor=cw, notification=n, child=child, decided_at=at("2025-02-10"), outcome="investigation")
    case = p.case_for(child)
    inv = p.investigation_start(actor=cw, child=child, aware_at=at("2025-02-03"), started_at=at("2025-02-11"),
                                consent=True)
    measure = p.measure_decide(actor=cw, child=child, kind="bl_family_treatment", decided_at=at("2025-05-01"),
                               started_at=at("2025-05-05"))
    plan = p.plan_make(actor=cw, child=child, kind="barnets_plan", made_at=at("2025-05-02"), summary="Plan",
                       goals=[{"life_area": "school", "text": "Gå i skole hver dag", "target_date": date(2025, 12, 1)},
                              {"life_area": "family", "text": "Spise aftensmad sammen"}])
    followup = p.followup_record(actor=cw, child=child, held_at=at("2025-08-01"), note="Godt på vej",
                                 next_due=date(2026, 2, 1), measure=measure)
    return World(child, sibling, n, case, inv, measure, plan, followup)
