# SPDX-License-Identifier: MPL-2.0
"""Management supervision: the documented rules flag reads, team leaders see their team, managers
everyone; the log exports for a period as CSV and Excel."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from forebyg.audit.models import AccessLog, LogEntry
from forebyg.security import supervision as sup
from forebyg.security.models import SecurityPolicy

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
TUESDAY = datetime(2026, 3, 3, 10, 0, tzinfo=CPH)


def read(user, child_id, at, basis="own", reason=""):
    return AccessLog.objects.create(at=at, user=user, municipality_id=user.municipality_id, child_id=child_id,
                                    view="child", basis=basis, reason=reason)


@pytest.fixture
def reads(users, outsider):
    cw, tl = users["caseworker"], users["team_leader"]
    for i in range(30):  # 30 different children in 30 minutes
        read(cw, f"c{i}", TUESDAY + timedelta(minutes=i))
    read(cw, "night", datetime(2026, 3, 3, 23, 30, tzinfo=CPH))
    read(cw, "sunday", datetime(2026, 3, 8, 11, 0, tzinfo=CPH))
    read(cw, "easter", datetime(2026, 4, 6, 11, 0, tzinfo=CPH))  # Easter Monday
    read(cw, "team", TUESDAY + timedelta(hours=3), basis="team")
    read(cw, "glass", TUESDAY + timedelta(hours=4), basis="glass", reason="Døgnvagt: politiet ringede")
    read(tl, "team", TUESDAY + timedelta(hours=5), basis="team")
    read(outsider, "x", TUESDAY + timedelta(hours=5), basis="own")
    return cw


def flags_by_child(reads_):
    return {r.log.child_id: set(r.flags) for r in reads_}


def test_rules_flag_bulk_outside_caseload_glass_and_odd_hours(users, reads):
    out, _users = sup.reads_for(viewer=users["manager"], start=TUESDAY - timedelta(days=1),
                                end=TUESDAY + timedelta(days=40))
    f = flags_by_child([r for r in out if r.user == reads])
    assert all("bulk" in f[f"c{i}"] for i in range(30))
    assert f["night"] == {"odd_hours"} and f["sunday"] == {"odd_hours"} and f["easter"] == {"odd_hours"}
    assert f["team"] == {"outside_caseload"}, "a caseworker reading a team child is outside their own caseload"
    assert f["glass"] == {"glass"}
    leader = [r for r in out if r.user == users["team_leader"]]
    assert leader and leader[0].flags == [], "a team child is the team leader's caseload"


def test_thresholds_are_the_municipalitys_policy(users, reads, municipality):
    SecurityPolicy.objects.create(municipality=municipality, bulk_reads=40, odd_hours_from=23, odd_hours_to=5,
                                  flag_weekends=False)
    out, _u = sup.reads_for(viewer=users["manager"], start=TUESDAY - timedelta(days=1),
                            end=TUESDAY + timedelta(days=40))
    f = flags_by_child([r for r in out if r.user == reads])
    assert "bulk" not in f["c0"] and f["sunday"] == set() and f["night"] == {"odd_hours"}


def test_team_leader_sees_the_team_manager_everyone_others_nothing(login, users, reads, outsider):
    q = "?start=2026-03-01&end=2026-04-30&flag=all"
    page = login(users["team_leader"]).get("/tilsyn/" + q).content.decode()
    assert str(users["caseworker"]) in page and "Outsider" not in page
    page = login(users["manager"]).get("/tilsyn/" + q).content.decode()
    assert "Outsider" in page and "Døgnvagt: politiet ringede" in page
    for role in ("caseworker", "analyst", "administrator", "receiving_unit"):
        assert login(users[role]).get("/tilsyn/" + q).status_code == 403


def test_export_csv_and_excel_for_a_period(login, users, reads):
    c = login(users["manager"])
    r = c.get("/tilsyn/eksport.csv?start=2026-03-03&end=2026-03-03")
    text = r.content.decode("utf-8-sig")
    assert r["Content-Disposition"].endswith('.csv"')
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 30 + 1 + 3 + 1, "the header and every read of 3 March (not the Sunday or Easter)"
    assert "Døgnvagt" in text
    r = c.get("/tilsyn/eksport.xlsx?start=2026-03-01&end=2026-04-30")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws.max_row == 1 + 37
    assert LogEntry.objects.filter(action_type="audit.log.exported").count() == 2
    assert c.get("/tilsyn/eksport.csv?start=2026-03-05&end=2026-03-01").status_code == 400


def test_export_guards_against_spreadsheet_formulas(login, users):
    read(users["caseworker"], "x", TUESDAY, basis="glass", reason="=HYPERLINK(\"http://evil\")")
    text = login(users["manager"]).get("/tilsyn/eksport.csv?start=2026-03-03&end=2026-03-03").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
