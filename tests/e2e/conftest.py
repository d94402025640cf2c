# SPDX-License-Identifier: MPL-2.0
"""Browser tests: Playwright driving Debian's Chromium against the live test server,
with an axe-core accessibility check (no serious or critical violations) on every page."""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("FOREBYG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


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

    def login(self, username, password="pw"):
        self.goto("/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()
        assert "/login/" not in self.page.url, "login failed"
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
