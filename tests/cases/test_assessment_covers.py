# SPDX-License-Identifier: MPL-2.0
"""One acute assessment covering a child's other open notifications (issue #16): the receiving unit
ticks them on the assessment form, the engine meets each clock, the export carries `covers`, and an
assessment cannot cover a notification about another child."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_scopes import scopes_disabled

from forebyg.cases import models as m
from forebyg.cases.selectors.records import interchange_records
from forebyg.cases.services import practice
from forebyg.deadlines import selectors as sel

CPH = ZoneInfo("Europe/Copenhagen")


def notify(users, child, at, team):
    return practice.notification_register(
        actor=users["receiving_unit"], received_at=at, channel="phone", notifier_kind="school",
        notifier_professional=True, concern="Bekymring (syntetisk)", children=[child], team=team)


def test_the_form_offers_the_childs_other_open_notifications_and_one_assessment_meets_each(users, child, team):
    """n1 Monday 3 Feb 2025 09:00 (due Tuesday 09:00), n2 Monday 15:00 (due Tuesday 15:00); one
    assessment of n1 on Monday 16:00 ticking n2 meets both on time."""
    n1 = notify(users, child, datetime(2025, 2, 3, 9, tzinfo=CPH), team)
    n2 = notify(users, child, datetime(2025, 2, 3, 15, tzinfo=CPH), team)
    c = Client()
    c.force_login(users["receiving_unit"])
    page = c.get(f"/underretninger/{n1.pk}/acute/").content.decode()
    assert "Vurderingen dækker også" in page and "Modtaget 03.02.2025 15:00" in page
    r = c.post(f"/underretninger/{n1.pk}/acute/", {"assessed_at": "2025-02-03T16:00", "action": "Vurderet samlet",
                                                   "covers": [n2.pk]})
    assert r.status_code == 302
    obs = {o.subject_id: o for o in sel.obligations_for_children(
        municipality_id=657, child_ids=[child.pk], as_of=datetime(2025, 2, 5, 12, tzinfo=CPH))
        if o.rule_id == "bl.acute_assessment"}
    assert (obs[n1.pk].status, obs[n2.pk].status) == ("met_on_time", "met_on_time")
    with scopes_disabled():
        (exported,) = [r for r in interchange_records(municipalities=[657], types=["acute_assessment"])]
    assert exported["covers"] == [n2.pk]
    assert "Vurderingen dækker også" not in c.get(f"/underretninger/{n1.pk}/acute/").content.decode(), \
        "no other open notification is left to cover"


def test_an_assessment_cannot_cover_a_notification_about_another_child(users, child, team, scoped):
    other = practice.child_register(actor=users["receiving_unit"], name="Anden Syntetisk", birth_date=date(2016, 1, 1))
    n1 = notify(users, child, datetime(2025, 2, 3, 9, tzinfo=CPH), team)
    n2 = notify(users, other, datetime(2025, 2, 3, 10, tzinfo=CPH), team)
    with pytest.raises(ValidationError):
        practice.acute_assessment_record(actor=users["receiving_unit"], notification=n1,
                                         assessed_at=datetime(2025, 2, 3, 11, tzinfo=CPH), acute=False, action="x",
                                         covers=[n2])
    assert not m.AcuteAssessment.objects.exists()
