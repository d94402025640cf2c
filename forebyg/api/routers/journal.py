# SPDX-License-Identifier: MPL-2.0
"""Journal notes (issue #15): phone calls, e-mails, meetings and home visits written down."""

from __future__ import annotations

from ninja import Query, Router, Status

from forebyg.cases import models as m
from forebyg.cases.services.journal import journal_note_record

from .. import schemas as s
from ..access import logged_page, require
from ..common import (
    CHILD,
    SINCE,
    Limit,
    Offset,
    RecordId,
    between,
    child_for_write,
    fresh,
    get_record,
    meta,
    run,
    updated_since,
    visible_records,
)

router = Router()


def journal_note_out(j: m.JournalNote) -> dict:
    return {**meta(j), "child": j.child_id, "case": j.case_id, "written_at": j.written_at, "author": j.author_id,
            "kind": j.kind, "text": j.text}


@router.get("/journal-notes", response=s.responses(200, s.JournalNotePage), tags=["journal notes"],
            summary="Journal notes")
def list_journal_notes(
    request,
    child: s.Id | None = CHILD,
    case: s.Id | None = Query(None),
    kind: s.sx.JournalKind | None = Query(None),
    written_after: s.Moment | None = Query(None),
    written_before: s.Moment | None = Query(None),
    updated_since_: s.Moment | None = SINCE,
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = between(visible_records(request, m.JournalNote), "written_at", written_after, written_before)
    for field, value in (("child_id", child), ("case_id", case), ("kind", kind)):
        if value:
            qs = qs.filter(**{field: value})
    qs = updated_since(qs, updated_since_).order_by("-written_at", "id")
    return logged_page(request, qs, journal_note_out, "api.journal_notes", limit, offset)


@router.get("/journal-notes/{note_id}", response=s.responses(200, s.JournalNoteOut), tags=["journal notes"],
            summary="One journal note")
def get_journal_note(request, note_id: str = RecordId):
    return journal_note_out(get_record(request, m.JournalNote, note_id, "api.journal_note"))


@router.post("/journal-notes", response=s.responses(201, s.JournalNoteOut, write=True), tags=["journal notes"],
             summary="Write a journal note")
def write_journal_note(request, body: s.JournalNoteIn):
    """You are the author. The note goes on the child's open case, if there is one."""
    require(request.user, "cases.casework")
    child = child_for_write(request, body.child, "api.journal_note.write")
    note = run(lambda: journal_note_record(actor=request.user, child=child, written_at=body.written_at,
                                           kind=body.kind, text=body.text))
    return Status(201, journal_note_out(fresh(m.JournalNote, note.pk)))
