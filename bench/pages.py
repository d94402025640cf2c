# SPDX-License-Identifier: MPL-2.0
"""Benchmark: the CPU a caseworker's pages cost, as a multiple of the login page's (issue #20).

In one process, against the demo municipality (built into `--var-dir` when it is not there yet,
SQLite, the local settings), for caseloads of 25, 100 and 400 children per caseworker: the demo
caseworker ("raadgiver") and every other caseworker of their team get exactly that many open
cases (open cases are moved between caseworkers, nothing else changes), so the team's deadline
overview covers the team's caseworkers times the caseload. Then each page is requested through
Django's test client as the role that uses it — the login page (anonymous, the baseline), a child
page, "Mit arbejde", "Mine frister" (caseworker), the inbox (receiving unit), the team's deadline
overview (team leader) — `--reps` times after `--warm` warm-up requests, and the median CPU time
(`time.process_time`, robust against other processes on a busy machine) is compared with the
login page's median from the same run.

    FOREBYG_VAR_DIR=/tmp/bench-var .venv/bin/python bench/pages.py            # writes bench/RESULTS-pages.md
    .venv/bin/python bench/pages.py --var-dir /tmp/bench-var --children 8000 --reps 30 --no-write
    .venv/bin/python bench/pages.py --profile team --caseload 400              # a cProfile of one page
    .venv/bin/python bench/pages.py --page inbox --page team --no-write      # some pages (and the login page)
"""

from __future__ import annotations

import argparse
import atexit
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CASELOADS = (25, 100, 400)
TARGET = 5.0


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--var-dir", default=os.environ.get("FOREBYG_VAR_DIR", "/tmp/forebyg-bench-pages"),
                   help="the demo's var dir (SQLite database); built there when empty")
    p.add_argument("--children", type=int, default=8000, help="children of the demo municipality when built")
    p.add_argument("--caseload", type=int, action="append", help="children per caseworker (default 25, 100, 400)")
    p.add_argument("--reps", type=int, default=25, help="measured requests per page and caseload")
    p.add_argument("--warm", type=int, default=3, help="warm-up requests per page and caseload")
    p.add_argument("--no-write", action="store_true", help="print only; do not update bench/RESULTS-pages.md")
    p.add_argument("--page", action="append", metavar="PAGE",
                   help="measure only these pages (login, child, my_work, my_deadlines, inbox, team); the login "
                        "page is always measured, as the baseline")
    p.add_argument("--profile", metavar="PAGE", help="print a cProfile of PAGE (e.g. team, child, inbox)")
    return p.parse_args()


ARGS = parse()
os.environ["FOREBYG_VAR_DIR"] = ARGS.var_dir
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ.pop("DATABASE_URL", None)
VAR = Path(ARGS.var_dir)
VAR.mkdir(parents=True, exist_ok=True)
if not (VAR / "forebyg.sqlite3").exists():  # the demo, as `forebyg demo` builds it
    print(f"building the demo ({ARGS.children} children) in {VAR} ...", flush=True)
    subprocess.run([sys.executable, "-m", "forebyg.cli", "demo", "--no-serve", "--children", str(ARGS.children)],
                   cwd=ROOT, check=True)
# The caseloads are set by moving cases around: in a copy, so that the demo stays as built and
# every run starts from the same data.
COPY = VAR / f"bench-pages-{os.getpid()}.sqlite3"
shutil.copyfile(VAR / "forebyg.sqlite3", COPY)
atexit.register(lambda: [p.unlink(missing_ok=True) for p in VAR.glob(COPY.name + "*")])
os.environ["DATABASE_URL"] = f"sqlite:///{COPY}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from forebyg.accounts.models import Role, User  # noqa: E402
from forebyg.cases import models as m  # noqa: E402
from forebyg.cases.revisions import touch  # noqa: E402
from forebyg.cases.services.demo import DEMO_MUNICIPALITY  # noqa: E402

PAGES = [  # (key, what the results call it, who asks)
    ("login", "login page (baseline)", None),
    ("child", "child page", "raadgiver"),
    ("my_work", "Mit arbejde", "raadgiver"),
    ("my_deadlines", "Mine frister", "raadgiver"),
    ("inbox", "inbox (Underretninger)", "modtagelse"),
    ("team", "team's deadline overview", "teamleder"),
]


