# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "forebyg.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permission)
