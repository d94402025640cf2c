# SPDX-License-Identifier: MPL-2.0
"""One way from an external identity to a Forebyg user, for every single sign-on (OpenID Connect
and SAML through Fælleskommunal Adgangsstyring), and one second-factor rule (docs/identity.md).

1. A user whose bound external subject matches is that user. (The subject is stored in
   `User.oidc_subject`; a SAML subject is stored as "saml:" + the assertion's NameID, so that the
   two kinds never meet.)
2. Otherwise a user with the same e-mail address and no subject bound yet is that user, and the
   subject is bound to them from then on (pre-provisioned users).
3. Otherwise, only when `create` is on and the identity carries both a municipality and a role, a
   new user is created (with no usable password: they log in through single sign-on only).

When the identity carries a municipality, role or team they are authoritative and update the user
(audit-logged). A deactivated user stays deactivated: single sign-on never reactivates anyone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_scopes import scopes_disabled

from forebyg.audit.services import log_change
from forebyg.domain.access_rights import STRONG_LOA, needs_local_second_factor

from .middleware import IDP_MFA_KEY
from .models import Role, User

log = logging.getLogger("forebyg.security")
ROLES = {r.value for r in Role}


class IdentityRefused(Exception):
    def __init__(self, reason: str, detail: dict | None = None):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail or {}


@dataclass(frozen=True)
class ExternalIdentity:
    subject: str
    source: str  # "oidc" | "saml"
    email: str = ""
    email_verified: bool = True
    full_name: str = ""
    municipality: int | None = None
    role: str | None = None
    team_ids: tuple[str, ...] = ()  # organisation units the login is limited to (SAML constraints)
    loa: str | None = None  # NSIS assurance level (SAML attribute, or OIDC acr)
    amr: tuple[str, ...] = ()


def user_for_identity(identity: ExternalIdentity, *, create: bool) -> User | None:
    """The Forebyg user of an external identity (matched, bound, updated or created), or None."""
    if not identity.subject:
        raise IdentityRefused("no_subject")
    if identity.role is not None and identity.role not in ROLES:
        raise IdentityRefused("no_role", {"role": identity.role})
    with transaction.atomic():
        user = _match(identity)
        if user is None:
            user = _provision(identity) if create else None
            if user is None:
                log.info("SSO login refused: no Forebyg user for this identity and no provisioning (%s)",
                         identity.source)
            return user
        if not user.is_active:
            return None
        return _update(user, identity)


def start_session(request, identity: ExternalIdentity) -> None:
    """After the login: whether the identity provider's own login counts as the second factor."""
    strong = frozenset(settings.FOREBYG_OIDC_MFA_ACR) if identity.source == "oidc" else STRONG_LOA
    request.session[IDP_MFA_KEY] = not needs_local_second_factor(loa=identity.loa, amr=identity.amr,
                                                                 strong_acr=strong)


def _match(identity: ExternalIdentity) -> User | None:
    user = User.objects.filter(oidc_subject=identity.subject).first()
    if user is not None:
        return user
    email = identity.email.strip()
    if not email or not identity.email_verified:
        return None
    candidates = list(User.objects.filter(email__iexact=email, oidc_subject__isnull=True)[:2])
    if len(candidates) > 1:
        raise IdentityRefused("ambiguous_email")
    return candidates[0] if candidates else None


def _team(identity: ExternalIdentity, municipality: int | None):
    if not identity.team_ids or municipality is None:
        return None
    from forebyg.core.models import Team

    with scopes_disabled():
        return Team.objects.filter(municipality_id=municipality, id__in=identity.team_ids).order_by("name").first()


def _provision(identity: ExternalIdentity) -> User | None:
    if identity.municipality is None or identity.role is None:
        return None
    email = identity.email.strip()
    base = (email.split("@")[0] if email else identity.subject.removeprefix("saml:"))[:100] or "sso"
    base = "".join(c for c in base if c.isalnum() or c in "._-@+")[:100] or "sso"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}{n}"
    user = User(username=username, email=email, full_name=identity.full_name[:200], role=identity.role,
                municipality_id=identity.municipality, oidc_subject=identity.subject,
                team=_team(identity, identity.municipality))
    user.set_unusable_password()
    user.save()
    log_change(actor=user, action="accounts.user.provisioned", obj=user,
               payload={"role": identity.role, "municipality": identity.municipality, "source": identity.source,
                        "team": user.team_id})
    return user


def _update(user: User, identity: ExternalIdentity) -> User:
    changed: dict = {}
    if user.oidc_subject is None:
        user.oidc_subject = identity.subject
    if identity.municipality is not None and identity.municipality != user.municipality_id:
        changed["municipality"] = identity.municipality
        user.municipality_id = identity.municipality
        user.team = None  # a team belongs to one municipality
    if identity.role is not None and identity.role != user.role:
        changed["role"] = identity.role
        user.role = identity.role
    if identity.team_ids:
        team = _team(identity, user.municipality_id)
        if team is not None and team.pk != user.team_id:
            changed["team"] = team.pk
            user.team = team
    user.save()
    if changed:
        log_change(actor=user, action="accounts.user.updated_from_sso", obj=user,
                   payload={**changed, "source": identity.source})
    return user
