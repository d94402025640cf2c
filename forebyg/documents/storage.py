# SPDX-License-Identifier: MPL-2.0
"""Where the documents' files live: content-addressed by SHA-256 under FOREBYG_DOCUMENTS_DIR
(default FOREBYG_VAR_DIR/documents), as `ab/cd/<sha256>`. A file is written once and never
changed; the same content uploaded twice is stored once. Files are never served from a URL:
a view that checks the reader's access hands them out (forebyg.documents.views)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings


class StoredFileMissing(Exception):
    """The file of a version is not in the store, or its content no longer matches its hash."""


def documents_root() -> Path:
    """FOREBYG_DOCUMENTS_DIR, else VAR_DIR/documents (read on every use, so tests can move it)."""
    root = getattr(settings, "FOREBYG_DOCUMENTS_DIR", None)
    return Path(root) if root else Path(settings.VAR_DIR) / "documents"


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def path_for(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return documents_root() / sha256[:2] / sha256[2:4] / sha256


def put(content: bytes) -> str:
    """Store `content` (if it is not stored already) and return its SHA-256. The file appears
    whole or not at all (written beside it, then renamed)."""
    digest = sha256_of(content)
    target = path_for(digest)
    if target.is_file() and target.stat().st_size == len(content):
        return digest
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def get(sha256: str) -> bytes:
    """The stored content with this SHA-256, checked against it."""
    try:
        content = path_for(sha256).read_bytes()
    except FileNotFoundError:
        raise StoredFileMissing(sha256) from None
    if sha256_of(content) != sha256:
        raise StoredFileMissing(sha256)
    return content


def remove(sha256: str) -> bool:
    """Delete a stored file (only when no version refers to it any more: see services)."""
    try:
        path_for(sha256).unlink()
    except FileNotFoundError:
        return False
    return True


def stored() -> set[str]:
    """The SHA-256 of every stored file."""
    root = documents_root()
    if not root.is_dir():
        return set()
    return {p.name for p in root.glob("??/??/*") if p.is_file() and not p.name.startswith(".")}


class InterchangeStore:
    """The documents' files for import and export (registered with forebyg.core.extension.register_file_store)."""

    def read(self, sha256: str) -> bytes:
        return get(sha256)

    def check(self, record: dict, content: bytes) -> str | None:
        from .filetypes import detect

        found = detect(content)
        if found is None:
            return "the file is not of an allowed type"
        if found.media_type != record["media_type"]:
            return f"the file is {found.media_type}, the record says {record['media_type']}"
        return None

    def put(self, content: bytes) -> str:
        return put(content)
