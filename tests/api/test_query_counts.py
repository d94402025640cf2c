# SPDX-License-Identifier: MPL-2.0
"""No N+1 queries: the number of SQL queries of each main page and API list is the same with 2 as
with 20 children (notifications, cases, measures, follow-ups, plans) on it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from forebyg.cases.services import practice as p

from .conftest import ApiClient, at

pytestmark = pytest.mark.django_db


def _add_families(users, team, start: int, n: int) -> list:
    """`n` children, each with a routed open notification, a decided one with a case, a started measure,
    a plan with goals and a follow-up; every other case without a caseworker."""
    ru, cw, tl = users["receiving_unit"], users["caseworker"], users["team_leader"]
    children = []
    for i in range(start, start + n):
        child = p.child_register(actor=ru, name=f"Barn {i:03d} Syntetisk", birth_date=date(2012, 1, 1) + timedelta(days=i))
        decided = p.notification_register(actor=ru, received_at=at("2025-01-06"), channel="email",
                                          notifier_kind="school", notifier_professional=True, concern="x",
                                          children=[child], team=team)
        p.acute_assessment_record(actor=ru, notification=decided, assessed_at=at("2025-01-06", 12), acute=False,
                                  action="Vurderet")
        p.acknowledgement_record(actor=ru, notification=decided, sent_at=at("2025-01-07"))
        p.decision_record(actor=cw, notification=decided, child=child, decided_at=at("2025-01-10"),
                          outcome="investigation")
        case = p.case_for(child)
        if i % 2:
            p.case_assign(actor=tl, case=case, caseworker=cw)
        else:
            case.caseworker = None
            case.save()
        p.investigation_start(actor=cw, child=child, aware_at=at("2025-01-06"), started_at=at("2025-01-13"), consent=True)
        measure = p.measure_decide(actor=cw, child=child, kind="bl_family_treatment", decided_at=at("2025-03-03"),
                                   started_at=at("2025-03-10"))
        p.plan_make(actor=cw, child=child, kind="barnets_plan", made_at=at("2025-03-04"), summary=None,
                    goals=[{"life_area": "school", "text": "Mål"}, {"life_area": "family", "text": "Mål 2"}])
        p.followup_record(actor=cw, child=child, held_at=at("2025-06-02"), note=None, next_due=date(2026, 1, 5),
                          measure=measure)
        p.network_meeting_record(actor=cw, child=child, held_at=at("2025-06-03"), kind="inclusive", participants=[],
                                 agreements=None, followup_date=date.today() + timedelta(days=30))
        n_open = p.notification_register(actor=ru, received_at=at("2025-09-01"), channel="phone",
                                         notifier_kind="police", notifier_professional=True, concern="y",
                                         children=[child], team=team if i % 3 else None)
        if i % 2:
            p.notification_assign(actor=tl, notification=n_open, caseworker=cw)
        children.append(child)
    return children


def _child_events(users, child, n: int) -> None:
    cw = users["caseworker"]
    measure = child.measures.first()
    for k in range(n):
        p.followup_record(actor=cw, child=child, held_at=at("2025-07-01") + timedelta(days=k), note=None, next_due=None,
                          measure=measure)
        p.child_conversation_record(actor=cw, child=child, held_at=at("2025-07-01") + timedelta(days=k), purpose="Samtale")
        n_ = p.notification_register(actor=users["receiving_unit"], received_at=at("2025-08-01") + timedelta(days=k),
                                     channel="email", notifier_kind="school", notifier_professional=True,
                                     concern="z", children=[child])
        p.acute_assessment_record(actor=users["receiving_unit"], notification=n_,
                                  assessed_at=at("2025-08-01", 15) + timedelta(days=k), acute=False, action="ok")
        p.plan_make(actor=cw, child=child, kind="barnets_plan", made_at=at("2025-09-01") + timedelta(days=k),
                    summary=None, goals=[{"life_area": "school", "text": f"Mål {k}"}])


def _queries(client, url: str, headers: dict | None = None) -> int:
    client.get(url, **(headers or {}))  # first: the session's bookkeeping, caches
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, **(headers or {}))
    assert r.status_code == 200, (url, r.status_code)
    return len(ctx.captured_queries)


PAGES = [  # (role, url)
    ("receiving_unit", "/underretninger/"),
    ("caseworker", "/mit-arbejde/"),
    ("team_leader", "/team/"),
    ("manager", "/overblik/"),
    ("caseworker", "/frister/"),
    ("team_leader", "/frister/team/"),
    ("team_leader", "/frister/team/?status=overdue"),
]
API = ["/children", "/notifications", "/cases", "/investigations", "/measures", "/plans", "/goals", "/followups",
       "/deadlines/mine?all=true", "/scaling-rounds", "/goal-scales"]


def test_pages_and_api_lists_do_not_grow_with_the_data(users, team, scoped, token_for):
    clients = {}
    for role in {r for r, _u in PAGES}:
        clients[role] = Client()
        clients[role].force_login(users[role])
    api = ApiClient(Client(), token_for(users["caseworker"]))

    def measure_all():
        out = {f"{role} {url}": _queries(clients[role], url) for role, url in PAGES}
        out.update({f"api {url}": _queries(api.client, f"/api/v1{url}", api.headers) for url in API})
        return out

    _add_families(users, team, 0, 2)
    small = measure_all()
    _add_families(users, team, 2, 18)
    large = measure_all()
    grown = {k: (small[k], large[k]) for k in small if large[k] != small[k]}
    assert grown == {}, f"queries grow with the data (2 -> 20 children): {grown}"


def test_child_page_does_not_grow_with_the_childs_history(users, team, scoped, token_for):
    child = _add_families(users, team, 0, 1)[0]
    client = Client()
    client.force_login(users["caseworker"])
    api = ApiClient(Client(), token_for(users["caseworker"]))
    urls = [f"/boern/{child.pk}/", f"/progression/boern/{child.pk}/"]
    api_urls = [f"/api/v1/children/{child.pk}", f"/api/v1/children/{child.pk}/deadlines",
                f"/api/v1/notifications?child={child.pk}", f"/api/v1/followups?child={child.pk}"]
    _child_events(users, child, 2)
    small = [_queries(client, u) for u in urls] + [_queries(api.client, u, api.headers) for u in api_urls]
    _child_events(users, child, 18)
    large = [_queries(client, u) for u in urls] + [_queries(api.client, u, api.headers) for u in api_urls]
    assert large == small, dict(zip(urls + api_urls, zip(small, large, strict=True), strict=True))
