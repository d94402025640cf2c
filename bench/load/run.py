# SPDX-License-Identifier: MPL-2.0
"""Load test: Locust against gunicorn on PostgreSQL with the demo municipality (loopback only).

    .venv/bin/python bench/load/run.py                 # everything: its own PostgreSQL, demo, runs
    .venv/bin/python bench/load/run.py --build /tmp/load-pg --port 54340   # only the database, left running
    .venv/bin/python bench/load/run.py --database-url postgres://postgres@127.0.0.1:54340/forebyg \
        --pg-data /tmp/load-pg/pgdata --write         # the runs, against the database built once

Without --database-url it creates a PostgreSQL cluster in a temporary directory on a free port with
Debian's /usr/lib/postgresql/*/bin/initdb and pg_ctl (as the `postgres` user when run as root) and
builds the demo into it (`forebyg demo --no-serve`, 20,000 children); with --build it stops there and
leaves the cluster running (it prints the pg_ctl commands that stop and start it again, e.g. after a
reboot). With --database-url the schema is first migrated to this version. Then: sessions and API tokens
for the simulated users (bench/load/prepare.py), gunicorn with the production settings on
127.0.0.1, and headless Locust runs of a bounded length: 50 and 200 users (120 s each) at a
realistic think time, a sweep to find where the response times degrade, and a stress run with 1-3 s
between clicks. Results (CSV and a JSON summary) go to --out; record them in bench/load/RESULTS.md.
Not part of the test suite."""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The virtual environment this script runs in (locust, gunicorn beside its python), else the project's.
VENV = Path(sys.executable).parent if (Path(sys.executable).parent / "locust").exists() else ROOT / ".venv" / "bin"
# The demo's CPR numbers were encrypted with the development keys of config/settings/local.py.
LOCAL_KEYS = {"FOREBYG_CPR_KEY": "Zm9yZWJ5Zy1kZXYtb25seS1jcHIta2V5LTMyYnl0ZXM=",
              "FOREBYG_CPR_HASH_KEY": "forebyg-dev-only-cpr-hash-key"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["su", "postgres", "-c", " ".join(cmd)]
    return cmd


class Cluster:
    def __init__(self, tmp: Path, port: int | None = None):
        self.bin = sorted(glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name))[-1]
        self.data = tmp / "pgdata"
        self.port = port or free_port()
        tmp.chmod(0o755)
        self.data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres")
        subprocess.run(as_postgres([f"{self.bin}/initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres"]),
                       check=True, capture_output=True)
        # In the cluster's own configuration, so that `pg_ctl start` alone starts it again the same way.
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\n# bench/load/run.py\nport = {self.port}\nunix_socket_directories = '/tmp'\n"
                       "listen_addresses = '127.0.0.1'\nmax_connections = 200\nshared_buffers = 1GB\n")
        subprocess.run(self.pg_ctl("start"), check=True, capture_output=True)
        subprocess.run([f"{self.bin}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "forebyg"],
                       check=True)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/forebyg"

    def pg_ctl(self, action: str) -> list[str]:
        extra = ["-l", str(self.data / "log"), "-w"] if action == "start" else ["-m", "fast"]
        return as_postgres([f"{self.bin}/pg_ctl", "-D", str(self.data), *extra, action])

    def stop(self) -> None:
        subprocess.run(self.pg_ctl("stop"), capture_output=True)


def env_for(url: str, var: Path) -> dict:
    env = dict(os.environ)
    env.update(DATABASE_URL=url, FOREBYG_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="config.settings.production",
               FOREBYG_SECRET_KEY="load-test-only-secret-key-not-for-production", FOREBYG_SSL_REDIRECT="0",
               FOREBYG_ALLOWED_HOSTS="127.0.0.1,localhost", **LOCAL_KEYS)
    return env


def summarise(csv_path: Path) -> dict:
    rows = {}
    with open(csv_path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1), "p50_ms": _num(row["50%"]), "p95_ms": _num(row["95%"]),
                "p99_ms": _num(row["99%"]), "max_ms": _num(row["Max Response Time"]),
            }
    return rows


def _num(value: str) -> float | None:
    try:
        return round(float(value))
    except ValueError:
        return None


NICE = 0


def _niced() -> None:
    if NICE:
        os.nice(NICE)


