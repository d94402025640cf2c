# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class KeyfiguresConfig(AppConfig):
    name = "forebyg.keyfigures"
    label = "keyfigures"
    verbose_name = "Key figures"
