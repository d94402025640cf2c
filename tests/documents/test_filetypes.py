# SPDX-License-Identifier: MPL-2.0
"""Telling a file's type by its content (no database): the allowed types are recognised whatever
they are called, and anything else - programs above all - is refused."""

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from forebyg.documents import filetypes as ft

from .conftest import docx, exe, pdf

OLE = ft.OLE_MAGIC + b"\x00" * 504


def test_the_allowed_types_are_recognised_by_content():
    assert ft.detect(pdf()) is ft.PDF
    assert ft.detect(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20) is ft.PNG
    assert ft.detect(b"\xff\xd8\xff\xe0" + b"\x00" * 20) is ft.JPEG
    assert ft.detect(b"GIF89a" + b"\x00" * 20) is ft.GIF
    assert ft.detect(docx()) is ft.DOCX
    assert ft.detect(OLE + "WordDocument".encode("utf-16-le")) is ft.DOC
    assert ft.detect(OLE + "__substg1.0_0037001F".encode("utf-16-le")) is ft.MSG
    eml = b"From: Skolen <skole@example.org>\r\nTo: raadgiver@example.org\r\nSubject: Bekymring\r\n\r\nTekst\r\n"
    assert ft.detect(eml) is ft.EML


def test_other_content_is_refused():
    assert ft.detect(exe()) is None  # a Windows program, whatever its name
    assert ft.detect(b"#!/bin/sh\nrm -rf /\n") is None
    assert ft.detect(b"<html><script>alert(1)</script></html>") is None
    assert ft.detect(OLE + "Workbook".encode("utf-16-le")) is None  # Excel 97-2003
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("[Content_Types].xml", "<Types/>")
    assert ft.detect(buf.getvalue()) is None  # an Excel workbook, not Word
    assert ft.detect(b"PK\x03\x04 not really a zip") is None
    assert ft.detect(b"Subject: no sender\r\n\r\nbody") is None  # an e-mail needs From
    assert ft.detect(b"From: a\nplain text, not a header\n\n") is None
    assert ft.detect(b"") is None


MAGICS = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", ft.OLE_MAGIC)


@given(st.binary(max_size=300), st.binary(max_size=300))
def test_content_with_a_nul_byte_and_no_allowed_signature_is_refused(before, after):
    content = before + b"\x00" + after
    if not content.startswith(MAGICS):
        assert ft.detect(content) is None
