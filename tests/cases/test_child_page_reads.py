# SPDX-License-Identifier: MPL-2.0
"""The child page reads each kind of record once (issue #20): its deadline rows do not read the
child again."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forebyg.cases.services import practice

CPH = ZoneInfo("Europe/Copenhagen")


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
