# SPDX-License-Identifier: MPL-2.0
"""What a file is, told by its content (magic bytes and structure), never by its name.

Only the types a case file needs are allowed: PDF, PNG, JPEG and GIF images, Word documents
(.docx and the older .doc) and e-mails (.eml and Outlook's .msg). Everything else is refused,
executables and scripts included, whatever the file is called. Pure Python, no Django."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    media_type: str
    extension: str  # the usual one, for a download's file name when the given name has none
    label: str  # English; the UI translates it


PDF = FileType("application/pdf", ".pdf", "PDF")
PNG = FileType("image/png", ".png", "PNG image")
JPEG = FileType("image/jpeg", ".jpg", "JPEG image")
GIF = FileType("image/gif", ".gif", "GIF image")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx",
                "Word document")
DOC = FileType("application/msword", ".doc", "Word document (old format)")
EML = FileType("message/rfc822", ".eml", "E-mail")
MSG = FileType("application/vnd.ms-outlook", ".msg", "Outlook e-mail")

ALLOWED: tuple[FileType, ...] = (PDF, PNG, JPEG, GIF, DOCX, DOC, EML, MSG)
BY_MEDIA_TYPE = {t.media_type: t for t in ALLOWED}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Names of streams in an OLE compound file's directory are stored as UTF-16LE.
WORD_STREAM = "WordDocument".encode("utf-16-le")
MSG_STREAM = "__substg1.0_".encode("utf-16-le")
HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]?.*$")  # field name: printable ASCII without ':'
CONTINUATION = re.compile(rb"^[ \t]+\S")
EML_FIELDS = {b"from", b"to", b"date", b"subject", b"message-id", b"received", b"mime-version"}


def detect(content: bytes) -> FileType | None:
    """The allowed type `content` is, or None when it is none of them."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if content.startswith(ZIP_MAGIC):
        return DOCX if _is_docx(content) else None
    if content.startswith(OLE_MAGIC):
        return _ole_kind(content)
    if _is_eml(content):
        return EML
    return None


def _is_docx(content: bytes) -> bool:
    """A Word document is a zip (Office Open XML) with the main part word/document.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _ole_kind(content: bytes) -> FileType | None:
    """An OLE compound file is a Word 97-2003 document when it holds a WordDocument stream, an
    Outlook message when it holds __substg1.0_ property streams; other OLE files (Excel,
    PowerPoint, installers) are refused."""
    if MSG_STREAM in content:
        return MSG
    if WORD_STREAM in content:
        return DOC
    return None


def _is_eml(content: bytes) -> bool:
    """An Internet message (RFC 5322): a block of header fields, a From field among them and at
    least one more of the usual ones, then an empty line (or the end)."""
    head = content[:65536]
    if b"\x00" in head:
        return False
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    fields: set[bytes] = set()
    ended = False
    for i, line in enumerate(lines):
        if line == b"":
            ended = True
            break
        if HEADER_LINE.match(line):
            fields.add(line.split(b":", 1)[0].strip().lower())
        elif i > 0 and CONTINUATION.match(line):
            continue
        else:
            return False
    if not ended and len(head) == 65536:
        return False
    return b"from" in fields and len(fields & EML_FIELDS) >= 2
