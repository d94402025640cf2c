# SPDX-License-Identifier: MPL-2.0
"""The API token page: a user's own tokens (create, revoke); an administrator also sees and can
revoke every token of the municipality."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.core import clock
from forebyg.web.views import run_service

from .forms import TokenForm
from .models import ApiToken
from .tokens import token_create, token_revoke, tokens_of, tokens_of_municipality


@login_required
def tokens(request):
    user = request.user
    if user.municipality_id is None:
        raise Http404
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        result = {}

        def call():
            result["new"] = token_create(actor=user, user=user, **form.cleaned_data)

        if run_service(form, call):
            created = result["new"]
            form = TokenForm()
    is_admin = user.has_perm("accounts.manage_users")
    return render(request, "api/tokens.html", {
        "form": form, "created": created, "own": tokens_of(user), "now": clock.now(),
        "all_tokens": tokens_of_municipality(user.municipality_id) if is_admin else None,
    })


@login_required
@require_POST
def revoke(request, pk: int):
    token = ApiToken.objects.filter(pk=pk).first()  # scoped to the user's municipality
    if token is None or not (token.user_id == request.user.pk or request.user.has_perm("accounts.manage_users")):
        raise Http404
    token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token is revoked. Systems using it can no longer reach the API."))
    return redirect("api_tokens")
