# SPDX-License-Identifier: MPL-2.0
"""`forebyg jobs list|run NAME`: the scheduled jobs (forebyg.ops.registry, forebyg.ops.runner)."""

from __future__ import annotations

import argparse
import sys


def add_parsers(sub) -> list[argparse.ArgumentParser]:
    p = sub.add_parser("jobs", help="scheduled jobs: list them with their last run, or run one (from a systemd timer)")
    act = p.add_subparsers(dest="jobs_action", required=True)
    act.add_parser("list", help="every job, its suggested schedule, last run and outcome")
    r = act.add_parser("run", help="run a job now (refused while the same job is running)")
    r.add_argument("name")
    r.add_argument("--release-stale", action="store_true",
                   help="first mark a run left 'running' by a process that is gone (also on another server) "
                        "as interrupted")
    return [p]


def _when(dt) -> str:
    from django.utils import timezone

    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M") if dt else "-"


def run(args: argparse.Namespace) -> int:
    from django.utils import translation

    from .runner import AlreadyRunning, JobError, last_runs, run_job

    if args.jobs_action == "list":
        translation.activate("en")
        print(f"{'job':<20} {'schedule':<16} {'last run':<17} {'outcome':<12} summary")
        for declared, last, _ok in last_runs():
            print(f"{declared.name:<20} {declared.schedule:<16} {_when(last.started_at if last else None):<17} "
                  f"{(last.outcome if last else 'never run'):<12} {last.summary if last else declared.description}")
        return 0
    try:
        result = run_job(args.name, release_stale=args.release_stale)
    except AlreadyRunning as exc:
        print(str(exc), file=sys.stderr)
        return 3
    except JobError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    run = result.run
    print(f"{run.job}: {run.outcome} in {run.duration.total_seconds():.1f} s. {run.summary}",
          file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1
