# SPDX-License-Identifier: MPL-2.0
"""Shared by the network views: the secretariat check, form handling, file and export responses."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render

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


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Keep spreadsheet programs from running text as a formula (names come from public forms)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table_response(*, fmt: str, filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.append([str(h) for h in header])
        for row in rows:
            ws.append([safe_cell(v) for v in row])
        xlsx = io.BytesIO()
        wb.save(xlsx)
        resp = HttpResponse(xlsx.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    elif fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow([str(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
        resp = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    resp["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return resp
