# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
    "api.token.created": _("API token created"),
    "api.token.revoked": _("API token revoked"),
}


class ApiConfig(AppConfig):
    name = "forebyg.api"
    label = "api"
    verbose_name = _("API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from forebyg.core.extension import NavItem, register_audit_actions, register_nav

        register_audit_actions(self.label, AUDIT_ACTIONS)
        # Every user with a municipality may have API tokens: the page is the last menu item.
        register_nav(NavItem("api_tokens", _("API tokens"), roles=None, position=100))
