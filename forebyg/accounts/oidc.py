# SPDX-License-Identifier: MPL-2.0
"""Municipal single sign-on through OpenID Connect (authorisation code flow with PKCE and nonce).

How an identity is mapped to a Forebyg user (docs/security.md, "Single sign-on"):

1. A user whose bound subject (`sub`) matches is that user.
2. Otherwise a user with the same e-mail address and no subject bound yet is that user, and the
   subject is bound to them from then on (pre-provisioned users: the administrator creates the
   user with role, team and municipality; the first SSO login links the identity).
3. Otherwise, only when FOREBYG_OIDC_CREATE_USERS is on, a new user is created from the claims
   `forebyg_municipality` (the municipality code) and `forebyg_role` (a Forebyg role code); the
   claim names are settings. Without both claims no user is created.

When the claims carry a municipality or role they are authoritative and update the user (logged).
A municipality outside FOREBYG_OIDC_MUNICIPALITIES (when that list is set) is refused.

The identity provider's own multi-factor login replaces Forebyg's TOTP step when the ID token says
so: `amr` contains "mfa" (RFC 8176) or `acr` is one of FOREBYG_OIDC_MFA_ACR (e.g. NSIS Substantial).
Otherwise the user still gives a TOTP code (or sets one up) after the SSO login.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from forebyg.audit.services import log_change

from .middleware import IDP_MFA_KEY
from .models import Role, User

log = logging.getLogger(__name__)
ROLES = {r.value for r in Role}


def asserts_mfa(claims: dict) -> bool:
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return "mfa" in amr or (claims.get("acr") in settings.FOREBYG_OIDC_MFA_ACR)


class MunicipalOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not settings.FOREBYG_OIDC_ENABLED or request is None:
            return None
        if request.path != reverse("oidc_authentication_callback"):
            return None  # never on a password login
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The library checks the signature and the nonce; the audience, expiry and issuer are
        checked here too (OpenID Connect Core 3.1.3.7)."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audience = [audience] if isinstance(audience, str) else list(audience or [])
        problem = None
        if self.OIDC_RP_CLIENT_ID not in audience:
            problem = "the ID token is not for Forebyg"
        elif float(payload.get("exp", 0)) < time.time() - 60:
            problem = "the ID token has expired"
        elif settings.FOREBYG_OIDC_ISSUER and payload.get("iss") != settings.FOREBYG_OIDC_ISSUER:
            problem = "the ID token is from another issuer"
        if problem:
            log.warning("SSO login refused: %s", problem)
            return None
        return payload

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def _mapped(self, claims) -> tuple[int | None, str | None]:
        raw_mun = claims.get(settings.FOREBYG_OIDC_CLAIM_MUNICIPALITY)
        raw_role = claims.get(settings.FOREBYG_OIDC_CLAIM_ROLE)
        municipality = None
        if raw_mun not in (None, ""):
            try:
                municipality = int(raw_mun)
            except (TypeError, ValueError) as exc:
                raise SuspiciousOperation("municipality claim is not a municipality code") from exc
            allowed = settings.FOREBYG_OIDC_MUNICIPALITIES
            if allowed and municipality not in allowed:
                raise SuspiciousOperation("municipality claim is not one this identity provider may assert")
        role = raw_role if raw_role not in (None, "") else None
        if role is not None and role not in ROLES:
            raise SuspiciousOperation("role claim is not a Forebyg role")
        return municipality, role

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo subject differs from the ID token's")
        if not self.verify_claims(claims):
            raise SuspiciousOperation("no subject")
        municipality, role = self._mapped(claims)
        with transaction.atomic():
            user = self._match(claims)
            if user is None:
                user = self._provision(claims, municipality, role)
            else:
                user = self._update(user, claims, municipality, role)
        if user is not None:
            self.request.session[IDP_MFA_KEY] = asserts_mfa(payload)
        return user

    def _match(self, claims) -> User | None:
        user = User.objects.filter(oidc_subject=claims["sub"]).first()
        if user is not None:
            return user
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return None
        candidates = list(User.objects.filter(email__iexact=email, oidc_subject__isnull=True)[:2])
        if len(candidates) > 1:
            raise SuspiciousOperation("several users have this e-mail address")
        return candidates[0] if candidates else None

    def _provision(self, claims, municipality, role) -> User | None:
        if not settings.FOREBYG_OIDC_CREATE_USERS or municipality is None or role is None:
            log.info("SSO login refused: no Forebyg user for this identity and no provisioning")
            return None
        email = (claims.get("email") or "").strip()
        base = (email.split("@")[0] if email else claims["sub"])[:100] or "sso"
        username, n = base, 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}{n}"
        user = User(username=username, email=email, full_name=claims.get("name", "")[:200], role=role,
                    municipality_id=municipality, oidc_subject=claims["sub"])
        user.set_unusable_password()
        user.save()
        log_change(actor=user, action="accounts.user.provisioned", obj=user,
                   payload={"role": role, "municipality": municipality})
        return user

    def _update(self, user, claims, municipality, role) -> User:
        changed = {}
        if user.oidc_subject is None:
            user.oidc_subject = claims["sub"]
        if municipality is not None and municipality != user.municipality_id:
            changed["municipality"] = municipality
            user.municipality_id = municipality
            user.team = None  # a team belongs to one municipality
        if role is not None and role != user.role:
            changed["role"] = role
            user.role = role
        user.save()
        if changed:
            log_change(actor=user, action="accounts.user.updated_from_sso", obj=user, payload=changed)
        return user
