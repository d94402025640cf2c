# SPDX-License-Identifier: MPL-2.0
"""The receiving unit's clocks come from the deadline engine: the inbox and the notification page
show hours and minutes left (amber in the engine's "due soon" window, red when overdue), the inbox
is sorted by time left, and the receipt's deadline is shown; anonymous and private notifiers get
"ikke relevant" for receipt and feedback (issue #15)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import translation

from forebyg.cases.services import practice
from forebyg.core import clock
from forebyg.deadlines.clocks import duration_text, notification_clocks


@pytest.mark.parametrize("delta, text", [
    (timedelta(hours=23, minutes=12, seconds=59), "23 t 12 min"),
    (timedelta(hours=1, minutes=5), "1 t 5 min"),
    (timedelta(minutes=45, seconds=30), "45 min"),
    (timedelta(seconds=20), "0 min"),
    (timedelta(hours=47, minutes=59), "47 t 59 min"),
    (timedelta(days=2, hours=3), "2 dage 3 t"),
    (timedelta(days=6, hours=23, minutes=59), "6 dage 23 t"),
])
def test_a_length_of_time_reads_in_danish_hours_and_minutes(delta, text):
    with translation.override("da"):
        assert duration_text(delta) == text


def register(users, child, *, ago: timedelta, kind="school", professional=True):
    return practice.notification_register(
        actor=users["receiving_unit"], received_at=clock.now() - ago, channel="phone", notifier_kind=kind,
        notifier_professional=professional, concern="Syntetisk bekymring", children=[child])


def clocks_of(n, as_of=None):
    return notification_clocks(municipality_id=n.municipality_id, notifications=[n],
                               as_of=as_of or clock.now())[n.pk]


def test_the_24_hour_clock_an_hour_after_receipt_and_after_the_deadline(users, child):
    n = register(users, child, ago=timedelta(hours=1))
    with translation.override("da"):
        fresh = clocks_of(n).acute
        assert re.fullmatch(r"(23 t 0|22 t 59) min tilbage", fresh.text), fresh.text
        assert fresh.css == "clock-open"
        soon = clocks_of(n, as_of=n.received_at + timedelta(hours=18, minutes=30)).acute
        assert (soon.text, soon.css) == ("5 t 30 min tilbage", "clock-soon")  # the engine's 6-hour window
        late = clocks_of(n, as_of=n.received_at + timedelta(hours=25, minutes=5)).acute
        assert (late.text, late.css) == ("Overskredet med 1 t 5 min", "clock-overdue")


def test_an_assessment_recorded_late_says_so(users, child):
    n = register(users, child, ago=timedelta(hours=30))
    practice.acute_assessment_record(actor=users["receiving_unit"], notification=n,
                                     assessed_at=n.received_at + timedelta(hours=26), acute=False, action="Vurderet")
    with translation.override("da"):
        c = clocks_of(n).acute
        assert (c.text, c.css) == ("Vurderet for sent", "clock-late")


def page(users, url):
    c = Client()
    c.force_login(users["receiving_unit"])
    r = c.get(url, HTTP_ACCEPT_LANGUAGE="da")
    assert r.status_code == 200
    return r.content.decode()


def test_the_inbox_is_sorted_by_time_left_and_shows_the_engines_clock(users, child, team):
    other = practice.child_register(actor=users["receiving_unit"], name="Anden Syntetisk", birth_date=child.birth_date)
    newer = register(users, child, ago=timedelta(hours=1))
    older = register(users, other, ago=timedelta(hours=25))
    middle = register(users, other, ago=timedelta(hours=20), kind="anonymous", professional=False)
    html = page(users, "/underretninger/")
    order = re.findall(r'data-notification="([^"]+)"', html)
    assert order == [older.pk, middle.pk, newer.pk]  # least time left first
    rows = dict(zip(order, re.split(r'<tr data-notification="[^"]+">', html)[1:], strict=True))
    assert re.search(r'class="clock clock-overdue">Overskredet med 1 t 0 min<', rows[older.pk])
    assert re.search(r'class="clock clock-soon">(4 t 0|3 t 59) min tilbage<', rows[middle.pk])
    assert re.search(r'class="clock clock-open">(23 t 0|22 t 59) min tilbage<', rows[newer.pk])
    assert "0 minutter" not in html
    assert "ikke relevant" in rows[middle.pk] and ">Nej<" not in rows[middle.pk]  # anonymous: no receipt


def test_the_notification_page_shows_the_receipt_deadline_and_flags_it_when_late(users, child):
    n = register(users, child, ago=timedelta(days=12))
    html = page(users, f"/underretninger/{n.pk}/")
    receipt = re.search(r'<dd id="clock-receipt">(.*?)</dd>', html, re.S).group(1)
    assert 'class="clock clock-overdue">Overskredet med' in receipt
    assert "frist" in receipt
    acute = re.search(r'<dd id="clock-acute">(.*?)</dd>', html, re.S).group(1)
    assert "clock-overdue" in acute


@pytest.mark.parametrize("kind, professional", [("anonymous", False), ("family", False)])
def test_receipt_and_feedback_are_not_relevant_for_anonymous_and_private_notifiers(users, child, kind, professional):
    n = register(users, child, ago=timedelta(hours=2), kind=kind, professional=professional)
    html = page(users, f"/underretninger/{n.pk}/")
    receipt = re.search(r'<dd id="clock-receipt">(.*?)</dd>', html, re.S).group(1)
    feedback = re.search(r'<dd id="clock-feedback">(.*?)</dd>', html, re.S).group(1)
    assert "ikke relevant" in receipt and "ikke relevant" in feedback
    assert "Nej" not in receipt + feedback
