# SPDX-License-Identifier: MPL-2.0
"""Page and API code reads inside the municipality scope: no selector or view switches it off,
and the review's sibling and team lookups stay within the municipality (issue #14)."""

import ast
from datetime import date, datetime
from pathlib import Path

import pytest
from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from tests.conftest import make_user

ROOT = Path(__file__).resolve().parents[1]


def _page_and_api_modules():
    for path in sorted((ROOT / "forebyg").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "selectors" in rel or "/views" in rel or "/api/routers/" in rel:
            yield rel, path


def test_no_selector_or_view_switches_the_scope_off():
    found = []
    for rel, path in _page_and_api_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            if name in ("scopes_disabled", "with_scopes_disabled"):
                found.append(f"{rel}:{node.lineno}")
    assert len(list(_page_and_api_modules())) > 20
    assert found == [], "read through forebyg.core.scoping.municipality_scope"


@pytest.fixture
def two_families(users, municipality, other_municipality):
    """A child in each municipality, wrongly linked through one notification (e.g. a bad import)."""
    from forebyg.cases import models as m
    from forebyg.cases.services.practice import child_register, notification_register

    other_user = make_user(other_municipality, "receiving_unit", "modtagelse2")
    with scope(municipality=[municipality.code]):
        ours = child_register(actor=users["receiving_unit"], name="Barn Her", birth_date=date(2015, 3, 4))
        n = notification_register(actor=users["receiving_unit"], received_at=datetime(2024, 3, 1, 9, 0).astimezone(),
                                  channel="email", notifier_kind="school", notifier_professional=True,
                                  concern="Bekymring", children=[ours])
    with scope(municipality=[other_municipality.code]):
        theirs = child_register(actor=other_user, name="Barn Der", birth_date=date(2016, 5, 6))
    with scopes_disabled():
        m.Notification.children.through.objects.create(notification_id=n.pk, child_id=theirs.pk)
    return ours, theirs


def test_siblings_from_another_municipality_are_not_returned(two_families, municipality, other_municipality):
    from forebyg.review.selectors import siblings_of

    ours, theirs = two_families
    with scope(municipality=[municipality.code]):
        assert siblings_of([ours.pk], municipality_id=municipality.code) == {ours.pk}
    assert siblings_of([theirs.pk], municipality_id=other_municipality.code) == set()  # a command: no scope


def test_team_names_of_another_municipality_are_not_shown(municipality, other_municipality):
    from forebyg.core.models import Team
    from forebyg.domain.review import Criteria
    from forebyg.review.selectors import criteria_labels

    with scopes_disabled():
        Team.objects.create(id="t-other", municipality=other_municipality, name="Fremmed team")
    criteria = Criteria(teams=("t-other",))
    with scope(municipality=[municipality.code]):
        labels = criteria_labels(criteria, "da", municipality_id=municipality.code)
    assert "Fremmed team" not in " ".join(labels)
    assert "t-other" in " ".join(labels)


def test_a_selector_inside_a_request_refuses_another_municipality(municipality, other_municipality):
    from forebyg.deadlines.selectors import settings_for

    with scope(municipality=[municipality.code]), pytest.raises(ScopeError):
        settings_for(other_municipality.code)