def prepare() -> None:
    call_command("migrate", verbosity=0)
    # Fresh planner statistics, as the demo's import leaves them (cases.services.interchange): a
    # migration that rebuilds a SQLite table (ALTER TABLE on an older demo) drops that table's
    # statistics, and without them SQLite reads the inbox's children through the municipality
    # index (some 40 ms a request on this demo instead of under 1 ms).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=2000")
        cursor.execute("ANALYZE")


def set_caseload(caseload: int) -> tuple[User, list[str], int]:
    """Give the demo caseworker and each caseworker of their team exactly `caseload` children with
    an open case (each child's latest case, reopened when closed; every other open case of the team
    goes to a caseworker of another team); the team leader leads that team. Returns the caseworker,
    their children, and the number of children in the team's overview."""
    with scopes_disabled():
        cw = User.objects.get(username="raadgiver")
        leader = User.objects.get(username="teamleder")
        if leader.team_id != cw.team_id:
            User.objects.filter(pk=leader.pk).update(team_id=cw.team_id)
        team = list(User.objects.filter(team_id=cw.team_id, role=Role.CASEWORKER, is_active=True).order_by("ext_id"))
        team.sort(key=lambda u: u.pk != cw.pk)
        others = list(User.objects.filter(municipality_id=DEMO_MUNICIPALITY, role=Role.CASEWORKER, is_active=True)
                      .exclude(team_id=cw.team_id).order_by("ext_id"))
        cases = m.Case.objects.filter(municipality_id=DEMO_MUNICIPALITY)
        latest: dict[str, str] = {}
        for pk, child_id in cases.order_by("opened_at", "pk").values_list("pk", "child_id"):
            latest[child_id] = pk
        children = sorted(latest)
        if len(children) < caseload * len(team):
            raise SystemExit(f"{len(children)} children with a case: too few for {len(team)} x {caseload}")
        chosen: dict[str, User] = {}
        for i, user in enumerate(team):
            for child_id in children[i * caseload:(i + 1) * caseload]:
                chosen[latest[child_id]] = user
        touched: set[str] = set()
        for i, (pk, child_id) in enumerate(cases.filter(closed_at__isnull=True, caseworker__in=team)
                                           .exclude(pk__in=list(chosen)).values_list("pk", "child_id")):
            other = others[i % len(others)]
            cases.filter(pk=pk).update(caseworker=other, team_id=other.team_id)
            touched.add(child_id)
        for user in team:
            mine = [pk for pk, u in chosen.items() if u.pk == user.pk]
            for start in range(0, len(mine), 500):
                batch = cases.filter(pk__in=mine[start:start + 500])
                touched.update(batch.values_list("child_id", flat=True))
                batch.update(caseworker=user, team_id=cw.team_id, closed_at=None)
        touch(touched)  # what a service would have done: the children's records changed
        mine = sorted(cases.filter(caseworker=cw, closed_at__isnull=True).values_list("child_id", flat=True))
        q = Q(team_id=cw.team_id) | Q(caseworker__team_id=cw.team_id)
        team_children = cases.filter(q, closed_at__isnull=True).values("child_id").distinct().count()
        return cw, mine, team_children


def clients() -> dict[str | None, Client]:
    out: dict[str | None, Client] = {None: Client(HTTP_HOST="127.0.0.1")}
    with scopes_disabled():
        for username in {who for _k, _t, who in PAGES if who}:
            c = Client(HTTP_HOST="127.0.0.1")
            c.force_login(User.objects.get(username=username))
            out[username] = c
    return out


def urls(children: list[str]) -> dict[str, object]:
    ring = children[:10]
    return {
        "login": lambda i: "/login/",
        "child": lambda i: f"/boern/{ring[i % len(ring)]}/",
        "my_work": lambda i: "/mit-arbejde/",
        "my_deadlines": lambda i: "/frister/",
        "inbox": lambda i: "/underretninger/",
        "team": lambda i: "/frister/team/",
    }


def measure(client: Client, url, reps: int, warm: int) -> float:
    for i in range(warm):
        response = client.get(url(i))
        if response.status_code != 200:
            raise SystemExit(f"{url(i)}: HTTP {response.status_code}")
    times = []
    for i in range(reps):
        path = url(warm + i)
        t0 = time.process_time()
        response = client.get(path)
        times.append(time.process_time() - t0)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    return statistics.median(times)


