# SPDX-License-Identifier: MPL-2.0
"""What every logged-in request reads — its session, its user with the municipality, its second-factor
device — is read by key with the SQL compiled once per process (forebyg.core.pointread, issue #20):
the same rows and instances as through the ORM, the same security checks, and no query compiled
again on each request."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from forebyg.accounts.models import User
from forebyg.accounts.sessions import SessionStore
from forebyg.core.pointread import PointRead

pytestmark = pytest.mark.django_db


def _values(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_a_point_read_gives_the_instance_the_orm_gives(users, municipality):
    read = PointRead(lambda: User.objects.get_queryset(), "pk")
    for user in users.values():
        with CaptureQueriesContext(connection) as reads:
            got = read.get(user.pk)
            assert got.municipality.name == municipality.name  # read with the user (select_related)
        assert len(reads.captured_queries) == 1
        expected = User.objects.filter(pk=user.pk).first()
        assert _values(got) == _values(expected)
        assert _values(got.municipality) == _values(expected.municipality)
        assert got._state.adding is False and got._state.db == "default"
    assert read.get(max(u.pk for u in users.values()) + 1000) is None


def test_the_user_manager_reads_by_pk_as_django_does(users):
    user = users["caseworker"]
    assert _values(User.objects.get(pk=user.pk)) == _values(User.objects.filter(pk=user.pk).get())
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=user.pk + 1000)
    assert User.objects.get(username=user.username).pk == user.pk  # any other get: Django's
    for wrong, error in ((None, User.DoesNotExist), ("abc", ValueError)):
        with pytest.raises(error):
            User.objects.get(pk=wrong)
    assert PointRead(lambda: User.objects.get_queryset(), "pk").get(None) is None


def test_an_expired_session_is_not_loaded_and_loses_its_key():
    store = SessionStore()
    store["k"] = "v"
    store.save()
    key = store.session_key
    assert SessionStore(key).load() == {"k": "v"}
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None
    missing = SessionStore("x" * 32)
    assert missing.load() == {} and missing.session_key is None


@pytest.fixture
def compilations(monkeypatch):
    """How many times Django compiles a query (SQLCompiler.as_sql)."""
    calls = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        calls.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    return calls


def test_a_logged_in_request_reads_three_rows_compiling_no_query(client, users, compilations):
    client.force_login(users["caseworker"])
    client.get("/healthz")  # the first request of a process compiles them
    compilations.clear()
    with CaptureQueriesContext(connection) as reads:
        assert client.get("/healthz").status_code == 200
    # The session, the user with the municipality, the device, and the health check's own.
    assert len(reads.captured_queries) == 4
    assert compilations == []


def test_the_second_factor_still_has_to_be_the_users_own_and_confirmed(client, users):
    user, other = users["caseworker"], users["team_leader"]
    client.force_login(user)
    assert client.get("/mit-arbejde/").status_code == 200
    session = client.session
    for device in (TOTPDevice.objects.create(user=other, name="other's", confirmed=True),
                   TOTPDevice.objects.create(user=user, name="unconfirmed", confirmed=False)):
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        page = client.get("/mit-arbejde/")
        assert page.status_code == 302 and "/konto/totp/" in page["Location"]
        assert DEVICE_ID_SESSION_KEY not in client.session  # forgotten, as django_otp does


@pytest.mark.parametrize("persistent_id", ["otp_totp.totpdevice/abc", "nosuch.model/1", "garbage",
                                           "otp_totp.totpdevice/999999"])
def test_a_persistent_id_that_names_no_device_verifies_nothing(client, users, persistent_id):
    client.force_login(users["caseworker"])
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = persistent_id
    session.save()
    page = client.get("/mit-arbejde/")
    assert page.status_code == 302 and "/konto/totp/" in page["Location"]


def test_a_backup_code_device_verifies_as_before(client, users):
    user = users["caseworker"]
    client.force_login(user)
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get("/mit-arbejde/").status_code == 200
