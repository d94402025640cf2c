# SPDX-License-Identifier: MPL-2.0
"""Every login needs a second factor: set up an authenticator at the first login, give a code at
every later one; backup codes work once; a password alone reaches nothing."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from forebyg.audit.models import LogEntry

pytestmark = pytest.mark.django_db


def code(device, offset=0):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):06d}"


def unthrottle():
    """django-otp makes each retry after a wrong code wait (1 s, 2 s, 4 s ...): the test does not wait."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)


def password_login(c, username="caseworker", password="pw"):
    return c.post("/login/", {"username": username, "password": password})


def test_first_login_sets_up_an_authenticator_then_every_login_asks_for_a_code(users):
    c = Client()
    r = password_login(c)
    assert r.status_code == 302 and r["Location"].startswith("/konto/totp/opsaet/")
    assert c.get("/mit-arbejde/")["Location"].startswith("/konto/totp/opsaet/"), "nothing before the second factor"
    page = c.get(r["Location"]).content.decode()
    assert "<svg" in page, "a QR code to scan"
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert len(secret.replace(" ", "")) >= 32
    device = TOTPDevice.objects.get(user=users["caseworker"], confirmed=False)
    r = c.post("/konto/totp/opsaet/", {"otp_token": "000000" if code(device) != "000000" else "111111"})
    assert r.status_code == 200 and "not right" in r.content.decode()
    unthrottle()
    r = c.post("/konto/totp/opsaet/?next=/mit-arbejde/", {"otp_token": code(device)})
    assert r.status_code == 302 and r["Location"].startswith("/konto/totp/reservekoder/")
    backup = c.get(r["Location"]).content.decode()
    codes = re.findall(r"<code>(\d{4} \d{4})</code>", backup)
    assert len(codes) == 10
    assert c.get("/mit-arbejde/").status_code == 200
    assert LogEntry.objects.filter(action_type="accounts.two_factor.enrolled").exists()
    # Shown once only.
    assert c.get("/konto/totp/reservekoder/").status_code == 302

    c2 = Client()
    r = password_login(c2)
    assert r["Location"].startswith("/konto/totp/?")
    assert c2.get("/konto/totp/opsaet/")["Location"].startswith("/konto/totp/?"), \
        "a password alone cannot set up another authenticator"
    r = c2.post("/konto/totp/", {"otp_token": "123"})
    assert "not right" in r.content.decode()
    unthrottle()
    device.refresh_from_db()
    r = c2.post("/konto/totp/", {"otp_token": code(device, 1), "next": "/mit-arbejde/"})
    assert r.status_code == 302 and r["Location"] == "/mit-arbejde/"
    assert c2.get("/mit-arbejde/").status_code == 200

    # A backup code works once.
    c3 = Client()
    password_login(c3)
    assert c3.post("/konto/totp/", {"otp_token": codes[0]}).status_code == 302
    assert c3.get("/mit-arbejde/").status_code == 200
    c4 = Client()
    password_login(c4)
    assert c4.post("/konto/totp/", {"otp_token": codes[0]}).status_code == 200, "a used backup code is spent"


def test_wrong_codes_count_towards_the_lockout(users):
    device = TOTPDevice.objects.create(user=users["caseworker"], name="app", confirmed=True)
    c = Client()
    password_login(c)
    for _ in range(4):
        assert c.post("/konto/totp/", {"otp_token": "000001"}).status_code == 200
    r = c.post("/konto/totp/", {"otp_token": "000002"})
    assert r.status_code == 429 and "locked" in r.content.decode().lower() or "spærret" in r.content.decode()
    assert c.get("/mit-arbejde/")["Location"].startswith("/login/"), "logged out"
    r = password_login(Client())
    assert r.status_code == 429, "the user name is locked, also for the password step"
    assert device.pk


def test_demo_flag_skips_the_second_factor_only_when_set(users, settings):
    settings.FOREBYG_DEMO_SKIP_2FA = True
    c = Client()
    assert password_login(c)["Location"] == "/"
    assert c.get("/mit-arbejde/").status_code == 200


def test_administrator_resets_a_lost_authenticator(users, login):
    TOTPDevice.objects.create(user=users["caseworker"], name="app", confirmed=True)
    admin = login(users["administrator"])
    page = admin.get("/konto/brugere/").content.decode()
    assert "Caseworker" in page
    assert admin.post(f"/konto/brugere/{users['caseworker'].pk}/nulstil-totp/").status_code == 302
    assert not TOTPDevice.objects.filter(user=users["caseworker"]).exists()
    assert LogEntry.objects.filter(action_type="accounts.two_factor.reset").exists()
    assert login(users["manager"]).post(f"/konto/brugere/{users['caseworker'].pk}/nulstil-totp/").status_code == 403
