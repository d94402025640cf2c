# SPDX-License-Identifier: MPL-2.0
"""A user without a municipality changes no records: a clear message, nothing written (issue #14)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from forebyg.accounts.models import User
from forebyg.cases import models as m
from forebyg.cases.services.journal import journal_note_record
from forebyg.core import clock


def test_a_user_without_a_municipality_writes_no_journal_note(child):
    nobody = User.objects.create_user(username="uden", password="pw", role="caseworker", municipality=None)
    with pytest.raises(ValidationError) as err:
        journal_note_record(actor=nobody, child=child, written_at=clock.now() - timedelta(minutes=5),
                            kind="phone", text="Tekst")
    assert "ikke knyttet til en kommune" in str(err.value)
    assert not m.JournalNote.objects.exists()
