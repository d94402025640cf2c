# SPDX-License-Identifier: MPL-2.0
"""Passwords: a user chooses one through the one-time link (Django's password-reset views and
tokens, forebyg.accounts.services.password_link), and changes their own when logged in. Both are
audit-logged; neither logs the user in, so the login with the second factor follows as usual."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The page behind the one-time link. Django moves the token from the address into the session
    at the first request (so it does not leak in a Referer), checks it, and lets the user choose a
    password; afterwards the link no longer works (the token covers the password hash)."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user, how="link")
        messages.success(self.request, _("Your password is saved. Log in with your user name and the new password."))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "cases/form.html"
    success_url = reverse_lazy("home")
    extra_context = {"title": gettext_lazy("Change password"), "back": ("home",)}

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user, how="change")
        messages.success(self.request, _("Your password is changed."))
        return response
