# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "forebyg.api"
    label = "api"
    verbose_name = _("API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every user with a municipality may have API tokens: the page is the last menu item.
        from forebyg.accounts.context import NAV

        for role, items in NAV.items():
            if not any(name == "api_tokens" for name, _label in items):
                NAV[role] = [*items, ("api_tokens", _("API tokens"))]
