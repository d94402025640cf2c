# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
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
}


class NetworkConfig(AppConfig):
    name = "forebyg.network"
    label = "network"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from forebyg.core.extension import register_audit_actions

        register_audit_actions(self.label, AUDIT_ACTIONS)
