# SPDX-License-Identifier: MPL-2.0
"""Deadlines from the database: a child's obligations as of a chosen moment, the caseworker's
list, the team overview, the settings page and the CLI on a file without a database."""

import json
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from forebyg.cases.services import practice
from forebyg.deadlines import selectors as sel
from forebyg.deadlines.models import DeadlineSettings

CPH = ZoneInfo("Europe/Copenhagen")
RECEIVED = datetime(2025, 4, 17, 22, 30, tzinfo=CPH)  # Skærtorsdag, late evening


@pytest.fixture
def notified(users, child, team):
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=RECEIVED, channel="email", notifier_kind="school",
        notifier_professional=True, concern="Bekymring (syntetisk)", children=[child], team=team)
    practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    return n


def statuses(child, as_of):
    obs = sel.obligations_for_children(municipality_id=child.municipality_id, child_ids=[child.pk], as_of=as_of)
    return {o.rule_id: o for o in obs}


def test_acute_and_acknowledgement_as_of_moments(users, child, notified):
    before = statuses(child, RECEIVED + timedelta(hours=20))
    assert before["bl.acute_assessment"].status == "due_soon"
    assert before["bl.acknowledgement"].status == "open"
    # Good Friday 18, the weekend and Easter Monday 21 April are not working days; working days
    # 1-6 after Thursday 17 April 2025 are 22, 23, 24, 25, 28 and 29 April.
    assert before["bl.acknowledgement"].due_date.isoformat() == "2025-04-29"
    practice.acute_assessment_record(actor=users["receiving_unit"], notification=notified,
                                     assessed_at=RECEIVED + timedelta(hours=30), acute=False, action="Vurderet")
    later = statuses(child, RECEIVED + timedelta(days=3))
    assert later["bl.acute_assessment"].status == "met_late"
    assert statuses(child, RECEIVED + timedelta(hours=20))["bl.acute_assessment"].status == "due_soon", \
        "as of a moment before the assessment, the case looks as it did then"


def test_pages_show_deadlines(users, child, notified):
    c = Client()
    c.force_login(users["caseworker"])
    r = c.get("/frister/", {"as_of": "2025-04-18T20:00"})
    assert r.status_code == 200 and "Akutvurdering" in r.content.decode()
    r = c.get(f"/boern/{child.pk}/", {"as_of": "2025-04-18T20:00"})
    assert "Frister pr." in r.content.decode() or "Deadlines as of" in r.content.decode()
    c.force_login(users["team_leader"])
    r = c.get("/frister/team/", {"rule": "bl.acute_assessment", "status": "overdue", "as_of": "2025-04-19T12:00"})
    body = r.content.decode()
    assert r.status_code == 200 and child.name in body
    c.force_login(users["caseworker"])
    assert c.get("/frister/team/").status_code == 403


def test_settings_closing_day_moves_the_deadline_and_bad_input_changes_nothing(users, child, notified):
    c = Client()
    c.force_login(users["manager"])
    none = {"standard-TOTAL_FORMS": "0", "standard-INITIAL_FORMS": "0"}  # no local standards
    r = c.post("/frister/indstillinger/", {"closing_days": "04-22\n13-01", "closing_dates": "", **none})
    assert r.status_code == 200 and "13-01" in r.content.decode()
    assert not DeadlineSettings.objects.exists()
    r = c.post("/frister/indstillinger/", {"closing_days": "04-22", "closing_dates": "", **none})
    assert r.status_code == 302
    due = statuses(child, RECEIVED + timedelta(hours=1))["bl.acknowledgement"].due_date
    assert due.isoformat() == "2025-04-30", "Tuesday 22 April closed: one working day later"


def test_cli_reads_a_file_without_a_database(tmp_path):
    lines = [
        {"type": "header", "format": "forebyg-interchange", "version": 1, "exported_at": "2025-01-01T00:00:00+01:00"},
        {"type": "child", "id": "c1", "municipality": 657, "name": "A", "birth_date": "2015-01-01",
         "registered_at": "2024-01-01T10:00:00+01:00"},
        {"type": "notification", "id": "n1", "municipality": 657, "received_at": "2024-03-28T22:00:00+01:00",
         "channel": "phone", "notifier_kind": "police", "notifier_professional": True, "concern": "x",
         "children": ["c1"]},
    ]
    path = tmp_path / "f.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    code = ("import sys, forebyg.cli as c; rc = c.main(sys.argv[1:]); "
            "assert 'django.db' not in sys.modules, 'Django was imported'; sys.exit(rc)")
    out = subprocess.run([sys.executable, "-c", code, "deadlines", "--file", str(path), "--as-of",
                          "2024-03-29T23:30+01:00", "--format", "json"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    by_rule = {o["rule_id"]: o for o in data["obligations"]}
    assert by_rule["bl.acute_assessment"]["status"] == "overdue"
    assert by_rule["bl.acute_assessment"]["due"] == "2024-03-29T22:00:00+01:00"
