# SPDX-License-Identifier: MPL-2.0
"""Where a request comes from: the client's IP address, for the audit log and the login lockout.

Behind a reverse proxy set FOREBYG_PROXY_COUNT to the number of trusted proxies in front of
Forebyg; the address is then taken from X-Forwarded-For at that position (never the left-most,
client-controlled entry). The current request's address is kept for the duration of the request,
so services that write the change log record it without every call passing the request along."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

_current_ip: ContextVar[str | None] = ContextVar("forebyg_request_ip", default=None)


def client_ip(request) -> str | None:
    proxies = int(getattr(settings, "FOREBYG_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def current_ip() -> str | None:
    return _current_ip.get()


class RequestOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _current_ip.reset(token)
