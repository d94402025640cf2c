# SPDX-License-Identifier: MPL-2.0
"""Adding documents and versions to a child's case (issue #18). A version is never changed or
deleted by the application (only by retention, with its child); a new file is a new version.

Every refusal (a type that is not allowed, a file too large or empty, an unknown kind) is a
ValidationError with a Danish message, and nothing is saved."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from forebyg.cases.models import Child
from forebyg.cases.services.practice import case_for
from forebyg.cases.services.records import record_create
from forebyg.core import clock

from . import filetypes, storage
from .kinds import KINDS, SOURCES
from .models import Document, DocumentVersion

if TYPE_CHECKING:
    from forebyg.accounts.models import User

DEFAULT_MAX_MB = 25


def max_bytes() -> int:
    """The size limit of one file: FOREBYG_DOCUMENT_MAX_MB megabytes (default 25)."""
    return int(getattr(settings, "FOREBYG_DOCUMENT_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def clean_filename(filename: str) -> str:
    """The file's own name without any folder, control characters or surrounding space; at most
    255 characters, the extension kept."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/")
    name = PurePosixPath(name).name if "/" in name else name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().strip(".")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 255 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else name[:255]
    return name


def check_content(*, filename: str, content: bytes) -> filetypes.FileType:
    """The file's type, told by its content; refused when empty, too large or not allowed."""
    if not clean_filename(filename):
        raise ValidationError({"file": _("The file has no name.")})
    if not content:
        raise ValidationError({"file": _("The file is empty. Nothing was saved.")})
    limit = max_bytes()
    if len(content) > limit:
        raise ValidationError({"file": _("The file is larger than %(limit)s MB. Nothing was saved.")
                               % {"limit": limit // (1024 * 1024)}})
    kind = filetypes.detect(content)
    if kind is None:
        raise ValidationError({"file": _(
            "This type of file cannot be added to the case. Allowed are PDF, images (PNG, JPEG, GIF), "
            "Word documents and e-mails (.eml, .msg). The file's content decides, not its name. "
            "Nothing was saved.")})
    return kind


def _title(title: str, filename: str) -> str:
    title = re.sub(r"\s+", " ", title or "").strip()
    if not title:
        title = PurePosixPath(filename).stem or filename
    if len(title) > 200:
        raise ValidationError({"title": _("The title can be at most 200 characters.")})
    return title


def _version(*, actor: User, document: Document, number: int, filename: str, content: bytes,
             kind: filetypes.FileType, at: datetime) -> DocumentVersion:
    digest = storage.put(content)  # before the row: a version never points at a missing file
    return record_create(actor=actor, model=DocumentVersion, log_action="documents.version.added",
                         municipality_id=document.municipality_id, document=document, child_id=document.child_id,
                         number=number, filename=filename, media_type=kind.media_type, size=len(content),
                         sha256=digest, added_at=at, by=actor)


@transaction.atomic
def document_add(*, child: Child, actor: User, filename: str, content: bytes, title: str = "", kind: str = "other",
                 source: str = "uploaded") -> Document:
    """Add a document with its first version to the child's case (on the child's open case, if any).

    `source` is "uploaded" (a person added the file) or "generated" (Forebyg made it, e.g. a letter).
    `actor` may be None for a document made by a scheduled job. Returns the document; its
    `current_version` is version 1."""
    if kind not in KINDS:
        raise ValidationError({"kind": _("Choose what kind of document it is.")})
    if source not in SOURCES:
        raise ValidationError({"source": _("Unknown source of the document.")})
    filetype = check_content(filename=filename, content=content)
    filename = clean_filename(filename)
    at = clock.now()
    document = record_create(actor=actor, model=Document, log_action="documents.document.added",
                             municipality_id=child.municipality_id, child=child, case=case_for(child), kind=kind,
                             title=_title(title, filename), source=source, added_at=at, by=actor)
    _version(actor=actor, document=document, number=1, filename=filename, content=content, kind=filetype, at=at)
    return document


@transaction.atomic
def document_add_version(*, document: Document, actor: User, filename: str, content: bytes) -> DocumentVersion:
    """Add a new version (the next number) of a document; the earlier versions stay as they are."""
    filetype = check_content(filename=filename, content=content)
    filename = clean_filename(filename)
    # Lock the document (PostgreSQL; SQLite writes one at a time) so two uploads never take the same number.
    Document._base_manager.select_for_update().filter(pk=document.pk).first()
    last = DocumentVersion._base_manager.filter(document_id=document.pk).aggregate(n=Max("number"))["n"] or 0
    return _version(actor=actor, document=document, number=last + 1, filename=filename, content=content,
                    kind=filetype, at=clock.now())


def documents_remove_for_child(child_id: str) -> dict[str, int]:
    """Retention (forebyg.security.retention): remove every document of the child, with all their
    versions and version history; a file no version refers to any more is deleted once the
    transaction has committed (so a rollback never leaves a version without its file)."""
    versions = DocumentVersion._base_manager.filter(child_id=child_id)
    hashes = set(versions.values_list("sha256", flat=True))
    doc_ids = list(Document._base_manager.filter(child_id=child_id).values_list("pk", flat=True))
    version_ids = list(versions.values_list("pk", flat=True))
    n_versions, _ = versions.delete()
    DocumentVersion.history.filter(id__in=version_ids).delete()
    n_docs, _ = Document._base_manager.filter(pk__in=doc_ids).delete()
    Document.history.filter(id__in=doc_ids).delete()
    if hashes:
        transaction.on_commit(lambda: files_remove_unreferenced(hashes))
    return {"Document": n_docs, "DocumentVersion": n_versions}


def files_remove_unreferenced(hashes: set[str]) -> int:
    """Delete the stored files among `hashes` that no version (of any child) refers to."""
    used = set(DocumentVersion._base_manager.filter(sha256__in=hashes).values_list("sha256", flat=True))
    return sum(storage.remove(h) for h in hashes - used)
