# SPDX-License-Identifier: MPL-2.0
"""The CPU the load test's requests cost, in one process, under the production settings (issue #20).

The load test's throughput is bounded by the application's CPU per request; on a shared machine
Locust's rates say little, but the CPU a request costs in one process (`time.process_time`) does
not depend on what else runs. This requests the login page (anonymous, the baseline) and each
request of the Locust mix (bench/load/locustfile.py) through Django's test client, as real
logged-in users with the second factor passed (the sessions bench/load/prepare.py makes), against
the load test's database, and prints each one's median CPU and queries, and the mix's mean CPU per
request weighted as Locust sends them at 200 users.

    .venv/bin/python bench/load/request_cost.py --database-url postgres://postgres@127.0.0.1:54340/forebyg
    .venv/bin/python bench/load/request_cost.py --database-url ... --profile child   # a cProfile of one request (or "mix": all)

The team page, the team's deadline overview and the manager's overview are measured twice: as
asked again with nothing changed, and after a change to one of their children (a new revision, as a
follow-up recorded by a caseworker gives it), which is how the load test's writes make them run;
the mix is weighted with the second.

Every request goes through the whole middleware stack and the database connection handling
(`CONN_MAX_AGE`) as under gunicorn; what it does not count is gunicorn's own parsing and writing.
Not part of the test suite."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

# Requests per Locust user choosing a task (the followup task sends two), and users at 200.
USERS_AT_200 = {"caseworker": 175, "team_leader": 22, "manager": 1, "api": 2}
MIX = {  # name: (role, share of that role's requests)
    "login": (None, 0),  # not in the mix (share 0): the baseline
    "fixed: healthz, anonymous": (None, 0),
    "fixed: healthz, logged in": ("caseworker", 0),
    "fixed: a page, logged in": ("caseworker", 0),
    "start page (Mit arbejde)": ("caseworker", 4 / 10),
    "child page": ("caseworker", 4 / 10),
    "follow-up form": ("caseworker", 1 / 10),
    "record follow-up (save)": ("caseworker", 1 / 10),
    # These reuse the deadline engine's result until a child of theirs changes (forebyg.deadlines.reuse).
    # Under load every one of them follows a change (the follow-ups the caseworkers record, about two a
    # second at 200 users, in every team), so the mix weighs them "after a change": one of their
    # children is given a new revision, as a follow-up does, before each request (not counted).
    "team page": ("team_leader", 0),
    "team page, after a change": ("team_leader", 1 / 3),
    "deadline overview": ("team_leader", 0),
    "deadline overview, after a change": ("team_leader", 2 / 3),
    "overview (dashboard)": ("manager", 0),
    "overview (dashboard), after a change": ("manager", 2 / 3),
    "key-figure dashboard": ("manager", 1 / 3),
    "api: children (50)": ("api", 2 / 3),
    "api: my deadlines (50)": ("api", 1 / 3),
}


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--database-url", required=True, help="the load test's database (bench/load/run.py --build)")
    p.add_argument("--reps", type=int, default=20, help="measured requests of each kind (default 20)")
    p.add_argument("--warm", type=int, default=3, help="warm-up requests of each kind (default 3)")
    p.add_argument("--municipality", type=int, default=657)
    p.add_argument("--python-gc", action="store_true",
                   help="keep Python's garbage collector settings (the server tunes them: forebyg.core.runtime)")
    p.add_argument("--profile", metavar="NAME", help="a cProfile of the requests whose name contains NAME")
    p.add_argument("--only", metavar="NAME", help="measure only the requests whose name contains NAME (and login)")
    return p.parse_args()


def _peak_mb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> int:
    args = parse()
    from run import env_for

    var = Path(os.environ.get("FOREBYG_VAR_DIR", "/tmp/forebyg-request-cost"))
    var.mkdir(parents=True, exist_ok=True)
    for key, value in env_for(args.database_url, var).items():
        if key.startswith(("FOREBYG_", "DJANGO_", "DATABASE_")):
            os.environ[key] = value
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scopes_disabled
    from prepare import session_cookie

    from forebyg.accounts.models import User
    from forebyg.api.tokens import token_create
    from forebyg.cases import models as m
    from forebyg.cases.revisions import touch

    with scopes_disabled():
        base = User.objects.filter(municipality_id=args.municipality, is_active=True)
        caseworker = next(u for u in base.filter(role="caseworker").order_by("ext_id")
                          if m.Case.objects.filter(caseworker=u, closed_at__isnull=True).exists())
        children = list(m.Case.objects.filter(caseworker=caseworker, closed_at__isnull=True)
                        .values_list("child_id", flat=True)[:40])
        # A team leader whose team has open cases: the demo's first team (the receiving unit's) has
        # none, and its empty team page is not what the load test's team leaders open.
        def team_cases(leader):
            return m.Case.objects.filter(closed_at__isnull=True).filter(
                Q(team_id=leader.team_id) | Q(caseworker__team_id=leader.team_id))

        leader = next(u for u in base.filter(role="team_leader", team__isnull=False).order_by("ext_id")
                      if team_cases(u).exists())
        team_children = list(team_cases(leader).values_list("child_id", flat=True)[:40])
        manager = base.filter(role="manager").order_by("ext_id").first()
        token = token_create(actor=None, user=caseworker, name="request cost", days=1).secret
        sessions = {"caseworker": session_cookie(caseworker), "team_leader": session_cookie(leader),
                    "manager": session_cookie(manager)}

    def client(role: str | None) -> Client:
        c = Client(HTTP_HOST="127.0.0.1")
        if role in sessions:
            c.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
        return c

    clients = {role: client(role) for role in (None, "caseworker", "team_leader", "manager", "api")}
    api = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    cph = ZoneInfo("Europe/Copenhagen")

    def followup_post(c: Client, i: int):
        url = f"/boern/{children[i % len(children)]}/followup/"  # the test client checks no CSRF token
        return c.post(url, {"held_at": datetime.now(cph).strftime("%Y-%m-%dT%H:%M"),
                            "note": "Opfølgning (belastningstest)"})

    requests = {
        "login": lambda c, i: c.get("/login/"),
        # The fixed cost of every request: the health check's one query, through the whole middleware
        # stack, without and with a logged-in user (session, user, second factor, headers).
        "fixed: healthz, anonymous": lambda c, i: c.get("/healthz"),
        "fixed: healthz, logged in": lambda c, i: c.get("/healthz"),
        # ... and the page around every page's content (base.html: navigation, the user's name, the
        # language form), on the lightest page there is: "not found" (404.html, two sentences).
        "fixed: a page, logged in": lambda c, i: c.get("/konto/findes-ikke/"),
        "start page (Mit arbejde)": lambda c, i: c.get("/mit-arbejde/"),
        "child page": lambda c, i: c.get(f"/boern/{children[i % len(children)]}/"),
        "follow-up form": lambda c, i: c.get(f"/boern/{children[i % len(children)]}/followup/"),
        "record follow-up (save)": followup_post,
        "team page": lambda c, i: c.get("/team/"),
        "team page, after a change": lambda c, i: c.get("/team/"),
        "deadline overview": lambda c, i: c.get("/frister/team/"),
        "deadline overview, after a change": lambda c, i: c.get("/frister/team/"),
        "overview (dashboard)": lambda c, i: c.get("/overblik/"),
        "overview (dashboard), after a change": lambda c, i: c.get("/overblik/"),
        "key-figure dashboard": lambda c, i: c.get("/noegletal/"),
        "api: children (50)": lambda c, i: c.get("/api/v1/children?limit=50", **api),
        "api: my deadlines (50)": lambda c, i: c.get("/api/v1/deadlines/mine?limit=50", **api),
    }
    expected = {"record follow-up (save)": 302, "fixed: a page, logged in": 404}
    # Before each request of these (not counted): one child of theirs changes.
    before = {"team page, after a change": lambda i: touch([team_children[i % len(team_children)]]),
              "deadline overview, after a change": lambda i: touch([team_children[i % len(team_children)]]),
              "overview (dashboard), after a change": lambda i: touch([children[i % len(children)]])}
    chosen = [n for n in requests if n == "login" or n.startswith("fixed") or not args.only or args.only in n]
    if args.profile:
        import cProfile
        import pstats

        names = [n for n in requests if args.profile in n or args.profile == "mix" and MIX[n][1]]
        for name in names:
            for i in range(args.warm):
                requests[name](clients[MIX[name][0]], i)
        prof = cProfile.Profile(time.process_time)  # CPU, not waiting for the database
        prof.enable()
        for name in names:
            for i in range(args.reps):
                if name in before:
                    prof.disable()
                    before[name](i)
                    prof.enable()
                requests[name](clients[MIX[name][0]], i)
        prof.disable()
        if os.environ.get("BENCH_DUMP"):
            prof.dump_stats(os.environ["BENCH_DUMP"])
        pstats.Stats(prof).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(
            int(os.environ.get("BENCH_LINES", "60")))
        return 0

    import gc

    gc_time = [0.0, 0, 0.0]  # seconds in the garbage collector, collections, start of the current one

    def gc_clock(phase: str, info: dict) -> None:
        if phase == "start":
            gc_time[2] = time.process_time()
        else:
            gc_time[0] += time.process_time() - gc_time[2]
            gc_time[1] += 1

    if not args.python_gc:  # as config/wsgi.py does in the server
        from forebyg.core.runtime import tune_garbage_collector

        tune_garbage_collector()
    gc.callbacks.append(gc_clock)
    t_all = time.process_time()
    cpu: dict[str, float] = {}
    queries: dict[str, int] = {}
    for name in chosen:
        c = clients[MIX[name][0]]
        for i in range(args.warm):
            if name in before:
                before[name](i)
            r = requests[name](c, i)
            if r.status_code != expected.get(name, 200):
                raise SystemExit(f"{name}: HTTP {r.status_code}")
        times = []
        for i in range(args.reps):
            if name in before:
                before[name](args.warm + i)
            t0 = time.process_time()
            requests[name](c, args.warm + i)
            times.append(time.process_time() - t0)
        if name in before:
            before[name](0)
        with CaptureQueriesContext(connection) as ctx:
            requests[name](c, 0)
        cpu[name] = statistics.median(times) * 1000
        queries[name] = len(ctx.captured_queries)
    t_all = time.process_time() - t_all
    print(f"garbage collector: {gc_time[0] * 1000:.0f} ms of CPU in {gc_time[1]} collections, "
          f"{gc_time[0] / t_all:.1%} of the {t_all:.1f} s measured; thresholds {gc.get_threshold()}, "
          f"{len(gc.get_objects()):,} objects tracked, peak memory {_peak_mb()} MB")
    login = cpu["login"]
    print(f"{'request':<38} {'CPU ms':>7} {'x login':>8} {'queries':>8}")
    for name in chosen:
        print(f"{name:<38} {cpu[name]:7.1f} {cpu[name] / login:8.1f} {queries[name]:8d}")
    if len(chosen) == len(requests):
        total = sum(USERS_AT_200.values())
        weights = {n: USERS_AT_200[role] / total * share for n, (role, share) in MIX.items() if role and share}
        mean = sum(cpu[n] * w for n, w in weights.items()) / sum(weights.values())
        print(f"the mix at 200 users, weighted: {mean:.1f} ms of CPU per request ({mean / login:.1f} x login); "
              f"{1000 / mean * (os.cpu_count() or 1):.0f} requests/s on {os.cpu_count()} cores if nothing else ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
