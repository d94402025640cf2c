# SPDX-License-Identifier: MPL-2.0
"""Two people save the same record at the same moment, in two real database transactions: exactly
one save wins and the other is refused as stale (no lost update). PostgreSQL only: the SQLite test
database lives in memory, and SQLite serialises writers with its database lock anyway."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django_scopes import scope, scopes_disabled

from forebyg.cases import models as m
from forebyg.cases.services import practice as p
from forebyg.cases.services.records import expect_version, record_version

from ..api.conftest import at

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)")


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_one_wins_one_is_refused(users):
    municipality = users["caseworker"].municipality_id
    with scope(municipality=[municipality]):
        child = p.child_register(actor=users["receiving_unit"], name="Samtidig Syntetisk", birth_date=date(2014, 1, 1))
        inv = p.investigation_start(actor=users["caseworker"], child=child, aware_at=at("2025-01-06"),
                                    started_at=at("2025-01-07"), consent=True)
    barrier = threading.Barrier(2, timeout=30)
    outcomes: dict[str, str] = {}

    def save(who: str, actor) -> None:
        try:
            with scope(municipality=[municipality]):
                mine = expect_version(m.Investigation.objects.get(pk=inv.pk), 1)
                with transaction.atomic():
                    barrier.wait()
                    p.investigation_update(actor=actor, investigation=mine, sections={}, conclusion=f"Konklusion {who}",
                                           completed_at=None)
            outcomes[who] = "saved"
        except ValidationError as exc:
            outcomes[who] = "stale" if exc.code == "stale" else repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(who, users[role]))
               for who, role in (("A", "caseworker"), ("B", "team_leader"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes.values()) == ["saved", "stale"], outcomes
    winner = next(k for k, v in outcomes.items() if v == "saved")
    with scopes_disabled():
        inv.refresh_from_db()
        assert inv.conclusion == f"Konklusion {winner}" and record_version(inv) == 2
