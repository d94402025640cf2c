# SPDX-License-Identifier: MPL-2.0
"""Key figures in the browser: the manager's dashboard (values, trend against the baseline, charts
as same-origin images under the content security policy), the drill-down to the children behind a
figure and on to a child's page (both access-logged), the analyst without drill-down, and the
network hub importing a signed file."""

import json
from datetime import datetime
from pathlib import Path

import pytest

from forebyg.audit.models import AccessLog

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"
AS_OF = datetime.fromisoformat("2024-12-31T23:59:59+01:00")
CARD = "[id='card-notifications.acute_24h']"


@pytest.fixture
def small(municipality, users, settings, tmp_path):
    from forebyg.cases.services.interchange import interchange_import
    from forebyg.domain.keyfigures.population import Population
    from forebyg.keyfigures.services import keyfigures_refresh, population_load

    settings.FOREBYG_KEYFIGURES_KEY_DIR = tmp_path / "keys"
    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    population_load(population=Population({(657, 2023): 1000, (657, 2024): 1000}), source="test")
    keyfigures_refresh(municipality_id=657, as_of=AS_OF, granularities=["year"], draw=False)
    return municipality


def test_dashboard_and_drilldown(session_for, small, users):
    s = session_for("manager")
    s.page.click("nav >> a[href='/noegletal/']")
    s.page.wait_for_load_state()
    s.a11y()
    assert "Nøgletal" in s.page.locator("h1").inner_text()
    # As of the end of 2024, the default period is 2023 (2024 had not ended); choose 2024 against 2023.
    s.page.select_option("#kf-period", "2024")
    s.page.select_option("#kf-baseline", "2023")
    s.page.click("form.kf-choose button[type=submit]")
    s.page.wait_for_load_state("networkidle")
    s.a11y()
    card = s.page.locator(CARD)
    text = card.inner_text()
    assert "Andel underretninger akutvurderet inden 24 timer" in text
    assert "50,0 %" in text and "100,0 %" in text and "forværret" in text  # 2023: 100 %, now 50 %
    card.locator("img").scroll_into_view_if_needed()
    # A function with an argument, not an expression string: the page's CSP forbids eval.
    s.page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                             arg=card.locator("img").element_handle())
    assert "Graf over" in card.locator("img").get_attribute("alt")

    card.locator("a", has_text="Børnene bag tallet").click()
    s.page.wait_for_load_state()
    s.a11y()
    rows = s.page.locator("main table tbody tr")
    assert rows.count() == 4
    assert "Testbarn 2 Syntetisk" in rows.first.inner_text()  # a notification assessed late: listed first
    assert AccessLog.objects.filter(view="keyfigures.drilldown", user=users["manager"]).count() == 4
    rows.first.locator("a").first.click()
    s.page.wait_for_load_state()
    s.a11y()
    assert "Testbarn 2 Syntetisk" in s.page.locator("h1").inner_text()
    assert AccessLog.objects.filter(user=users["manager"], child_id="kf-c2").exclude(view="keyfigures.drilldown").exists()


def test_analyst_sees_figures_but_not_children(session_for, small):
    a = session_for("analyst")  # the analyst's start page is the dashboard
    assert "/noegletal/" in a.page.url
    a.goto("/noegletal/?period=2024&baseline=2023&unit=municipality&g=year")
    assert a.page.locator(CARD).count() == 1
    assert a.page.locator("text=Børnene bag tallet").count() == 0
    response = a.page.goto(a.base + "/noegletal/boern/notifications.acute_24h/?period=2024")
    assert response.status == 403
    a.goto("/noegletal/katalog/")
    assert a.page.locator("[id='economy.spending_per_child']").count() == 1


def test_the_hub_imports_a_signed_file(session_for, small, other_municipality, tmp_path):
    from datetime import date

    from forebyg.accounts.models import User
    from forebyg.domain.keyfigures import aggregates as agg
    from forebyg.keyfigures.services import aggregates_export, signing_key
    from forebyg.network.models import Group, Membership, Network

    net = Network.objects.create(key="kf-e2e", name="Testnetværket", kind="partnership")
    group = Group.objects.create(network=net, name="Klynge Vest")
    Membership.objects.create(network=net, municipality=small, group=group, role="partnership",
                              valid_from=date(2016, 9, 7))
    User.objects.create_user(username="sekretariat", password="pw", role="network_secretariat")
    doc = aggregates_export(actor=None, municipality_id=657, granularities=["year"])
    path = tmp_path / "herning.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    # only the member itself sets its key (#13): Herning's manager, on the key page, with the form filled in
    m = session_for("manager")
    m.goto(f"/noegletal/netvaerk/{net.pk}/noegler/")
    assert m.page.input_value("#id_public_key") == agg.public_key_text(signing_key(657))
    m.submit()
    assert "er registreret for Herning" in m.page.locator(".messages").inner_text()

    h = session_for("sekretariat")
    h.goto(f"/noegletal/netvaerk/{net.pk}/")
    h.page.set_input_files("#id_file", str(path))
    h.page.click("main form >> button:has-text('Importér')")
    h.page.wait_for_load_state()
    h.a11y()
    assert "Nøgletallene for Herning er importeret" in h.page.locator(".messages").inner_text()
    h.goto(f"/noegletal/netvaerk/{net.pk}/?i=notifications.per_1000&g=year&period=2024&baseline=2023")
    table = h.page.locator("main table").first.inner_text()
    assert "Herning" in table and "5,0" in table  # 5 notifications per 1,000 children in 2024
