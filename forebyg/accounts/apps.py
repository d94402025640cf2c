# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The change-log action types this app writes (forebyg.core.extension.register_audit_actions).
AUDIT_ACTIONS = {
    "accounts.login.succeeded": _("Logged in"),
    "accounts.login.sso": _("Logged in through single sign-on"),
    "accounts.login.sso_refused": _("Single sign-on refused"),  # issue #19
    "accounts.two_factor.enrolled": _("Two-factor authentication set up"),
    "accounts.two_factor.reset": _("Two-factor authentication reset"),
    "accounts.user.provisioned": _("User created from single sign-on"),
    "accounts.user.updated_from_sso": _("User's role or municipality updated from single sign-on"),
    "accounts.user.created": _("User created"),
    "accounts.user.changed": _("User's role or team changed"),
    "accounts.user.deactivated": _("User deactivated"),
    "accounts.user.reactivated": _("User reactivated"),
    "accounts.password.link_issued": _("Link to set a password issued"),
    "accounts.password.set": _("Password set through a one-time link"),
    "accounts.password.changed": _("Password changed by the user"),
    "accounts.lockout.lifted": _("Lockout after failed logins lifted"),
}


class AccountsConfig(AppConfig):
    name = "forebyg.accounts"
    label = "accounts"

    def ready(self) -> None:
        from forebyg.core.extension import register_audit_actions

        register_audit_actions(self.label, AUDIT_ACTIONS)
        from .context import register_menu

        register_menu()
