# SPDX-License-Identifier: MPL-2.0
"""Municipal single sign-on through OpenID Connect (authorisation code flow with PKCE and nonce).

The identity is mapped to a Forebyg user by forebyg.accounts.identity, the same mapping as the
SAML login through Fælleskommunal Adgangsstyring (docs/identity.md): by bound subject, then by
e-mail address, then (only when FOREBYG_OIDC_CREATE_USERS is on) a new user from the claims
`forebyg_municipality` (the municipality code) and `forebyg_role` (a Forebyg role code); the claim
names are settings. A municipality outside FOREBYG_OIDC_MUNICIPALITIES (when set) is refused.

The second-factor rule is the shared one (forebyg.domain.access_rights.needs_local_second_factor):
`amr` contains "mfa" (RFC 8176) or `acr` is one of FOREBYG_OIDC_MFA_ACR (NSIS Substantial/High)
means no TOTP step; otherwise the user still gives a TOTP code (or sets one up) after the login.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from forebyg.domain.access_rights import needs_local_second_factor

from .identity import ROLES, ExternalIdentity, IdentityRefused, start_session, user_for_identity

log = logging.getLogger(__name__)


def asserts_mfa(claims: dict) -> bool:
    """Whether the ID token's claims make Forebyg's own TOTP step unnecessary (the shared rule)."""
    amr = claims.get("amr") or []
    return not needs_local_second_factor(loa=claims.get("acr"), amr=[amr] if isinstance(amr, str) else amr,
                                         strong_acr=frozenset(settings.FOREBYG_OIDC_MFA_ACR))


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
        if str(claims["sub"]).startswith("saml:"):
            raise SuspiciousOperation("an OpenID subject may not look like a SAML subject")
        municipality, role = self._mapped(claims)
        identity = identity_from_claims(claims, payload, municipality, role)
        try:
            user = user_for_identity(identity, create=settings.FOREBYG_OIDC_CREATE_USERS)
        except IdentityRefused as exc:
            raise SuspiciousOperation(f"single sign-on refused: {exc.reason}") from exc
        if user is not None:
            start_session(self.request, identity)
        return user


def identity_from_claims(claims: dict, id_token: dict, municipality: int | None, role: str | None) -> ExternalIdentity:
    amr = id_token.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return ExternalIdentity(
        subject=str(claims["sub"]), source="oidc", email=(claims.get("email") or "").strip(),
        email_verified=claims.get("email_verified") is not False, full_name=claims.get("name", "") or "",
        municipality=municipality, role=role, loa=id_token.get("acr"), amr=tuple(amr))
