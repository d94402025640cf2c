# SPDX-License-Identifier: MPL-2.0
"""The embedded demo: served on 127.0.0.1, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403

DEBUG = False

# The demo writes e-mails (network invitations, links, reminders) as files instead of sending them.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"  # noqa: F405
