# SPDX-License-Identifier: MPL-2.0
"""`forebyg letters render|send` and `forebyg outbox list|send` (issue #18)."""

import json

import pytest

from forebyg.cli import main
from forebyg.letters.models import Letter, Status
from forebyg.letters.sf1601_double import DoubleStore

from .pdftext import text, xmp

pytestmark = pytest.mark.django_db


def test_render_writes_the_letter_as_pdf_a_and_saves_nothing(tmp_path, users, teacher_notification, double_dir):
    out = tmp_path / "kvittering.pdf"
    assert main(["letters", "render", "--kind", "receipt", "--notification", teacher_notification.pk,
                 "--user", "receivingunit", "--output", str(out)]) == 0
    pdf = out.read_bytes()
    assert 'pdfaid:part="2"' in xmp(pdf) and "Kære Karen Skovlærer" in text(pdf)
    assert not Letter.objects.exists()


def test_send_queues_and_outbox_send_sends_once(users, teacher_notification, double_dir, capsys):
    args = ["letters", "send", "--kind", "receipt", "--notification", teacher_notification.pk,
            "--user", "receivingunit"]
    assert main(args) == 2  # no CPR or CVR number for Digital Post: nothing queued
    assert not Letter.objects.exclude(status=Status.DRAFT).exists()
    assert main([*args, "--to-cvr", "29189846"]) == 0
    capsys.readouterr()
    assert main(["outbox", "list", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["status"] == "queued" and row["kind"] == "receipt"
    assert main(["outbox", "send"]) == 0
    assert main(["outbox", "send"]) == 0
    assert len(DoubleStore(double_dir).received()) == 1
    assert Letter.objects.get(pk=row["id"]).status == Status.DELIVERED
    assert teacher_notification.acknowledgements.count() == 1
