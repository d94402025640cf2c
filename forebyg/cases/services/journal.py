# SPDX-License-Identifier: MPL-2.0
"""Journal notes (journalnotater, issue #15): a phone call, an e-mail, a meeting or a home visit,
written down on the child's file."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from forebyg.accounts.models import User
from forebyg.core import clock
from forebyg.domain.interchange import schema as sx

from .. import models as m
from .practice import case_for
from .records import actor_municipality, record_create


def journal_note_record(*, actor: User, child: m.Child, written_at: datetime, kind: str, text: str) -> m.JournalNote:
    """Write a journal note on the child's file, on the child's open case if there is one. The actor is
    the author. Bad input (no text, an unknown kind, a time ahead of now) writes nothing."""
    if kind not in sx.JOURNAL_KINDS:
        raise ValidationError({"kind": _("Choose what kind of contact the note is about.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the note.")})
    if written_at > clock.now():
        raise ValidationError({"written_at": _("The time of the note cannot be in the future.")})
    return record_create(actor=actor, model=m.JournalNote, log_action="cases.journal_note.recorded",
                         municipality_id=actor_municipality(actor), child=child, case=case_for(child),
                         written_at=written_at, author=actor, kind=kind, text=text.strip())
