# SPDX-License-Identifier: MPL-2.0
"""The team leader's page (issue #15): each notification to assign shows its concern, its notifier,
the 24-hour clock from the deadline engine and the child's existing caseworker, who comes first in
the choice; each of the team's caseworkers shows open cases, overdue deadlines and the notifications
of this week assigned to them."""

import re
from datetime import timedelta

import pytest

from forebyg.cases.services import practice
from forebyg.core import clock
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

CONCERN = "Skolen oplyser at barnet gentagne gange er kommet sulten og uden madpakke " + "og virker trist " * 10


def _notify(users, child, team, hours, professional=True, kind="school"):
    return practice.notification_register(
        actor=users["receiving_unit"], received_at=clock.now() - timedelta(hours=hours), channel="phone",
        notifier_kind=kind, notifier_professional=professional, concern=CONCERN, children=[child], team=team)


def _child(users, name):
    return practice.child_register(actor=users["receiving_unit"], name=name, birth_date=clock.today() - timedelta(days=3000))


def _row(page, pk):
    return re.search(rf'<tr data-notification="{pk}">(.*?)</tr>', page, re.S).group(1)


def _caseworker_row(page, username):
    return [re.sub(r"<[^>]+>", "", td).strip()
            for td in re.findall(r"<td[^>]*>(.*?)</td>",
                                 re.search(rf'<tr data-caseworker="{username}">(.*?)</tr>', page, re.S).group(1), re.S)]


def test_assignment_list_and_caseworkers(client, users, team, municipality, child):
    zoe = make_user(municipality, "caseworker", "zoe", team)
    make_user(municipality, "caseworker", "other", None)  # another team's (none): not offered, not listed
    late = _notify(users, child, team, hours=30)
    practice.case_open(actor=users["team_leader"], child=child, caseworker=zoe)  # the child's caseworker: Zoe
    fresh = _notify(users, _child(users, "Nyt Barn"), team, hours=1, professional=False, kind="family")
    mine = _notify(users, _child(users, "Tredje Barn"), team, hours=0.2)
    practice.notification_assign(actor=users["team_leader"], notification=mine, caseworker=users["caseworker"])

    client.force_login(users["team_leader"])
    page = client.get("/team/").content.decode()

    row = _row(page, late.pk)
    assert "Overskredet med 6 t" in row
    assert "Skolen oplyser at barnet gentagne gange" in row and "…" in row  # the concern, shortened
    assert "Skole (fagperson)" in row
    assert "Har rådgiver: Zoe" in row
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', row)
    assert [name for _pk, _sel, name in options] == ["Zoe", "Caseworker"]  # the child's own first, only the team's
    assert options[0][1] == " selected"

    row = _row(page, fresh.pk)
    assert re.search(r"2[23] t \d+ min tilbage", row)
    assert "(ikke fagperson)" in row and "Har rådgiver" not in row
    assert [name for _pk, _sel, name in re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', row)] \
        == ["Caseworker", "Zoe"]
    assert f'data-notification="{mine.pk}"' not in page  # assigned: not in the list

    # name, open cases, overdue deadlines (the late notification's 24-hour clock), new this week
    assert _caseworker_row(page, "zoe") == ["Zoe", "1", "1", "0"]
    assert _caseworker_row(page, "caseworker") == ["Caseworker", "0", "0", "1"]
    assert 'data-caseworker="other"' not in page
