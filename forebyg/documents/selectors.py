# SPDX-License-Identifier: MPL-2.0
"""Reading documents. Reading a version's content is a read of the child's data and is written
to the access log (forebyg.audit)."""

from __future__ import annotations

from forebyg.audit.services import log_access

from . import storage
from .models import Document, DocumentVersion

DOWNLOAD_VIEW = "documents.download"


def child_documents(child) -> list[Document]:
    """The child's documents, newest first, each with its versions (newest first) prefetched."""
    return list(Document.objects.filter(child=child).select_related("by").prefetch_related("versions__by")
                .order_by("-added_at", "id"))


def document_version_read(*, version: DocumentVersion, user, request=None, view: str = DOWNLOAD_VIEW,
                          reason: str = "", basis: str = "") -> bytes:
    """The bytes of one version, checked against its SHA-256. A person's read (`user`) is written
    to the access log first. `user=None` is for the application's own processes (e.g. sending a
    letter Forebyg made): no person reads the content, and nothing is logged.
    Raises storage.StoredFileMissing when the file is gone or altered."""
    content = storage.get(version.sha256)
    if user is not None:
        log_access(user=user, child=version.child, view=view, request=request, reason=reason, basis=basis)
    return content


def child_page_reads() -> list:
    """What the child page reads about the documents (with the rest of the page, once)."""
    from forebyg.cases.selectors.related import Relation

    return [Relation("documents", then=(Relation("versions", select_related=("by",)),))]


def timeline_events(child) -> list:
    """Every version added, on the child's timeline and in the case record: the title, the version,
    the file's name (who added it is the version's `by`)."""
    from django.utils.translation import gettext as _

    from forebyg.cases.selectors.child import Event
    from forebyg.cases.selectors.related import read_relations

    read_relations([child], child_page_reads())
    out = []
    for d in child.documents.all():
        for v in d.versions.all():
            title = _("Document added") if v.number == 1 else _("New version of a document")
            detail = _("%(title)s, version %(number)s (%(file)s)") % {"title": d.title, "number": v.number,
                                                                      "file": v.filename}
            out.append(Event(v.added_at, "document", title, detail, v))
    return out
