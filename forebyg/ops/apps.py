# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "forebyg.ops"
    label = "ops"
    default_auto_field = "django.db.models.BigAutoField"
