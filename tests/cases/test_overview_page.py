# SPDX-License-Identifier: MPL-2.0
"""The manager's overview (issue #15): the staircase steps by name, the share on steps 1–3 against
4–6 at the end of each quarter, and overdue deadlines per team."""

import re
from datetime import date, timedelta

import pytest

from forebyg.cases import models as m
from forebyg.cases.selectors.overview import quarter_ends
from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = pytest.mark.django_db


def test_quarter_ends_cover_two_years_and_today():
    ends = quarter_ends(date(2026, 12, 7))
    assert [d for d, _label in ends] == [date(2024, 12, 31), date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30),
                                          date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30),
                                          date(2026, 12, 7)]


def _measure(case, step, started, ended=None):
    # Set up directly: the measures' own deadlines are not what is counted here (the child has no team).
    return m.Measure.objects.create(municipality_id=case.municipality_id, case=case, child=case.child, law="BL",
                                    kind="bl_family_treatment", legal_basis="BL § 32", step=step,
                                    decided_at=started, started_at=started, ended_at=ended)


def _cells(page, caption):
    table = re.search(rf"<caption>{caption}.*?</table>", page, re.S).group(0)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)][1:]


def test_overview_names_steps_shares_and_overdue_per_team(client, users, team, child):
    now = clock.now()
    year_ago = now - timedelta(days=365)
    other = practice.child_register(actor=users["receiving_unit"], name="Andet Barn", birth_date=date(2014, 2, 2))
    case = practice.case_open(actor=users["receiving_unit"], child=other)  # no team, no caseworker
    _measure(case, 3, year_ago)
    _measure(case, 2, year_ago)
    _measure(case, 5, year_ago)
    _measure(case, 6, year_ago, ended=now - timedelta(days=200))  # ended: counts in older quarters only
    practice.notification_register(actor=users["receiving_unit"], received_at=now - timedelta(hours=30),
                                   channel="phone", notifier_kind="school", notifier_professional=True,
                                   concern="Bekymring (syntetisk)", children=[child], team=team)
    client.force_login(users["manager"])
    page = client.get("/overblik/").content.decode()

    steps = _cells(page, "Aktive indsatser")
    assert steps[2] == ["3. Hjemmebaserede indsatser", "1"]
    assert steps[5] == ["6. Anbringelse på institution", "0"]

    shares = _cells(page, "Forebyggende trin 1–3")
    today = clock.today()
    assert shares[-1] == [f"{(today.month - 1) // 3 + 1}. kvt. {today.year} til dato", "2", "1", "66,7 %"]
    assert shares[0][1:] == ["0", "0", "–"]  # two years ago: nothing active
    assert ["2", "2", "50,0 %"] in [row[1:] for row in shares]  # while the step-6 placement ran

    teams = _cells(page, "Overskredne frister pr. team")
    assert teams == [["Team 7-12 år", "1"]]  # the notification's 24-hour clock
