# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class SamlConfig(AppConfig):
    name = "forebyg.saml"
    label = "saml"
    verbose_name = "SAML login"
