# SPDX-License-Identifier: MPL-2.0
"""A caseworker adds a PDF to a child's case on the documents page and sees it listed with its name,
size and version 1; then adds a new version and sees version 2, the first still listed (issue #18).
A program renamed .pdf is refused with a Danish message."""

from datetime import date
from pathlib import Path

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django_scopes import scope

from tests.documents.conftest import exe, pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path):
    settings.FOREBYG_DOCUMENTS_DIR = tmp_path / "documents"


def _size(n: int) -> str:
    with translation.override("da"):
        return str(filesizeformat(n)).replace("\xa0", " ")


def test_caseworker_uploads_a_pdf_and_a_new_version(session_for, users, municipality, tmp_path):
    from forebyg.cases.services import practice

    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Ida Syntetisk", birth_date=date(2014, 2, 3))
        practice.case_open(actor=users["caseworker"], child=child, caseworker=users["caseworker"])
    first, second = tmp_path / "referat-netvaerksmoede.pdf", tmp_path / "referat-rettet.pdf"
    first.write_bytes(pdf("Referat version 1 (syntetisk)"))
    second.write_bytes(pdf("Referat version 2 med rettelser (syntetisk)"))
    program = tmp_path / "afgoerelse.pdf"
    program.write_bytes(exe())

    s = session_for("caseworker")
    page = s.page
    s.goto(f"/boern/{child.pk}/")
    page.click("text=Alle dokumenter og tilføj dokument")
    page.wait_for_load_state()
    s.a11y()
    assert page.locator("h1").inner_text().startswith("Dokumenter")
    assert "Ingen dokumenter endnu." in page.locator("main").inner_text()

    add = page.locator("form", has=page.locator("#id_file"))
    page.fill("#id_title", "Referat af netværksmøde")
    page.select_option("#id_kind", "minutes")
    page.set_input_files("#id_file", str(program))
    add.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Denne type fil kan ikke lægges på sagen" in page.locator("main").inner_text()
    assert "Ingen dokumenter endnu." in page.locator("main").inner_text()

    page.fill("#id_title", "Referat af netværksmøde")
    page.select_option("#id_kind", "minutes")
    page.set_input_files("#id_file", str(first))
    page.locator("form", has=page.locator("#id_file")).locator("button[type=submit]").click()
    page.wait_for_load_state()
    s.a11y()
    doc = page.locator("section.document", has_text="Referat af netværksmøde")
    row = doc.locator("tbody tr").first
    assert row.locator("td").nth(0).inner_text().startswith("1")
    assert row.locator("td").nth(1).inner_text() == first.name
    assert row.locator("td").nth(2).inner_text().replace("\xa0", " ") == _size(first.stat().st_size)
    assert "Dokumentet er tilføjet." in page.locator("main").inner_text()

    doc.locator("input[type=file]").set_input_files(str(second))
    doc.locator("button[type=submit]").click()
    page.wait_for_load_state()
    doc = page.locator("section.document", has_text="Referat af netværksmøde")
    rows = doc.locator("tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("td").nth(0).inner_text() == "2 (gældende)"
    assert rows.nth(0).locator("td").nth(1).inner_text() == second.name
    assert rows.nth(0).locator("td").nth(2).inner_text().replace("\xa0", " ") == _size(second.stat().st_size)
    assert rows.nth(1).locator("td").nth(0).inner_text() == "1"
    with page.expect_download() as got:
        rows.nth(0).locator("a").click()
    assert Path(got.value.path()).read_bytes() == second.read_bytes()
    s.goto(f"/boern/{child.pk}/")
    assert "Referat af netværksmøde" in page.locator("section", has_text="Dokumenter").first.inner_text()
