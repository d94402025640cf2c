# SPDX-License-Identifier: MPL-2.0
"""The municipality's calendar reaches every working-day rule (issue #16), and the settings file
gives the file modes the same calendar and rules as the database. Dates worked out by hand.

Easter 2024: Skærtorsdag Thu 28 March, Langfredag Fri 29 March, Easter Monday 1 April are public
holidays. A notification received Thu 28 March 2024 22:30 (Barnets Lov):

* Saturdays not counted: Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5), Tue 9 April (6);
* Saturdays counted:     Sat 30 March (1), Tue 2 (2), Wed 3 (3), Thu 4 (4), Fri 5 (5), Sat 6 April (6).
"""

import json
import subprocess
import sys
from datetime import datetime

import pytest

from forebyg.domain.calendar import CalendarSpec, WorkingCalendar
from forebyg.domain.deadlines import RuleConfig, compute_by_municipality, compute_obligations
from forebyg.domain.deadlines.local import NOTIFICATION_DECISION_EXAMPLE
from forebyg.domain.deadlines.settings_file import (
    SettingsFileError,
    parse_settings,
    settings_document,
)

T = datetime.fromisoformat
AS_OF = "2024-03-29T12:00:00+01:00"


def rec(rtype, rid, **fields):
    return {"type": rtype, "id": rid, "municipality": 657, **fields}


def notification(rid="n1", at="2024-03-28T22:30:00+01:00"):
    return rec("notification", rid, received_at=at, channel="email", notifier_kind="school",
               notifier_professional=True, concern="...", children=["c1"])


def due(records, rule_id, as_of=AS_OF, **kw):
    (ob,) = [o for o in compute_obligations(records, as_of=T(as_of), **kw) if o.rule_id == rule_id]
    return ob.due_date.isoformat()


SATURDAYS = WorkingCalendar.danish(saturday_is_working_day=True)


def test_the_municipal_saturday_setting_reaches_a_rule_with_its_own_saturday_parameter():
    """"Tæl lørdage som hverdage" on: the 6 working days of bl.acknowledgement end Sat 6 April
    (not Tue 9 April, as when the rule's own default `count_saturdays` = false switched it off)."""
    assert due([notification()], "bl.acknowledgement") == "2024-04-09"
    assert due([notification()], "bl.acknowledgement", calendar=SATURDAYS) == "2024-04-06"


def test_an_explicit_rule_override_wins_over_the_municipal_saturday_setting():
    """Precedence: the rule's count_saturdays set for the municipality > the calendar's setting >
    the rule's default. Saturdays on in the calendar, off for the rule: Tue 9 April again;
    off in the calendar, on for the rule: Sat 6 April."""
    off = RuleConfig(overrides={"bl.acknowledgement": {"count_saturdays": False}})
    assert due([notification()], "bl.acknowledgement", calendar=SATURDAYS, config=off) == "2024-04-09"
    on = RuleConfig(overrides={"bl.acknowledgement": {"count_saturdays": True}})
    assert due([notification()], "bl.acknowledgement", config=on) == "2024-04-06"


def test_the_municipal_saturday_setting_reaches_a_local_standard_counting_working_days():
    """A local standard of 5 working days from receipt (no Saturday parameter of its own):
    without Saturdays Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 April; with them Sat 30 March, Tue 2,
    Wed 3, Thu 4, Fri 5 April."""
    config = RuleConfig(local_standards=(NOTIFICATION_DECISION_EXAMPLE,))
    rule = "local.notification_decision"
    assert due([notification()], rule, config=config) == "2024-04-08"
    assert due([notification()], rule, config=config, calendar=SATURDAYS) == "2024-04-05"


CHRISTMAS = {"closing_days": ["12-24", "12-31", "06-05"], "closing_dates": [], "saturday_is_working_day": True}


def test_settings_file_gives_the_same_dates_as_the_calendar_it_describes():
    """Received Mon 23 Dec 2024 10:00, closing days 24 and 31 December, Saturdays counted:
    Tue 24 closed, 25-26 holidays, Fri 27 (1), Sat 28 (2), Mon 30 (3), Tue 31 closed, Wed 1 Jan
    holiday, Thu 2 (4), Fri 3 (5), Sat 4 January 2025 (6). The same through the settings file as
    through the calendar object the database mode builds."""
    n = notification(at="2024-12-23T10:00:00+01:00")
    direct = due([n], "bl.acknowledgement", as_of="2024-12-23T12:00:00+01:00",
                 calendar=WorkingCalendar(CalendarSpec.from_dict(CHRISTMAS)))
    assert direct == "2025-01-04"
    settings = parse_settings(settings_document({657: (CHRISTMAS, RuleConfig().to_dict())}))
    per = compute_by_municipality([n], as_of=T("2024-12-23T12:00:00+01:00"),
                                  calendars={c: s.calendar for c, s in settings.items()},
                                  configs={c: s.config for c, s in settings.items()})
    (ob,) = [o for o in per[657] if o.rule_id == "bl.acknowledgement"]
    assert ob.due_date.isoformat() == direct


