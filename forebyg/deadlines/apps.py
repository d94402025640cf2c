# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
    "deadlines.settings.changed": _("Deadline settings changed"),
}


class DeadlinesConfig(AppConfig):
    name = "forebyg.deadlines"
    label = "deadlines"

    def ready(self) -> None:
        from forebyg.core.extension import register_audit_actions

        register_audit_actions(self.label, AUDIT_ACTIONS)
