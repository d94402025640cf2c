# SPDX-License-Identifier: MPL-2.0
"""The REST API lists a child's documents (metadata only, every version), under the child's access
rules and access log; a user without a case role gets nothing."""

import pytest
from django.test import Client

from forebyg.api.tokens import token_create
from forebyg.audit.models import AccessLog
from forebyg.documents.services import document_add, document_add_version

from .conftest import pdf

pytestmark = pytest.mark.django_db


def get(user, path, **params):
    secret = token_create(actor=None, user=user, name="test", days=1).secret
    return Client().get(f"/api/v1{path}", params, HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_documents_are_listed_with_their_versions(users, own_child):
    cw = users["caseworker"]
    doc = document_add(child=own_child, actor=cw, filename="brev.pdf", content=pdf("1"), title="Kvittering",
                       kind="letter", source="generated")
    document_add_version(document=doc, actor=cw, filename="brev-2.pdf", content=pdf("2"))
    r = get(cw, "/documents", child=own_child.pk)
    assert r.status_code == 200, r.content
    [item] = r.json()["items"]
    assert (item["title"], item["kind"], item["source"]) == ("Kvittering", "letter", "generated")
    assert [(v["number"], v["filename"], v["media_type"]) for v in item["versions"]] == [
        (2, "brev-2.pdf", "application/pdf"), (1, "brev.pdf", "application/pdf")]
    assert AccessLog.objects.filter(child_id=own_child.pk, view="api.documents").exists()
    one = get(cw, f"/documents/{doc.pk}")
    assert one.status_code == 200 and len(one.json()["versions"]) == 2
    assert get(users["analyst"], "/documents").status_code == 403
