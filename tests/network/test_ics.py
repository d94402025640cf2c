# SPDX-License-Identifier: MPL-2.0
"""The hand-written iCalendar: CRLF, escaping, folding, UTC times."""

from datetime import datetime

from forebyg.network.ics import escape_text, event_ics, fold

from .conftest import CPH


def test_escape_and_fold():
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    line = "DESCRIPTION:" + "æ" * 100
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_event_ics_content():
    data = event_ics(uid="network-event-7@forebyg", sequence=2, summary="Netværksmøde; Øst, Vest",
                     starts_at=datetime(2026, 11, 10, 9, 30, tzinfo=CPH), ends_at=datetime(2026, 11, 10, 16, tzinfo=CPH),
                     dtstamp=datetime(2026, 3, 2, 9, tzinfo=CPH), location="Odense", description="Linje 1\nLinje 2")
    text = data.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for expected in ("UID:network-event-7@forebyg", "SEQUENCE:2", "DTSTART:20261110T083000Z", "DTEND:20261110T150000Z",
                     "SUMMARY:Netværksmøde\\; Øst\\, Vest", "DESCRIPTION:Linje 1\\nLinje 2", "STATUS:CONFIRMED",
                     "LOCATION:Odense", "DTSTAMP:20260302T080000Z"):
        assert expected in text


def test_ics_download_from_link(client, event, people, token_for):
    resp = client.get(f"/netvaerk/p/{token_for(people['anna'])}/kalender/{event.pk}.ics")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/calendar")
    body = resp.content.decode()
    assert f"UID:network-event-{event.pk}@forebyg" in body and "SUMMARY:Netværksmøde 1 (Testnetværk)" in body
    assert "DTSTART:20260414T080000Z" in body and "LOCATION:Odense" in body
