# SPDX-License-Identifier: MPL-2.0
"""Two-factor authentication: password, then a TOTP code (django-otp). A user without an
authenticator sets one up at their first login (QR code or secret), and gets backup codes."""

from __future__ import annotations

import base64
import secrets
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_login_failed
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from forebyg.audit.services import log_change

from .forms import TokenForm
from .middleware import two_factor_satisfied

BACKUP_CODES = 10
BACKUP_SESSION_KEY = "_forebyg_backup_codes"


def _next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


def _second_step(user, next_url: str) -> str:
    name = "two_factor_verify" if user_has_device(user) else "two_factor_enrol"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class ForebygLoginView(LoginView):
    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["sso_enabled"] = settings.FOREBYG_OIDC_ENABLED
        ctx["saml_enabled"] = bool(settings.FOREBYG_SAML_IDP_METADATA)
        ctx["saml_test_idp"] = settings.FOREBYG_SAML_TEST_IDP
        return ctx

    def form_valid(self, form):
        response = super().form_valid(form)
        if not two_factor_satisfied(self.request):
            return redirect(_second_step(self.request.user, self.get_success_url()))
        return response


def _locked_out(request, user) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": user.get_username()})


@login_required
def verify(request):
    """The second step of the login: a code from the authenticator app, or a backup code."""
    user = request.user
    if two_factor_satisfied(request):
        return redirect(_next(request))
    if not user_has_device(user):
        return redirect(_second_step(user, _next(request)))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _match(user, form.cleaned_data["otp_token"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(_next(request))
        # A wrong code counts towards the same lockout as a wrong password.
        user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
        if _locked_out(request, user):
            logout(request)
            return render(request, "accounts/locked.html", {"cooloff_minutes": _cooloff_minutes()}, status=429)
        form.add_error("otp_token", _("The code is not right, or it has expired. Try the newest code."))
    return render(request, "accounts/verify.html", {"form": form, "next": _next(request)})


def _match(user, token: str):
    """The device that accepts the code: 6 digits from the authenticator app, 8 for a backup code.
    Only devices of the matching kind try it, so a typo does not throttle the other kind."""
    if not token.isdigit():
        return None
    model = StaticDevice if len(token) == 8 else TOTPDevice
    for device in model.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            return device
    return None


def _cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


def _secret(device: TOTPDevice) -> str:
    b32 = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(b32[i:i + 4] for i in range(0, len(b32), 4))


@login_required
def enrol(request):
    """Set up an authenticator app. Only for a user who has none: otherwise a stolen password
    would be enough to add the thief's own authenticator."""
    user = request.user
    if user_has_device(user):
        if two_factor_satisfied(request):
            return redirect(_next(request))
        return redirect(_second_step(user, _next(request)))
    device = _pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save()
                codes = _new_backup_codes(user)
                log_change(actor=user, action="accounts.two_factor.enrolled", obj=user, payload={"device": "totp"})
            otp_login(request, device)
            request.session.cycle_key()
            request.session[BACKUP_SESSION_KEY] = codes
            return redirect(f"{reverse('two_factor_backup_codes')}?{urlencode({'next': _next(request)})}")
        form.add_error("otp_token", _("The code is not right. Check the time on your phone and try the newest code."))
    qr = segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("QR code for your authenticator app"))
    return render(request, "accounts/enrol.html", {
        "form": form, "qr": qr, "secret": _secret(device), "uri": device.config_url, "next": _next(request)})


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Backup codes"), confirmed=True)
    codes = [f"{secrets.randbelow(10**8):08d}" for _i in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@login_required
def backup_codes(request):
    """Shown once, right after setting up the authenticator."""
    codes = request.session.pop(BACKUP_SESSION_KEY, None)
    if not codes:
        return redirect(_next(request))
    shown = [f"{c[:4]} {c[4:]}" for c in codes]
    messages.success(request, _("Two-factor authentication is set up."))
    return render(request, "accounts/backup_codes.html", {"codes": shown, "next": _next(request)})
