# SPDX-License-Identifier: MPL-2.0
"""Locust scenario: a day's mix of caseworkers, team leaders, a manager and an integration.

Run by bench/load/run.py (which prepares the sessions in FOREBYG_LOAD_USERS); by hand:

    FOREBYG_LOAD_USERS=users.json .venv/bin/locust -f bench/load/locustfile.py --headless \\
        -u 50 -r 10 -t 60s --host http://127.0.0.1:8010

* Caseworkers (most users): the start page "Mit arbejde", a child's page, and now and then a
  follow-up recorded through the form (GET the form, POST it, follow the redirect is not counted).
* Team leaders: the team page and the team's deadline overview.
* A manager: the overview and the key-figure dashboard.
* An integration: API lists of children and deadlines.
With FOREBYG_LOAD_MIX=baseline only the login page is asked for (the baseline); with
FOREBYG_LOAD_MIX=readonly the follow-ups are left out (nothing is written).
Every simulated user thinks FOREBYG_LOAD_THINK seconds between requests ("min,max"; run.py: 5-15, stress 1-3)."""

from __future__ import annotations

import json
import os
import random
import re
from datetime import datetime
from itertools import count
from zoneinfo import ZoneInfo

from locust import FastHttpUser, between, task

POOLS = json.loads(open(os.environ["FOREBYG_LOAD_USERS"], encoding="utf-8").read())
# "baseline": only the login page (the baseline run.py measures in the same run as the mix).
BASELINE = os.environ.get("FOREBYG_LOAD_MIX", "") == "baseline"
# "readonly": the mix without the follow-ups recorded (no writes: what the reused deadline
# computations save when no child changes between two requests, bench/load/RESULTS.md).
READONLY = os.environ.get("FOREBYG_LOAD_MIX", "") == "readonly"
# Seconds a simulated user thinks between two requests: "min,max" (run.py --think).
THINK = tuple(float(x) for x in os.environ.get("FOREBYG_LOAD_THINK", "5,15").split(","))
COOKIE = POOLS["cookie_name"]
_next = {role: count() for role in ("caseworker", "team_leader", "manager", "api")}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CPH = ZoneInfo("Europe/Copenhagen")


def _take(role: str) -> dict:
    pool = POOLS[role]
    return pool[next(_next[role]) % len(pool)]


class Baseline(FastHttpUser):
    """The login page, anonymous: no query, one template (the pages' CPU baseline, bench/pages.py)."""

    abstract = not BASELINE
    wait_time = between(*THINK)

    @task
    def login_page(self) -> None:
        self.client.get("/login/", name="baseline: login page")


class Page(FastHttpUser):
    abstract = True
    wait_time = between(*THINK)
    role = ""

    def on_start(self) -> None:
        self.identity = _take(self.role)
        self.cookies = {COOKIE: self.identity["session"]}

    def headers(self) -> dict:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def page(self, url: str, name: str):
        with self.client.get(url, name=name, headers=self.headers(), allow_redirects=False,
                             catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} for {url}")
            return r


class Caseworker(Page):
    abstract = BASELINE
    weight = 8
    role = "caseworker"

    def child(self) -> str:
        return random.choice(self.identity["children"])

    @task(4)
    def start_page(self) -> None:
        self.page("/mit-arbejde/", "caseworker: start page (Mit arbejde)")

    @task(4)
    def child_page(self) -> None:
        self.page(f"/boern/{self.child()}/", "caseworker: child page")

    @task(0 if READONLY else 1)
    def record_followup(self) -> None:
        child = self.child()
        url = f"/boern/{child}/followup/"
        form = self.page(url, "caseworker: follow-up form")
        match = CSRF.search(form.text or "")
        if not match:
            return
        set_cookie = form.headers.get("Set-Cookie") or []
        for cookie in set_cookie if isinstance(set_cookie, list) else [set_cookie]:
            name, _eq, rest = cookie.partition("=")
            if name.strip().endswith("csrftoken"):
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        now = datetime.now(CPH).strftime("%Y-%m-%dT%H:%M")
        with self.client.post(url, data={"csrfmiddlewaretoken": match.group(1), "held_at": now,
                                         "note": "Opfølgning (belastningstest)"},
                              headers={**self.headers(), "Referer": f"{self.host}{url}"},
                              name="caseworker: record follow-up (save)", allow_redirects=False,
                              catch_response=True) as r:
            if r.status_code != 302:
                r.failure(f"{r.status_code}: the follow-up was not saved")


class TeamLeader(Page):
    abstract = BASELINE
    weight = 1
    role = "team_leader"

    @task(1)
    def team(self) -> None:
        self.page("/team/", "team leader: team page")

    @task(2)
    def deadlines(self) -> None:
        self.page("/frister/team/", "team leader: deadline overview")


class Manager(Page):
    abstract = BASELINE
    fixed_count = 1  # the municipality's manager
    role = "manager"

    @task(2)
    def overview(self) -> None:
        self.page("/overblik/", "manager: overview (dashboard)")

    @task(1)
    def key_figures(self) -> None:
        self.page("/noegletal/", "manager: key-figure dashboard")


class Integration(FastHttpUser):
    abstract = BASELINE
    fixed_count = 2  # two systems polling the API
    wait_time = between(*THINK)

    def on_start(self) -> None:
        self.auth = {"Authorization": f"Bearer {_take('api')['token']}"}

    @task(2)
    def children(self) -> None:
        self.client.get("/api/v1/children?limit=50", headers=self.auth, name="api: children (50)")

    @task(1)
    def deadlines(self) -> None:
        self.client.get("/api/v1/deadlines/mine?limit=50", headers=self.auth, name="api: my deadlines (50)")
