# SPDX-License-Identifier: MPL-2.0
"""Every request runs inside its user's municipality scope; queries outside it fail loudly."""

from django.conf import settings
from django.utils import translation
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_scopes import scope


class MunicipalityScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        municipality = getattr(user, "municipality_id", None) if user and user.is_authenticated else None
        with scope(municipality=[municipality] if municipality else []):
            return self.get_response(request)


class DanishFirstLocaleMiddleware:
    """Danish unless the user chose another language with the language switch (its cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Danish
    municipality's system speaks Danish by default whatever the browser says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# --- Sessions and two-factor authentication (issue #4) ----------------------------------------

SEEN_KEY = "_forebyg_seen"
STARTED_KEY = "_forebyg_started"
IDP_MFA_KEY = "_forebyg_idp_mfa"  # the identity provider asserted a multi-factor login (forebyg.accounts.oidc)
# Pages a logged-in user reaches before the second factor: the second factor itself, logging out,
# and the language switch.
TWO_FACTOR_EXEMPT = {"two_factor_verify", "two_factor_enrol", "two_factor_backup_codes", "logout", "set_language",
                     "login", "oidc_authentication_init", "oidc_authentication_callback",
                     "saml2_login", "saml2_acs", "saml2_ls", "saml2_ls_post", "saml2_metadata",
                     "saml_test_idp_metadata", "saml_test_idp_sso", "saml_test_idp_slo"}


def wall_clock() -> float:
    """Real elapsed time for session expiry (not forebyg.core.clock, which reports and tests may move)."""
    import time

    return time.time()


def two_factor_satisfied(request) -> bool:
    if settings.FOREBYG_DEMO_SKIP_2FA:
        return True
    user = request.user
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    return bool(request.session.get(IDP_MFA_KEY))


class SessionTimeoutMiddleware:
    """Log out after FOREBYG_IDLE_MINUTES without a request, and FOREBYG_SESSION_MAX_HOURS after login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.utils.translation import gettext as _

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = wall_clock()
            seen = request.session.get(SEEN_KEY)
            started = request.session.setdefault(STARTED_KEY, now)
            idle = seen is not None and now - seen > settings.FOREBYG_IDLE_MINUTES * 60
            too_long = now - started > settings.FOREBYG_SESSION_MAX_HOURS * 3600
            if idle or too_long:
                logout(request)
                if idle:
                    messages.info(request, _("You were logged out after %(minutes)s minutes without activity. "
                                             "Log in again to continue.") % {"minutes": settings.FOREBYG_IDLE_MINUTES})
                else:
                    messages.info(request, _("You were logged out because your working session ended. "
                                             "Log in again to continue."))
                return redirect_to_login(request.get_full_path())
            if seen is None or now - seen > 30:
                request.session[SEEN_KEY] = now
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """A user who has only given a password reaches nothing but the second-factor pages: those who
    have an authenticator are asked for a code, those who have none are sent to set one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from urllib.parse import urlencode

        from django.shortcuts import redirect
        from django.urls import Resolver404, resolve, reverse
        from django_otp import user_has_device

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not two_factor_satisfied(request):
            try:
                name = resolve(request.path_info).url_name or ""
            except Resolver404:
                name = None  # not a page: the 404 says nothing
            if name is not None and name not in TWO_FACTOR_EXEMPT:
                target = "two_factor_verify" if user_has_device(user) else "two_factor_enrol"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class OTPMiddleware(DjangoOTPMiddleware):
    """django_otp's middleware (request.user.otp_device, is_verified), reading the session's device
    by its key with the SQL compiled once (forebyg.core.pointread; issue #20). The device found goes
    through django_otp's own checks as before (it must belong to the user and be confirmed, else the
    session forgets it); a persistent id that names no device model, or no number, finds none, as in
    `Device.from_persistent_id`."""

    _reads: dict = {}

    def _device_from_persistent_id(self, persistent_id: str):
        from django.apps import apps
        from django_otp.models import Device

        from forebyg.core.pointread import PointRead

        try:
            model_label, device_id = self._normalize_persistent_id(persistent_id).rsplit("/", 1)
            app_label, model_name = model_label.split(".")
            device_cls = apps.get_model(app_label, model_name)
            pk = int(device_id)
        except (ValueError, LookupError):
            return None
        if not issubclass(device_cls, Device):
            return None
        read = self._reads.get(device_cls)
        if read is None:
            read = self._reads[device_cls] = PointRead(lambda: device_cls.objects.all(), "id")
        return read.get(pk, using=device_cls.objects.db)
