# SPDX-License-Identifier: MPL-2.0
"""Issue #13, finding 1: an import file must not reach into another municipality, and a record that
slipped in by any path must not show another municipality's child on a list.

The probe: a file for the attacker municipality (167) with a case pointing at the victim's (657)
child imported, and the attacker's caseworker then saw the victim child's name on "Mit arbejde"."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from forebyg.cases import models as m
from forebyg.cases.services.interchange import interchange_import
from forebyg.domain.interchange import InterchangeError

from .world import ATTACKER, CHILD_NAME, CPH, VICTIM, build_world

HEADER = {"type": "header", "format": "forebyg-interchange", "version": 1,
          "exported_at": "2026-03-01T10:00:00+01:00"}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CPH)


@pytest.fixture
def world(db):
    return build_world()


def lines(*records, municipalities=(ATTACKER,)):
    header = {**HEADER, "municipalities": list(municipalities)} if municipalities is not None else HEADER
    return [json.dumps(r) for r in (header, *records)]


def case(child, **extra):
    return {"type": "case", "id": "167-k-1", "municipality": ATTACKER, "child": child,
            "opened_at": "2026-03-01T10:00:00+01:00", **extra}


def count(model):
    with scopes_disabled():
        return model.objects.count()


def refused(file_lines) -> list[tuple[int, str, str]]:
    before = {model: count(model) for model in (m.Case, m.Child, m.Notification)}
    with pytest.raises(InterchangeError) as exc:
        interchange_import(lines=file_lines)
    assert {model: count(model) for model in before} == before, "nothing is written"
    return [(e.line, e.field, e.message) for e in exc.value.errors]


# --- the import path -------------------------------------------------------------------------

def test_a_reference_to_another_municipalitys_child_in_the_database_is_refused(world):
    errors = refused(lines(case(world.ids["child"])))
    assert errors == [(2, "child", f"refers to unknown child {world.ids['child']!r} in municipality {ATTACKER}")]


def test_a_reference_to_another_municipalitys_staff_and_team_in_the_database_is_refused(world):
    own_child = {"type": "child", "id": "167-c-1", "municipality": ATTACKER, "name": "Eget Barn",
                 "birth_date": "2016-01-01", "registered_at": "2026-01-01T10:00:00+01:00"}
    victim_worker = world.users["victim"]["caseworker"].ext_id
    errors = refused(lines(own_child, case("167-c-1", caseworker=victim_worker, team=world.ids["team"])))
    assert {(line, field) for line, field, _ in errors} == {(3, "caseworker"), (3, "team")}


def test_a_reference_across_municipalities_inside_the_file_is_refused(world):
    foreign_child = {"type": "child", "id": "657-c-new", "municipality": VICTIM, "name": "Andet Barn",
                     "birth_date": "2016-01-01", "registered_at": "2026-01-01T10:00:00+01:00"}
    errors = refused(lines(foreign_child, case("657-c-new"), municipalities=(ATTACKER, VICTIM)))
    assert [(line, field) for line, field, _ in errors] == [(3, "child")]
    assert "of municipality 657" in errors[0][2] and "its own municipality (167)" in errors[0][2]


def test_the_headers_municipalities_must_cover_every_record(world):
    own_child = {"type": "child", "id": "657-c-new", "municipality": VICTIM, "name": "Andet Barn",
                 "birth_date": "2016-01-01", "registered_at": "2026-01-01T10:00:00+01:00"}
    errors = refused(lines(own_child, municipalities=(ATTACKER,)))
    assert [(line, field) for line, field, _ in errors] == [(2, "municipality")]


def test_a_reference_inside_the_own_municipality_still_imports(world):
    own_child = {"type": "child", "id": "167-c-1", "municipality": ATTACKER, "name": "Eget Barn",
                 "birth_date": "2016-01-01", "registered_at": "2026-01-01T10:00:00+01:00"}
    own_worker = world.users["attacker"]["caseworker"].ext_id
    result = interchange_import(lines=lines(own_child, case("167-c-1", caseworker=own_worker, team="a-team")))
    assert result.counts == {"child": 1, "case": 1}


# --- a row that slipped in by another path shows nothing of the other municipality ------------

@pytest.fixture
def smuggled(world):
    """Rows of the attacker municipality pointing at the victim's child, written straight into the
    database past every check (as a bad import or a database write would have)."""
    from forebyg.core.models import Municipality

    attacker = Municipality.objects.get(code=ATTACKER)
    au = world.users["attacker"]
    child = world.ids["child"]
    with scopes_disabled():
        m.Case.objects.create(id="x-case", municipality=attacker, child_id=child, opened_at=T0, caseworker=au["caseworker"],
                              team_id="a-team")
        m.Case.objects.create(id="x-case-2", municipality=attacker, child_id=child, opened_at=T0, team_id="a-team")
        n = m.Notification.objects.create(id="x-note", municipality=attacker, received_at=T0, channel="email",
                                          notifier_kind="school", notifier_professional=True, concern="x",
                                          team_id="a-team", assigned_to=au["caseworker"])
        n.children.add(child)
        n2 = m.Notification.objects.create(id="x-note-2", municipality=attacker, received_at=T0, channel="email",
                                           notifier_kind="school", notifier_professional=True, concern="x",
                                           team_id="a-team")
        n2.children.add(child)
        m.NetworkMeeting.objects.create(id="x-meeting", municipality=attacker, child_id=child, held_at=T0,
                                        kind="inclusive", followup_date=T0.date() + timedelta(days=30))
        m.Decision.objects.create(id="x-decision", municipality=attacker, notification=n, child_id=child,
                                  decided_at=T0, outcome="no_action")
    return world


def page(user, name, *args) -> str:
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("role, name", [("caseworker", "my_work"), ("team_leader", "team"),
                                        ("receiving_unit", "inbox")])
def test_a_smuggled_row_shows_no_child_of_another_municipality_on_a_worklist(smuggled, now, role, name):
    body = page(smuggled.users["attacker"][role], name)
    assert CHILD_NAME not in body and "2015" not in body


def test_worklist_selectors_leave_the_smuggled_rows_out(smuggled, now):
    from forebyg.cases.selectors import worklists

    au = smuggled.users["attacker"]
    with scope(municipality=[ATTACKER]):
        work = worklists.my_work(user=au["caseworker"], as_of=now.value)
        team = worklists.team_overview(leader=au["team_leader"])
        assert work["cases"] == [] and work["notifications"] == [] and work["upcoming"] == []
        assert team["unassigned"] == [] and team["cases_without"] == []
        assert [row.notification.pk for row in worklists.inbox()] == []
        assert worklists.open_notifications().count() == 0


def test_search_finds_no_child_of_another_municipality_through_a_smuggled_row(smuggled):
    from forebyg.cases.selectors.child import child_search

    with scope(municipality=[ATTACKER]):
        assert list(child_search("Hemmelig")) == []
        assert list(child_search("640315-4179")) == []


def test_the_victims_own_lists_are_unchanged(smuggled, now):
    from forebyg.cases.selectors import worklists

    vu = smuggled.users["victim"]
    with scope(municipality=[VICTIM]):
        work = worklists.my_work(user=vu["caseworker"], as_of=now.value)
        assert [c.child_name for c in work["cases"]] == [CHILD_NAME]


def test_the_progression_team_view_leaves_the_smuggled_case_out(smuggled):
    from forebyg.progression.selectors import team_cases

    au = smuggled.users["attacker"]
    with scope(municipality=[ATTACKER]):
        assert list(team_cases(au["caseworker"])) == []
        assert list(team_cases(au["manager"])) == []
