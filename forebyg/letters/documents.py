# SPDX-License-Identifier: MPL-2.0
"""Keeping a rendered letter as a document of the case (forebyg.documents, issue #18): the PDF/A that is
sent is the document, in the case record, in backups and under retention with the child's other
documents. Returns the document's id; None for a letter about no child (nothing to keep it under)."""

from __future__ import annotations

from django.apps import apps


def keep(*, letter, actor, pdf: bytes) -> str | None:
    if letter.child_id is None or not apps.is_installed("forebyg.documents"):
        return None
    from forebyg.documents.services import document_add, document_add_version

    from .models import Letter

    if letter.document_id:  # rendered again (a print made twice): a new version of the same document
        from forebyg.documents.models import Document

        document = Document.objects.filter(pk=letter.document_id).first()
        if document is not None:
            document_add_version(document=document, actor=actor, filename=_filename(letter), content=pdf)
            return document.pk
    document = document_add(child=letter.child, actor=actor, filename=_filename(letter), content=pdf,
                            title=letter.title[:200], kind="decision" if letter.kind == "decision" else "letter",
                            source="generated")
    assert isinstance(letter, Letter)
    return document.pk


def _filename(letter) -> str:
    return f"brev-{letter.kind}-{str(letter.message_uuid)[:8]}.pdf"
