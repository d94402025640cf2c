# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "forebyg.core"
    label = "core"
    verbose_name = "Forebyg core"

    def ready(self) -> None:
        from .lookups import register

        register()
