# SPDX-License-Identifier: MPL-2.0
"""Documents are stored in a folder of the test's own; small synthetic files of each type."""

import io
import zipfile

import pytest


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path):
    settings.FOREBYG_DOCUMENTS_DIR = tmp_path / "documents"
    return settings.FOREBYG_DOCUMENTS_DIR


def pdf(text: str = "Syntetisk brev") -> bytes:
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"3 0 obj << /Length " + str(len(body)).encode() + b" >> stream\n" + body + b"\nendstream endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def exe() -> bytes:
    """The start of a Windows executable (an MZ header and the PE signature)."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00" \
        + b"\x00" * 64 + b"PE\x00\x00" + b"\x00" * 200


@pytest.fixture
def own_child(users, child, team):
    """The test child with an open case assigned to the caseworker (the caseworker's own caseload)."""
    from forebyg.cases.services import practice

    practice.case_open(actor=users["caseworker"], child=child, caseworker=users["caseworker"], team=team)
    return child
