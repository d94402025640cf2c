# SPDX-License-Identifier: MPL-2.0
"""The administrator's user pages: who has access, with what role, whether two-factor
authentication is set up, and who is locked out; create users, change their role and team,
deactivate and reactivate them, send a link to choose a password (forebyg.accounts.services);
reset a lost authenticator, lift a lockout."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from forebyg.audit.services import log_change
from forebyg.core.models import Team

from . import services
from .forms import UserForm
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
          .order_by("-is_active", "role", "full_name", "username"))
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
    with transaction.atomic():
        axes_reset(username=user.username)
        log_change(actor=request.user, action="accounts.lockout.lifted", obj=user, payload={"user": user.username})
    messages.success(request, _("%(name)s can log in again.") % {"name": user})
    return redirect("accounts_users")


def _teams(request):
    with scopes_disabled():
        return list(Team.objects.filter(municipality_id=request.user.municipality_id).order_by("name"))


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def user_new(request):
    _admin(request)
    form = UserForm(request.POST or None, teams=_teams(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with transaction.atomic():
                user = services.user_create(actor=request.user, username=d["username"], full_name=d["full_name"],
                                            role=d["role"], municipality=request.user.municipality_id,
                                            team=d["team"] or None, email=d["email"])
                services.password_link_issue(actor=request.user, user=user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is created. A link to choose a password is sent to %(email)s; "
                                        "at the first login they set up two-factor authentication.")
                             % {"name": user, "email": user.email})
            return redirect("accounts_users")
    return render(request, "cases/form.html", {"form": form, "title": _("New user"), "back": ("accounts_users",)})


@login_required
def user_edit(request, pk):
    _admin(request)
    user = _user(request, pk)
    initial = {"full_name": user.full_name, "email": user.email, "role": user.role, "team": user.team_id or ""}
    form = UserForm(request.POST or None, initial=initial, teams=_teams(request), creating=False)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            user = services.user_update(actor=request.user, user=user, role=d["role"], team=d["team"] or None,
                                        full_name=d["full_name"], email=d["email"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is saved: %(role)s.") % {"name": user, "role": user.get_role_display()})
            return redirect("accounts_users")
    return render(request, "cases/form.html", {"form": form, "title": _("Change %(name)s") % {"name": user},
                                               "back": ("accounts_users",)})


@login_required
@require_POST
def user_active(request, pk, action):
    _admin(request)
    user = _user(request, pk)
    try:
        user = services.user_set_active(actor=request.user, user=user, active=action == "genaktiver")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if user.is_active:
            messages.success(request, _("%(name)s is active again and can log in.") % {"name": user})
        else:
            messages.success(request, _("%(name)s is deactivated and can no longer log in. Nothing they did "
                                        "is removed.") % {"name": user})
    return redirect("accounts_users")


@login_required
@require_POST
def user_send_link(request, pk):
    _admin(request)
    user = _user(request, pk)
    try:
        services.password_link_issue(actor=request.user, user=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A link to choose a password is sent to %(email)s.") % {"email": user.email})
    return redirect("accounts_users")
