# SPDX-License-Identifier: MPL-2.0
"""Shared fixtures: a municipality with a team and a user of each role, all synthetic."""

from datetime import date

import pytest
from django_scopes import scope, scopes_disabled

_DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences",
                      "django_db_serialized_rollback"}


def pytest_addoption(parser):
    parser.addoption("--database-tests-only", action="store_true",
                     help="run only the tests that use the database (CI's second database runs these; "
                          "a test without database access cannot differ between the two)")


def uses_database(item) -> bool:
    """pytest-django refuses database access to a test that asks for none of these, so a test
    without them runs the same on every database; a test whose subprocess opens the run's
    database says so with the `database` mark."""
    return bool(_DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) or bool(
        item.get_closest_marker("django_db") or item.get_closest_marker("database"))


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    keep = [item for item in items if uses_database(item)]
    config.hook.pytest_deselected(items=[item for item in items if not uses_database(item)])
    items[:] = keep


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional (browser) tests flush every table, the 98 municipalities from the data
    migration too; put them back for whichever test comes next."""
    if not ({"db", "transactional_db", "live_server"} & set(request.fixturenames)
            or request.node.get_closest_marker("django_db")):
        return
    from forebyg.core.models import Municipality

    request.getfixturevalue("transactional_db" if _wants_transaction(request) else "db")
    if Municipality.objects.count() < 98:
        from importlib import import_module

        from django.apps import apps

        import_module("forebyg.core.migrations.0002_reference_data").load(apps, None)


def _wants_transaction(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool("transactional_db" in request.fixturenames or "live_server" in request.fixturenames
                or (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))))


@pytest.fixture
def municipality(db):
    from forebyg.core.models import Municipality

    # get_or_create: transactional (browser) tests flush the reference data between tests
    return Municipality.objects.get_or_create(code=657, defaults={"name": "Herning"})[0]


@pytest.fixture
def other_municipality(db):
    from forebyg.core.models import Municipality

    return Municipality.objects.get_or_create(code=167, defaults={"name": "Hvidovre"})[0]


@pytest.fixture
def team(municipality):
    from forebyg.core.models import Team

    with scopes_disabled():
        return Team.objects.create(id="t-1", municipality=municipality, name="Team 7-12 år")


def make_user(municipality, role, username, team=None):
    from forebyg.accounts.models import User

    user = User.objects.create_user(username=username, password="pw", role=role, municipality=municipality,
                                    team=team, full_name=username.title())
    return user


@pytest.fixture
def users(municipality, team):
    roles = ["receiving_unit", "caseworker", "team_leader", "manager", "analyst", "administrator"]
    return {r: make_user(municipality, r, r.replace("_", ""), team) for r in roles}


@pytest.fixture
def scoped(municipality):
    with scope(municipality=[municipality.code]):
        yield


@pytest.fixture
def child(users, scoped):
    from forebyg.cases.services.practice import child_register

    return child_register(actor=users["receiving_unit"], name="Testbarn Syntetisk", birth_date=date(2015, 3, 4),
                          cpr="640315-4179")


def verify_second_factor(client, user):
    """Mark a logged-in test client's session as having passed two-factor authentication, as a real
    login with password and TOTP code does (issue #4: every page needs the second factor)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """`client.force_login(user)` stands for a complete login: password and second factor."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
