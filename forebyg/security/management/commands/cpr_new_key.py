# SPDX-License-Identifier: MPL-2.0
"""Print a new random key for FOREBYG_CPR_KEY (Fernet) and one for FOREBYG_CPR_HASH_KEY."""

import secrets

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print new random keys for FOREBYG_CPR_KEY and FOREBYG_CPR_HASH_KEY."

    def handle(self, *args, **opts):
        self.stdout.write(f"FOREBYG_CPR_KEY={Fernet.generate_key().decode()}")
        self.stdout.write(f"FOREBYG_CPR_HASH_KEY={secrets.token_urlsafe(48)}")
