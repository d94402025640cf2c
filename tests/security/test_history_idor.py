# SPDX-License-Identifier: MPL-2.0
"""Issue #13 finding 7: the version history of a record opens under its own child only. Through
one's own child's URL, another child's record (in the same municipality) is not found, for every
kind of history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django_scopes import scope

from forebyg.cases.views.child import record_history  # noqa: F401  (the view under test)
from tests.security.casefile import T0, build, page_client

pytestmark = pytest.mark.django_db
KINDS = ("measure", "investigation", "counselling", "child")


@pytest.fixture
def two_children(municipality):
    """Team Syd's caseworker has their own child; the case file's child is team Nord's."""
    from forebyg.cases.services import practice as p

    cf = build(municipality)
    with scope(municipality=[municipality.code]):
        own = p.child_register(actor=cf.receiving, name="Egen Syntetisk", birth_date=date(2016, 4, 4))
        p.case_open(actor=cf.worker_b, child=own, caseworker=cf.worker_b)
        own_records = {
            "measure": p.measure_decide(actor=cf.worker_b, child=own, kind="bl_family_treatment", decided_at=T0),
            "investigation": p.investigation_start(actor=cf.worker_b, child=own, aware_at=T0,
                                                   started_at=T0 + timedelta(days=1), consent=True),
            "counselling": p.counselling_start(actor=cf.worker_b, child=own, started_at=T0, consent_at=T0,
                                               consent_by="Mor", referred_by="school"),
            "child": own,
        }
        other = p.counselling_start(actor=cf.worker_a, child=cf.child, started_at=T0, consent_at=T0,
                                    consent_by="Forældremyndig-XQZ", referred_by="school")
    others = {"measure": cf.measure, "investigation": cf.investigation, "counselling": other, "child": cf.child}
    return cf, own, own_records, others


@pytest.mark.parametrize("kind", KINDS)
def test_history_of_another_childs_record_is_not_found_through_ones_own_child(two_children, kind):
    cf, own, own_records, others = two_children
    c = page_client(cf.worker_b)
    assert c.get(f"/boern/{own.pk}/historik/{kind}/{own_records[kind].pk}/").status_code == 200
    r = c.get(f"/boern/{own.pk}/historik/{kind}/{others[kind].pk}/")
    assert r.status_code == 404, f"{kind}: another child's versions listed through one's own child"
    assert "Ella Syntetisk" not in r.content.decode()
