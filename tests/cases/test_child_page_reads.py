# SPDX-License-Identifier: MPL-2.0
"""The child page reads each kind of record once (issue #20): the child's own records are read
without Django's per-relation prefetch machinery but must leave exactly what it leaves, and the
deadline rows do not read the child again."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import prefetch_related_objects
from django.test.utils import CaptureQueriesContext

from forebyg.cases import models as m
from forebyg.cases.selectors import child as sel
from forebyg.cases.services import practice
from forebyg.cases.services.interchange import interchange_import

CPH = ZoneInfo("Europe/Copenhagen")
DATA = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"
OWN = ["cases", "measures", "plans", "counsellings", "investigations", "conversations", "network_meetings",
       "followups", "network_persons", "journal_notes", "decisions"]


def _fill(users):
    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    first = m.Child.objects.order_by("id").first()
    practice.network_meeting_record(actor=users["caseworker"], child=first,
                                    held_at=datetime(2024, 6, 3, 10, tzinfo=CPH), kind="inclusive",
                                    participants=[], agreements=None, followup_date=date(2024, 9, 1))
    return first


def test_the_childs_own_records_are_read_as_djangos_prefetch_reads_them(municipality, users, scoped):
    _fill(users)
    compared = 0
    for child_id in m.Child.objects.order_by("id").values_list("id", flat=True)[:40]:
        ours = sel.read_child(m.Child.objects.get(pk=child_id))
        theirs = m.Child.objects.get(pk=child_id)
        prefetch_related_objects([theirs], *OWN)
        for name in OWN:
            mine, django = list(getattr(ours, name).all()), list(getattr(theirs, name).all())
            assert [x.pk for x in mine] == [x.pk for x in django], (child_id, name)
            compared += len(mine)
        with CaptureQueriesContext(connection) as reads:
            for name in OWN:
                for record in getattr(ours, name).all():
                    assert record.child is ours  # each row knows its child: no query
        assert len(reads) == 0
    assert compared > 40


def test_a_query_made_from_what_was_read_stays_the_childs(municipality, users, scoped):
    first = _fill(users)
    other = m.Child.objects.exclude(pk=first.pk).filter(cases__isnull=False).first()
    child = sel.read_child(m.Child.objects.get(pk=first.pk))
    narrowed = child.cases.all().filter(closed_at__isnull=True)  # a new query, not the rows read
    assert {c.child_id for c in narrowed} <= {first.pk}
    assert not child.cases.all().filter(child=other).exists()


def test_the_child_page_does_not_read_the_child_again_for_its_deadlines(client, users, child):
    practice.notification_register(
        actor=users["receiving_unit"], received_at=datetime(2024, 10, 1, 9, tzinfo=CPH), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child])
    practice.case_open(actor=users["caseworker"], child=child, caseworker=users["caseworker"])  # the whole file
    client.force_login(users["caseworker"])
    with CaptureQueriesContext(connection) as reads:
        response = client.get(f"/boern/{child.pk}/")
    assert response.status_code == 200 and 'id="frister"' in response.content.decode()
    again = [q["sql"] for q in reads.captured_queries
             if q["sql"].startswith('SELECT "cases_child"."id", "cases_child"."name", "cases_child"."birth_date"')]
    assert again == []
    assert response.content.decode().count('<td class="status-') >= 2  # the deadlines are there
