# SPDX-License-Identifier: MPL-2.0
"""Networks, groups, member municipalities and participants."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forebyg.core import clock
from forebyg.core.models import Municipality

from .. import models as m
from ..selectors import scope
from .common import audit, link_issue, link_url, mail_message, send_after_commit

if TYPE_CHECKING:
    from forebyg.accounts.models import User


def _check_period(starts_on: date | None, ends_on: date | None, field: str = "ends_on") -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({field: _("The end cannot be before the start.")})


@transaction.atomic
def network_create(*, actor: User, name: str, kind: str, purpose: str = "", organisers: str = "",
                   starts_on: date | None = None, ends_on: date | None = None,
                   max_member_municipalities: int | None = None, max_participants_per_municipality: int | None = None,
                   key: str | None = None, source: str = "") -> m.Network:
    _check_period(starts_on, ends_on)
    if kind not in m.NetworkKind.values:
        raise ValidationError({"kind": _("Choose a kind of network.")})
    network = m.Network.objects.create(
        name=name, kind=kind, purpose=purpose, organisers=organisers, starts_on=starts_on, ends_on=ends_on,
        max_member_municipalities=max_member_municipalities,
        max_participants_per_municipality=max_participants_per_municipality, key=key, source=source,
        created_by=actor)
    audit(actor=actor, action="network.network.created", obj=network, kind=kind)
    return network


@transaction.atomic
def network_update(*, actor: User, network: m.Network, name: str, kind: str, purpose: str, organisers: str,
                   starts_on: date | None, ends_on: date | None, max_member_municipalities: int | None,
                   max_participants_per_municipality: int | None) -> m.Network:
    _check_period(starts_on, ends_on)
    network.name, network.kind, network.purpose, network.organisers = name, kind, purpose, organisers
    network.starts_on, network.ends_on = starts_on, ends_on
    network.max_member_municipalities = max_member_municipalities
    network.max_participants_per_municipality = max_participants_per_municipality
    network.save()
    audit(actor=actor, action="network.network.updated", obj=network, kind=kind,
          max_member_municipalities=max_member_municipalities,
          max_participants_per_municipality=max_participants_per_municipality)
    return network


def _check_group_name(network: m.Network, name: str, exclude: int | None = None) -> None:
    # Compared in Python: SQLite's case-insensitive match only folds ASCII (Ø/ø, Æ/æ, Å/å).
    groups = network.groups.all() if exclude is None else network.groups.exclude(pk=exclude)
    names = groups.values_list("name", flat=True)
    if name.strip().casefold() in {n.casefold() for n in names}:
        raise ValidationError({"name": _("The network already has a group with this name.")})


@transaction.atomic
def group_create(*, actor: User, network: m.Network, name: str, chair: Municipality | None = None,
                 reported_members: int | None = None, reported_municipalities: int | None = None) -> m.Group:
    _check_group_name(network, name)
    group = m.Group.objects.create(network=network, name=name.strip(), chair=chair, reported_members=reported_members,
                                   reported_municipalities=reported_municipalities)
    audit(actor=actor, action="network.group.created", obj=group, network=network.pk,
          chair=chair.pk if chair else None)
    return group


@transaction.atomic
def group_update(*, actor: User, group: m.Group, name: str, chair: Municipality | None,
                 reported_members: int | None, reported_municipalities: int | None) -> m.Group:
    _check_group_name(group.network, name, exclude=group.pk)
    group.name, group.chair = name.strip(), chair
    group.reported_members, group.reported_municipalities = reported_members, reported_municipalities
    group.save()
    audit(actor=actor, action="network.group.updated", obj=group, chair=chair.pk if chair else None)
    return group


@transaction.atomic
def membership_add(*, actor: User, network: m.Network, municipality: Municipality, role: str, valid_from: date,
                   valid_to: date | None = None, group: m.Group | None = None) -> m.Membership:
    """Make a municipality a member. Refused if it is a member in the same period already, or if
    the network's cap on member municipalities is reached (partnership municipalities do not count)."""
    m.Network.objects.select_for_update().get(pk=network.pk)  # one membership decision at a time per network
    _check_period(valid_from, valid_to, "valid_to")
    if role not in m.MembershipRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    if group is not None and group.network_id != network.pk:
        raise ValidationError({"group": _("The group belongs to another network.")})
    same = scope.overlapping(m.Membership.objects.filter(network=network, municipality=municipality),
                             valid_from, valid_to)
    if same.exists():
        raise ValidationError({"municipality": _("%(name)s is already a member of the network in this period.")
                               % {"name": municipality.name}})
    cap = network.max_member_municipalities
    if cap is not None and role != m.MembershipRole.PARTNERSHIP:
        counted = scope.capped_member_ids(network, valid_from, valid_to) - {municipality.pk}
        if len(counted) >= cap:
            raise ValidationError(_("The network is full: it has room for at most %(cap)d member municipalities.")
                                  % {"cap": cap})
    membership = m.Membership.objects.create(network=network, municipality=municipality, role=role, group=group,
                                             valid_from=valid_from, valid_to=valid_to)
    if role == m.MembershipRole.CHAIR and group is not None and group.chair_id is None:
        group.chair = municipality
        group.save(update_fields=["chair"])
    audit(actor=actor, action="network.membership.added", obj=membership, network=network.pk, role=role,
          group=group.pk if group else None, valid_from=valid_from.isoformat(),
          valid_to=valid_to.isoformat() if valid_to else None)
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: m.Membership, valid_to: date) -> m.Membership:
    if valid_to < membership.valid_from:
        raise ValidationError({"valid_to": _("The end cannot be before the start.")})
    membership.valid_to = valid_to
    membership.save(update_fields=["valid_to"])
    audit(actor=actor, action="network.membership.ended", obj=membership, valid_to=valid_to.isoformat())
    return membership


