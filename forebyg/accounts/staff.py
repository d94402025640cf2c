# SPDX-License-Identifier: MPL-2.0
"""The administrator's user page: who has access, with what role, whether two-factor
authentication is set up, and who is locked out; reset a lost authenticator, lift a lockout."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from forebyg.audit.services import log_change

from .models import User


def _admin(request):
    if not request.user.has_perm("accounts.manage_users"):
        raise PermissionDenied


def _user(request, pk) -> User:
    user = User.objects.filter(pk=pk, municipality_id=request.user.municipality_id).first()
    if user is None:
        raise Http404
    return user


@login_required
def users(request):
    _admin(request)
    qs = (User.objects.filter(municipality_id=request.user.municipality_id).select_related("team")
          .order_by("role", "full_name", "username"))
    with_device = set(TOTPDevice.objects.filter(user__in=qs, confirmed=True).values_list("user_id", flat=True))
    locked = {a.username for a in AccessAttempt.objects.filter(username__in=qs.values("username"))}
    rows = [{"user": u, "two_factor": u.pk in with_device, "failures": u.username in locked} for u in qs]
    return render(request, "accounts/users.html", {"rows": rows})


@login_required
@require_POST
def reset_two_factor(request, pk):
    _admin(request)
    user = _user(request, pk)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        log_change(actor=request.user, action="accounts.two_factor.reset", obj=user, payload={"user": user.username})
    messages.success(request, _("Two-factor authentication for %(name)s is reset: they set up a new "
                                "authenticator at their next login.") % {"name": user})
    return redirect("accounts_users")


@login_required
@require_POST
def unlock(request, pk):
    _admin(request)
    user = _user(request, pk)
    axes_reset(username=user.username)
    messages.success(request, _("%(name)s can log in again.") % {"name": user})
    return redirect("accounts_users")
