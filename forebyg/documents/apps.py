# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "documents.document.added": _("Document added to the case"),
    "documents.version.added": _("New version of a document added"),
}


class DocumentsConfig(AppConfig):
    name = "forebyg.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from forebyg.audit.registry import ACTIONS as AUDIT_ACTIONS
        from forebyg.audit.services import REDACTED_FIELDS

        for name, label in ACTIONS.items():
            AUDIT_ACTIONS.setdefault(name, label)
        # A document's title and file name may name people: kept out of the change log's payloads.
        REDACTED_FIELDS.update({"title", "filename"})
        # Each version added shows on the child's timeline and in the case record (sagsforløb).
        from forebyg.cases.selectors.child import CHILD_PAGE_PREFETCH, TIMELINE_SOURCES

        from .selectors import child_page_reads, timeline_events

        if timeline_events not in TIMELINE_SOURCES:
            TIMELINE_SOURCES.append(timeline_events)
            CHILD_PAGE_PREFETCH.append(child_page_reads)
