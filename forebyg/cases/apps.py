# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "forebyg.cases"
    label = "cases"
