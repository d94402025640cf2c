# SPDX-License-Identifier: MPL-2.0
"""Finding #13.10: any hub user (network secretariat, administrator) of any municipality could
replace a member municipality's signing key at the key-figure hub, and then import figures signed
with their own key in the member's name. Only the member's own managers and analysts set its key;
a hub user's key is a proposal that counts when the member confirms it; every step is logged and
the member is told (e-mail, and the key page)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from forebyg.audit.models import LogEntry
from forebyg.domain.keyfigures import aggregates as agg
from forebyg.keyfigures.models import HubKey, HubKeyChange
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _key() -> str:
    return agg.public_key_text(agg.load_private_key(agg.new_private_key_pem()))


@pytest.fixture
def network(municipality, other_municipality):
    from forebyg.network.models import Membership, Network

    net = Network.objects.create(name="Nøgletalsnetværket")
    for code in (municipality.code, other_municipality.code):
        Membership.objects.create(network=net, municipality_id=code, role="member", valid_from=date(2025, 1, 1))
    return net


@pytest.fixture
def people(municipality, other_municipality, users):
    """The member (657): its manager and analyst. The outsiders, of 167: hub users and a manager."""
    users["manager"].email, users["analyst"].email = "leder@herning.example", "analytiker@herning.example"
    for u in (users["manager"], users["analyst"]):
        u.save()
    return {
        "member_manager": users["manager"], "member_analyst": users["analyst"],
        "member_admin": users["administrator"],
        "secretariat": make_user(other_municipality, "network_secretariat", "sekretariat"),
        "admin": make_user(other_municipality, "administrator", "fremmedadmin"),
        "other_manager": make_user(other_municipality, "manager", "fremmedleder"),
    }


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _set(user, network, code, key):
    return _client(user).post(f"/noegletal/netvaerk/{network.pk}/noegler/", {"municipality": code, "public_key": key})


def _current(network, code):
    k = HubKey.objects.filter(network=network, municipality_id=code).first()
    return k.public_key if k else None


def test_a_hub_user_of_another_municipality_cannot_replace_a_members_key(network, people, municipality,
                                                                         django_capture_on_commit_callbacks):
    from django.core import mail

    original = _key()
    assert _set(people["member_manager"], network, 657, original).status_code == 302
    assert _current(network, 657) == original
    for who in ("secretariat", "admin", "member_admin"):
        forged = _key()
        with django_capture_on_commit_callbacks(execute=True):
            r = _set(people[who], network, 657, forged)
        assert r.status_code in (302, 200), who
        assert _current(network, 657) == original, f"{who} replaced the member's key"
        proposal = HubKeyChange.objects.get(public_key=forged)
        assert proposal.status == "proposed" and proposal.requested_by == people[who]
        assert LogEntry.objects.filter(action_type="keyfigures.hub.key_proposed", object_id=str(proposal.pk)).exists()
        assert sorted(mail.outbox[-1].to) == ["analytiker@herning.example", "leder@herning.example"]
        assert proposal.fingerprint in mail.outbox[-1].body
    # a manager of another municipality (a member too) may neither set nor propose: 657 is not among its choices
    assert _set(people["other_manager"], network, 657, _key()).status_code in (200, 403)
    assert not HubKeyChange.objects.filter(requested_by=people["other_manager"]).exists()
    assert _current(network, 657) == original


def test_a_figure_file_signed_with_a_proposed_key_is_refused(network, people):
    from forebyg.keyfigures import services

    forged_private = agg.load_private_key(agg.new_private_key_pem())
    _set(people["member_manager"], network, 657, _key())
    _set(people["secretariat"], network, 657, agg.public_key_text(forged_private))
    doc = agg.sign_document({"format": "forebyg-keyfigures-aggregates", "format_version": 1, "catalogue_version": 1,
                             "municipality": 657, "as_of": "2026-01-01T00:00:00+00:00",
                             "created_at": "2026-01-01T00:00:00+00:00", "periods": [], "rows": []}, forged_private)
    with pytest.raises(agg.AggregateError) as refused:
        services.hub_import(actor=people["secretariat"], network=network, data=agg.dumps(doc).encode())
    assert refused.value.code in ("signature_key", "signature_invalid")


def test_the_member_sees_confirms_or_rejects_a_proposal_and_everything_is_logged(
        network, people, django_capture_on_commit_callbacks):
    from django.core import mail

    proposed = _key()
    _set(people["secretariat"], network, 657, proposed)
    change = HubKeyChange.objects.get(public_key=proposed)
    page = _client(people["member_analyst"]).get(f"/noegletal/netvaerk/{network.pk}/noegler/").content.decode()
    assert change.fingerprint in page and "Proposed keys awaiting the municipality" in page
    assert "Hvidovre" not in page  # the member sees its own municipality only
    # only the member answers: not the hub, not another municipality
    url = f"/noegletal/netvaerk/{network.pk}/noegler/{change.pk}/bekraeft/"
    assert _client(people["secretariat"]).post(url).status_code in (403, 404)
    assert _client(people["other_manager"]).post(url).status_code in (403, 404)
    assert _current(network, 657) is None
    with django_capture_on_commit_callbacks(execute=True):
        assert _client(people["member_manager"]).post(url).status_code == 302
    assert _current(network, 657) == proposed
    change.refresh_from_db()
    assert change.status == "confirmed" and change.decided_by == people["member_manager"]
    assert LogEntry.objects.filter(action_type="keyfigures.hub.key_registered").count() == 1
    assert "confirmed" in mail.outbox[-1].body
    # a second proposal, rejected: the key stays
    other = _key()
    _set(people["admin"], network, 657, other)
    second = HubKeyChange.objects.get(public_key=other)
    _client(people["member_manager"]).post(f"/noegletal/netvaerk/{network.pk}/noegler/{second.pk}/afvis/")
    second.refresh_from_db()
    assert second.status == "rejected" and _current(network, 657) == proposed
    assert LogEntry.objects.filter(action_type="keyfigures.hub.key_rejected").exists()
    # a member's manager cannot set another member's key
    assert _set(people["member_manager"], network, 167, _key()).status_code in (200, 302, 403)
    assert _current(network, 167) is None


def test_who_opens_the_key_page(network, people, users):
    url = f"/noegletal/netvaerk/{network.pk}/noegler/"
    for who in ("secretariat", "admin", "member_manager", "member_analyst"):
        assert _client(people[who]).get(url).status_code == 200, who
    for role in ("caseworker", "team_leader", "receiving_unit"):
        assert _client(users[role]).get(url).status_code == 403, role
