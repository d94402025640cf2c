# SPDX-License-Identifier: MPL-2.0
"""The service provider's endpoints: login, assertion consumer, single logout, signed metadata.

djangosaml2 runs the protocol (pysaml2 checks the signatures, the audience, the recipient, the
validity window with FOREBYG_SAML_CLOCK_SKEW, and InResponseTo against the session's outstanding
requests); Forebyg adds the one-time use of each assertion, the OIO-BPP rights, the shared user
mapping and second-factor rule (forebyg.accounts.identity), and a clear Danish refusal page.
Everything answers 404 unless SAML login is configured."""

from __future__ import annotations

import calendar
import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib import auth
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from djangosaml2 import views as d2
from saml2.metadata import sign_entity_descriptor
from saml2.sigver import security_context
from saml2.time_util import str_to_time

from forebyg.accounts.identity import ExternalIdentity, IdentityRefused, start_session, user_for_identity
from forebyg.audit.services import log_change
from forebyg.domain.access_rights import PrivilegeError, Refusal, grant, parse_privileges

from . import config
from .attributes import first_value
from .models import UsedAssertion

log = logging.getLogger("forebyg.security")
SAML_LOGIN_KEY = "forebyg_saml_login"  # the session came from a SAML login: logging out goes through the IdP


class _Enabled:
    def dispatch(self, request, *args, **kwargs):
        if not config.enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_sp_config(self, request):
        return config.sp_config(request)


class SamlLogin(_Enabled, d2.LoginView):
    pass


@dataclass
class _Attempt:
    """What a refused login is logged as (it has no user to log it against)."""

    pk: str
    municipality_id: int | None = None


@method_decorator(csrf_exempt, name="dispatch")
class SamlACS(_Enabled, d2.AssertionConsumerServiceView):
    def custom_validation(self, response):
        """Each assertion logs in once: a second use of the same assertion id is a replay."""
        assertion = response.assertion
        if assertion is None or not assertion.id:
            raise ValueError("no assertion")
        ends = [sc.subject_confirmation_data.not_on_or_after for sc in assertion.subject.subject_confirmation
                if sc.subject_confirmation_data is not None and sc.subject_confirmation_data.not_on_or_after]
        if assertion.conditions is not None and assertion.conditions.not_on_or_after:
            ends.append(assertion.conditions.not_on_or_after)
        now = timezone.now()
        expires = max([datetime.fromtimestamp(calendar.timegm(str_to_time(e)), tz=UTC) for e in ends] or [now])
        expires += timedelta(seconds=settings.FOREBYG_SAML_CLOCK_SKEW)
        issuer = assertion.issuer.text if assertion.issuer is not None else ""
        try:
            with transaction.atomic():
                UsedAssertion.objects.filter(expires_at__lt=now - timedelta(hours=1)).delete()
                UsedAssertion.objects.create(issuer=issuer[:500], assertion_id=assertion.id[:255], expires_at=expires)
        except IntegrityError as exc:
            self.request.forebyg_saml_reason = "replay"
            raise ValueError("assertion replayed") from exc

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        reason = getattr(request, "forebyg_saml_reason", None) or "invalid"
        detail = getattr(request, "forebyg_saml_detail", {})
        return refuse(request, reason, detail, exception=exception)

    def authenticate_user(self, request, session_info, attribute_mapping, create_unknown_user, assertion_info):
        identity = identity_from_assertion(request, session_info)
        try:
            user = user_for_identity(identity, create=settings.FOREBYG_SAML_CREATE_USERS)
        except IdentityRefused as exc:
            request.forebyg_saml_reason, request.forebyg_saml_detail = exc.reason, exc.detail
            raise PermissionDenied(exc.reason) from exc
        if user is None:
            request.forebyg_saml_reason = "no_user"
            raise PermissionDenied("no user")
        auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        d2._set_subject_id(request.saml_session, session_info["name_id"])
        start_session(request, identity)
        request.session[SAML_LOGIN_KEY] = True
        log_change(actor=user, action="accounts.login.sso", obj=user,
                   payload={"source": "saml", "loa": identity.loa or "", "role": user.role,
                            "municipality": user.municipality_id})
        return user


