# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "forebyg.audit"
    label = "audit"
