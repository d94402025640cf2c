# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
    "security.glass.opened": _("Access outside own caseload with a stated reason"),
    "security.glass.reviewed": _("Access with a stated reason reviewed"),
    "security.policy.changed": _("Security policy changed"),
    "security.retention.rule_proposed": _("Retention rule change proposed (awaits a second administrator)"),
    "security.retention.rule_changed": _("Retention rule changed"),
    "security.retention.rule_rejected": _("Proposed retention rule change rejected or withdrawn"),
    "security.retention.approved": _("List of records past retention approved"),
    "security.retention.listed": _("Records past retention listed"),
    "security.retention.applied": _("Records past retention deleted or anonymised"),
    "security.cpr.rotated": _("CPR encryption key rotated"),
}


class SecurityConfig(AppConfig):
    name = "forebyg.security"
    label = "security"

    def ready(self) -> None:
        from forebyg.core.extension import register_audit_actions

        register_audit_actions(self.label, AUDIT_ACTIONS)
        from . import checks, secret_checks  # noqa: F401  (registers the system checks)
