# SPDX-License-Identifier: MPL-2.0
"""Response headers beyond Django's own, and the redirect to the "state a reason" page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .access import GlassRequired


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response; pages for a logged-in
    user are never stored by the browser or a proxy (a shared PC's back button, a stolen laptop's
    disk cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.FOREBYG_PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class BreakGlassMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, GlassRequired):
            url = reverse("glass_request", args=[exception.kind, exception.pk])
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return None
