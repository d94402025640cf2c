# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
    "review.review.run": _("Case review run"),
    "review.finding.overridden": _("Case review finding overridden"),
    "review.task.created": _("Case review task created"),
    "review.task.completed": _("Case review task completed"),
    "review.report.exported": _("Case review report exported"),
}


class ReviewConfig(AppConfig):
    name = "forebyg.review"
    label = "review"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from forebyg.core.extension import register_audit_actions

        register_audit_actions(self.label, AUDIT_ACTIONS)
