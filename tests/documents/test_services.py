# SPDX-License-Identifier: MPL-2.0
"""Adding documents and versions against the database: content decides the type, the size limit,
SHA-256, versions, and the access log on every read of a version's content."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from forebyg.audit.models import AccessLog, LogEntry
from forebyg.documents import storage
from forebyg.documents.models import Document, DocumentVersion
from forebyg.documents.selectors import child_documents, document_version_read
from forebyg.documents.services import document_add, document_add_version

from .conftest import docx, exe, pdf

pytestmark = pytest.mark.django_db


def test_a_pdf_is_stored_by_its_hash_as_version_1(users, child):
    content = pdf()
    doc = document_add(child=child, actor=users["caseworker"], filename="Referat møde.pdf", content=content,
                       title="Referat af netværksmøde", kind="minutes", source="uploaded")
    v = doc.current_version
    assert (v.number, v.filename, v.size, v.media_type) == (1, "Referat møde.pdf", len(content), "application/pdf")
    assert v.sha256 == hashlib.sha256(content).hexdigest()
    assert storage.path_for(v.sha256).read_bytes() == content
    assert doc.by == users["caseworker"] and doc.child == child
    actions = set(LogEntry.objects.filter(child_id=child.pk).values_list("action_type", flat=True))
    assert {"documents.document.added", "documents.version.added"} <= actions


def test_an_executable_named_pdf_is_refused_and_nothing_is_saved(users, child, documents_dir):
    with pytest.raises(ValidationError) as err:
        document_add(child=child, actor=users["caseworker"], filename="afgørelse.pdf", content=exe(),
                     title="", kind="decision", source="uploaded")
    assert "file" in err.value.error_dict
    with scopes_disabled():
        assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert storage.stored() == set()


def test_a_word_document_named_exe_is_accepted_as_word(users, child):
    doc = document_add(child=child, actor=users["caseworker"], filename="udtalelse.exe", content=docx(),
                       title="Udtalelse fra skolen", kind="statement", source="uploaded")
    assert doc.current_version.media_type.endswith("wordprocessingml.document")


def test_a_file_over_the_size_limit_is_refused(users, child, settings):
    settings.FOREBYG_DOCUMENT_MAX_MB = 1
    big = pdf() + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError):
        document_add(child=child, actor=users["caseworker"], filename="stor.pdf", content=big, title="Stor",
                     kind="other", source="uploaded")
    with scopes_disabled():
        assert not Document.objects.exists()
    settings.FOREBYG_DOCUMENT_MAX_MB = 2
    assert document_add(child=child, actor=users["caseworker"], filename="stor.pdf", content=big, title="Stor",
                        kind="other", source="uploaded").current_version.size == len(big)


def test_a_new_version_gets_the_next_number_and_the_first_stays(users, child):
    cw = users["caseworker"]
    doc = document_add(child=child, actor=cw, filename="plan.pdf", content=pdf("v1"), title="Plan", kind="plan",
                       source="uploaded")
    v2 = document_add_version(document=doc, actor=cw, filename="plan-rettet.pdf", content=pdf("v2"))
    assert v2.number == 2
    doc = child_documents(child)[0]
    assert [v.number for v in doc.versions.all()] == [2, 1]
    assert doc.current_version.filename == "plan-rettet.pdf"
    first = doc.versions.get(number=1)
    assert document_version_read(version=first, user=cw) == pdf("v1")


def test_reading_a_version_is_access_logged(users, child):
    cw = users["caseworker"]
    doc = document_add(child=child, actor=cw, filename="brev.pdf", content=pdf(), title="Brev", kind="letter",
                       source="generated")
    before = AccessLog.objects.filter(child_id=child.pk, view="documents.download").count()
    assert document_version_read(version=doc.current_version, user=cw) == pdf()
    log = AccessLog.objects.filter(child_id=child.pk, view="documents.download")
    assert log.count() == before + 1 and log.first().user == cw


def test_an_altered_file_is_not_handed_out(users, child):
    doc = document_add(child=child, actor=users["caseworker"], filename="brev.pdf", content=pdf(), title="Brev",
                       kind="letter", source="generated")
    storage.path_for(doc.current_version.sha256).write_bytes(pdf("ændret"))
    with pytest.raises(storage.StoredFileMissing):
        document_version_read(version=doc.current_version, user=users["caseworker"])
