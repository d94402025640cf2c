# SPDX-License-Identifier: MPL-2.0
"""The demo networks from the seeds: their real structure, loaded once."""

from django.db.models import Count

from forebyg.network import models as m
from forebyg.network.services.demo import network_demo_load


def test_demo_networks_structure_and_idempotence(db):
    first = network_demo_load()
    assert len(first.created) == 3 and first.sample_link and "/netvaerk/p/" in first.sample_link

    partnership = m.Network.objects.get(key="partnerskab-2016")
    chairs = {g.name: g.chair.name for g in partnership.groups.all()}
    assert chairs == {"Klynge Øst": "København", "Klynge Midt": "Svendborg", "Klynge Vest": "Brønderslev"}
    assert partnership.memberships.count() == 22
    assert set(partnership.memberships.filter(role="partnership").values_list("municipality__name", flat=True)) == {
        "Hvidovre", "Haderslev", "Herning"}
    assert partnership.memberships.get(municipality__name="Vesthimmerlands").group.name == "Klynge Vest"

    reference = m.Network.objects.get(key="reference-progression-2020")
    assert (reference.max_member_municipalities, reference.max_participants_per_municipality) == (15, 3)
    assert reference.memberships.filter(role="partnership").count() == 5
    assert reference.memberships.filter(role="reference").count() == 15
    call = reference.calls.get()
    assert call.deadline.date().isoformat() == "2020-10-01"
    assert call.applications.filter(status="declined").count() == 2
    per_mun = reference.participants.values("municipality").annotate(n=Count("pk"))
    assert max(x["n"] for x in per_mun) == 3

    leader = m.Network.objects.get(key="ledernetvaerk-2022")
    for g in leader.groups.all():
        assert g.memberships.count() == g.reported_municipalities
        mids = g.memberships.values_list("municipality_id", flat=True)
        assert leader.participants.filter(municipality_id__in=mids).count() == g.reported_members
    cancelled = leader.events.filter(status="cancelled")
    assert cancelled.count() == 5 and all("valgkampen" in e.cancel_reason for e in cancelled)
    assert leader.events.filter(kind="kickoff", starts_at__date="2022-06-02").exists()
    assert all(p.email.endswith(".kommune.example") for p in m.Participant.objects.all())

    counts = (m.Network.objects.count(), m.Participant.objects.count(), m.Event.objects.count(),
              m.Registration.objects.count())
    second = network_demo_load()
    assert second.created == [] and len(second.existing) == 3 and second.sample_link is None
    assert counts == (m.Network.objects.count(), m.Participant.objects.count(), m.Event.objects.count(),
                      m.Registration.objects.count())
