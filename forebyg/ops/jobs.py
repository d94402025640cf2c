# SPDX-License-Identifier: MPL-2.0
"""Forebyg's scheduled jobs (forebyg.ops.registry). Each returns a one-line summary without personal
data, in the site's language (forebyg.ops.runner runs jobs in it). The suggested schedules are the ones
in docs/operations.md's systemd timers."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .registry import job


@job("backup", gettext_lazy("Back up the database, uploaded files and signing keys"), schedule="*-*-* 01:30")
def backup_job() -> str:
    from django.conf import settings

    from forebyg.core import clock

    from .backup import backup

    directory = settings.FOREBYG_BACKUP_DIR
    outcome = backup(directory / f"forebyg-{clock.now().strftime('%Y%m%d-%H%M%S')}.backup")
    return _("%(name)s: the database, %(files)s files, %(mb).1f MB") % {
        "name": outcome.path.name, "files": outcome.files, "mb": outcome.size / 1e6}


@job("retention-list", gettext_lazy("List the records past retention for approval on the retention page "
                                    "(changes nothing)"), schedule="*-*-* 02:30")
def retention_list_job() -> str:
    from forebyg.core import clock
    from forebyg.security.retention import retention_run

    runs = retention_run(as_of=clock.today())
    items = sum(len(r.items) for r in runs)
    return _("%(lists)s lists made, %(items)s items await approval") % {"lists": len(runs), "items": items}


@job("keyfigures-refresh", gettext_lazy("Recompute the key figures the dashboard shows"), schedule="*-*-* 03:00")
def keyfigures_refresh_job() -> str:
    from django_scopes import scopes_disabled

    from forebyg.cases.models import Child
    from forebyg.keyfigures.services import keyfigures_refresh

    with scopes_disabled():
        codes = sorted(set(Child.objects.values_list("municipality_id", flat=True).distinct()))
    for code in codes:
        keyfigures_refresh(municipality_id=code)
    return _("key figures recomputed for %(n)s municipalities") % {"n": len(codes)}


@job("session-cleanup", gettext_lazy("Remove expired login sessions"), schedule="*-*-* 04:00")
def session_cleanup_job() -> str:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    expired = Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]  # real time, as sessions use
    return _("%(n)s expired sessions removed") % {"n": expired}


@job("network-reminders", gettext_lazy("Send the reminders before network events and application deadlines"),
     schedule="*-*-* 07:00")
def network_reminders_job() -> str:
    from forebyg.network.services.reminders import network_send_reminders

    result = network_send_reminders()
    summary = _("%(events)s event reminders and %(deadlines)s deadline reminders sent") % {
        "events": result.event_reminders, "deadlines": result.deadline_reminders}
    if result.failed:
        raise RuntimeError(_("%(summary)s; %(n)s could not be sent") % {"summary": summary, "n": len(result.failed)})
    return summary
