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
    "deadlines.settings.changed": _("Deadline settings changed"),
    "review.review.run": _("Case review run"),
    "review.finding.overridden": _("Case review finding overridden"),
    "review.task.created": _("Case review task created"),
    "review.task.completed": _("Case review task completed"),
    "review.report.exported": _("Case review report exported"),
    "core.team.created": _("Team created"),
    "core.team.changed": _("Team changed"),
    "core.district.created": _("School district created"),
    "core.district.changed": _("School district changed"),
    "core.institution.created": _("Institution created"),
    "core.institution.changed": _("Institution changed"),
    "core.offer.created": _("Offer added to the range of offers"),
    "core.offer.changed": _("Offer changed"),
    "network.network.created": _("Network created"),
    "network.network.updated": _("Network updated"),
    "network.group.created": _("Network group created"),
    "network.group.updated": _("Network group updated"),
    "network.membership.added": _("Member municipality added to network"),
    "network.membership.ended": _("Network membership ended"),
    "network.participant.added": _("Network participant added"),
    "network.participant.withdrawn": _("Network participant withdrawn"),
    "network.link.issued": _("Personal link issued"),
    "network.link.revoked": _("Personal links revoked"),
    "network.call.created": _("Call for applications created"),
    "network.call.published": _("Call for applications published"),
    "network.application.submitted": _("Application to network submitted"),
    "network.application.accepted": _("Application to network accepted"),
    "network.application.declined": _("Application to network declined"),
    "network.event.created": _("Network event created"),
    "network.event.updated": _("Network event updated"),
    "network.event.moved": _("Network event moved"),
    "network.event.cancelled": _("Network event cancelled"),
    "network.event.invitations_sent": _("Invitations to network event sent"),
    "network.material.added": _("Event material added"),
    "network.material.removed": _("Event material removed"),
    "network.registration.registered": _("Registered for network event"),
    "network.registration.waitlisted": _("Put on waiting list for network event"),
    "network.registration.cancelled": _("Cancelled attendance (afbud) at network event"),
    "network.registration.promoted": _("Moved up from the waiting list"),
    "network.task.created": _("Network task created"),
    "network.handin.submitted": _("Task hand-in submitted"),
    "network.reminders.sent": _("Network reminders sent"),
    "network.demo.loaded": _("Demo networks loaded"),
    # accounts and security (issue #4)
    "accounts.login.succeeded": _("Logged in"),
    "accounts.login.sso": _("Logged in through single sign-on"),
    "accounts.two_factor.enrolled": _("Two-factor authentication set up"),
    "accounts.two_factor.reset": _("Two-factor authentication reset"),
    "accounts.user.provisioned": _("User created from single sign-on"),
    "accounts.user.updated_from_sso": _("User's role or municipality updated from single sign-on"),
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
    "audit.log.exported": _("Access log exported"),
    "audit.dsar.produced": _("Data subject access request produced"),
    # REST API (issue #9)
    "api.token.created": _("API token created"),
    "api.token.revoked": _("API token revoked"),
    # key figures (issue #6)
    "keyfigures.figures.recomputed": _("Key figures recomputed"),
    "keyfigures.population.loaded": _("Population figures loaded"),
    "keyfigures.key.created": _("Signing key for key figures created"),
    "keyfigures.aggregates.exported": _("Signed key-figure aggregates exported"),
    "keyfigures.hub.key_registered": _("Municipality's public key registered at the network hub"),
    "keyfigures.hub.file_imported": _("Key-figure aggregate file imported at the network hub"),
    "keyfigures.hub.file_refused": _("Key-figure aggregate file refused at the network hub"),
}


class UnknownActionType(KeyError):
    pass


def action_type(name: str) -> str:
    if name not in ACTIONS:
        raise UnknownActionType(name)
    return name


def describe(name: str) -> str:
    return str(ACTIONS.get(name, name))
