# SPDX-License-Identifier: MPL-2.0
"""Bringing the database up to date before a command runs (every app's CLI uses it)."""

from pathlib import Path


def migrate(verbosity: int = 0) -> None:
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=verbosity, interactive=False)
