# SPDX-License-Identifier: MPL-2.0
"""Fixtures for the security tests: a movable clock, and a second team in the municipality."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from forebyg.core import clock

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions use the English source strings (the pages are Danish by default)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def now(monkeypatch):
    """The clock, fixed; call now.set(moment) to move it."""

    class Clock:
        value = datetime(2026, 3, 3, 10, 0, tzinfo=CPH)  # a Tuesday morning

        def set(self, moment):
            self.value = moment

    c = Clock()
    monkeypatch.setattr(clock, "now", lambda: c.value)
    return c


@pytest.fixture
def other_team(municipality):
    from forebyg.core.models import Team

    with scopes_disabled():
        return Team.objects.create(id="t-2", municipality=municipality, name="Team 0-6 år")


@pytest.fixture
def outsider(municipality, other_team):
    """A caseworker of the same municipality, in another team."""
    from tests.conftest import make_user

    return make_user(municipality, "caseworker", "outsider", other_team)


@pytest.fixture
def login():
    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make
