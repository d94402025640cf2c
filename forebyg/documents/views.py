# SPDX-License-Identifier: MPL-2.0
"""The child's documents page: the list with every version, uploads, and downloads. Opening the
page and every download are written to the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.cases.views.common import find_child, get_child, require, run_service
from forebyg.security.access import GlassRequired

from . import services
from .forms import DocumentForm, VersionForm
from .kinds import KINDS, SOURCES
from .models import Document, DocumentVersion
from .selectors import child_documents, document_version_read
from .storage import StoredFileMissing


def _max_mb() -> int:
    return services.max_bytes() // (1024 * 1024)


def _read(upload) -> bytes:
    """The uploaded file's content; a file over the limit is not read beyond it."""
    return upload.read(services.max_bytes() + 1)


def _page(request, child, form=None, version_forms=None, status=200):
    docs = child_documents(child)
    for d in docs:
        d.kind_label = KINDS.get(d.kind, d.kind)
        d.source_label = SOURCES.get(d.source, d.source)
        d.version_form = (version_forms or {}).get(d.pk) or VersionForm(prefix=f"v-{d.pk}")
    can_add = request.user.has_perm("documents.add")
    return render(request, "documents/documents.html", {
        "child": child, "documents": docs, "can_add": can_add,
        "form": form or DocumentForm(max_mb=_max_mb()), "max_mb": _max_mb()}, status=status)


@login_required
def documents(request, pk):
    """The child's documents; read under the same rule as the child's file (cases.views.common.get_child)."""
    if request.method == "POST":
        require(request.user, "documents.add")
        child = get_child(request, pk, "documents.add")
        form = DocumentForm(request.POST, request.FILES, max_mb=_max_mb())
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if run_service(form, lambda: services.document_add(
                    child=child, actor=request.user, filename=upload.name, content=_read(upload),
                    title=form.cleaned_data["title"], kind=form.cleaned_data["kind"], source="uploaded")):
                messages.success(request, _("The document was added."))
                return redirect("documents", pk=child.pk)
        return _page(request, child, form=form, status=400)
    child = get_child(request, pk, "documents")
    return _page(request, child)


@login_required
@require_POST
def new_version(request, pk, doc_pk):
    require(request.user, "documents.add")
    child = get_child(request, pk, "documents.add")
    document = Document.objects.filter(pk=doc_pk, child=child).first()
    if document is None:
        raise Http404
    form = VersionForm(request.POST, request.FILES, prefix=f"v-{document.pk}")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if run_service(form, lambda: services.document_add_version(
                document=document, actor=request.user, filename=upload.name, content=_read(upload))):
            messages.success(request, _("The new version was added."))
            return redirect("documents", pk=child.pk)
    return _page(request, child, version_forms={document.pk: form}, status=400)


@login_required
def download(request, pk, version_pk):
    child, access = find_child(request, pk)
    require(request.user, "documents.view", child)
    if not access.full:
        raise GlassRequired(kind="child", pk=child.pk)
    version = DocumentVersion.objects.filter(pk=version_pk, child=child).first()
    if version is None:
        raise Http404
    try:
        content = document_version_read(version=version, user=request.user, request=request,
                                        reason=access.reason, basis=access.basis)
    except StoredFileMissing:
        return HttpResponse(_("The file of this version is missing or damaged. Ask your administrator to restore "
                              "it from a backup."), status=500, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=version.media_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=version.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
