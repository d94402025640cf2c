# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
    "core.team.created": _("Team created"),
    "core.team.changed": _("Team changed"),
    "core.district.created": _("School district created"),
    "core.district.changed": _("School district changed"),
    "core.institution.created": _("Institution created"),
    "core.institution.changed": _("Institution changed"),
    "core.offer.created": _("Offer added to the range of offers"),
    "core.offer.changed": _("Offer changed"),
}


class CoreConfig(AppConfig):
    name = "forebyg.core"
    label = "core"
    verbose_name = "Forebyg core"

    def ready(self) -> None:
        from forebyg.core.extension import register_audit_actions

        register_audit_actions(self.label, AUDIT_ACTIONS)
        from .lookups import register

        register()
