# SPDX-License-Identifier: MPL-2.0
"""The health check (`/healthz`, for the load balancer and monitoring) and the administrator's page of
scheduled jobs with each one's last run and outcome."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .runner import last_runs


@never_cache
def healthz(request):
    """200 "ok" when the application answers and the database does; 503 otherwise. No login, no
    personal data, no details of the failure (they go to the log)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure is "not healthy"
        import logging

        logging.getLogger("forebyg.health").exception("health check: the database does not answer")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@login_required
def jobs(request):
    if not request.user.has_perm("security.configure"):
        raise PermissionDenied
    return render(request, "ops/jobs.html", {"rows": last_runs()})
