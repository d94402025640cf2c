# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "forebyg.security"
    label = "security"

    def ready(self) -> None:
        from . import checks, secret_checks  # noqa: F401  (registers the system checks)
