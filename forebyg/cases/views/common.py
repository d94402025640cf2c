# SPDX-License-Identifier: MPL-2.0
"""Helpers shared by the case views: finding a child or a notification the user may open.

`require` and `run_service` live in forebyg.web.views (below the apps); they are re-exported here
for code not yet moved."""

from __future__ import annotations

from django.http import Http404

from forebyg.audit.services import log_access
from forebyg.security.access import Access, GlassRequired, child_access, notification_access
from forebyg.web.views import require, run_service  # noqa: F401  (re-exported)

from .. import models as m


def find_child(request, pk: str) -> tuple[m.Child, Access]:
    """The child and the user's basis for it, not yet logged. Another municipality's child is not
    found (404); a child outside the user's caseload needs a stated reason first ("break the
    glass", forebyg.security.access): GlassRequired sends the user to the page that asks for it."""
    # scoped: another municipality's child is not found
    child = m.Child.objects.filter(pk=pk).select_related("district", "institution").first()
    if child is None:
        raise Http404
    require(request.user, "cases.view_child", child)
    access = child_access(request.user, child)
    if access is None:
        raise GlassRequired(kind="child", pk=child.pk)
    return child, access


def get_child(request, pk: str, view: str) -> m.Child:
    """The child's file, if the user may open it; the read is written to the access log with its basis.

    ``intake`` is not enough for the file (only for the intake view, cases.views.child): it asks for
    a stated reason like a child outside the caseload."""
    child, access = find_child(request, pk)
    if not access.full:
        raise GlassRequired(kind="child", pk=child.pk)
    log_access(user=request.user, child=child, view=view, request=request, reason=access.reason, basis=access.basis)
    return child


def get_notification(request, pk: str) -> m.Notification:
    n = m.Notification.objects.filter(pk=pk).first()
    if n is None:
        raise Http404
    require(request.user, "cases.view_worklists")
    children = list(n.children.all())
    access = notification_access(request.user, n, children)
    if access is None:
        raise GlassRequired(kind="notification", pk=n.pk)
    for child in children:
        log_access(user=request.user, child=child, view="notification", request=request,
                   reason=access[child.pk].reason, basis=access[child.pk].basis)
    return n
