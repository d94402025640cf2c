# SPDX-License-Identifier: MPL-2.0
"""Calls for applications: publish, apply (no account needed), accept or decline.
An accepted application makes the municipality a member, within the network's caps."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from forebyg.core import clock
from forebyg.core.models import Municipality

from .. import models as m
from ..selectors import scope
from .common import audit, base_url, mail_message, send_after_commit
from .structure import membership_add, participant_add

if TYPE_CHECKING:
    from forebyg.accounts.models import User

AS = m.ApplicationStatus
MOTIVATION_MIN = 100  # characters; the calls ask for about half to one page
MOTIVATION_MAX = 8000


def _check_addresses(text: str) -> None:
    for address in text.split():
        try:
            validate_email(address)
        except ValidationError as exc:
            raise ValidationError({"announce_to": _("Not an e-mail address: %(a)s") % {"a": address}}) from exc


@transaction.atomic
def call_create(*, actor: User, network: m.Network, title: str, text: str, deadline: datetime, announce_to: str = "",
                publish: bool = False) -> m.Call:
    _check_addresses(announce_to)
    if publish and deadline <= clock.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    call = m.Call.objects.create(network=network, title=title, text=text, deadline=deadline,
                                 announce_to=announce_to, created_by=actor)
    audit(actor=actor, action="network.call.created", obj=call, network=network.pk,
          deadline=deadline.isoformat())
    if publish:
        call_publish(actor=actor, call=call)
    return call


def call_public_url(call: m.Call) -> str:
    from django.urls import reverse

    return base_url() + reverse("network_call_public", args=[call.pk])


@transaction.atomic
def call_publish(*, actor: User, call: m.Call) -> m.Call:
    """Open the call on its public page and send it to the announcement addresses."""
    if call.published_at is not None:
        raise ValidationError(_("The call is published already."))
    if call.deadline <= clock.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    call.published_at = clock.now()
    call.save(update_fields=["published_at"])
    ctx = {"call": call, "network": call.network, "url": call_public_url(call)}
    send_after_commit([mail_message(template="call", to=a, context=ctx) for a in call.announce_addresses()])
    audit(actor=actor, action="network.call.published", obj=call, announced=len(call.announce_addresses()))
    return call


def _clean_persons(persons: list[dict], cap: int | None) -> list[dict]:
    out = []
    for p in persons:
        name, email = (p.get("name") or "").strip(), (p.get("email") or "").strip()
        if not name or not email:
            raise ValidationError({"persons": _("Give each person a name and an e-mail address.")})
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError({"persons": _("Not an e-mail address: %(a)s") % {"a": email}}) from exc
        out.append({"name": name, "title": (p.get("title") or "").strip(), "email": email})
    if not out:
        raise ValidationError({"persons": _("Name the leaders and key persons who will take part.")})
    if cap is not None and len(out) > cap:
        raise ValidationError({"persons": _("At most %(cap)d persons per municipality can take part.")
                               % {"cap": cap}})
    if len({p["email"].lower() for p in out}) != len(out):
        raise ValidationError({"persons": _("Each person needs their own e-mail address.")})
    return out


@transaction.atomic
def application_submit(*, call: m.Call, municipality: Municipality, contact_name: str, contact_email: str,
                       motivation: str, persons: list[dict], as_of: datetime | None = None) -> m.Application:
    """A municipality applies, without an account. Refused after the deadline, twice, or when it is a member."""
    now = as_of or clock.now()
    network = call.network
    if call.published_at is None or now < call.published_at:
        raise ValidationError(_("The call is not open."))
    if now >= call.deadline:
        raise ValidationError(_("The deadline for applications has passed."))
    motivation = motivation.strip()
    if len(motivation) < MOTIVATION_MIN:
        raise ValidationError({"motivation": _("Tell us in a little more detail why you want to take part "
                                               "(at least %(n)d characters).") % {"n": MOTIVATION_MIN}})
    if len(motivation) > MOTIVATION_MAX:
        raise ValidationError({"motivation": _("The motivation is too long (at most %(n)d characters).")
                               % {"n": MOTIVATION_MAX}})
    persons = _clean_persons(persons, network.max_participants_per_municipality)
    if call.applications.filter(municipality=municipality, status__in=[AS.SUBMITTED, AS.ACCEPTED]).exists():
        raise ValidationError({"municipality": _("%(name)s has applied already.") % {"name": municipality.name}})
    today = clock.local_date(now)
    if m.Membership.objects.filter(network=network, municipality=municipality).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=today)).exists():
        raise ValidationError({"municipality": _("%(name)s is a member of the network already.")
                               % {"name": municipality.name}})
    app = m.Application.objects.create(call=call, municipality=municipality, contact_name=contact_name.strip(),
                                       contact_email=contact_email.strip(), motivation=motivation, persons=persons,
                                       submitted_at=now)
    audit(actor=None, action="network.application.submitted", obj=app, call=call.pk, persons=len(persons))
    send_after_commit([mail_message(template="application_received", to=app.contact_email,
                                    context={"application": app, "call": call, "network": network})])
    return app


def _membership_start(network: m.Network, today: date) -> date:
    return max(network.starts_on, today) if network.starts_on else today


@transaction.atomic
def application_accept(*, actor: User, application: m.Application, group: m.Group | None = None,
                       role: str = m.MembershipRole.REFERENCE, reason: str = "") -> m.Membership:
    """Accept: the municipality becomes a member and its persons participants, each with a personal link.
    Refused, with nothing written, if that would break the caps."""
    app = m.Application.objects.select_for_update(of=("self",)).select_related("call__network").get(pk=application.pk)
    if app.status != AS.SUBMITTED:
        raise ValidationError(_("The application has been decided already."))
    network = app.call.network
    today = clock.today()
    valid_from = _membership_start(network, today)
    if network.ends_on and valid_from > network.ends_on:
        raise ValidationError(_("The network ended on %(day)s, so nobody can become a member now.")
                              % {"day": network.ends_on.strftime("%d.%m.%Y")})
    membership = membership_add(actor=actor, network=network, municipality=app.municipality, role=role,
                                valid_from=valid_from, valid_to=network.ends_on, group=group)
    cap = network.max_participants_per_municipality
    known = {e.casefold() for e in m.Participant.objects.filter(network=network, withdrawn_at__isnull=True)
             .values_list("email", flat=True)}
    new = [p for p in app.persons if p["email"].casefold() not in known]
    if cap is not None and scope.active_participant_count(network, app.municipality_id) + len(new) > cap:
        raise ValidationError(_("Accepting would give %(name)s more than %(cap)d participants.")
                              % {"name": app.municipality.name, "cap": cap})
    for p in new:
        participant_add(actor=actor, network=network, municipality=app.municipality, name=p["name"],
                        title=p.get("title", ""), email=p["email"], invite=True)
    app.status, app.decided_at, app.decided_by = AS.ACCEPTED, clock.now(), actor
    app.decision_reason, app.membership = reason.strip(), membership
    app.save()
    audit(actor=actor, action="network.application.accepted", obj=app, membership=membership.pk,
          participants=len(new))
    send_after_commit([mail_message(template="application_decided", to=app.contact_email,
                                    context={"application": app, "call": app.call, "network": network})])
    return membership


@transaction.atomic
def application_decline(*, actor: User, application: m.Application, reason: str) -> m.Application:
    app = m.Application.objects.select_for_update(of=("self",)).select_related("call__network").get(pk=application.pk)
    if app.status != AS.SUBMITTED:
        raise ValidationError(_("The application has been decided already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason; it goes into the answer to the municipality.")})
    app.status, app.decided_at, app.decided_by, app.decision_reason = AS.DECLINED, clock.now(), actor, reason.strip()
    app.save()
    audit(actor=actor, action="network.application.declined", obj=app)
    send_after_commit([mail_message(template="application_decided", to=app.contact_email,
                                    context={"application": app, "call": app.call, "network": app.call.network})])
    return app
