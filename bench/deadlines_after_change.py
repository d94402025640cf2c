# SPDX-License-Identifier: MPL-2.0
"""Benchmark: the CPU of the pages that run the deadline engine over a team or the municipality,
unchanged and right after a caseworker recorded a follow-up (issue #20).

Under the load mix caseworkers record about two follow-ups a second, so a team leader's or a
manager's request nearly always finds one child changed since the last. In one process against the
demo municipality (SQLite, a copy of `--var-dir`'s database, the local settings, Django's test
client): the team page (/team/) and the team's deadline overview (/frister/team/) as the team
leader of the demo caseworker's team, the manager's overview (/overblik/) as the manager. Per page:
`--warm` requests, then the median CPU time (`time.process_time`) of `--reps` requests with nothing
changed, and of `--reps` requests each right after a follow-up recorded for one of the caseworker's
children (through `practice.followup_record`, the service the follow-up form uses; not measured).

    .venv/bin/python bench/deadlines_after_change.py --var-dir /tmp/bench-var [--reps 15]
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
p.add_argument("--var-dir", default=os.environ.get("FOREBYG_VAR_DIR", "/tmp/forebyg-bench-pages"))
p.add_argument("--reps", type=int, default=15)
p.add_argument("--warm", type=int, default=3)
p.add_argument("--page", action="append", choices=["team", "deadlines", "overview"])
p.add_argument("--profile", choices=["team", "deadlines", "overview"], help="a cProfile of PAGE after changes")
ARGS = p.parse_args()
os.environ["FOREBYG_VAR_DIR"] = ARGS.var_dir
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
VAR = Path(ARGS.var_dir)
COPY = VAR / f"bench-change-{os.getpid()}.sqlite3"
shutil.copyfile(VAR / "forebyg.sqlite3", COPY)
atexit.register(lambda: [f.unlink(missing_ok=True) for f in VAR.glob(COPY.name + "*")])
os.environ["DATABASE_URL"] = f"sqlite:///{COPY}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from forebyg.accounts.models import User  # noqa: E402
from forebyg.cases import models as m  # noqa: E402
from forebyg.cases.services import practice  # noqa: E402
from forebyg.cases.services.demo import DEMO_MUNICIPALITY  # noqa: E402
from forebyg.core import clock  # noqa: E402

PAGES = {"team": ("team page", "teamleder", "/team/"),
         "deadlines": ("team's deadline overview", "teamleder", "/frister/team/"),
         "overview": ("manager's overview", "leder", "/overblik/")}


def main() -> None:
    call_command("migrate", verbosity=0)
    from django.db import connection

    with connection.cursor() as cursor:  # fresh planner statistics, as bench/pages.py (a migration may drop them)
        cursor.execute("PRAGMA analysis_limit=2000")
        cursor.execute("ANALYZE")
    with scopes_disabled():
        cw = User.objects.get(username="raadgiver")
        leader = User.objects.get(username="teamleder")
        if leader.team_id != cw.team_id:
            User.objects.filter(pk=leader.pk).update(team_id=cw.team_id)
        children = list(m.Child.objects.filter(
            pk__in=m.Case.objects.filter(caseworker=cw, closed_at__isnull=True).values("child_id")).order_by("pk")[:50])
        clients = {}
        for who in {w for _t, w, _u in PAGES.values()}:
            c = Client(HTTP_HOST="127.0.0.1")
            c.force_login(User.objects.get(username=who))
            clients[who] = c
    n = [0]

    def change() -> None:
        child = children[n[0] % len(children)]
        n[0] += 1
        with scope(municipality=[DEMO_MUNICIPALITY]):
            practice.followup_record(actor=cw, child=child, held_at=clock.now(), note="Opfølgning (måling)",
                                     next_due=None)

    def one(client, url) -> float:
        t0 = time.process_time()
        r = client.get(url)
        spent = time.process_time() - t0
        if r.status_code != 200:
            raise SystemExit(f"{url}: HTTP {r.status_code}")
        return spent

    if ARGS.profile:
        import cProfile
        import pstats

        _t, who, url = PAGES[ARGS.profile]
        for _ in range(ARGS.warm):
            one(clients[who], url)
        prof = cProfile.Profile()
        for _ in range(ARGS.reps):
            change()
            prof.enable()
            one(clients[who], url)
            prof.disable()
        pstats.Stats(prof).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(40)
        return
    print(f"{len(children)} children of the caseworker take turns; median of {ARGS.reps} requests, ms CPU")
    for key in ARGS.page or list(PAGES):
        title, who, url = PAGES[key]
        client = clients[who]
        for _ in range(ARGS.warm):
            one(client, url)
        unchanged = statistics.median(one(client, url) for _ in range(ARGS.reps))
        after = []
        for _ in range(ARGS.reps):
            change()
            after.append(one(client, url))
        print(f"  {title:28s} unchanged {unchanged * 1000:8.1f}   after a change {statistics.median(after) * 1000:8.1f}",
              flush=True)


main()
