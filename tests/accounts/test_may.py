# SPDX-License-Identifier: MPL-2.0
"""Templates ask what a user may do through `may`, the project's own rules, not Django's `perms`,
which loads every user's model permissions (two queries) whenever a rule says no (issue #20)."""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rules.permissions import permissions as permission_rules

import forebyg
from forebyg.accounts.context import permissions
from forebyg.accounts.models import Role
from forebyg.cases.services import practice
from forebyg.web.permissions import holds
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")

TEMPLATES = [p for p in Path(forebyg.__file__).parent.rglob("*.html") if "templates" in p.parts]
# Every permission a template asks about.
ASKED = sorted({m for p in TEMPLATES for m in re.findall(r"\bmay\.(\w+\.\w+)", p.read_text())})


def test_no_template_asks_djangos_perms():
    assert ASKED, "the templates ask about permissions through `may`"
    assert [p.name for p in TEMPLATES if re.search(r"\bperms\.", p.read_text())] == []


@pytest.mark.parametrize("role", list(Role))
def test_may_answers_as_the_users_permissions_do(municipality, team, role):
    user = make_user(municipality, role, f"u-{role}", team)
    may = permissions(_request(user))["may"]
    for name in ASKED:
        app, perm = name.split(".")
        assert may[app][perm] == user.has_perm(name), (role, name)
    for name in permission_rules:  # every permission the project grants, as views ask it
        assert holds(user, name) == user.has_perm(name), (role, name)


def test_may_grants_an_active_superuser_everything_as_django_does(municipality):
    user = make_user(municipality, Role.ANALYST, "super")
    user.is_superuser = True
    assert all(permissions(_request(user))["may"][n.split(".")[0]][n.split(".")[1]] for n in ASKED)
    user.is_active = False
    assert not permissions(_request(user))["may"]["security"]["dsar"]


@pytest.mark.parametrize("role,shown", [("caseworker", False), ("team_leader", True)])
def test_the_child_page_offers_a_data_subject_request_to_leaders_only(client, users, child, role, shown):
    _case_of(users, child, users[role])
    client.force_login(users[role])
    page = client.get(f"/boern/{child.pk}/").content.decode()
    assert 'id="frister"' in page  # the whole child page, not its intake view
    assert (f'href="{reverse("dsar", args=[child.pk])}"' in page) is shown, role


@pytest.mark.parametrize("role,caseworker", [("caseworker", "caseworker"), ("team_leader", "team_leader"),
                                             ("manager", "caseworker")])
def test_the_child_page_loads_no_model_permissions(client, users, child, role, caseworker):
    _case_of(users, child, users[caseworker])
    client.force_login(users[role])
    with CaptureQueriesContext(connection) as reads:
        page = client.get(f"/boern/{child.pk}/").content.decode()
    assert 'id="frister"' in page and 'id="h-progression"' in page  # the whole page, progression too
    assert [q["sql"] for q in reads.captured_queries if "auth_permission" in q["sql"]] == []


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _case_of(users, child, caseworker):
    practice.notification_register(
        actor=users["receiving_unit"], received_at=datetime(2024, 10, 1, 9, tzinfo=CPH), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child])
    practice.case_open(actor=users["team_leader"], child=child, caseworker=caseworker)
