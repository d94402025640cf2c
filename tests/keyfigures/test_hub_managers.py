# SPDX-License-Identifier: MPL-2.0
"""The network comparison is visible to the managers of member municipalities (issue #15; it was a
bare 403): their own networks only, aggregates only, without the hub's import form."""

import pytest
from django.test import Client

from tests.conftest import make_user

from .test_hub import exported, public_key_of, register, upload  # noqa: F401 (exported: a fixture)

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_a_member_municipalitys_manager_sees_the_comparison(exported, secretariat, network, users,  # noqa: F811
                                                            other_municipality):
    from forebyg.network.models import Network

    hub, manager = _client(secretariat), _client(users["manager"])
    assert register(manager, network, 657, public_key_of(exported)).status_code == 302
    upload(hub, network, exported)
    Network.objects.create(key="kf-other", name="Et andet netværk", kind="partnership")  # Herning is no member

    listing = manager.get("/noegletal/netvaerk/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Testnetværket" in text and "Et andet netværk" not in text

    page = manager.get(f"/noegletal/netvaerk/{network.pk}/?i=economy.spending_per_child&period=2024&baseline=2023")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Herning" in text and "1,407" in text  # the municipality's figure beside the others (English page)
    assert "Import an aggregate file" not in text  # the hub's work, not the member's
    assert manager.get(f"/noegletal/netvaerk/{network.pk}/graf.svg").status_code == 200
    assert manager.post(f"/noegletal/netvaerk/{network.pk}/import/").status_code == 403
    assert "Network comparison" in manager.get("/noegletal/").content.decode()


def test_others_do_not(exported, network, users, other_municipality):  # noqa: F811
    from forebyg.network.models import Network

    lone = Network.objects.create(key="kf-other", name="Et andet netværk", kind="partnership")
    assert _client(users["manager"]).get(f"/noegletal/netvaerk/{lone.pk}/").status_code == 403
    assert _client(users["caseworker"]).get("/noegletal/netvaerk/").status_code == 403
    assert _client(users["team_leader"]).get(f"/noegletal/netvaerk/{network.pk}/").status_code == 403
    stranger = make_user(other_municipality, "manager", "hvidovreleder")
    assert _client(stranger).get(f"/noegletal/netvaerk/{lone.pk}/").status_code == 403
