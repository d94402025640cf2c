# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
    "cases.child.registered": _("Child registered"),
    "cases.child.corrected": _("Child details corrected"),
    "cases.notification.registered": _("Notification registered"),
    "cases.notification.routed": _("Notification routed to a team"),
    "cases.notification.assigned": _("Notification assigned"),
    "cases.notification.moved": _("Notification moved to another team, with a stated reason"),
    "cases.notification.corrected": _("Notification corrected"),
    "cases.acute_assessment.recorded": _("Acute assessment recorded"),
    "cases.acknowledgement.recorded": _("Acknowledgement of receipt recorded"),
    "cases.decision.recorded": _("Decision on notification recorded"),
    "cases.notifier_feedback.recorded": _("Feedback to notifier recorded"),
    "cases.case.opened": _("Case opened"),
    "cases.case.assigned": _("Case assigned"),
    "cases.case.moved": _("Case moved to another team, with a stated reason"),
    "cases.counselling.started": _("Early counselling started"),
    "cases.counselling.ended": _("Early counselling ended"),
    "cases.investigation.started": _("Investigation started"),
    "cases.investigation.updated": _("Investigation updated"),
    "cases.investigation.completed": _("Investigation completed"),
    "cases.child_conversation.recorded": _("Child conversation recorded"),
    "cases.network_meeting.recorded": _("Network meeting recorded"),
    "cases.network_person.recorded": _("Network person recorded"),
    "cases.measure.decided": _("Measure decided"),
    "cases.measure.started": _("Measure started"),
    "cases.measure.ended": _("Measure ended"),
    "cases.plan.made": _("Plan made"),
    "cases.goal.added": _("Goal added"),
    "cases.followup.recorded": _("Follow-up recorded"),
    "cases.journal_note.recorded": _("Journal note written"),
    "cases.record.corrected": _("Record corrected"),
    "cases.import.completed": _("Interchange file imported"),
}


class CasesConfig(AppConfig):
    name = "forebyg.cases"
    label = "cases"

    def ready(self) -> None:
        from forebyg.core.extension import register_audit_actions

        register_audit_actions(self.label, AUDIT_ACTIONS)
        from django.core import checks

        from . import child_actions, revisions

        checks.register(_check_type_models)
        revisions.connect()
        child_actions.register()


def _check_type_models(app_configs, **kwargs):
    """Every interchange record type needs a model (apps register theirs in ready())."""
    from django.core import checks

    from .models import missing_type_models

    missing = sorted(missing_type_models())
    return [checks.Error(f"Interchange record types without a model: {', '.join(missing)}",
                         hint="Call forebyg.core.extension.register_record_type in the app's ready().",
                         id="cases.E001")] if missing else []
