# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
    "keyfigures.figures.recomputed": _("Key figures recomputed"),
    "keyfigures.population.loaded": _("Population figures loaded"),
    "keyfigures.key.created": _("Signing key for key figures created"),
    "keyfigures.aggregates.exported": _("Signed key-figure aggregates exported"),
    "keyfigures.hub.key_registered": _("Municipality's public key registered at the network hub"),
    "keyfigures.hub.key_proposed": _("Public key proposed for a member municipality at the network hub"),
    "keyfigures.hub.key_rejected": _("Proposed public key rejected by the member municipality"),
    "keyfigures.hub.file_imported": _("Key-figure aggregate file imported at the network hub"),
    "keyfigures.hub.file_refused": _("Key-figure aggregate file refused at the network hub"),
}


class KeyfiguresConfig(AppConfig):
    name = "forebyg.keyfigures"
    label = "keyfigures"
    verbose_name = "Key figures"

    def ready(self) -> None:
        from forebyg.core.extension import register_audit_actions

        register_audit_actions(self.label, AUDIT_ACTIONS)
