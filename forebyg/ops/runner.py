# SPDX-License-Identifier: MPL-2.0
"""Running a scheduled job once (`forebyg jobs run NAME`), never twice at the same time.

The run first inserts a JobRun row with outcome "running" in its own short transaction; the
partial unique index on (job) where outcome = running makes the database refuse a second such
row, so a second `forebyg jobs run` of the same job - from an overlapping timer, a second server or
an operator - stops with "already running" instead of running alongside. This works the same on
SQLite and PostgreSQL and survives restarts: the guard is in the database, not in a process.

A run whose process died (kill -9, a reboot) leaves its row "running". The next run on the same
host sees that the process is gone and marks the row "interrupted"; a run left by another host
is released with `forebyg jobs run NAME --release-stale` once the operator has checked it is gone."""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from forebyg.core import clock

from .models import JobRun, Outcome
from .registry import jobs

log = logging.getLogger("forebyg.jobs")
MAX_SUMMARY = 2000


class JobError(Exception):
    pass


class AlreadyRunning(JobError):
    pass


@dataclass(frozen=True)
class Result:
    run: JobRun
    ok: bool


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _release_stale(name: str, *, any_host: bool) -> int:
    """Mark left-over "running" rows of this job as interrupted: on this host when their process is
    gone; on other hosts only with any_host (the operator has checked)."""
    released = 0
    host = socket.gethostname()
    for run in JobRun.objects.filter(job=name, outcome=Outcome.RUNNING):
        here = run.host == host
        if (here and not _alive(run.pid)) or (not here and any_host):  # a live run here is never released
            n = JobRun.objects.filter(pk=run.pk, outcome=Outcome.RUNNING).update(
                outcome=Outcome.INTERRUPTED, finished_at=clock.now(),
                summary="the process running it ended without finishing (released by the next run)")
            released += n
    return released


def _start(name: str) -> JobRun:
    with transaction.atomic():
        return JobRun.objects.create(job=name, started_at=clock.now(), host=socket.gethostname(), pid=os.getpid())


def run_job(name: str, *, release_stale: bool = False) -> Result:
    """Run the job `name` now. Raises JobError for an unknown job and AlreadyRunning when a run of
    the same job is in progress; a failure inside the job is recorded and returned (ok=False)."""
    declared = jobs()
    if name not in declared:
        raise JobError(f"There is no job {name!r}. Jobs: {', '.join(declared)}.")
    _release_stale(name, any_host=release_stale)
    try:
        run = _start(name)
    except IntegrityError:
        current = JobRun.objects.filter(job=name, outcome=Outcome.RUNNING).first()
        since = f" since {current.started_at.isoformat(timespec='seconds')} on {current.host} (pid {current.pid})" \
            if current else ""
        raise AlreadyRunning(f"{name} is already running{since}: this run does nothing.") from None
    try:
        with translation.override(settings.LANGUAGE_CODE):  # the summary is shown on the administrator's page
            summary = str(declared[name].function() or "")
        outcome = Outcome.SUCCEEDED
    except Exception as exc:  # noqa: BLE001 - a failed job is recorded, not re-raised
        log.exception("scheduled job %s failed", name)
        summary = f"{type(exc).__name__}: {exc}"
        outcome = Outcome.FAILED
    JobRun.objects.filter(pk=run.pk).update(outcome=outcome, finished_at=clock.now(), summary=summary[:MAX_SUMMARY])
    run.refresh_from_db()
    return Result(run, outcome == Outcome.SUCCEEDED)


def last_runs() -> list[tuple]:
    """(job, its last run or None, its last successful run or None) for every declared job."""
    out = []
    for name, declared in jobs().items():
        last = JobRun.objects.filter(job=name).first()
        ok = last if last is not None and last.outcome == Outcome.SUCCEEDED else \
            JobRun.objects.filter(job=name, outcome=Outcome.SUCCEEDED).first()
        out.append((declared, last, ok))
    return out
