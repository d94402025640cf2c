# SPDX-License-Identifier: MPL-2.0
"""A member's signing key at the key-figure hub, in a real browser (Chromium): the network
secretariat proposes a key, the member's manager sees the proposal on the key page (reached from
the aggregates page) and confirms it, and the key then counts. With FOREBYG_SHOTS=<dir> the pages
are also saved as screenshots at 1366 and 390 px."""

from datetime import date

import pytest

from forebyg.domain.keyfigures import aggregates as agg
from forebyg.keyfigures.models import HubKey
from tests.conftest import make_user
from tests.e2e.test_child_search import _shots

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_proposes_and_the_member_confirms(session_for, users, municipality, other_municipality):
    from forebyg.network.models import Membership, Network

    net = Network.objects.create(name="Nøgletalsnetværket")
    for code in (municipality.code, other_municipality.code):
        Membership.objects.create(network=net, municipality_id=code, role="member", valid_from=date(2025, 1, 1))
    make_user(other_municipality, "network_secretariat", "sekretariat")
    key = agg.public_key_text(agg.load_private_key(agg.new_private_key_pem()))
    fingerprint = agg.fingerprint(key)

    hub = session_for("sekretariat")
    hub.goto(f"/noegletal/netvaerk/{net.pk}/noegler/")
    hub.page.select_option("#id_municipality", str(municipality.code))
    hub.page.fill("#id_public_key", key)
    hub.submit()
    main = hub.page.locator("main").inner_text()
    assert f"Nøglen {fingerprint} er foreslået for Herning" in main
    assert "Foreslåede nøgler, der afventer kommunen" in main and "afventer kommunens bekræftelse" in main
    assert not HubKey.objects.exists()
    _shots(hub, "hub-keys-secretariat")

    member = session_for(users["manager"].username)
    member.goto("/noegletal/aggregater/")
    member.page.click("main >> text=Nøgletalsnetværket")
    member.page.wait_for_load_state()
    member.a11y()
    main = member.page.locator("main").inner_text()
    assert f"Herning: nøgle {fingerprint}, foreslået af Sekretariat" in main and "Hvidovre" not in main
    _shots(member, "hub-keys-member")
    member.page.click("main section.note button:has-text('Bekræft')")
    member.page.wait_for_load_state()
    member.a11y()
    main = member.page.locator("main").inner_text()
    assert f"Nøglen {fingerprint} er bekræftet og gælder nu for Herning" in main
    assert "foreslået af netværket, bekræftet af kommunen" in main
    assert HubKey.objects.get(network=net, municipality=municipality).fingerprint == fingerprint
    _shots(member, "hub-keys-member-confirmed")
