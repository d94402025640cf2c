# SPDX-License-Identifier: MPL-2.0
"""Journal notes (issue #15): a phone call, e-mail, meeting or home visit written down is on the child
page (behind "Læs hvad der blev skrevet"), in the case record and in the version history; bad input
gets a Danish message and writes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from forebyg.audit.models import LogEntry
from forebyg.cases import models as m
from forebyg.cases.services import practice
from forebyg.cases.services.journal import journal_note_record
from forebyg.cases.services.records import record_correct
from forebyg.core import clock

pytestmark = pytest.mark.django_db

NOTE = "Mor ringede: Emma har sovet hos mormor hele weekenden og glæder sig til skolen (syntetisk)"


def test_the_note_is_written_by_its_author_on_the_open_case_and_logged_without_its_text(users, child):
    cw = users["caseworker"]
    case = practice.case_open(actor=cw, child=child, caseworker=cw)
    note = journal_note_record(actor=cw, child=child, written_at=clock.now() - timedelta(hours=1), kind="phone",
                               text=f"  {NOTE}\n")
    assert (note.author_id, note.case_id, note.kind, note.text) == (cw.ext_id, case.pk, "phone", NOTE)
    entry = LogEntry.objects.get(action_type="cases.journal_note.recorded", object_id=note.pk)
    assert entry.child_id == child.pk and entry.payload["text"] == "[redacted]"
    assert note.history.count() == 1


@pytest.mark.parametrize("change, field, message", [
    ({"text": "   "}, "text", "Skriv notatet."),
    ({"text": ""}, "text", "Skriv notatet."),
    ({"kind": "sms"}, "kind", "Vælg hvilken slags kontakt notatet handler om."),
    ({"written_at": "future"}, "written_at", "Notatets tidspunkt kan ikke ligge i fremtiden."),
])
def test_bad_input_gets_a_danish_message_and_writes_nothing(users, child, change, field, message):
    args = {"written_at": clock.now() - timedelta(minutes=5), "kind": "home_visit", "text": NOTE, **change}
    if args["written_at"] == "future":
        args["written_at"] = clock.now() + timedelta(hours=2)
    logged = LogEntry.objects.count()
    with translation.override("da"), pytest.raises(ValidationError) as caught:
        journal_note_record(actor=users["caseworker"], child=child, **args)
    assert caught.value.message_dict[field] == [message]
    assert not m.JournalNote.objects.exists() and not m.JournalNote.history.exists()
    assert LogEntry.objects.count() == logged


def _write_through_the_page(client, cw, child, text=NOTE):
    practice.case_open(actor=cw, child=child, caseworker=cw)  # the caseworker's own child: the whole file
    client.force_login(cw)
    page = client.get(f"/boern/{child.pk}/").content.decode()
    assert f'href="/boern/{child.pk}/journal/"' in page and "Skriv journalnotat" in page
    form = client.get(f"/boern/{child.pk}/journal/").content.decode()
    assert "Telefonsamtale" in form and "Hjemmebesøg" in form
    when = (clock.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    return client.post(f"/boern/{child.pk}/journal/", {"written_at": when, "kind": "phone", "text": text})


def test_a_note_written_on_the_page_is_read_back_on_the_child_page_and_in_the_case_record(client, users, child):
    cw = users["caseworker"]
    response = _write_through_the_page(client, cw, child)
    assert response.status_code == 302
    note = m.JournalNote.objects.get(child=child)
    timeline = client.get(f"/boern/{child.pk}/").content.decode().split('class="timeline"', 1)[1]
    entry = timeline.split("Journalnotat (telefonsamtale)", 1)[1].split("</li>", 1)[0]
    assert f": {cw.full_name}" in entry  # the author
    assert "<summary>Læs hvad der blev skrevet</summary>" in entry and NOTE in entry
    assert f'href="/boern/{child.pk}/historik/journal_note/{note.pk}/"' in entry
    record = client.get(f"/boern/{child.pk}/sagsforloeb/").content.decode()
    assert "Journalnotat (telefonsamtale)" in record and NOTE in record


def test_an_empty_note_on_the_page_is_refused_in_danish(client, users, child):
    response = _write_through_the_page(client, users["caseworker"], child, text="")
    assert response.status_code == 200 and "Dette felt er påkrævet." in response.content.decode()
    assert not m.JournalNote.objects.exists()


def test_a_corrected_note_keeps_what_was_written_first_in_its_versions(client, users, child):
    cw = users["caseworker"]
    practice.case_open(actor=cw, child=child, caseworker=cw)
    note = journal_note_record(actor=cw, child=child, written_at=clock.now() - timedelta(days=1), kind="email",
                               text="Første udgave (syntetisk)")
    record_correct(actor=cw, obj=note, reason="stavefejl", text="Anden udgave (syntetisk)")
    client.force_login(cw)
    html = client.get(f"/boern/{child.pk}/historik/journal_note/{note.pk}/").content.decode()
    assert "Første udgave (syntetisk)" in html and "Anden udgave (syntetisk)" in html and "stavefejl" in html
    client.force_login(users["analyst"])  # no access to the file: no history either
    assert client.get(f"/boern/{child.pk}/historik/journal_note/{note.pk}/").status_code == 403
