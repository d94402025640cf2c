# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_triggers(sender, using, **kwargs):
    from django.db import connections

    from .db import ensure_triggers

    ensure_triggers(connections[using])


class AuditConfig(AppConfig):
    name = "forebyg.audit"
    label = "audit"

    def ready(self) -> None:
        # SQLite drops a table's triggers when a migration rebuilds the table: put them back.
        post_migrate.connect(_ensure_triggers, sender=self, dispatch_uid="forebyg.audit.triggers")
        from . import checks  # noqa: F401  (registers the system check)
