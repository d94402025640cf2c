# SPDX-License-Identifier: MPL-2.0
"""Keeping a rendered letter as a document of the case (forebyg.documents, issue #18), when that app is
installed. Returns the document's id, or None without the documents app."""

from __future__ import annotations

from django.apps import apps


def keep(*, letter, actor, pdf: bytes) -> str | None:
    if not apps.is_installed("forebyg.documents"):
        return None
    return None  # wired to forebyg.documents' document_add when that branch is merged