def _check_participant(network: m.Network, municipality: Municipality, email: str, adding: int = 1) -> None:
    if municipality.pk not in scope.member_municipality_ids(network):
        raise ValidationError({"municipality": _("%(name)s is not a member of the network.")
                               % {"name": municipality.name}})
    emails = m.Participant.objects.filter(network=network, withdrawn_at__isnull=True).values_list("email", flat=True)
    if email.strip().casefold() in {e.casefold() for e in emails}:
        raise ValidationError({"email": _("A participant with this e-mail address is already in the network.")})
    cap = network.max_participants_per_municipality
    if cap is not None and scope.active_participant_count(network, municipality.pk) + adding > cap:
        raise ValidationError(_("%(name)s already has the most participants the network allows "
                                "(%(cap)d per municipality).") % {"name": municipality.name, "cap": cap})


@transaction.atomic
def participant_add(*, actor: User, network: m.Network, municipality: Municipality, name: str, email: str,
                    title: str = "", invite: bool = False) -> m.Participant:
    """Add a person from a member municipality, within the cap on persons per municipality."""
    m.Network.objects.select_for_update().get(pk=network.pk)
    if not name.strip() or not email.strip():
        raise ValidationError(_("A participant needs a name and an e-mail address."))
    _check_participant(network, municipality, email)
    participant = m.Participant.objects.create(network=network, municipality=municipality, name=name.strip(),
                                               title=title.strip(), email=email.strip())
    audit(actor=actor, action="network.participant.added", obj=participant, network=network.pk)
    if invite:
        participant_send_link(actor=actor, participant=participant)
    return participant


@transaction.atomic
def participant_send_link(*, actor: User, participant: m.Participant, template: str = "welcome") -> None:
    """E-mail the participant a new personal link (older links keep working until they expire)."""
    token = link_issue(participant=participant, actor=actor)
    send_after_commit([mail_message(template=template, to=participant.email, context={
        "participant": participant, "network": participant.network, "link": link_url(token)})])


@transaction.atomic
def participant_links_revoke(*, actor: User, participant: m.Participant) -> int:
    n = participant.links.filter(revoked_at__isnull=True).update(revoked_at=clock.now())
    audit(actor=actor, action="network.link.revoked", obj=participant, links=n)
    return n


@transaction.atomic
def participant_withdraw(*, actor: User, participant: m.Participant) -> m.Participant:
    """The person leaves the network: links stop working and coming registrations are cancelled."""
    from .registrations import registration_cancel

    if participant.withdrawn_at is not None:
        raise ValidationError(_("The participant has withdrawn already."))
    now = clock.now()
    upcoming = participant.registrations.filter(
        event__starts_at__gt=now, status__in=[m.RegistrationStatus.REGISTERED, m.RegistrationStatus.WAITING],
        event__status=m.EventStatus.PLANNED).select_related("event")
    for reg in list(upcoming):
        registration_cancel(participant=participant, event=reg.event, actor=actor, notify=False)
    participant_links_revoke(actor=actor, participant=participant)
    participant.withdrawn_at = now
    participant.save(update_fields=["withdrawn_at"])
    audit(actor=actor, action="network.participant.withdrawn", obj=participant)
    return participant
