# SPDX-License-Identifier: MPL-2.0
"""The address people reach Forebyg at (FOREBYG_SITE_URL): every absolute link in an e-mail or
printed by a command starts with it (docs/settings.md)."""

from django.conf import settings
from django.urls import reverse


def site_url() -> str:
    return str(getattr(settings, "FOREBYG_SITE_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def absolute(name: str, *args) -> str:
    """The absolute address of a named URL pattern, e.g. absolute("password_set", uid, token)."""
    return site_url() + reverse(name, args=args)
