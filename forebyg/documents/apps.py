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
        from forebyg.core import extension as x

        from .models import Document, DocumentVersion
        from .selectors import child_page_reads, timeline_events
        from .services import documents_remove_for_child
        from .storage import InterchangeStore

        x.register_audit_actions(self.label, ACTIONS)
        # A document's title and file name may name people: kept out of the change log's payloads.
        x.register_redacted_fields(self.label, {"title", "filename"})
        # Interchange: the `document` and `document_version` record types; the files travel beside
        # the JSON Lines file and are checked by their SHA-256 on import.
        x.register_record_type(x.RecordType("document", Document, audit=("documents.document.added",),
                                            api="/api/v1/documents"))
        x.register_record_type(x.RecordType("document_version", DocumentVersion, audit=("documents.version.added",),
                                            api="/api/v1/documents/{document_id}"))
        x.register_file_store(x.FileStoreEntry("document_version", InterchangeStore()))
        # Retention: a child's documents and their files go with the child's data; a document added
        # is activity about the child.
        x.register_retention_hooks(x.RetentionHooks("documents", remove_for_child=documents_remove_for_child,
                                                    activity=version_activity))
        # Each version added shows on the child's timeline and in the case record (sagsforløb).
        x.register_timeline_source(x.TimelineSource("documents", timeline_events))
        x.register_child_page_prefetch(x.ChildPagePrefetch("documents", child_page_reads))
