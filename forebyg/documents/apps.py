# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "documents.document.added": _("Document added to the case"),
    "documents.version.added": _("New version of a document added"),
}


def version_activity():
    from .models import DocumentVersion

    return DocumentVersion, "child", "added_at"


class DocumentsConfig(AppConfig):
    name = "forebyg.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from forebyg.audit.registry import ACTIONS as AUDIT_ACTIONS
        from forebyg.audit.services import REDACTED_FIELDS
        from forebyg.cases.models import register_type_model
        from forebyg.cases.selectors.child import CHILD_PAGE_PREFETCH, TIMELINE_SOURCES
        from forebyg.cases.services.interchange import FILE_STORES
        from forebyg.security.retention import ACTIVITY_SOURCES, CHILD_DATA_REMOVERS

        from .models import Document, DocumentVersion
        from .selectors import child_page_reads, timeline_events
        from .services import documents_remove_for_child
        from .storage import InterchangeStore

        for name, label in ACTIONS.items():
            AUDIT_ACTIONS.setdefault(name, label)
        # A document's title and file name may name people: kept out of the change log's payloads.
        REDACTED_FIELDS.update({"title", "filename"})
        # Interchange: the `document` and `document_version` record types; the files travel beside
        # the JSON Lines file and are checked by their SHA-256 on import.
        register_type_model("document", Document)
        register_type_model("document_version", DocumentVersion)
        FILE_STORES.setdefault("document_version", InterchangeStore())
        # Retention: a child's documents and their files go with the child's data.
        if documents_remove_for_child not in CHILD_DATA_REMOVERS:
            CHILD_DATA_REMOVERS.append(documents_remove_for_child)
        if version_activity not in ACTIVITY_SOURCES:  # a document added is activity about the child
            ACTIVITY_SOURCES.append(version_activity)
        # Each version added shows on the child's timeline and in the case record (sagsforløb).
        if timeline_events not in TIMELINE_SOURCES:
            TIMELINE_SOURCES.append(timeline_events)
            CHILD_PAGE_PREFETCH.append(child_page_reads)
