# SPDX-License-Identifier: MPL-2.0
"""The embedded demo: served on 127.0.0.1, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403

DEBUG = False