def identity_from_assertion(request, session_info: dict) -> ExternalIdentity:
    """The identity and rights an assertion states, or PermissionDenied with the reason on the request."""
    attributes = session_info.get("ava") or {}
    raw = first_value(attributes, "privileges")
    try:
        if not raw:
            raise PrivilegeError("no privilege attribute")
        groups = parse_privileges(raw)
    except PrivilegeError as exc:
        request.forebyg_saml_reason = "no_role" if not raw else "bad_privileges"
        request.forebyg_saml_detail = {"problem": str(exc)}
        raise PermissionDenied(str(exc)) from exc
    result = grant(groups, municipalities=settings.FOREBYG_SAML_MUNICIPALITIES)
    if isinstance(result, Refusal):
        request.forebyg_saml_reason, request.forebyg_saml_detail = result.reason, result.detail
        raise PermissionDenied(result.reason)
    name_id = session_info.get("name_id")
    if name_id is None or not (name_id.text or "").strip() or \
            name_id.format == "urn:oasis:names:tc:SAML:2.0:nameid-format:transient":
        request.forebyg_saml_reason = "no_subject"
        raise PermissionDenied("a transient NameID names nobody")
    subject = f"saml:{name_id.text.strip()}"
    if len(subject) > 255:
        subject = "saml:sha256:" + hashlib.sha256(name_id.text.encode()).hexdigest()
    return ExternalIdentity(
        subject=subject, source="saml", email=first_value(attributes, "email"),
        full_name=first_value(attributes, "name"), municipality=result.municipality, role=result.role,
        team_ids=result.org_units, loa=first_value(attributes, "loa") or None)


REASONS = {"no_role", "other_municipality", "several_municipalities", "bad_privileges", "replay", "invalid",
           "no_user", "no_subject", "ambiguous_email"}


def refuse(request, reason: str, detail: dict | None = None, exception=None):
    """The refusal page, logged in the security log and the audit log."""
    reason = reason if reason in REASONS else "invalid"
    log.warning("SAML login refused: %s %s (%s)", reason, detail or {}, type(exception).__name__)
    attempt = _Attempt(pk=hashlib.sha256(repr(sorted((detail or {}).items())).encode()).hexdigest()[:16])
    log_change(actor=None, action="accounts.login.sso_refused", obj=attempt,
               payload={"source": "saml", "reason": reason, **{k: str(v)[:200] for k, v in (detail or {}).items()}})
    return render(request, "saml/refused.html", {"reason": reason}, status=403)


class SamlLogoutInit(_Enabled, d2.LogoutInitView):
    """Single logout started by the user: Forebyg's "Log ud" after a SAML login (POST only)."""

    def post(self, request, *args, **kwargs):
        if d2._get_subject_id(request.saml_session) is None:  # the SAML session has ended: log out here only
            auth.logout(request)
            return redirect(settings.LOGOUT_REDIRECT_URL)
        return super().get(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return HttpResponse(status=405)

    def handle_unsupported_slo_exception(self, request, exception, *args, **kwargs):
        auth.logout(request)
        return super().handle_unsupported_slo_exception(request, exception, *args, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
class SamlLogoutService(_Enabled, d2.LogoutView):
    """The IdP's LogoutRequest (another system started single logout) or its LogoutResponse.

    OIOSAML requires a signed LogoutRequest; djangosaml2 does not check the signature of the
    HTTP-Redirect binding (it passes no SigAlg/Signature to pysaml2), so it is checked here against
    the IdP's signing certificates from its metadata. Over HTTP-POST the request must carry an XML
    signature, which pysaml2 then verifies."""

    def get(self, request, *args, **kwargs):
        if "SAMLRequest" in request.GET and not self._redirect_signed(request):
            return self._refused(request)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "SAMLRequest" in request.POST and not self._post_signed(request):
            return self._refused(request)
        return super().post(request, *args, **kwargs)

    def _refused(self, request):
        log.warning("SAML LogoutRequest without a valid IdP signature refused")
        return HttpResponse(status=403)

    def _redirect_signed(self, request) -> bool:
        from saml2.sigver import verify_redirect_signature

        query = {k: request.GET[k] for k in ("SAMLRequest", "RelayState", "SigAlg", "Signature") if k in request.GET}
        if "Signature" not in query or "SigAlg" not in query:
            return False
        conf = self.get_sp_config(request)
        crypto = security_context(conf).sec_backend
        for idp in conf.metadata.identity_providers():
            for _name, cert in conf.metadata.certs(idp, "idpsso", use="signing"):
                try:
                    if verify_redirect_signature(query, crypto, cert=cert):
                        return True
                except Exception:  # noqa: S112 - a malformed signature is no signature
                    continue
        return False

    def _post_signed(self, request) -> bool:
        import base64

        try:
            xml = base64.b64decode(request.POST["SAMLRequest"], validate=True)
        except ValueError:
            return False
        return b"SignatureValue" in xml  # pysaml2 verifies a signature that is there


def metadata(request):
    """The service provider's metadata, signed with its own key (OIOSAML requires signed metadata)."""
    if not config.enabled():
        raise Http404
    conf = config.sp_config(request)
    from saml2.metadata import entity_descriptor

    descriptor = entity_descriptor(conf)
    _desc, xml = sign_entity_descriptor(descriptor, None, security_context(conf))
    return HttpResponse(xml, content_type="application/samlmetadata+xml; charset=utf-8")

