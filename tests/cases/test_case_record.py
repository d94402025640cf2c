# SPDX-License-Identifier: MPL-2.0
"""What was written can be read back (issue #15): the child's own words, meeting agreements and
follow-up notes are on the child page (expandable) and in the case record, in time order, which
prints to PDF; each read is access-logged like the file."""

from datetime import timedelta

import pytest

from forebyg.audit.models import AccessLog
from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = pytest.mark.django_db

WORDS = "Jeg vil gerne bo hos mormor i weekenden (syntetisk)"
AGREED = "Skolen ringer hver fredag til mor (syntetisk)"


@pytest.fixture
def written(users, child):
    cw = users["caseworker"]
    practice.case_open(actor=cw, child=child, caseworker=cw)
    now = clock.now()
    practice.network_meeting_record(actor=cw, child=child, held_at=now - timedelta(days=3), kind="inclusive",
                                    participants=[], agreements=AGREED, followup_date=None)
    practice.child_conversation_record(actor=cw, child=child, held_at=now - timedelta(days=1),
                                       purpose="Barnets ønsker (syntetisk)", note=WORDS)
    return cw


def test_child_page_holds_the_words_behind_a_fold(client, child, written):
    client.force_login(written)
    html = client.get(f"/boern/{child.pk}/").content.decode()
    timeline = html.split('class="timeline"', 1)[1]
    assert "<summary>Læs hvad der blev skrevet</summary>" in timeline
    assert WORDS in timeline and AGREED in timeline


def test_case_record_in_order_and_as_pdf(client, child, written):
    client.force_login(written)
    html = client.get(f"/boern/{child.pk}/sagsforloeb/").content.decode()
    assert html.index(AGREED) < html.index(WORDS)  # oldest first
    assert "Hvad barnet fortalte:" in html
    pdf = client.get(f"/boern/{child.pk}/sagsforloeb/?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    views = list(AccessLog.objects.filter(user=written, child_id=child.pk).values_list("view", flat=True))
    assert "child.record" in views and "child.record.pdf" in views


def test_case_record_needs_the_file_access(client, child, written, users):
    client.force_login(users["analyst"])
    assert client.get(f"/boern/{child.pk}/sagsforloeb/").status_code == 403
