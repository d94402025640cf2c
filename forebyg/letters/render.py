# SPDX-License-Identifier: MPL-2.0
"""A letter's text from its template, and the letter as HTML (the preview) and as PDF/A-2b (what is sent
and kept). Merge values are inserted as text: the HTML template escapes them, the letter template
language interprets nothing (forebyg.domain.letters)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import formats, translation

from forebyg.domain import letters as dl
from forebyg.domain.people import address_in_letter

PDF_VARIANT = "pdf/a-2b"


@dataclass(frozen=True)
class Head:
    municipality: str
    sender: str
    address: str
    phone: str = ""
    email: str = ""
    website: str = ""


def danish_date(value) -> str:
    if value is None:
        return ""
    with translation.override("da"):
        return formats.date_format(value, "j. F Y")


def merge(*, kind: str, title: str, body: str, values: dict[str, str]) -> tuple[str, str]:
    allowed = dl.KINDS[kind].allowed
    return dl.render(title, values, allowed), dl.render(body, values, allowed)


def letter_html(letter, head: Head, *, document: bool = False) -> str:
    """The letter as HTML: a fragment for the preview on the page, or the whole document for the PDF."""
    paragraphs = [p.strip("\n") for p in letter.body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    from forebyg.core import clock

    created = letter.created_at or None
    return render_to_string("letters/letter_document.html" if document else "letters/letter_body.html", {
        "title": letter.title, "head": head, "paragraphs": paragraphs,
        "recipient_name": letter.recipient_name,
        "recipient_address": printable_address(letter),
        "date": danish_date(clock.local_date(created) if created else clock.today()),
    })


def printable_address(letter) -> str:
    """The recipient's address as printed on the letter. The one rule for protected addresses
    (forebyg.domain.people.address_in_letter, issue #19): a protected person's address only in a letter
    to that same person, shown by the CPR number; no other person's address is printed in a letter."""
    ok = address_in_letter(protected=letter.recipient_protected, person_cpr=letter.recipient_cpr,
                           recipient_cpr=letter.recipient_cpr)
    return letter.recipient_address if ok else ""


def letter_pdf(letter, head: Head) -> bytes:
    from weasyprint import HTML

    html = letter_html(letter, head, document=True)
    return HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
