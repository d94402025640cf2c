# SPDX-License-Identifier: MPL-2.0
"""The child page computes the child's deadlines from the records it has read for the timeline
(`read_child`, `engine_records`): they must be exactly the records a fresh read gives."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forebyg.cases import models as m
from forebyg.cases.selectors.child import engine_records, read_child
from forebyg.cases.selectors.records import interchange_records
from forebyg.cases.services import practice
from forebyg.cases.services.interchange import interchange_import
from forebyg.deadlines.records import ENGINE_TYPES

CPH = ZoneInfo("Europe/Copenhagen")
DATA = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"


def test_the_pages_records_equal_a_fresh_read_for_every_child(municipality, users, scoped):
    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    # Add what the file lacks: a network meeting, feedback, and a sibling named in a notification later.
    first = m.Child.objects.order_by("id").first()
    practice.network_meeting_record(actor=users["caseworker"], child=first,
                                    held_at=datetime(2024, 6, 3, 10, tzinfo=CPH), kind="inclusive",
                                    participants=[], agreements=None, followup_date=date(2024, 9, 1))
    sibling = practice.child_register(actor=users["receiving_unit"], name="Søskende Syntetisk",
                                      birth_date=date(2016, 2, 3))
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=datetime(2024, 10, 1, 9, tzinfo=CPH), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)",
        children=[first, sibling])
    practice.acute_assessment_record(actor=users["receiving_unit"], notification=n,
                                     assessed_at=datetime(2024, 10, 1, 15, tzinfo=CPH), acute=False, action="Vurderet")
    checked = 0
    for child_id in m.Child.objects.order_by("id").values_list("id", flat=True):
        child = read_child(m.Child.objects.get(pk=child_id))
        with CaptureQueriesContext(connection) as reads:
            page = engine_records(child)
        fresh = list(interchange_records(municipalities=[657], child_ids=[child_id], types=ENGINE_TYPES,
                                         native_times=True))
        assert page == fresh, child_id
        assert len(reads) == 0, "the page's records come from what it has read"
        checked += len(fresh)
    assert checked > 60
    types = {r["type"] for r in engine_records(read_child(first))}
    assert {"network_meeting", "notification", "acute_assessment", "decision", "case"} <= types
