# SPDX-License-Identifier: MPL-2.0
"""The API object: token authentication, the municipality scope of every request, error bodies.

Every request is authenticated by a personal API token (`Authorization: Bearer fbg_...`) and
runs as the token's user inside the token's municipality scope (django-scopes), so a query that
is not scoped fails loudly and another municipality's records are never found (404). Errors have
one shape: `{"detail": "..."}` (401, 403, 404) or `{"detail": [{"loc", "msg", "type"}]}` (400, 409,
422), the same as django-ninja's own request validation errors."""

from __future__ import annotations

import functools
from contextlib import ExitStack

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django_scopes import scope
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from forebyg.cases.services.records import STALE

from .tokens import token_authenticate

DESCRIPTION = """
The REST API of Forebyg, for the municipality's other systems. See docs/api.md.

**Authentication.** Create a personal API token on the page *API tokens* (`/api/tokens/`) or
with `forebyg api-token create`, and send it as `Authorization: Bearer fbg_...`. A token acts as
its user in the user's municipality, with the same permissions as in the application; every read
of a child's data is written to the access log. A child outside your caseload needs a stated
reason first (`POST /children/{id}/access`).

**Paging and dates.** Lists take `limit` and `offset` and return `count`; date filters take
moments with a UTC offset (`after` inclusive, `before` exclusive); `updated_since` returns what
was created or changed since a moment (for synchronisation).

**Changes.** Writes go through the same services as the application: a rule broken gives 422
naming the field, and nothing is written. A change to an existing record carries the `version`
you read: if someone saved a newer version since, the change is refused with 409.
"""


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        stack = getattr(request, "_forebyg_scope", None)
        if stack is not None:
            stack.enter_context(scope(municipality=[found.municipality_id]))
        return found


class ForebygAPI(NinjaAPI):
    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = _scoped(pattern.callback)
        return urls


def _scoped(view):
    """The municipality scope that TokenAuth enters lasts until the response is rendered."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with ExitStack() as stack:
            request._forebyg_scope = stack
            return view(request, *args, **kwargs)

    return wrapper


api = ForebygAPI(
    title="Forebyg API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api-v1",
)


def _items(exc: ValidationError) -> list[dict]:
    items: list[dict] = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            loc = ["body"] if field == "__all__" else ["body", field]
            for error in errors:
                items.extend({"loc": loc, "msg": str(msg), "type": error.code or "invalid"} for msg in error.messages)
    else:
        for error in exc.error_list:
            items.extend({"loc": ["body"], "msg": str(msg), "type": error.code or "invalid"} for msg in error.messages)
    return items


@api.exception_handler(ValidationError)
def _service_error(request, exc: ValidationError):
    items = _items(exc)
    stale = any(i["type"] == STALE for i in items)
    if stale:
        for item in items:
            item["loc"] = ["body", "version"]
    return api.create_response(request, {"detail": items}, status=409 if stale else 422)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or _("You do not have access to this.")}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    response = api.create_response(
        request, {"detail": _("A valid API token is required: Authorization: Bearer <token>.")}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400:  # e.g. a body that is not JSON
        return api.create_response(request, {"detail": [{"loc": ["body"], "msg": str(exc), "type": "parse_error"}]},
                                   status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _loc(loc) -> list:
    """["body", "body", "goals", 1, "text"] (source, parameter, field...) -> ["body", "goals", 1, "text"]."""
    loc = list(loc)
    if len(loc) > 1 and loc[0] == "body" and loc[1] == "body":
        del loc[1]
    return loc


@api.exception_handler(NinjaValidationError)
def _bad_request(request, exc: NinjaValidationError):
    items = [{"loc": _loc(e.get("loc", ["body"])), "msg": str(e.get("msg", "")), "type": str(e.get("type", "invalid"))}
             for e in exc.errors]
    return api.create_response(request, {"detail": items}, status=422)


def _register() -> None:
    from .routers import casework, children, deadlines, journal, notifications, organisation, plans

    api.add_router("/", organisation.router)
    api.add_router("/children", children.router)
    api.add_router("/notifications", notifications.router)
    api.add_router("/", casework.router)
    api.add_router("/", plans.router)
    api.add_router("/deadlines", deadlines.router)
    api.add_router("/", journal.router)
    for extra in _optional_routers():
        api.add_router(*extra)


def _optional_routers():
    """Endpoints of apps that may not be installed (key figures, progression, documents)."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    out = []
    for app, module, prefix in (("forebyg.keyfigures", "keyfigures", "/key-figures"),
                                ("forebyg.progression", "progression", "/"),
                                ("forebyg.documents", "documents", "/")):
        if apps.is_installed(app) and find_spec(f"forebyg.api.routers.{module}"):
            out.append((prefix, import_module(f"forebyg.api.routers.{module}").router))
    return out


_register()
