# SPDX-License-Identifier: MPL-2.0
"""Scheduled jobs (issue #17): a declared registry, one run at a time guarded by the database, each
run recorded with its outcome and shown to administrators; the health check."""

from __future__ import annotations

import os
import socket

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from forebyg.core import clock
from forebyg.ops import runner
from forebyg.ops.models import JobRun, Outcome
from forebyg.ops.registry import jobs

pytestmark = pytest.mark.django_db


def test_the_declared_jobs():
    assert {"backup", "retention-list", "keyfigures-refresh", "session-cleanup", "network-reminders"} <= set(jobs())


def test_a_run_is_recorded_with_its_outcome():
    result = runner.run_job("session-cleanup")
    assert result.ok
    run = JobRun.objects.get()
    assert run.outcome == Outcome.SUCCEEDED and run.finished_at >= run.started_at
    assert "sessions" in run.summary or "sessioner" in run.summary


def test_a_job_never_runs_twice_at_once():
    # a run in progress in this very process (alive): the database refuses a second "running" row
    JobRun.objects.create(job="session-cleanup", started_at=clock.now(), host=socket.gethostname(), pid=os.getpid())
    with pytest.raises(runner.AlreadyRunning, match="already running"):
        runner.run_job("session-cleanup")
    with pytest.raises(runner.AlreadyRunning):  # releasing stale runs never releases a live one here
        runner.run_job("session-cleanup", release_stale=True)
    assert JobRun.objects.filter(job="session-cleanup").count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        JobRun.objects.create(job="session-cleanup", started_at=clock.now())
    # another job is not held up
    assert runner.run_job("retention-list").ok


def test_a_run_left_by_a_dead_process_is_released():
    dead = JobRun.objects.create(job="session-cleanup", started_at=clock.now(), host=socket.gethostname(),
                                 pid=2 ** 22 + 12345)  # above the kernel's pid limit: no such process
    assert runner.run_job("session-cleanup").ok
    dead.refresh_from_db()
    assert dead.outcome == Outcome.INTERRUPTED
    other_host = JobRun.objects.create(job="session-cleanup", started_at=clock.now(), host="elsewhere", pid=1)
    with pytest.raises(runner.AlreadyRunning):
        runner.run_job("session-cleanup")
    assert runner.run_job("session-cleanup", release_stale=True).ok
    other_host.refresh_from_db()
    assert other_host.outcome == Outcome.INTERRUPTED


def test_a_failing_job_is_recorded_as_failed(settings, tmp_path):
    (tmp_path / "not-a-directory").write_text("x")
    settings.FOREBYG_BACKUP_DIR = tmp_path / "not-a-directory"  # the backup cannot be written there
    result = runner.run_job("backup")
    assert not result.ok and result.run.outcome == Outcome.FAILED and result.run.summary


def test_unknown_job():
    with pytest.raises(runner.JobError, match="no job"):
        runner.run_job("no-such-job")


def test_administrators_see_each_jobs_last_run(login, users):
    runner.run_job("session-cleanup")
    page = login(users["administrator"]).get("/drift/planlagte-job/").content.decode()
    assert "Remove expired login sessions" in page and "succeeded" in page and "never run" in page
    assert login(users["caseworker"]).get("/drift/planlagte-job/").status_code == 403


def test_health_check_needs_no_login_and_shows_no_data(users):
    r = Client().get("/healthz")
    assert r.status_code == 200 and r.content == b"ok\n" and r["Content-Type"].startswith("text/plain")
    assert "no-cache" in r.get("Cache-Control", "") or "max-age=0" in r.get("Cache-Control", "")
