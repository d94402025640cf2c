# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "forebyg.deadlines"
    label = "deadlines"
