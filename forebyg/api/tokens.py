# SPDX-License-Identifier: MPL-2.0
"""Creating, revoking and checking API tokens.

A user creates their own tokens on the token page (after logging in with two factors) and can
revoke them there; an administrator sees and can revoke every token of the municipality but does
not create tokens for others (that would let an administrator act as a caseworker). The server's
operator creates, lists and revokes tokens with `forebyg api-token` (actor None)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from forebyg.audit.services import log_change
from forebyg.core import clock

from .models import ApiToken

PREFIX = "fbg_"
DEFAULT_DAYS = 90
MAX_DAYS = 366
LAST_USED_RESOLUTION = timedelta(minutes=1)  # `last_used_at` is written at most once a minute


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _may_manage(actor, token: ApiToken) -> bool:
    if actor is None:  # the server's operator (CLI)
        return True
    if actor.pk == token.user_id:
        return True
    return actor.municipality_id == token.municipality_id and actor.has_perm("accounts.manage_users")


@transaction.atomic
def token_create(*, actor, user, name: str, days: int = DEFAULT_DAYS) -> NewToken:
    """A new token for `user` in their municipality. `actor` is the user themself, or None (CLI)."""
    if actor is not None and actor.pk != user.pk:
        raise PermissionDenied(_("You can create API tokens for yourself only."))
    if not user.is_active or user.municipality_id is None:
        raise ValidationError({"user": _("Only an active user of a municipality can have API tokens.")})
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Say what the token is for, e.g. the name of the system that uses it.")})
    if len(name) > 100:
        raise ValidationError({"name": _("At most 100 characters.")})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": _("A token is valid for 1 to %(max)s days.") % {"max": MAX_DAYS}})
    secret = PREFIX + secrets.token_urlsafe(32)
    now = clock.now()
    with scopes_disabled():
        token = ApiToken.objects.create(
            user=user, municipality_id=user.municipality_id, name=name, prefix=secret[:12],
            digest=digest(secret), created_at=now, created_by=actor, expires_at=now + timedelta(days=days))
    log_change(actor=actor, action="api.token.created", obj=token,
               payload={"user": user.ext_id, "prefix": token.prefix, "expires_at": token.expires_at.isoformat()})
    return NewToken(token, secret)


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    if not _may_manage(actor, token):
        raise PermissionDenied(_("You cannot revoke this token."))
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        log_change(actor=actor, action="api.token.revoked", obj=token,
                   payload={"user": token.user.ext_id, "prefix": token.prefix})
    return token


def token_authenticate(secret: str) -> ApiToken | None:
    """The active token with this secret, with its user, or None. Marks the token as used."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    with scopes_disabled():
        token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
    if token is None:
        return None
    now = clock.now()
    user = token.user
    if not token.active_at(now) or not user.is_active or user.municipality_id != token.municipality_id:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        with scopes_disabled():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def tokens_of(user):
    """The user's own tokens, newest first."""
    with scopes_disabled():
        return list(ApiToken.objects.filter(user=user).select_related("user"))


def tokens_of_municipality(municipality_id: int):
    with scopes_disabled():
        return list(ApiToken.objects.filter(municipality_id=municipality_id).select_related("user", "created_by"))
