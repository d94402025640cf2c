# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_triggers(sender, using, **kwargs):
    from django.db import connections

    from .db import ensure_triggers

    ensure_triggers(connections[using])


# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
    "audit.log.exported": _("Access log exported"),
    "audit.dsar.produced": _("Data subject access request produced"),
}


class AuditConfig(AppConfig):
    name = "forebyg.audit"
    label = "audit"

    def ready(self) -> None:
        from forebyg.core.extension import register_audit_actions

        register_audit_actions(self.label, AUDIT_ACTIONS)
        # SQLite drops a table's triggers when a migration rebuilds the table: put them back.
        post_migrate.connect(_ensure_triggers, sender=self, dispatch_uid="forebyg.audit.triggers")
        from . import checks  # noqa: F401  (registers the system check)