def cpu_seconds(pid: int | None) -> float:
    """CPU time of a process and all its descendants (gunicorn's workers, PostgreSQL's backends),
    the live ones and those that have exited: a process that ends takes its CPU time with it out of
    the live processes, into its parent's "children" times once the parent has waited for it
    (PostgreSQL's backends end when a connection is closed, CONN_MAX_AGE; without those times the
    database's CPU between two samples came out negative)."""
    import psutil

    if not pid:
        return 0.0
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except psutil.Error:
            pass
    return total


WATCH: dict[str, int | None] = {"app": None, "db": None}


def locust(host: str, users: int, seconds: int, out: Path, env: dict) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    prefix = out / f"u{users}"
    cmd = [str(VENV / "locust"), "-f", str(ROOT / "bench/load/locustfile.py"), "--headless", "-u", str(users),
           "-r", str(max(5, users // 5)), "-t", f"{seconds}s", "--host", host, "--csv", str(prefix), "--only-summary",
           "--stop-timeout", "10", "--loglevel", "WARNING"]
    before = {k: cpu_seconds(v) for k, v in WATCH.items()}
    subprocess.run(cmd, env=env, cwd=ROOT, check=False, timeout=seconds + 120, preexec_fn=_niced)
    used = {k: cpu_seconds(v) - before[k] for k, v in WATCH.items()}
    stats = summarise(Path(f"{prefix}_stats.csv"))
    total = stats.pop("Aggregated")
    n = max(1, total["requests"])
    total["app_cpu_ms_per_request"] = round(used["app"] * 1000 / n) if WATCH["app"] else None
    total["db_cpu_ms_per_request"] = round(used["db"] * 1000 / n) if WATCH["db"] else None
    return {"users": users, "seconds": seconds, "total": total, "by_request": stats,
            "load_average_1min": round(os.getloadavg()[0], 1)}


def vacuum(url: str) -> None:
    """VACUUM ANALYZE after the bulk load, as after any (docs/operations.md): otherwise autovacuum
    works through the freshly loaded tables, and the first reads set hint bits, during the runs."""
    import psycopg

    t = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    print(f"VACUUM ANALYZE after the load: {time.perf_counter() - t:.0f} s", flush=True)


START, END = "<!-- generated by bench/load/run.py --write -->", "<!-- end of generated -->"


def write_results(results: dict, argv: str) -> None:
    """The targets' table (issue #20) into RESULTS.md, between the markers (added at the top)."""
    def row(label: str, total: dict) -> str:
        return (f"| {label} | {total['requests']:,} | {total['failures']} | {total['rps']} | {total['p50_ms']} | "
                f"**{total['p95_ms']}** | {total['p99_ms']} | {total.get('app_cpu_ms_per_request')} |")

    lines = [START, "", f"Recorded {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, {os.cpu_count()} cores, "
             f"gunicorn {results['workers']} x {results['worker_class']} workers ({results['threads']} threads), "
             f"load average {os.getloadavg()[0]:.1f} at the end:", "", "```sh",
             f".venv/bin/python bench/load/run.py {argv}".rstrip(), "```", "",
             "| run | requests | failures | req/s | p50 ms | p95 ms | p99 ms | app CPU ms per request |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for run in results["runs"]:
        lines.append(row(f"the mix, {run['users']} users, think {results['think']} s", run["total"]))
    for sat in results["saturation"]:
        lines.append(row(f"saturation: the mix, {sat['users']} users, no think time", sat["mix"]["total"]))
        lines.append(row(f"baseline: the login page alone, {sat['users']} users, no think time",
                         sat["baseline"]["total"]))
    lines.append("")
    for sat in results["saturation"]:
        mix, base = sat["mix"]["total"], sat["baseline"]["total"]
        lines.append(f"Throughput at saturation: {mix['rps']} requests per second for the mix, "
                     f"{base['rps']} for the login page alone ({mix['rps'] / max(base['rps'], 0.1):.2f} of it).")
    for run in results["runs"]:
        if run["users"] == 200:
            lines.append(f"At 200 users: p95 {run['total']['p95_ms']} ms, {run['total']['failures']} failures.")
    lines += ["", END]
    path = ROOT / "bench" / "load" / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    block = "\n".join(lines)
    if START in text and END in text:
        text = text[:text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        head, _sep, rest = text.partition("\n## ")
        text = head.rstrip("\n") + "\n\n## The targets of issue #20\n\n" + block + "\n\n## " + rest
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--database-url", help="use this database with the demo built in (default: build one)")
    p.add_argument("--children", type=int, default=20000, help="children of the demo built (default 20,000)")
    p.add_argument("--out", default=str(ROOT / "var" / "load"), help="where the CSV files and summary go")
    p.add_argument("--workers", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--worker-class", default="sync",
                   help="gunicorn's worker class (sync, the default, or gthread with --threads)")
    p.add_argument("--per-request-cpu", metavar="DIR",
                   help="serve bench/load/cpu_wsgi.py, which writes each request's CPU, the CPU between requests, "
                        "the garbage collector's and the queries into DIR/<worker pid>.tsv (cpu_report.py sums them)")
    p.add_argument("--access-log", help="gunicorn's access log with each request's path and server time (µs)")
    p.add_argument("--seconds", type=int, default=120)
    p.add_argument("--warmup", type=int, default=60,
                   help="seconds of the warm-up with 20 users (default 60: every worker has served every page)")
    p.add_argument("--sweep", default="100,300,400,500", help="user counts of the degradation sweep ('' to skip)")
    p.add_argument("--sweep-seconds", type=int, default=60)
    p.add_argument("--think", default="5,15",
                   help="seconds a user thinks between two requests, min,max (default 5,15: reading a child's "
                        "page or filling in a form between clicks)")
    p.add_argument("--stress-think", default="1,3", help="think time of the stress runs (default 1,3)")
    p.add_argument("--stress-users", default="50", help="user counts of the stress runs ('' to skip)")
    p.add_argument("--users", default="50,200", help="user counts of the main runs (default 50,200)")
    p.add_argument("--saturate", default="60",
                   help="user counts of the saturation runs without think time, the mix and the login page alone "
                        "(default 60; '' to skip)")
    p.add_argument("--write", action="store_true",
                   help="write the figures into bench/load/RESULTS.md (the part between the generated markers)")
    p.add_argument("--pg-data", help="the PostgreSQL data directory of --database-url (to count its CPU time)")
    p.add_argument("--build", metavar="DIR",
                   help="only build the demo into a new PostgreSQL cluster in DIR (DIR/pgdata, on --port) and "
                        "leave it running; then measure as often as needed with --database-url and --pg-data")
    p.add_argument("--port", type=int, help="the port of the cluster --build makes (default: a free one)")
    p.add_argument("--nice", type=int, default=0,
                   help="scheduling priority of gunicorn and locust (e.g. -5 as root on a shared machine)")
    args = p.parse_args()
    if args.build and args.database_url:
        p.error("--build makes its own database: give either --build or --database-url")
    global NICE
    NICE = args.nice
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="forebyg-load-"))
    cluster = None
    gunicorn = None
    try:
        url = args.database_url
        if args.build:
            built = Path(args.build)
            built.mkdir(parents=True, exist_ok=True)
            cluster = Cluster(built, args.port)
            url = cluster.url
        elif not url:
            cluster = Cluster(tmp)
        if not args.database_url:
            url = cluster.url
            print(f"PostgreSQL on port {cluster.port}; building the demo...", flush=True)
            demo_env = env_for(url, tmp)
            demo_env["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
            subprocess.run([str(VENV / "python"), "-m", "forebyg.cli", "demo", "--no-serve", "--children",
                            str(args.children)], env=demo_env, cwd=ROOT, check=True)
            vacuum(url)
        if args.build:
            print(f"The demo is in {url}, left running (stop: {' '.join(cluster.pg_ctl('stop'))}; start again: "
                  f"{' '.join(cluster.pg_ctl('start'))}). Measure with:\n"
                  f"  {sys.executable} bench/load/run.py --database-url {url} --pg-data {cluster.data} --write",
                  flush=True)
            cluster = None  # left running
            return 0
        env = env_for(url, tmp)
        if args.database_url:  # a demo built earlier (--build): bring its schema up to this version's
            subprocess.run([str(VENV / "python"), "manage.py", "migrate", "--no-input", "-v", "0"], env=env, cwd=ROOT,
                           check=True)
        pg_data = cluster.data if cluster else (Path(args.pg_data) if args.pg_data else None)
        if pg_data and (pg_data / "postmaster.pid").exists():
            WATCH["db"] = int((pg_data / "postmaster.pid").read_text().split()[0])
        users_file = out / "users.json"
        subprocess.run([str(VENV / "python"), str(ROOT / "bench/load/prepare.py"), "--out", str(users_file),
                        "--sessions", "320"], env=env, cwd=ROOT, check=True)
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        app = ["config.wsgi:application"]
        if args.per_request_cpu:
            env = {**env, "FOREBYG_LOAD_CPU_LOG": str(Path(args.per_request_cpu).resolve())}
            app = ["--pythonpath", str(ROOT / "bench" / "load"), "cpu_wsgi:application"]
        gunicorn = subprocess.Popen(
            [str(VENV / "gunicorn"), *app, "--bind", f"127.0.0.1:{port}", "--workers",
             str(args.workers), "--threads", str(args.threads), "--worker-class", args.worker_class, "--backlog", "2048",
             "--timeout", "60", "--log-level", "warning",
             *(["--access-logfile", args.access_log, "--access-logformat", "%(m)s %(U)s %(s)s %(D)s"]
               if args.access_log else [])], env=env, cwd=ROOT, preexec_fn=_niced)
        WATCH["app"] = gunicorn.pid
        for _i in range(60):
            try:
                urllib.request.urlopen(f"{host}/login/", timeout=2)
                break
            except OSError:
                time.sleep(1)
        run_env = {**env, "FOREBYG_LOAD_USERS": str(users_file), "FOREBYG_LOAD_THINK": args.think}
        warmup = out / "warmup"
        warmup.mkdir(exist_ok=True)
        locust(host, 20, args.warmup, warmup, run_env)  # caches, connections, the query planner
        results = {"workers": args.workers, "threads": args.threads, "worker_class": args.worker_class, "cpus": os.cpu_count(), "think": args.think,
                   "stress_think": args.stress_think, "runs": [], "sweep": [], "stress": [], "saturation": []}
        for users in [int(u) for u in args.users.split(",") if u.strip()]:
            results["runs"].append(locust(host, users, args.seconds, out, run_env))
            print(users, json.dumps(results["runs"][-1]["total"]), f"load average {os.getloadavg()[0]:.1f}", flush=True)
        for users in [int(u) for u in args.sweep.split(",") if u.strip()]:
            sweep_dir = out / "sweep"
            sweep_dir.mkdir(exist_ok=True)
            results["sweep"].append(locust(host, users, args.sweep_seconds, sweep_dir, run_env))
            print(users, json.dumps(results["sweep"][-1]["total"]), f"load average {os.getloadavg()[0]:.1f}", flush=True)
        for users in [int(u) for u in args.saturate.split(",") if u.strip()]:
            # Throughput at saturation: no think time, so the server is the bottleneck; the baseline
            # (the login page alone) in the same minutes, on the same server.
            sat_dir = out / "saturation"
            sat_dir.mkdir(exist_ok=True)
            mix = locust(host, users, args.sweep_seconds, sat_dir / "mix", {**run_env, "FOREBYG_LOAD_THINK": "0,0"})
            base = locust(host, users, args.sweep_seconds, sat_dir / "baseline",
                          {**run_env, "FOREBYG_LOAD_THINK": "0,0", "FOREBYG_LOAD_MIX": "baseline"})
            results["saturation"].append({"users": users, "mix": mix, "baseline": base})
            print("saturation", users, json.dumps(mix["total"]), "baseline", json.dumps(base["total"]), flush=True)
        for users in [int(u) for u in args.stress_users.split(",") if u.strip()]:
            stress_dir = out / "stress"
            stress_dir.mkdir(exist_ok=True)
            results["stress"].append(locust(host, users, args.sweep_seconds, stress_dir,
                                            {**run_env, "FOREBYG_LOAD_THINK": args.stress_think}))
            print("stress", users, json.dumps(results["stress"][-1]["total"]), flush=True)
        (out / "summary.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"summary: {out / 'summary.json'}")
        if args.write:
            write_results(results, " ".join(sys.argv[1:]))
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(30)
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
