# SPDX-License-Identifier: MPL-2.0
"""Shared by the network views: the secretariat check, form handling, file and export responses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from forebyg.web.spreadsheet import table_response
from forebyg.web.views import run_service

__all__ = ["run_service", "secretariat", "found", "form_page", "file_response", "table_response"]


def secretariat(view):
    """Logged in, with role network secretariat or administrator; anyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("network.manage"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def found(obj):
    if obj is None:
        raise Http404
    return obj


def form_page(request, form, call: Callable[[dict], object], *, title: str, success: str,
              done: Callable[[object], str], back: str | None = None, intro: str = "", extra: dict | None = None):
    """Show the form; on a valid POST run the service. Errors from the service become form errors."""
    if request.method == "POST" and form.is_valid():
        result: dict = {}

        def run():
            result["obj"] = call(form.cleaned_data)

        if run_service(form, run):
            messages.success(request, success)
            return redirect(done(result["obj"]))
    return render(request, "network/form.html", {"form": form, "title": title, "back": back, "intro": intro,
                                                 **(extra or {})})


def file_response(field, filename: str) -> FileResponse:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=filename or "file")
