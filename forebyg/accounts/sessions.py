# SPDX-License-Identifier: MPL-2.0
"""Sessions in the database, as Django's `db` engine, read by their key with the SQL compiled once
(forebyg.core.pointread; issue #20). SESSION_ENGINE = "forebyg.accounts.sessions".

The one difference is where "not expired" is checked: Django asks for the row whose key matches and
whose expiry is later than now; this reads the row by its key and compares its expiry with the same
moment in Python. An expired or missing session is treated exactly alike: no data, and the key is
dropped (a new one is made if the session is saved)."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from forebyg.core.pointread import PointRead

_by_key = PointRead(lambda: Session.objects.all(), "session_key")


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        if self.get_model_class() is not Session:  # a subclass with its own model: Django's way
            return super()._get_session_from_db()
        session = _by_key.get(self.session_key, using=self.model.objects.db)
        if session is not None and session.expire_date > timezone.now():
            return session
        self._session_key = None
        return None
