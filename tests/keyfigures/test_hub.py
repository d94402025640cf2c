# SPDX-License-Identifier: MPL-2.0
"""Sharing with a network: the municipality exports a signed aggregate file; the hub registers
its key, imports the file and compares members; it refuses a wrong signature, an unknown catalogue
version and a municipality outside the network, saying why, and logs the refusal."""

import io
import json

import pytest
from django.test import Client

from forebyg.audit.models import LogEntry
from forebyg.domain.keyfigures import aggregates as agg
from forebyg.keyfigures.models import HubKey, Submission


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def exported(small, users):
    """The small municipality's signed file, downloaded by its manager."""
    r = client_for(users["manager"]).post("/noegletal/aggregater/", {"granularity": ["year"]})
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    return r.content


@pytest.fixture
def hub(secretariat):
    return client_for(secretariat)


@pytest.fixture
def member(users):
    """The member municipality's manager: only the member itself sets its key (#13)."""
    return client_for(users["manager"])


def register(client, network, code, public_key):
    return client.post(f"/noegletal/netvaerk/{network.pk}/noegler/", {"municipality": code, "public_key": public_key})


def upload(hub, network, data: bytes):
    f = io.BytesIO(data)
    f.name = "aggregater.json"
    return hub.post(f"/noegletal/netvaerk/{network.pk}/import/", {"file": f}, follow=True)


def public_key_of(data: bytes) -> str:
    from forebyg.keyfigures.services import signing_key

    return agg.public_key_text(signing_key(json.loads(data)["municipality"]))


def test_the_export_holds_no_personal_data_and_hides_small_numbers(exported, users):
    doc = json.loads(exported)
    assert doc["municipality"] == 657 and doc["catalogue_version"] == 1 and doc["signature"]["algorithm"] == "Ed25519"
    text = exported.decode()
    assert "kf-c" not in text and "Testbarn" not in text  # no child ids, no names
    acute = next(r for r in doc["rows"] if r["indicator"] == "notifications.acute_24h" and r["period"] == "2024")
    assert acute["suppressed"] and acute["value"] is None  # 2 of 4
    assert LogEntry.objects.filter(action_type="keyfigures.aggregates.exported").exists()
    assert LogEntry.objects.filter(action_type="keyfigures.key.created").exists()
    assert client_for(users["team_leader"]).get("/noegletal/aggregater/").status_code == 403


def test_the_hub_imports_a_signed_file_and_compares(exported, hub, network, member):
    page = hub.get(f"/noegletal/netvaerk/{network.pk}/")
    assert page.status_code == 200
    assert register(member, network, 657, public_key_of(exported)).status_code == 302
    r = upload(hub, network, exported)
    assert "Imported the key figures of Herning" in r.content.decode()
    assert Submission.objects.filter(network=network, municipality_id=657).count() == 1
    page = hub.get(f"/noegletal/netvaerk/{network.pk}/?i=economy.spending_per_child&group=role:partnership"
                   "&period=2024&baseline=2023").content.decode()
    assert "1,407" in page or "1.407" in page  # 1,406.58 DKK per child
    assert "Network average" in page and "Partnership municipalities" in page
    assert hub.get(f"/noegletal/netvaerk/{network.pk}/graf.svg?i=economy.spending_per_child").content.startswith(b"<svg")
    assert LogEntry.objects.filter(action_type="keyfigures.hub.file_imported").exists()


def _refused(r) -> str:
    text = r.content.decode()
    assert "The file was not imported." in text
    return text


def test_a_changed_file_is_refused(exported, hub, network, member):
    register(member, network, 657, public_key_of(exported))
    doc = json.loads(exported)
    row = next(r for r in doc["rows"] if not r["suppressed"])
    row["value"] = (row["value"] or 0) + 10
    text = _refused(upload(hub, network, json.dumps(doc).encode()))
    assert "The signature does not match" in text
    assert not Submission.objects.exists()
    refusal = LogEntry.objects.get(action_type="keyfigures.hub.file_refused")
    assert refusal.payload["code"] == "signature_invalid"


def test_a_file_signed_with_another_key_is_refused(exported, hub, network, member):
    other = agg.load_private_key(agg.new_private_key_pem())
    register(member, network, 657, agg.public_key_text(other))
    text = _refused(upload(hub, network, exported))
    assert "signed with another key than the one registered for Herning (657)" in text


def test_an_unknown_catalogue_version_is_refused(exported, hub, network, member):
    from forebyg.keyfigures.services import signing_key

    register(member, network, 657, public_key_of(exported))
    doc = json.loads(exported)
    doc["catalogue_version"] = 99
    resigned = agg.sign_document(doc, signing_key(657))  # correctly signed, but a catalogue the hub lacks
    text = _refused(upload(hub, network, agg.dumps(resigned).encode()))
    assert "catalogue version 99" in text and "knows version 1" in text


def test_a_municipality_outside_the_network_is_refused(exported, hub, network, other_municipality):
    from forebyg.network.models import Membership

    Membership.objects.filter(network=network, municipality_id=657).delete()
    text = _refused(upload(hub, network, exported))
    assert "Herning (657) is not a member of the network Testnetværket" in text


def test_a_member_without_a_registered_key_is_refused(exported, hub, network):
    text = _refused(upload(hub, network, exported))
    assert "No public key is registered for Herning (657)" in text


def test_not_a_key_and_not_the_secretariat(exported, hub, network, users, member):
    r = register(member, network, 657, "not-a-key")
    assert not HubKey.objects.exists() and r.status_code == 200 and "not an Ed25519 public key" in r.content.decode()
    # a member's manager sees the comparison (#15), but importing is the secretariat's
    assert client_for(users["manager"]).get(f"/noegletal/netvaerk/{network.pk}/").status_code == 200
    assert client_for(users["manager"]).post(f"/noegletal/netvaerk/{network.pk}/import/").status_code == 403
