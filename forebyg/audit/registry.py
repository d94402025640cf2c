# SPDX-License-Identifier: MPL-2.0
"""The registry of action types: every change the application logs, and how to show it."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "cases.child.registered": _("Child registered"),
    "cases.child.corrected": _("Child details corrected"),
    "cases.notification.registered": _("Notification registered"),
    "cases.notification.routed": _("Notification routed to a team"),
    "cases.notification.assigned": _("Notification assigned"),
    "cases.notification.corrected": _("Notification corrected"),
    "cases.acute_assessment.recorded": _("Acute assessment recorded"),
    "cases.acknowledgement.recorded": _("Acknowledgement of receipt recorded"),
    "cases.decision.recorded": _("Decision on notification recorded"),
    "cases.notifier_feedback.recorded": _("Feedback to notifier recorded"),
    "cases.case.opened": _("Case opened"),
    "cases.case.assigned": _("Case assigned"),
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
    "cases.record.corrected": _("Record corrected"),
    "cases.import.completed": _("Interchange file imported"),
}


class UnknownActionType(KeyError):
    pass


def action_type(name: str) -> str:
    if name not in ACTIONS:
        raise UnknownActionType(name)
    return name


def describe(name: str) -> str:
    return str(ACTIONS.get(name, name))
