# SPDX-License-Identifier: MPL-2.0
"""Production: secrets and hosts from the environment, HTTPS only."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["FOREBYG_SECRET_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("FOREBYG_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31536000
