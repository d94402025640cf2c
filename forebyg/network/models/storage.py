# SPDX-License-Identifier: MPL-2.0
"""Where uploaded network files live. Files are never served from MEDIA_URL: they are
handed out by views that check the secretariat role or a participant's personal link."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def media_root() -> str:
    """FOREBYG_NETWORK_MEDIA_ROOT, else MEDIA_ROOT, else VAR_DIR/media (read on every use, so tests can move it)."""
    root = getattr(settings, "FOREBYG_NETWORK_MEDIA_ROOT", None) or settings.MEDIA_ROOT
    if not root:
        root = Path(getattr(settings, "VAR_DIR", settings.BASE_DIR / "var")) / "media"
    return str(root)


class NetworkFileStorage(FileSystemStorage):
    @property
    def base_location(self):
        return media_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):  # not served by URL
        return None


def network_storage() -> NetworkFileStorage:
    return NetworkFileStorage()


def upload_path(instance, filename: str) -> str:
    """A random name: the original name is kept in the row, never in the path."""
    ext = Path(filename).suffix.lower()[:10]
    return f"network/{uuid.uuid4().hex}{ext}"
