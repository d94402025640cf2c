# SPDX-License-Identifier: MPL-2.0
"""Browser tests: Playwright driving Debian's Chromium against the live test server,
with an axe-core accessibility check (no serious or critical violations) on every page."""

import os
import shutil
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("FOREBYG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


# On SQLite the live server's request threads and the test itself share one in-memory
# connection, and Django's transaction state on it is not thread-safe: a chart image requested
# while the page's own request held a transaction failed with "database table is locked" and
# left the connection broken for every later test. Requests are therefore handled one at a
# time, and the test's own queries wait for the request in progress. Chromium still opens
# several connections; only the application calls are serialised.
_SERIAL = threading.RLock()


class _SerialWSGIServer(ThreadedWSGIServer):
    def set_app(self, application):
        def serial(environ, start_response):
            with _SERIAL:
                return application(environ, start_response)

        super().set_app(serial)


def _serial_query(execute, sql, params, many, context):
    with _SERIAL:
        return execute(sql, params, many, context)


@pytest.fixture(autouse=True, scope="session")
def _serial_live_server():
    from django.test.testcases import LiveServerThread

    before = LiveServerThread.server_class
    LiveServerThread.server_class = _SerialWSGIServer
    yield
    LiveServerThread.server_class = before


@pytest.fixture(autouse=True)
def _serial_test_queries():
    with connection.execute_wrapper(_serial_query):
        yield


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `./run test` installs Debian's chromium package")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


class Session:
    """One logged-in user in a browser page, checking accessibility on every page it opens."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base = base_url
        self.checked: set[str] = set()
        # The content security policy must never have to block anything on our own pages.
        self.csp_violations: list[str] = []
        self.page.on("console", lambda msg: self.csp_violations.append(msg.text)
                     if "Content Security Policy" in msg.text else None)

    def login(self, username, password="pw"):
        token = totp_for(username)  # every user logs in with a second factor (issue #4)
        self.goto("/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()
        assert "/login/" not in self.page.url, "login failed"
        if "/konto/totp/" in self.page.url:
            self.a11y()
            self.page.fill("#id_otp_token", token())
            self.page.click("main button[type=submit]")
            self.page.wait_for_load_state()
            assert "/konto/totp/" not in self.page.url, "second factor failed"
        self.a11y()

    def goto(self, path):
        self.page.goto(self.base + path)
        self.a11y()

    def submit(self):
        self.page.click("main form.stacked button[type=submit]")
        self.page.wait_for_load_state()
        self.a11y()

    def a11y(self):
        from axe_playwright_python.sync_playwright import Axe

        assert not self.csp_violations, f"content security policy violations: {self.csp_violations}"
        key = self.page.url.split("?")[0]
        if key in self.checked:
            return
        self.checked.add(key)
        results = Axe().run(self.page)
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        assert not bad, f"accessibility violations on {key}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']}" for v in bad)

    def close(self):
        self.context.close()


def totp_for(username):
    """A confirmed authenticator for the test user, and a function giving its current code."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from forebyg.accounts.models import User

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)

    def token():
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the same user may log in twice within 30 s
        return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"

    return token


@pytest.fixture
def session_for(browser, live_server):
    sessions = []

    def make(username, password="pw"):
        s = Session(browser, live_server.url)
        s.login(username, password)
        sessions.append(s)
        return s

    yield make
    for s in sessions:
        s.close()
