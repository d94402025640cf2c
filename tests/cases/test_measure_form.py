# SPDX-License-Identifier: MPL-2.0
"""The measure form (issue #15): Barnets Lov measures for decisions from 1 January 2024 (Serviceloven
only for older decisions, by the decision's Danish date), each measure with its staircase step's name,
the offers of the chosen measure only, a wrong offer refused in Danish, and a warning about a start
date in the future."""

import re
from datetime import timedelta

import pytest
from django.utils import translation

from forebyg.cases import models as m
from forebyg.cases.forms import MeasureForm
from forebyg.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(municipality, scoped):
    return (m.Offer.objects.create(id="o-ft", municipality=municipality, name="Familiebehandling Nord",
                                   provider="Kommunen", law="BL", measure_kind="bl_family_treatment",
                                   price_per_month=18000),
            m.Offer.objects.create(id="o-kp", municipality=municipality, name="Kontaktperson Syd",
                                   provider="Kommunen", law="BL", measure_kind="bl_contact_person",
                                   price_per_month=13700))


def _page(client, users, child, query="", data=None):
    from forebyg.cases.services import practice

    if not m.Case.objects.filter(child=child).exists():
        practice.case_open(actor=users["caseworker"], child=child, caseworker=users["caseworker"])
    client.force_login(users["caseworker"])
    url = f"/boern/{child.pk}/measure/{query}"
    with translation.override("da"):
        r = client.post(url, data, HTTP_ACCEPT_LANGUAGE="da") if data is not None else client.get(url)
    return r, r.content.decode()


def _options(html, select_id):
    block = re.search(rf'<select name="[a-z_]+"[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<option[^>]*>(.*?)</option>", block, re.S)]


def test_barnets_lov_comes_first_and_each_measure_names_its_step(client, users, child, offers):
    r, html = _page(client, users, child)
    assert r.status_code == 200
    kinds = _options(html, "id_kind")
    assert kinds[1] == "BL § 30 – Tidlig forebyggende indsats (trin 1: Tidlige indsatser i almenområdet)"
    assert "BL § 32 stk. 1 nr. 3 – Familiebehandling (trin 3: Hjemmebaserede indsatser)" in kinds
    assert kinds.index("BL § 32 stk. 1 nr. 3 – Familiebehandling (trin 3: Hjemmebaserede indsatser)") < \
        kinds.index("SEL § 52 stk. 3 nr. 3 – Familiebehandling (trin 3: Hjemmebaserede indsatser)")
    assert 'label="Serviceloven (kun afgørelser før 1. januar 2024)"' in html
    assert "measure_form.js" in html


def test_the_offers_are_those_of_the_chosen_measure(client, users, child, offers):
    _r, html = _page(client, users, child, "?kind=bl_contact_person")
    assert _options(html, "id_offer") == ["Intet tilbud valgt", "Kontaktperson Syd – Kommunen (13.700 kr./md.)"]
    _r, html = _page(client, users, child)  # no measure chosen yet: all offers, grouped by paragraph
    assert 'label="BL § 32 stk. 1 nr. 3 – Familiebehandling"' in html and 'data-kind="bl_contact_person"' in html


def test_a_wrong_offer_is_refused_in_danish_and_nothing_is_written(client, users, child, offers):
    data = {"decided_at": clock.now().strftime("%Y-%m-%dT%H:%M"), "kind": "bl_family_treatment", "offer": "o-kp"}
    r, html = _page(client, users, child, data=data)
    assert r.status_code == 200 and not m.Measure.objects.exists()
    assert ("Tilbuddet Kontaktperson Syd giver BL § 32 stk. 1 nr. 6, ikke BL § 32 stk. 1 nr. 3. "
            "Vælg et af de tilbud, der står under indsatsen.") in html
    assert _options(html, "id_offer") == ["Intet tilbud valgt", "Familiebehandling Nord – Kommunen (18.000 kr./md.)"]


@pytest.mark.parametrize("decided, kind, message", [
    ("2024-01-01T00:30", "sel_family_treatment",
     "Barnets Lov gælder for afgørelser fra 1. januar 2024: vælg en indsats efter Barnets Lov."),
    ("2023-12-31T23:30", "bl_family_treatment",
     "Afgørelsen er fra før 1. januar 2024: vælg en indsats efter Serviceloven."),
])
def test_the_law_period_follows_the_danish_date_of_the_decision(client, users, child, decided, kind, message):
    r, html = _page(client, users, child, data={"decided_at": decided, "kind": kind})
    assert message in html and not m.Measure.objects.exists()


def test_an_older_serviceloven_decision_is_registered(client, users, child):
    r, _html = _page(client, users, child, data={"decided_at": "2023-06-01T10:00", "kind": "sel_family_treatment"})
    assert r.status_code == 302 and m.Measure.objects.get().law == "SEL"


def test_a_future_start_is_saved_with_a_warning(client, users, child, offers):
    now = clock.now()
    start = now + timedelta(days=10)
    data = {"decided_at": now.strftime("%Y-%m-%dT%H:%M"), "kind": "bl_family_treatment", "offer": "o-ft",
            "started_at": start.strftime("%Y-%m-%dT%H:%M")}
    r, _html = _page(client, users, child, data=data)
    assert r.status_code == 302 and m.Measure.objects.get().offer_id == "o-ft"
    with translation.override("da"):
        page = client.get(r["Location"]).content.decode()
    assert "ligger i fremtiden" in page
    from forebyg.letters.models import Letter

    Letter.objects.all().delete()  # the decision letter drafted with the measure (issue #18)
    m.Measure.objects.all().delete()
    data["started_at"] = now.strftime("%Y-%m-%dT%H:%M")
    r, _html = _page(client, users, child, data=data)
    with translation.override("da"):
        assert "ligger i fremtiden" not in client.get(r["Location"]).content.decode()


def test_the_form_works_without_a_child(scoped):
    form = MeasureForm(data={"decided_at": "2025-05-01T10:00", "kind": "bl_family_treatment"})
    assert form.is_valid(), form.errors
