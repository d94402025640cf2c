# SPDX-License-Identifier: MPL-2.0
"""Documents of a child's case (issue #18): the metadata, read-only. The files themselves are
downloaded on the child's documents page, where every download is access-logged."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema

from forebyg.documents.models import Document, DocumentVersion

from .. import schemas as s
from ..access import logged_page, require
from ..common import CHILD, Limit, Offset, RecordId, get_record, meta, visible_records

router = Router(tags=["documents"])


class DocumentVersionOut(Schema):
    id: str
    number: int
    filename: str
    media_type: str = Field(description="The file's type, told by its content.")
    size: int = Field(description="Bytes.")
    sha256: str
    added_at: datetime
    by: str | None = Field(None, description="The staff id of who added it; null when Forebyg made it.")


class DocumentOut(s.RecordOut):
    child: str
    case: str | None
    kind: str
    title: str
    source: str = Field(description="uploaded or generated (made by Forebyg, e.g. a letter)")
    added_at: datetime
    by: str | None
    versions: list[DocumentVersionOut] = Field(description="Newest first; the first is the current version.")


DocumentPage = s.page_of(DocumentOut, "DocumentPage")


def document_out(d: Document) -> dict:
    return {**meta(d), "child": d.child_id, "case": d.case_id, "kind": d.kind, "title": d.title,
            "source": d.source, "added_at": d.added_at, "by": d.by_id,
            "versions": [{"id": v.pk, "number": v.number, "filename": v.filename, "media_type": v.media_type,
                          "size": v.size, "sha256": v.sha256, "added_at": v.added_at, "by": v.by_id}
                         for v in sorted(d.versions.all(), key=lambda v: -v.number)]}


def _with_versions(qs):
    return qs.prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number")))


@router.get("/documents", response=s.responses(200, DocumentPage), summary="Documents of children's cases")
def list_documents(request, child: s.Id | None = CHILD, kind: str | None = Query(None),
                   limit: int = Limit, offset: int = Offset):
    require(request.user, "cases.view_worklists")
    qs = visible_records(request, Document)
    if child:
        qs = qs.filter(child_id=child)
    if kind:
        qs = qs.filter(kind=kind)
    return logged_page(request, _with_versions(qs.order_by("-added_at", "id")), document_out, "api.documents",
                       limit, offset)


@router.get("/documents/{document_id}", response=s.responses(200, DocumentOut), summary="One document")
def get_document(request, document_id: str = RecordId):
    doc = get_record(request, Document, document_id, "api.document")
    return document_out(_with_versions(Document.objects.filter(pk=doc.pk)).get()) | meta(doc)