def test_settings_file_round_trips_the_stored_documents():
    config = RuleConfig(overrides={"bl.acknowledgement": {"notifiers": "all"}},
                        local_standards=(NOTIFICATION_DECISION_EXAMPLE,))
    doc = settings_document({657: (CHRISTMAS, config.to_dict())})
    back = parse_settings(json.loads(json.dumps(doc)))[657]
    assert back.calendar.spec == CalendarSpec.from_dict(CHRISTMAS)
    assert back.config == config


@pytest.mark.parametrize("doc, message", [
    ({"format": "other"}, "not a deadline settings file"),
    ({"format": "forebyg-deadline-settings", "version": 2, "municipalities": {}}, "unsupported version"),
    ({"format": "forebyg-deadline-settings", "version": 1, "municipalities": {"x": {}}}, "municipality code"),
    ({"format": "forebyg-deadline-settings", "version": 1,
      "municipalities": {"657": {"calendar": {"closing_days": ["13-01"]}}}}, "657: calendar"),
    ({"format": "forebyg-deadline-settings", "version": 1,
      "municipalities": {"657": {"rules": {"disabled": ["no.such.rule"]}}}}, "unknown rule ids"),
    ({"format": "forebyg-deadline-settings", "version": 1,
      "municipalities": {"657": {"rules": {"overrides": {"bl.investigation": {"duration": {
          "amount": 1, "unit": "calendar_months"}}}}}}}, "not configurable"),
])
def test_an_unusable_settings_file_is_refused_with_the_reason(doc, message):
    with pytest.raises(SettingsFileError, match=message):
        parse_settings(doc)


def test_cli_file_mode_uses_the_settings_file(tmp_path):
    """`forebyg deadlines --file F --settings S` (no database, Django not imported): the Christmas
    case above, 4 January 2025 with the settings, 3 January without (24, 27, 30, 31 Dec, 2, 3 Jan)."""
    lines = [
        {"type": "header", "format": "forebyg-interchange", "version": 1, "exported_at": "2025-01-01T00:00:00+01:00"},
        {"type": "child", "id": "c1", "municipality": 657, "name": "A", "birth_date": "2015-01-01",
         "registered_at": "2024-01-01T10:00:00+01:00"},
        notification(at="2024-12-23T10:00:00+01:00"),
    ]
    data = tmp_path / "f.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps(settings_document({657: (CHRISTMAS, {})})), encoding="utf-8")
    code = ("import sys, forebyg.cli as c; rc = c.main(sys.argv[1:]); "
            "assert 'django.db' not in sys.modules, 'Django was imported'; sys.exit(rc)")

    def run(*extra):
        out = subprocess.run([sys.executable, "-c", code, "deadlines", "--file", str(data), "--as-of",
                              "2024-12-23T12:00+01:00", "--format", "json", *extra],
                             capture_output=True, text=True, check=True)
        return {o["rule_id"]: o for o in json.loads(out.stdout)["obligations"]}["bl.acknowledgement"]["due"]

    assert run()[:10] == "2025-01-03"
    assert run("--settings", str(settings))[:10] == "2025-01-04"
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code, "deadlines", "--file", str(data), "--settings", str(bad)],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "not valid JSON" in out.stderr


def test_review_file_mode_takes_the_settings_file(tmp_path):
    """`forebyg review --file F --settings S` (no database): a usable settings file is applied,
    an unusable one is refused with the reason and exit status 2."""
    lines = [
        {"type": "header", "format": "forebyg-interchange", "version": 1, "exported_at": "2025-01-01T00:00:00+01:00"},
        {"type": "child", "id": "c1", "municipality": 657, "name": "A", "birth_date": "2015-01-01",
         "registered_at": "2024-01-01T10:00:00+01:00"},
        {"type": "case", "id": "k1", "municipality": 657, "child": "c1", "opened_at": "2024-12-01T10:00:00+01:00"},
        notification(at="2024-12-23T10:00:00+01:00"),
    ]
    data = tmp_path / "f.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(settings_document({657: (CHRISTMAS, {})})), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(settings_document({657: ({}, {"disabled": ["no.such.rule"]})})), encoding="utf-8")
    code = ("import sys, forebyg.cli as c; rc = c.main(sys.argv[1:]); "
            "assert 'django.db' not in sys.modules, 'Django was imported'; sys.exit(rc)")
    base = [sys.executable, "-c", code, "review", "--file", str(data), "--as-of", "2025-01-10T12:00+01:00",
            "--period-start", "2024-01-01", "--period-end", "2024-12-31", "--format", "json", "--settings"]
    ok = subprocess.run([*base, str(good)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["reviews"][0]["municipality"] == 657
    refused = subprocess.run([*base, str(bad)], capture_output=True, text=True)
    assert refused.returncode == 2 and "unknown rule ids" in refused.stderr
