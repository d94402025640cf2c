# SPDX-License-Identifier: MPL-2.0
"""A child with a whole file in one team, and a second team with its own leader and caseworker:
the ground for the takeover, intake and history probes of issue #13."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import Client
from django_scopes import scope

CPH = ZoneInfo("Europe/Copenhagen")
T0 = datetime(2026, 2, 2, 9, 0, tzinfo=CPH)
# Text that is only in the child's file: none of it may reach an intake view.
FILE_SECRETS = ["Forældremyndig-XQZ", "Samtaleformål-XQZ", "Netværksperson-XQZ", "Måltekst-XQZ", "Bekymring-XQZ"]


@dataclass
class CaseFile:
    child: object
    case: object
    measure: object
    investigation: object
    notification: object
    team_a: object
    team_b: object
    leader_a: object
    worker_a: object
    leader_b: object
    worker_b: object
    receiving: object


def build(municipality) -> CaseFile:
    from django_scopes import scopes_disabled

    from forebyg.cases.services import practice as p
    from forebyg.core.models import Team
    from tests.conftest import make_user

    with scopes_disabled():
        team_a = Team.objects.create(id="t-a", municipality=municipality, name="Team Nord")
        team_b = Team.objects.create(id="t-b", municipality=municipality, name="Team Syd")
    leader_a = make_user(municipality, "team_leader", "leder-nord", team_a)
    worker_a = make_user(municipality, "caseworker", "rådgiver-nord", team_a)
    leader_b = make_user(municipality, "team_leader", "leder-syd", team_b)
    worker_b = make_user(municipality, "caseworker", "rådgiver-syd", team_b)
    receiving = make_user(municipality, "receiving_unit", "modtagelse", None)
    with scope(municipality=[municipality.code]):
        child = p.child_register(actor=receiving, name="Ella Syntetisk", birth_date=date(2015, 3, 4),
                                 cpr="640315-4179",
                                 custody_holders=[{"name": "Forældremyndig-XQZ", "relation": "mor"}])
        n = p.notification_register(actor=receiving, received_at=T0, channel="email", notifier_kind="school",
                                    notifier_professional=True, notifier_name="Skolen ved Søen",
                                    concern="Bekymring-XQZ", children=[child], team=team_a)
        p.notification_assign(actor=leader_a, notification=n, caseworker=worker_a)
        p.decision_record(actor=worker_a, notification=n, child=child, decided_at=T0 + timedelta(days=1),
                          outcome="investigation")
        case = p.case_for(child)
        inv = p.investigation_start(actor=worker_a, child=child, aware_at=T0, started_at=T0 + timedelta(days=1),
                                    consent=True)
        p.child_conversation_record(actor=worker_a, child=child, held_at=T0 + timedelta(days=2),
                                    purpose="Samtaleformål-XQZ")
        p.network_person_record(actor=worker_a, child=child, name="Netværksperson-XQZ", relation="moster",
                                resource=True)
        measure = p.measure_decide(actor=worker_a, child=child, kind="bl_family_treatment",
                                   decided_at=T0 + timedelta(days=3))
        p.plan_make(actor=worker_a, child=child, kind="barnets_plan", made_at=T0 + timedelta(days=3), summary=None,
                    goals=[{"life_area": "school", "text": "Måltekst-XQZ", "target_date": None}])
    return CaseFile(child, case, measure, inv, n, team_a, team_b, leader_a, worker_a, leader_b, worker_b, receiving)


def page_client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


class Api:
    """The JSON API as a user with a personal token."""

    def __init__(self, user):
        from tests.security.world import api_token

        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(user)}"}

    def get(self, path: str, **params):
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path: str, body=None):
        return self.client.post(f"/api/v1{path}", json.dumps(body or {}, default=str),
                                content_type="application/json", **self.headers)
