# SPDX-License-Identifier: MPL-2.0
"""The child's documents page: upload, a refused type with its Danish message, a new version, the
download with its access-log line, the child page and the case record, and who may do what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from forebyg.audit.models import AccessLog
from forebyg.documents.models import Document, DocumentVersion
from forebyg.documents.services import document_add

from .conftest import exe, pdf

pytestmark = pytest.mark.django_db


def upload(client, child, content, name, title="Referat", kind="minutes"):
    return client.post(reverse("documents", args=[child.pk]),
                       {"title": title, "kind": kind, "file": SimpleUploadedFile(name, content)})


def test_upload_list_new_version_and_download(users, own_child, client):
    client.force_login(users["caseworker"])
    assert upload(client, own_child, pdf("første"), "referat.pdf", title="Referat af netværksmøde").status_code == 302
    page = client.get(reverse("documents", args=[own_child.pk])).content.decode()
    assert "Referat af netværksmøde" in page and "referat.pdf" in page and "Referat" in page
    with scopes_disabled():
        doc = Document.objects.get()
    r = client.post(reverse("document_new_version", args=[own_child.pk, doc.pk]),
                    {f"v-{doc.pk}-file": SimpleUploadedFile("referat-rettet.pdf", pdf("anden"))})
    assert r.status_code == 302
    with scopes_disabled():
        v2 = DocumentVersion.objects.get(number=2)
    before = AccessLog.objects.filter(child_id=own_child.pk, view="documents.download").count()
    got = client.get(reverse("document_download", args=[own_child.pk, v2.pk]))
    assert got.status_code == 200 and got.content == pdf("anden") and got["Content-Type"] == "application/pdf"
    assert 'attachment; filename="referat-rettet.pdf"' == got["Content-Disposition"]
    assert AccessLog.objects.filter(child_id=own_child.pk, view="documents.download").count() == before + 1
    child_page = client.get(reverse("child", args=[own_child.pk])).content.decode()
    assert "Referat af netværksmøde" in child_page and "Ny version af et dokument" in child_page
    record = client.get(reverse("child_record", args=[own_child.pk])).content.decode()
    assert "Dokument tilføjet" in record and "Referat af netværksmøde, version 2 (referat-rettet.pdf)" in record


def test_an_executable_is_refused_with_a_danish_message(users, own_child, client):
    client.force_login(users["caseworker"])
    r = upload(client, own_child, exe(), "afgoerelse.pdf")
    assert r.status_code == 400
    assert "Denne type fil kan ikke lægges på sagen" in r.content.decode()
    with scopes_disabled():
        assert not Document.objects.exists()


def test_who_may_read_and_add(users, own_child, client, other_municipality):
    doc = document_add(child=own_child, actor=users["caseworker"], filename="brev.pdf", content=pdf(), title="Brev",
                       kind="letter", source="generated")
    version = doc.current_version
    client.force_login(users["analyst"])  # no case role: neither page nor file
    assert client.get(reverse("documents", args=[own_child.pk])).status_code == 403
    assert client.get(reverse("document_download", args=[own_child.pk, version.pk])).status_code == 403
    client.force_login(users["team_leader"])  # reads and adds, as for the child's other records
    assert client.get(reverse("documents", args=[own_child.pk])).status_code == 200
    client.force_login(users["manager"])  # may not add documents
    assert upload(client, own_child, pdf(), "x.pdf").status_code == 403
    assert DocumentVersion.objects.model._base_manager.count() == 1
