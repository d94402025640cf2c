# SPDX-License-Identifier: MPL-2.0
"""Login throttling: five wrong passwords lock the user name for 30 minutes, with a clear message."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def attempt(password, username="caseworker"):
    return Client().post("/login/", {"username": username, "password": password}, REMOTE_ADDR="192.0.2.10")


def test_five_failures_lock_the_user_name_with_a_clear_message(users, settings):
    for _ in range(4):
        r = attempt("wrong")
        assert r.status_code == 200  # the login form again, with its error
    r = attempt("wrong")
    assert r.status_code == 429
    body = r.content.decode()
    assert "30" in body and ("locked" in body.lower() or "spærret" in body.lower())
    # Even the right password does not get in while locked, from another address too.
    assert attempt("pw").status_code == 429
    assert Client().post("/login/", {"username": "caseworker", "password": "pw"},
                         REMOTE_ADDR="198.51.100.1").status_code == 429
    # Another user is not affected.
    assert attempt("pw", username="teamleader").status_code == 302


def test_lock_lifts_after_the_cool_off_and_an_administrator_can_lift_it(users, login):
    for _ in range(5):
        attempt("wrong")
    assert attempt("pw").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert attempt("pw").status_code == 302, "30 minutes later the right password works again"
    for _ in range(5):
        attempt("wrong")
    admin = login(users["administrator"])
    assert "caseworker" in admin.get("/konto/brugere/").content.decode()
    admin.post(f"/konto/brugere/{users['caseworker'].pk}/laas-op/")
    assert attempt("pw").status_code == 302
