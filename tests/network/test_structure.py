# SPDX-License-Identifier: MPL-2.0
"""Caps on member municipalities and on persons per municipality; membership periods."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from forebyg.audit.models import LogEntry
from forebyg.network import models as m
from forebyg.network.services import structure as s


def test_cap_on_persons_per_municipality(network, people, secretariat, mun):
    # København has two participants already: the cap is 2.
    with pytest.raises(ValidationError) as exc:
        s.participant_add(actor=secretariat, network=network, municipality=mun["København"], name="Tredje Person",
                          email="tredje@kobenhavn.kommune.example")
    assert "2 per municipality" in " ".join(exc.value.messages)
    assert m.Participant.objects.filter(network=network, municipality=mun["København"]).count() == 2
    # A withdrawn participant frees the place.
    s.participant_withdraw(actor=secretariat, participant=people["bo"])
    s.participant_add(actor=secretariat, network=network, municipality=mun["København"], name="Tredje Person",
                      email="tredje@kobenhavn.kommune.example")


def test_participant_needs_a_member_municipality_and_own_email(network, people, secretariat, mun):
    with pytest.raises(ValidationError) as exc:
        s.participant_add(actor=secretariat, network=network, municipality=mun["Odense"], name="X Y",
                          email="x@odense.kommune.example")
    assert "municipality" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        s.participant_add(actor=secretariat, network=network, municipality=mun["Herning"], name="Dublet",
                          email=people["carl"].email.upper())
    assert "email" in exc.value.error_dict


def test_cap_on_member_municipalities_partnership_not_counted(network, secretariat, mun):
    # København (chair) counts; Herning (partnership) does not. Cap 2: one more fits.
    s.membership_add(actor=secretariat, network=network, municipality=mun["Odense"], role="reference",
                     valid_from=date(2026, 1, 1))
    with pytest.raises(ValidationError) as exc:
        s.membership_add(actor=secretariat, network=network, municipality=mun["Aarhus"], role="reference",
                         valid_from=date(2026, 1, 1))
    assert "at most 2" in " ".join(exc.value.messages)
    # Another partnership municipality is not capped.
    s.membership_add(actor=secretariat, network=network, municipality=mun["Aarhus"], role="partnership",
                     valid_from=date(2026, 1, 1))
    assert network.memberships.count() == 4


def test_cap_respects_validity_dates(network, secretariat, mun):
    odense = s.membership_add(actor=secretariat, network=network, municipality=mun["Odense"], role="reference",
                              valid_from=date(2026, 1, 1))
    s.membership_end(actor=secretariat, membership=odense, valid_to=date(2026, 6, 30))
    # From July, Odense's place is free again.
    s.membership_add(actor=secretariat, network=network, municipality=mun["Aarhus"], role="reference",
                     valid_from=date(2026, 7, 1))
    with pytest.raises(ValidationError):
        s.membership_add(actor=secretariat, network=network, municipality=mun["Vejle"], role="reference",
                         valid_from=date(2026, 8, 1))


def test_same_municipality_twice_in_a_period_refused(network, secretariat, mun):
    with pytest.raises(ValidationError) as exc:
        s.membership_add(actor=secretariat, network=network, municipality=mun["Herning"], role="reference",
                         valid_from=date(2026, 3, 1))
    assert "municipality" in exc.value.error_dict


def test_chair_membership_sets_group_chair_and_is_logged(network, secretariat, mun):
    g = s.group_create(actor=secretariat, network=network, name="Klynge Midt")
    s.membership_add(actor=secretariat, network=network, municipality=mun["Svendborg"], role="chair",
                     valid_from=date(2026, 1, 1), group=g)
    g.refresh_from_db()
    assert g.chair == mun["Svendborg"]
    assert LogEntry.objects.filter(action_type="network.membership.added", object_id=str(
        network.memberships.get(municipality=mun["Svendborg"]).pk)).exists()


def test_group_names_unique_per_network(network, secretariat):
    with pytest.raises(ValidationError):
        s.group_create(actor=secretariat, network=network, name="klynge øst")
