# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "forebyg.accounts"
    label = "accounts"