def profile(key: str, caseload: int) -> None:
    import cProfile
    import pstats

    _cw, children, _n = set_caseload(caseload)
    who = dict((k, w) for k, _t, w in PAGES)[key]
    client = clients()[who]
    url = urls(children)[key]
    measure(client, url, 1, ARGS.warm)
    prof = cProfile.Profile()
    prof.enable()
    for i in range(10):
        client.get(url(i))
    prof.disable()
    pstats.Stats(prof).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(int(os.environ.get("BENCH_LINES", "45")))


def chosen() -> list[tuple[str, str, str | None]]:
    """The pages measured: all, or the login page and those named by --page."""
    if not ARGS.page:
        return PAGES
    unknown = set(ARGS.page) - {k for k, _t, _w in PAGES}
    if unknown:
        raise SystemExit(f"unknown page(s): {', '.join(sorted(unknown))}")
    return [p for p in PAGES if p[0] == "login" or p[0] in ARGS.page]


def run() -> tuple[dict[int, dict[str, float]], dict[int, int]]:
    results: dict[int, dict[str, float]] = {}
    team_sizes: dict[int, int] = {}
    for caseload in ARGS.caseload or CASELOADS:
        _cw, children, team_children = set_caseload(caseload)
        team_sizes[caseload] = team_children
        cl = clients()
        u = urls(children)
        results[caseload] = {key: measure(cl[who], u[key], ARGS.reps, ARGS.warm) for key, _t, who in chosen()}
        base = results[caseload]["login"]
        print(f"\ncaseload {caseload} (team: {team_children} children)")
        for key, title, _who in chosen():
            ms = results[caseload][key] * 1000
            print(f"  {title:32s} {ms:8.2f} ms CPU  {results[caseload][key] / base:6.2f}x login")
    return results, team_sizes


def write(results: dict[int, dict[str, float]], team_sizes: dict[int, int], seconds: float) -> None:
    loads = list(results)
    with scopes_disabled():
        n_children = m.Child.objects.filter(municipality_id=DEMO_MUNICIPALITY).count()
    command = "FOREBYG_VAR_DIR=" + ARGS.var_dir + " .venv/bin/python bench/pages.py" + (
        f" --reps {ARGS.reps}" if ARGS.reps != 25 else "")
    lines = [
        "# Pages: CPU per request as a multiple of the login page's (issue #20)",
        "",
        "<!-- SPDX-License-Identifier: MPL-2.0 -->",
        "",
        f"Recorded {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/pages.py` on {platform.machine()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores; {seconds:.0f} s in all.",
        "",
        "```sh",
        command,
        "```",
        "",
        f"One process, the demo municipality ({n_children:,} children, SQLite, local settings), Django's test",
        "client. Per caseload the demo caseworker and each caseworker of their team get exactly that many",
        "open cases; the team's deadline overview covers the whole team. Each page is asked by the role that",
        f"uses it, {ARGS.warm} warm-up requests, then the median CPU time (`time.process_time`) of {ARGS.reps}",
        "requests; the login page's median from the same run is the baseline. CPU time, not wall time: other",
        "work on the machine moves wall-clock figures far more than CPU time.",
        "",
        f"Target: every page at most {TARGET:g} times the login page.",
        "",
        "| page | " + " | ".join(f"caseload {c}: ms CPU | ×login" for c in loads) + " |",
        "|---|" + "---:|---:|" * len(loads),
    ]
    for key, title, _who in PAGES:
        cells = []
        for c in loads:
            ratio = results[c][key] / results[c]["login"]
            mark = "" if key == "login" else (" ✓" if ratio <= TARGET else " ✗")
            cells.append(f"{results[c][key] * 1000:.2f} | {ratio:.2f}{mark}")
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    lines += ["", "Children in the team's overview: " + ", ".join(
        f"{team_sizes[c]:,} at caseload {c}" for c in loads) + ".", ""]
    path = ROOT / "bench" / "RESULTS-pages.md"
    notes = ""
    if path.exists():  # keep the hand-written notes below the generated part
        old = path.read_text()
        marker = "<!-- notes -->"
        if marker in old:
            notes = old[old.index(marker):]
    path.write_text("\n".join(lines) + ("\n" + notes if notes else ""))
    print(f"\nwrote {path}")


def main() -> int:
    prepare()
    if ARGS.profile:
        profile(ARGS.profile, (ARGS.caseload or [100])[0])
        return 0
    t0 = time.monotonic()
    results, team_sizes = run()
    if not ARGS.no_write and not ARGS.page:  # the results file holds every page
        write(results, team_sizes, time.monotonic() - t0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
