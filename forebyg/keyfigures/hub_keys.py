# SPDX-License-Identifier: MPL-2.0
"""Who sets a member municipality's signing key at a network hub (#13).

The key decides whose figures the hub accepts as the member's, so:

* the member itself sets it: a user of that municipality who may export its signed figures
  (manager, analyst) - at once;
* the network secretariat or an administrator (the hub's users, of any municipality) only
  *proposes* a key; it counts when the member confirms it (and not if the member rejects it);
* the server's operator may register one from the command line (`actor=None`: the demo loader).

Every step is in the change log and in the history (`HubKeyChange`), and the member is told: an
e-mail to its managers and analysts, and the pending proposals and the history on its key page."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from forebyg.audit.services import log_change
from forebyg.core import clock
from forebyg.domain.keyfigures import aggregates as agg

from .models import HubKey, HubKeyChange

logger = logging.getLogger(__name__)
Status = HubKeyChange.Status


def speaks_for(user, municipality_id: int) -> bool:
    """The user may set this municipality's key: its own manager or analyst (they export its figures)."""
    return bool(user is not None and user.is_authenticated and user.is_active
                and user.municipality_id == municipality_id and user.has_perm("keyfigures.export_aggregates"))


def runs_hub(user) -> bool:
    return bool(user is not None and user.has_perm("keyfigures.hub"))


def member_of(network, municipality_id: int) -> bool:
    from forebyg.network.models import Membership

    return Membership.objects.filter(network=network, municipality_id=municipality_id).exists()


def may_open_keys(user, network) -> bool:
    """The key page: the hub's users, and the managers and analysts of a member municipality (their own row)."""
    return runs_hub(user) or (bool(user.municipality_id) and member_of(network, user.municipality_id)
                              and speaks_for(user, user.municipality_id))


def _checked_key(public_key: str) -> str:
    text = public_key.strip()
    try:
        agg.load_public_key(text)
    except ValueError:
        raise ValidationError({"public_key": _("This is not an Ed25519 public key (base64 of 32 bytes).")}) from None
    return text


def hub_key_set(*, actor, network, municipality_id: int, public_key: str) -> HubKeyChange:
    """Set (member, operator) or propose (hub user) a member's key. Anyone else: PermissionDenied."""
    text = _checked_key(public_key)
    if not member_of(network, municipality_id):
        raise ValidationError({"municipality": _("The municipality is not a member of the network.")})
    if actor is None:
        status = Status.OPERATOR
    elif speaks_for(actor, municipality_id):
        status = Status.SET_BY_MEMBER
    elif runs_hub(actor):
        status = Status.PROPOSED
    else:
        raise PermissionDenied(_("Only the municipality itself sets its key; the network secretariat may propose one."))
    current = HubKey.objects.filter(network=network, municipality_id=municipality_id).first()
    with transaction.atomic():
        change = HubKeyChange.objects.create(
            network=network, municipality_id=municipality_id, public_key=text, fingerprint=agg.fingerprint(text),
            previous_fingerprint=current.fingerprint if current else "", status=status, requested_at=clock.now(),
            requested_by=actor)
        if status == Status.PROPOSED:
            log_change(actor=actor, action="keyfigures.hub.key_proposed", obj=change, payload=_payload(change))
        else:
            _apply(change, actor)
        _tell_member(change)
    return change


def hub_key_decide(*, actor, change: HubKeyChange, confirm: bool) -> HubKeyChange:
    """The member confirms (the key then counts) or rejects a key the hub proposed."""
    if not speaks_for(actor, change.municipality_id):
        raise PermissionDenied(_("Only the municipality itself confirms or rejects a key proposed for it."))
    with transaction.atomic():
        change = HubKeyChange.objects.select_for_update().get(pk=change.pk)
        if change.status != Status.PROPOSED:
            raise ValidationError(_("This proposal has already been answered."))
        change.status = Status.CONFIRMED if confirm else Status.REJECTED
        change.decided_at, change.decided_by = clock.now(), actor
        change.save(update_fields=["status", "decided_at", "decided_by"])
        if confirm:
            current = HubKey.objects.filter(network=change.network, municipality_id=change.municipality_id).first()
            change.previous_fingerprint = current.fingerprint if current else ""
            change.save(update_fields=["previous_fingerprint"])
            _apply(change, actor)
        else:
            log_change(actor=actor, action="keyfigures.hub.key_rejected", obj=change, payload=_payload(change))
        _tell_member(change)
    return change


def _payload(change: HubKeyChange) -> dict:
    return {"network": change.network_id, "municipality": change.municipality_id, "fingerprint": change.fingerprint,
            "previous_fingerprint": change.previous_fingerprint, "status": change.status}


def _apply(change: HubKeyChange, actor) -> HubKey:
    key, _created = HubKey.objects.update_or_create(
        network=change.network, municipality_id=change.municipality_id,
        defaults={"public_key": change.public_key, "fingerprint": change.fingerprint, "registered_at": clock.now(),
                  "registered_by": actor})
    log_change(actor=actor, action="keyfigures.hub.key_registered", obj=key, payload=_payload(change))
    return key


def recipients(municipality_id: int) -> list[str]:
    """The member's managers and analysts with an e-mail address: the people who export its figures."""
    from forebyg.accounts.models import Role, User

    return sorted(set(User.objects.filter(municipality_id=municipality_id, is_active=True,
                                          role__in=[Role.MANAGER, Role.ANALYST])
                      .exclude(email="").values_list("email", flat=True)))


def _tell_member(change: HubKeyChange) -> None:
    """E-mail the member after the transaction commits (a mail server failure undoes nothing)."""
    to = recipients(change.municipality_id)
    if not to:
        return
    from forebyg.core.site import site_url

    ctx = {"change": change, "network": change.network, "municipality": change.municipality,
           "actor": change.decided_by or change.requested_by, "status": change.get_status_display(),
           "url": str(site_url()).rstrip("/") + reverse("keyfigures_hub_key", args=[change.network_id])}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("keyfigures/email/key_change_subject.txt", ctx).split())
        body = render_to_string("keyfigures/email/key_change.txt", ctx)
    msg = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)

    def send():
        try:
            msg.send()
        except Exception:  # the change stands; the key page shows it
            logger.exception("Could not send the key-change e-mail to municipality %s", change.municipality_id)

    transaction.on_commit(send)
