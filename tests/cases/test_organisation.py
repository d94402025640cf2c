# SPDX-License-Identifier: MPL-2.0
"""The municipality's configuration: teams, districts, institutions and the range of offers."""

from django.test import Client

from forebyg.audit.models import LogEntry
from forebyg.cases.models import Offer


def test_administrator_adds_and_changes_an_offer_and_bad_input_changes_nothing(users, scoped):
    c = Client()
    c.force_login(users["administrator"])
    assert c.get("/administration/").status_code == 200
    r = c.post("/administration/offer/ny/", {"name": "Familiebehandling", "provider": "Kommunen",
                                             "measure_kind": "bl_family_treatment", "price_per_month": "-5"})
    assert r.status_code == 200 and not Offer.objects.exists()
    r = c.post("/administration/offer/ny/", {"name": "Familiebehandling", "provider": "Kommunen",
                                             "measure_kind": "bl_family_treatment", "price_per_month": "18000"})
    assert r.status_code == 302
    offer = Offer.objects.get()
    assert offer.law == "BL"
    c.post(f"/administration/offer/{offer.pk}/", {"name": "Familiebehandling", "provider": "Kommunen",
                                                 "measure_kind": "bl_family_treatment", "price_per_month": "19500"})
    offer.refresh_from_db()
    assert offer.price_per_month == 19500
    assert [int(v.price_per_month) for v in offer.history.order_by("history_date")] == [18000, 19500]
    assert LogEntry.objects.filter(action_type="core.offer.changed").count() == 1
    # The page names the measure kind in Danish, not by its code.
    page = c.get("/administration/").content.decode()
    assert "Kommunen · Familiebehandling (BL) · 19" in page and "bl_family_treatment" not in page


def test_duplicate_team_name_is_refused(users, team, scoped):
    c = Client()
    c.force_login(users["manager"])
    from forebyg.core.models import Team

    r = c.post("/administration/team/ny/", {"name": team.name.upper()})
    assert r.status_code == 200 and 'role="alert"' in r.content.decode()
    assert Team.objects.count() == 1


def test_caseworker_cannot_configure(users):
    c = Client()
    c.force_login(users["caseworker"])
    assert c.get("/administration/").status_code == 403
