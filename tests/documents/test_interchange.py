# SPDX-License-Identifier: MPL-2.0
"""Documents in the interchange format: `document` and `document_version` records in the JSON Lines
file, the files beside it in files/<sha256>; export -> import -> export gives the same lines and the
same files, and a file that does not match its hash refuses the import and writes nothing."""

import hashlib
import json

import pytest
from django_scopes import scopes_disabled

from forebyg.cases import models as m
from forebyg.cases.services.interchange import interchange_export, interchange_import
from forebyg.documents import storage
from forebyg.documents.models import Document, DocumentVersion
from forebyg.documents.services import document_add, document_add_version
from forebyg.domain.interchange import InterchangeError

from .conftest import docx, pdf

pytestmark = pytest.mark.django_db
STAMP = "2026-06-30T12:00:00+02:00"


@pytest.fixture
def exported(users, own_child, tmp_path):
    cw = users["caseworker"]
    doc = document_add(child=own_child, actor=cw, filename="referat.pdf", content=pdf("1"), title="Referat",
                       kind="minutes", source="uploaded")
    document_add_version(document=doc, actor=cw, filename="referat-2.pdf", content=pdf("2"))
    document_add(child=own_child, actor=cw, filename="udtalelse.docx", content=docx(), title="Udtalelse",
                 kind="statement", source="uploaded")
    out = tmp_path / "export" / "forebyg.jsonl"
    out.parent.mkdir()
    interchange_export(path=out, municipalities=[657], exported_at=STAMP, files=out.parent / "files")
    return out


def wipe(documents_dir):
    """Remove the documents (rows, history and files); the child, case and staff they refer to stay."""
    with scopes_disabled():
        for model in (DocumentVersion, Document):
            model.history.all().delete()
            model._base_manager.all().delete()
    for sha in storage.stored():
        storage.remove(sha)


def documents_only(lines):
    """The header and the document records: the rest of the file is in the database already."""
    return [x for x in lines if '"type": "header"' in x or '"type": "document' in x]


def test_documents_and_their_files_round_trip(exported, documents_dir):
    lines = exported.read_text().splitlines()
    versions = [json.loads(x) for x in lines if '"type": "document_version"' in x]
    assert len(versions) == 3 and any('"type": "document"' in x for x in lines)
    files = exported.parent / "files"
    assert {p.name for p in files.iterdir()} == {v["sha256"] for v in versions}
    for v in versions:
        assert hashlib.sha256((files / v["sha256"]).read_bytes()).hexdigest() == v["sha256"]
    wipe(documents_dir)
    assert storage.stored() == set()
    result = interchange_import(lines=documents_only(lines), files=files)
    assert result.counts["document"] == 2 and result.counts["document_version"] == 3
    assert storage.stored() == {v["sha256"] for v in versions}
    again = exported.parent / "again.jsonl"
    interchange_export(path=again, municipalities=[657], exported_at=STAMP, files=exported.parent / "files-again")
    assert again.read_text() == exported.read_text()
    assert sorted((exported.parent / "files-again").iterdir()) != [] and all(
        (exported.parent / "files-again" / p.name).read_bytes() == p.read_bytes() for p in files.iterdir())


def test_a_file_that_does_not_match_its_hash_refuses_the_import(exported, documents_dir):
    lines = exported.read_text().splitlines()
    files = exported.parent / "files"
    victim = sorted(files.iterdir())[0]
    victim.write_bytes(victim.read_bytes() + b"% changed")
    wipe(documents_dir)
    with pytest.raises(InterchangeError) as err:
        interchange_import(lines=documents_only(lines), files=files)
    assert f"files/{victim.name} does not match its SHA-256" in str(err.value)
    with scopes_disabled():
        assert not Document.objects.exists() and m.Child.objects.count() == 1
    assert storage.stored() == set()


def test_a_missing_file_refuses_the_import(exported, documents_dir):
    lines = exported.read_text().splitlines()
    files = exported.parent / "files"
    victim = sorted(files.iterdir())[0]
    victim.unlink()
    wipe(documents_dir)
    with pytest.raises(InterchangeError) as err:
        interchange_import(lines=documents_only(lines), files=files)
    assert f"files/{victim.name} is missing" in str(err.value)
    with scopes_disabled():
        assert not DocumentVersion.objects.exists()
