# SPDX-License-Identifier: MPL-2.0
"""Who belongs where: member municipalities of a network or group, and what a participant may see."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from .. import models as m


def member_municipality_ids(network: m.Network, group: m.Group | None = None) -> set[int]:
    qs = m.Membership.objects.filter(network=network)
    if group is not None:
        qs = qs.filter(group=group)
    return set(qs.values_list("municipality_id", flat=True))


def participant_group_ids(participant: m.Participant) -> set[int]:
    return set(m.Membership.objects.filter(network_id=participant.network_id, municipality_id=participant.municipality_id,
                                           group__isnull=False).values_list("group_id", flat=True))


def event_in_scope(participant: m.Participant, event: m.Event) -> bool:
    if event.network_id != participant.network_id:
        return False
    return event.group_id is None or event.group_id in participant_group_ids(participant)


def task_in_scope(municipality_id: int, task: m.Task) -> bool:
    return municipality_id in member_municipality_ids(task.network, task.group)


def participants_in_scope(event: m.Event) -> QuerySet[m.Participant]:
    qs = m.Participant.objects.filter(network_id=event.network_id, withdrawn_at__isnull=True)
    if event.group_id is not None:
        qs = qs.filter(municipality_id__in=member_municipality_ids(event.network, event.group))
    return qs.select_related("municipality").order_by("municipality__name", "name")


def overlapping(qs: QuerySet[m.Membership], valid_from: date, valid_to: date | None) -> QuerySet[m.Membership]:
    qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    return qs.filter(valid_from__lte=valid_to) if valid_to is not None else qs


def capped_member_ids(network: m.Network, valid_from: date, valid_to: date | None) -> set[int]:
    """Municipalities that count towards the cap on member municipalities in that period
    (every role but partnership municipality)."""
    qs = m.Membership.objects.filter(network=network).exclude(role=m.MembershipRole.PARTNERSHIP)
    return set(overlapping(qs, valid_from, valid_to).values_list("municipality_id", flat=True))


def active_participant_count(network: m.Network, municipality_id: int) -> int:
    return m.Participant.objects.filter(network=network, municipality_id=municipality_id,
                                        withdrawn_at__isnull=True).count()
