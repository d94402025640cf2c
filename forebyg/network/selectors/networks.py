# SPDX-License-Identifier: MPL-2.0
"""Networks for the secretariat's pages: lists, structure, members, participants, calls."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from forebyg.core.models import Municipality

from .. import models as m


def network_list():
    return m.Network.objects.annotate(
        n_groups=Count("groups", distinct=True),
        n_members=Count("memberships__municipality", distinct=True),
        n_participants=Count("participants", filter=Q(participants__withdrawn_at__isnull=True), distinct=True),
    ).order_by("-starts_on", "name")


def network_get(pk: int) -> m.Network | None:
    return m.Network.objects.filter(pk=pk).first()


@dataclass
class MemberRow:
    """A membership as the members page shows it: whether it is valid today, and its active participants."""

    membership: m.Membership
    active: bool
    participant_count: int


@dataclass
class GroupRow:
    group: m.Group | None
    memberships: list[MemberRow] = field(default_factory=list)
    participants: int = 0


def network_structure(network: m.Network, as_of: date) -> list[GroupRow]:
    """Groups with their member municipalities (and one row for members without a group)."""
    counts = dict(m.Participant.objects.filter(network=network, withdrawn_at__isnull=True)
                  .values_list("municipality_id").annotate(n=Count("pk")))
    rows: dict[int | None, GroupRow] = {g.pk: GroupRow(g) for g in network.groups.select_related("chair")}
    loose = GroupRow(None)
    for ms in network.memberships.select_related("municipality", "group").order_by("municipality__name", "valid_from"):
        row = rows.get(ms.group_id, loose)
        row.memberships.append(MemberRow(ms, ms.valid_on(as_of), counts.get(ms.municipality_id, 0)))
    for row in [*rows.values(), loose]:
        row.participants = sum(counts.get(mid, 0) for mid in {r.membership.municipality_id for r in row.memberships})
    return [*rows.values(), *([loose] if loose.memberships else [])]


def member_municipalities(network: m.Network):
    ids = network.memberships.values_list("municipality_id", flat=True)
    return Municipality.objects.filter(pk__in=ids).order_by("name")


def participants_by_municipality(network: m.Network, include_withdrawn: bool = False) -> list[tuple]:
    qs = network.participants.select_related("municipality").order_by("municipality__name", "name")
    if not include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    out: dict[Municipality, list[m.Participant]] = defaultdict(list)
    for p in qs:
        out[p.municipality].append(p)
    return list(out.items())


def calls_for(network: m.Network):
    return network.calls.annotate(
        n_applications=Count("applications"),
        n_open=Count("applications", filter=Q(applications__status=m.ApplicationStatus.SUBMITTED)),
    ).order_by("-deadline")


def call_get(pk: int) -> m.Call | None:
    return m.Call.objects.select_related("network").filter(pk=pk).first()


def public_call_get(pk: int) -> m.Call | None:
    return m.Call.objects.select_related("network").filter(pk=pk, published_at__isnull=False).first()


def application_get(pk: int) -> m.Application | None:
    return m.Application.objects.select_related("call__network", "municipality", "decided_by").filter(pk=pk).first()


def group_get(pk: int) -> m.Group | None:
    return m.Group.objects.select_related("network", "chair").filter(pk=pk).first()


def membership_get(pk: int) -> m.Membership | None:
    return m.Membership.objects.select_related("network", "municipality").filter(pk=pk).first()


def participant_get(pk: int) -> m.Participant | None:
    return m.Participant.objects.select_related("network", "municipality").filter(pk=pk).first()
