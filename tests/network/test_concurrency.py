# SPDX-License-Identifier: MPL-2.0
"""The last place cannot be taken twice: registrations lock the event row (PostgreSQL).
SQLite serialises writers by itself, so the test runs where row locks matter."""

import threading

import pytest
from django.db import connection

from forebyg.network import models as m
from forebyg.network.services import registrations as r


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_overbook(event, people):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL (DATABASE_URL=postgres://...)")
    barrier = threading.Barrier(len(people))
    errors = []

    def register(participant):
        try:
            barrier.wait(timeout=10)
            r.registration_register(participant=participant, event=event)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(p,)) for p in people.values()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    statuses = sorted(m.Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["registered", "waiting", "waiting"]  # capacity 1
