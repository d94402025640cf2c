# SPDX-License-Identifier: MPL-2.0
"""The only place that asks for the current time, so tests and reports can move it.

Dates and wall-clock times of instants are Danish (Europe/Copenhagen): use `today()`,
`local_date(moment)`, `local_time(moment)` and `to_local(moment)` (from the domain core's
calendar, re-exported here), never `moment.date()` on an aware datetime, which gives the date
in UTC for most of what the database and the API hand over.
"""

from datetime import date, datetime

from django.utils import timezone

from forebyg.domain.calendar import CPH, local_date, local_time, to_local

__all__ = ["CPH", "local_date", "local_time", "now", "to_local", "today"]


def now() -> datetime:
    return timezone.now()


def today() -> date:
    """Today's date in Denmark (not the server's or UTC's date)."""
    return local_date(now())
