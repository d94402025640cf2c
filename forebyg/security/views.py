# SPDX-License-Identifier: MPL-2.0
"""Pages: state a reason (break the glass), review such access, show a CPR number, a data subject's
access request and the security policy (retention: views_retention.py)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.accounts.models import Role
from forebyg.audit.services import log_access, log_change
from forebyg.cases.views.common import get_child
from forebyg.core import clock
from forebyg.domain.cpr import mask
from forebyg.web.views import require, run_service

from . import services
from .access import file_access, may_break_glass, notification_access
from .dsar import child_dossier, to_json_records
from .forms import DsarForm, PolicyForm, ReasonForm
from .models import GlassGrant, SecurityPolicy


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _glass_subject(kind: str, pk: str):
    """The children a reason would open: one child, or every child of a notification."""
    from forebyg.cases import models as m

    if kind == "child":
        child = m.Child.objects.filter(pk=pk).first()  # scoped: another municipality's child is not found
        if child is None:
            raise Http404
        return [child], None
    if kind == "notification":
        n = m.Notification.objects.filter(pk=pk).first()
        if n is None:
            raise Http404
        return list(n.children.all()), n
    raise Http404


@login_required
def glass_request(request, kind, pk):
    """Ask for the reason before opening a child outside one's caseload ("break the glass")."""
    if not may_break_glass(request.user):
        raise PermissionDenied
    children, notification = _glass_subject(kind, pk)
    default = f"/boern/{pk}/" if kind == "child" else f"/underretninger/{pk}/"
    target = _next(request, default)
    has_access = (notification_access(request.user, notification, children) if notification is not None
                  else file_access(request.user, children[0]))  # the file: caseload, or a reason still valid
    if has_access:
        return redirect(target)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        def call():
            services.glass_open(user=request.user, children=children, request=request, **form.cleaned_data)

        if run_service(form, call):
            return redirect(target)
    hours = SecurityPolicy.for_municipality(request.user.municipality_id).glass_hours
    return render(request, "security/glass_request.html", {
        "form": form, "children": children, "notification": notification, "next": target, "hours": hours,
        # The receiving unit has no caseload: it reads the intake view, and asks to open the whole file (#15).
        "intake_user": request.user.role == Role.RECEIVING_UNIT})


def _reviewable(user):
    qs = GlassGrant.objects.select_related("user", "reviewed_by")
    if user.role == Role.TEAM_LEADER:
        qs = qs.filter(user__team_id=user.team_id).exclude(user=user) if user.team_id else qs.none()
    return qs


@login_required
def glass_review(request):
    require(request.user, "security.review_glass")
    show = request.GET.get("vis", "open")
    qs = _reviewable(request.user)
    if show == "open":
        qs = qs.filter(reviewed_at__isnull=True)
    rows = list(qs.order_by("reviewed_at", "-granted_at")[:300])
    return render(request, "security/glass_review.html", {
        "rows": rows, "show": show, "outcomes": GlassGrant.Outcome.choices, "now": clock.now()})


@login_required
@require_POST
def glass_review_record(request, pk):
    require(request.user, "security.review_glass")
    grant = _reviewable(request.user).filter(pk=pk).first()
    if grant is None:
        raise Http404
    try:
        services.glass_review(reviewer=request.user, grant=grant, outcome=request.POST.get("outcome", ""))
        messages.success(request, _("Review recorded."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("glass_review")


@login_required
def cpr_reveal(request, pk):
    """Show a child's full CPR number, for a stated reason written to the access log."""
    child = get_child(request, pk, "child.cpr")
    form = ReasonForm(request.POST or None)
    shown = None
    if request.method == "POST" and form.is_valid():
        result = {}

        def call():
            result["cpr"] = services.cpr_reveal(user=request.user, child=child, request=request, **form.cleaned_data)

        if run_service(form, call):
            shown = result["cpr"]
            shown = f"{shown[:6]}-{shown[6:]}" if shown and "-" not in shown else shown
    return render(request, "security/cpr_reveal.html", {
        "child": child, "form": form, "cpr": shown, "masked": mask(child.cpr)})


@login_required
def dsar(request, pk):
    """A data subject's access request: everything held about the child, to print, as PDF or JSON."""
    require(request.user, "security.dsar")
    child = get_child(request, pk, "child.dsar")
    form = DsarForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "security/dsar_form.html", {"child": child, "form": form})
    data = form.cleaned_data
    log_access(user=request.user, child=child, view="child.dsar.export", request=request,
               reason=_("Data subject access request %(ref)s") % {"ref": data["reference"]})
    log_change(actor=request.user, action="audit.dsar.produced", obj=child, child_id=child.pk,
               payload={"format": data["fmt"], "staff_names": data["include_staff_names"]})
    dossier = child_dossier(child=child, include_staff_names=data["include_staff_names"])
    name = f"indsigt-{child.pk}"
    if data["fmt"] == "json":
        body = json.dumps(to_json_records(dossier), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    ctx = {"d": dossier, "reference": data["reference"], "by": request.user}
    if data["fmt"] == "pdf":
        from weasyprint import CSS, HTML

        html = render_to_string("security/dsar_print.html", {**ctx, "standalone": True}, request=request)
        pdf = HTML(string=html, base_url=None).write_pdf(stylesheets=[CSS(string=PRINT_CSS)])
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "security/dsar.html", ctx)


PRINT_CSS = """
@page { size: A4; margin: 18mm 15mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font: 10pt/1.4 sans-serif; color: #111; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.2em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin-bottom: .8em; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ccc; padding: 2pt 4pt; font-size: 9pt; }
.note { border-left: 3pt solid #8a1c00; padding-left: 6pt; }
"""


@login_required
def policy(request):
    require(request.user, "security.configure")
    current = SecurityPolicy.for_municipality(request.user.municipality_id)
    form = PolicyForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        def call():
            services.policy_update(actor=request.user, municipality_id=request.user.municipality_id,
                                   **{k: form.cleaned_data[k] for k in PolicyForm.Meta.fields})

        if run_service(form, call):
            messages.success(request, _("Saved."))
            return redirect("security_policy")
    return render(request, "security/policy.html", {"form": form})
