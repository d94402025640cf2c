# SPDX-License-Identifier: MPL-2.0
"""Events, attendance lists and a participant's programme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from .. import models as m
from . import scope

RS = m.RegistrationStatus


def events_for(network: m.Network):
    return network.events.select_related("group").annotate(
        n_registered=Count("registrations", filter=Q(registrations__status=RS.REGISTERED)),
        n_waiting=Count("registrations", filter=Q(registrations__status=RS.WAITING)),
    ).order_by("starts_at", "pk")


def event_get(pk: int) -> m.Event | None:
    return m.Event.objects.select_related("network", "group").filter(pk=pk).first()


def event_registrations(event: m.Event) -> dict[str, list[m.Registration]]:
    regs = (event.registrations.select_related("participant__municipality")
            .order_by("requested_at", "pk"))
    out: dict[str, list[m.Registration]] = {s: [] for s in RS.values}
    for r in regs:
        out[r.status].append(r)
    return out


def material_get(pk: int) -> m.Material | None:
    return m.Material.objects.select_related("event__network").filter(pk=pk).first()


@dataclass
class AttendanceRow:
    event: m.Event
    group: str
    municipality: str
    name: str
    title: str
    email: str
    status: str
    status_label: str
    requested_at: datetime


def attendance_rows(network: m.Network, *, event: m.Event | None = None, group: m.Group | None = None,
                    municipality_id: int | None = None, statuses: list[str] | None = None) -> list[AttendanceRow]:
    """Who is coming (and who is waiting or cancelled), per event, group and municipality.
    The group is the event's group, or for whole-network events the participant's group."""
    qs = (m.Registration.objects.filter(event__network=network)
          .select_related("event__group", "participant__municipality")
          .order_by("event__starts_at", "event__pk", "participant__municipality__name", "participant__name"))
    if event is not None:
        qs = qs.filter(event=event)
    if municipality_id is not None:
        qs = qs.filter(participant__municipality_id=municipality_id)
    if statuses:
        qs = qs.filter(status__in=statuses)
    groups_of: dict[int, m.Group | None] = {}  # the query asks for memberships with a group
    for ms in network.memberships.filter(group__isnull=False).select_related("group"):
        groups_of.setdefault(ms.municipality_id, ms.group)
    labels = dict(RS.choices)
    rows = []
    for r in qs:
        g = r.event.group or groups_of.get(r.participant.municipality_id)
        if group is not None and (g is None or g.pk != group.pk):
            continue
        rows.append(AttendanceRow(event=r.event, group=g.name if g else "", municipality=r.participant.municipality.name,
                                  name=r.participant.name, title=r.participant.title, email=r.participant.email,
                                  status=r.status, status_label=str(labels[r.status]), requested_at=r.requested_at))
    return rows


def attendance_summary(rows: list[AttendanceRow]) -> list[tuple[str, str, int, int]]:
    """(group, municipality, registered, waiting) counts for the rows."""
    counts: dict[tuple[str, str], list[int]] = {}
    for r in rows:
        c = counts.setdefault((r.group, r.municipality), [0, 0])
        if r.status == RS.REGISTERED:
            c[0] += 1
        elif r.status == RS.WAITING:
            c[1] += 1
    return [(g, mun, a, b) for (g, mun), (a, b) in sorted(counts.items())]


@dataclass
class ProgrammeItem:
    event: m.Event
    status: str | None  # the participant's registration status, or None
    materials: list[m.Material]
    can_register: bool
    can_cancel: bool
    past: bool = False  # the event has ended: nothing to register for or cancel


def participant_programme(participant: m.Participant, *, as_of: datetime) -> list[ProgrammeItem]:
    """The events this participant may attend, with their own registration only: nothing about others.
    Coming events first, soonest first; then the events that have ended, latest first (issue #15)."""
    groups = scope.participant_group_ids(participant)
    events = (m.Event.objects.filter(network_id=participant.network_id)
              .filter(Q(group__isnull=True) | Q(group_id__in=groups))
              .prefetch_related("materials").order_by("starts_at", "pk"))
    mine = dict(participant.registrations.values_list("event_id", "status"))
    items = []
    for e in events:
        status = mine.get(e.pk)
        open_ = not e.cancelled and as_of < e.starts_at
        items.append(ProgrammeItem(
            event=e, status=status, materials=list(e.materials.all()),
            can_register=open_ and status in (None, RS.CANCELLED),
            can_cancel=open_ and status in (RS.REGISTERED, RS.WAITING), past=e.ends_at <= as_of))
    coming = [i for i in items if not i.past]
    ended = sorted((i for i in items if i.past), key=lambda i: (i.event.starts_at, i.event.pk), reverse=True)
    return coming + ended
