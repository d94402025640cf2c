# SPDX-License-Identifier: MPL-2.0
"""Sessions end after inactivity; strict security headers and content security policy; production
settings are HTTPS-only and refuse to start without the CPR keys; no inline script or style."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def now(monkeypatch):
    """The wall clock the session timeout reads, movable."""
    from datetime import datetime

    from forebyg.accounts import middleware

    class Clock:
        value = datetime(2026, 3, 3, 10, 0)

        def set(self, moment):
            self.value = moment

    c = Clock()
    monkeypatch.setattr(middleware, "wall_clock", lambda: c.value.timestamp())
    return c


def test_idle_session_is_logged_out_with_a_message(login, users, now, settings):
    c = login(users["caseworker"])
    assert c.get("/mit-arbejde/").status_code == 200
    now.set(now.value + timedelta(minutes=settings.FOREBYG_IDLE_MINUTES - 1))
    assert c.get("/mit-arbejde/").status_code == 200, "activity keeps the session alive"
    now.set(now.value + timedelta(minutes=settings.FOREBYG_IDLE_MINUTES + 1))
    r = c.get("/mit-arbejde/")
    assert r.status_code == 302 and r["Location"].startswith("/login/?next=/mit-arbejde/")
    page = c.get(r["Location"]).content.decode()
    assert "without activity" in page or "uden aktivitet" in page
    assert c.get("/mit-arbejde/")["Location"].startswith("/login/")


def test_session_ends_after_the_working_day_even_when_active(login, users, now, settings):
    c = login(users["caseworker"])
    c.get("/mit-arbejde/")
    for _ in range(settings.FOREBYG_SESSION_MAX_HOURS * 3):
        now.set(now.value + timedelta(minutes=20))
        c.get("/mit-arbejde/")
    now.set(now.value + timedelta(minutes=20))
    assert c.get("/mit-arbejde/")["Location"].startswith("/login/")


def test_security_headers_and_csp(login, users, client):
    r = login(users["caseworker"]).get("/mit-arbejde/")
    csp = r["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert "unsafe" not in csp and "http" not in csp
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["Cross-Origin-Opener-Policy"] == "same-origin"
    assert r["X-Frame-Options"] == "DENY"
    assert "camera=()" in r["Permissions-Policy"] and "geolocation=()" in r["Permissions-Policy"]
    assert "no-store" in r["Cache-Control"], "pages with personal data are not cached"
    login_page = client.get("/login/")
    assert "Content-Security-Policy" in login_page
    cookie = login_page.cookies["csrftoken"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_templates_have_no_inline_script_or_style():
    """The CSP forbids inline script and style; keep the templates free of them. A print stylesheet
    (`@page`) in a template rendered to PDF by WeasyPrint never reaches a browser and may stay."""
    bad = []
    for path in list(ROOT.glob("forebyg/**/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        pdf_only = "@page" in text and "{% extends" not in text
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style", r"\sstyle=", r"\son[a-z]+=\"", r"javascript:",
                        r"https?://(?!data\.gov\.dk)[^\s\"']+\.(js|css)"):
            if re.search(pattern, text, re.IGNORECASE) and not (pdf_only and pattern == r"<style"):
                bad.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert not bad, "\n".join(bad)


def _production(env_extra: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOREBYG_")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", "FOREBYG_SECRET_KEY": "x" * 50,
                "FOREBYG_ALLOWED_HOSTS": "forebyg.example"}, **env_extra)
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_NAME, s.FOREBYG_DEMO_SKIP_2FA)")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_cpr_keys():
    r = _production({})
    assert r.returncode != 0 and "FOREBYG_CPR_KEY" in r.stderr


def test_production_is_https_only_with_two_factor():
    from cryptography.fernet import Fernet

    r = _production({"FOREBYG_CPR_KEY": Fernet.generate_key().decode(), "FOREBYG_CPR_HASH_KEY": "h" * 40,
                     "FOREBYG_DEMO_SKIP_2FA": "1"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["True", "True", "31536000", "True", "__Host-sessionid", "False"]


def test_deploy_check_rejects_demo_settings(settings):
    from forebyg.security.checks import forebyg_security

    settings.FOREBYG_DEMO_SKIP_2FA = True
    ids = {e.id for e in forebyg_security(None)}
    assert {"forebyg.E001", "forebyg.E002", "forebyg.E003"} <= ids
