# SPDX-License-Identifier: MPL-2.0
"""The only place that asks for the current time, so tests and reports can move it."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
