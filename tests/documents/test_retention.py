# SPDX-License-Identifier: MPL-2.0
"""Retention: when a child's data is anonymised or deleted, the child's documents go whole - rows,
versions, version history and the stored files (a file another child's document holds stays)."""

from datetime import date

import pytest
from django.db import connection
from django_scopes import scope, scopes_disabled

from forebyg.cases.services import practice
from forebyg.documents import storage
from forebyg.documents.models import Document, DocumentVersion
from forebyg.documents.services import document_add, document_add_version
from forebyg.security import retention as ret
from tests.security.conftest import now  # noqa: F401  (the fixed clock)

from .conftest import pdf

pytestmark = pytest.mark.django_db


def _titles():
    with connection.cursor() as cur:
        cur.execute("SELECT title FROM documents_historicaldocument")
        return {r[0] for r in cur.fetchall()}


@pytest.fixture
def two_children(users, municipality):
    with scope(municipality=[municipality.code]):
        a = practice.child_register(actor=users["receiving_unit"], name="Gammel Dokument", birth_date=date(2008, 1, 2))
        b = practice.child_register(actor=users["receiving_unit"], name="Anden Dokument", birth_date=date(2009, 1, 2))
        doc = document_add(child=a, actor=users["caseworker"], filename="udtalelse.pdf", content=pdf("kun a"),
                           title="Udtalelse om Gammel", kind="statement", source="uploaded")
        document_add_version(document=doc, actor=users["caseworker"], filename="udtalelse2.pdf", content=pdf("delt"))
        document_add(child=b, actor=users["caseworker"], filename="delt.pdf", content=pdf("delt"), title="Delt fil",
                     kind="other", source="uploaded")
    return a, b


@pytest.mark.parametrize("how", ["anonymise", "delete"])
def test_the_childs_documents_and_files_go_with_the_child(how, two_children, django_capture_on_commit_callbacks):
    a, b = two_children
    only_a, shared = storage.sha256_of(pdf("kun a")), storage.sha256_of(pdf("delt"))
    assert {only_a, shared} <= storage.stored()
    with django_capture_on_commit_callbacks(execute=True):
        if how == "anonymise":
            ret.anonymise("child", a.pk)
        else:
            counts = ret.delete("child", a.pk)
            assert counts["Document"] == 1 and counts["DocumentVersion"] == 2
    with scopes_disabled():
        assert not Document.objects.filter(child_id=a.pk).exists()
        assert not DocumentVersion.objects.filter(child_id=a.pk).exists()
        assert Document.objects.filter(child_id=b.pk).count() == 1
    assert "Udtalelse om Gammel" not in _titles() and "Delt fil" in _titles()
    assert only_a not in storage.stored(), "the file only the child's document held is deleted"
    assert shared in storage.stored(), "the other child's document still holds this file"


def test_a_recent_document_keeps_the_child_off_the_list(users, municipality, now):  # noqa: F811
    """A document added is activity about the child like any other record."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    cph = ZoneInfo("Europe/Copenhagen")
    with scope(municipality=[municipality.code]):
        now.set(datetime(2012, 1, 10, 10, 0, tzinfo=cph))
        child = practice.child_register(actor=users["receiving_unit"], name="Stille Barn", birth_date=date(2008, 1, 2))
        now.set(datetime(2026, 3, 1, 10, 0, tzinfo=cph))

    def listed():
        [run] = ret.retention_run(as_of=date(2026, 3, 3), municipality=municipality.code)
        return {(i["model"], i["id"]) for i in run.items}

    assert ("child", child.pk) in listed()
    with scope(municipality=[municipality.code]):
        document_add(child=child, actor=users["caseworker"], filename="brev.pdf", content=pdf("nyt"),
                     title="Brev fra skolen", kind="correspondence", source="uploaded")
    assert ("child", child.pk) not in listed()
