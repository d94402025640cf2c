# SPDX-License-Identifier: MPL-2.0
"""A child with a case, measures up and down the staircase, a plan with two goals and follow-ups."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

CPH = ZoneInfo("Europe/Copenhagen")
T0 = datetime(2025, 1, 6, 10, 0, tzinfo=CPH)


@dataclass
class Story:
    child: object
    goals: list
    measures: list
    followups: list


@pytest.fixture
def story(users, child, team):
    """Family treatment (step 3) from 13 January 2025, a network placement (step 4) from 1 March to
    1 June 2025 beside it, then a contact person (step 2) from 1 September 2025; two goals."""
    from forebyg.cases.services import practice

    cw = users["caseworker"]
    case = practice.case_open(actor=cw, child=child, caseworker=cw, team=team)
    m1 = practice.measure_decide(actor=cw, child=child, kind="bl_family_treatment", decided_at=T0,
                                 started_at=T0 + timedelta(days=7))
    m2 = practice.measure_decide(actor=cw, child=child, kind="bl_placement_network", decided_at=datetime(2025, 3, 1, 9, tzinfo=CPH),
                                 started_at=datetime(2025, 3, 1, 9, tzinfo=CPH))
    practice.measure_end(actor=cw, measure=m2, ended_at=datetime(2025, 6, 1, 9, tzinfo=CPH), end_reason="Trappet ned")
    practice.measure_end(actor=cw, measure=m1, ended_at=datetime(2025, 9, 1, 9, tzinfo=CPH), end_reason="Trappet ned")
    m3 = practice.measure_decide(actor=cw, child=child, kind="bl_contact_person", decided_at=datetime(2025, 9, 1, 9, tzinfo=CPH),
                                 started_at=datetime(2025, 9, 1, 9, tzinfo=CPH))
    plan = practice.plan_make(actor=cw, child=child, kind="barnets_plan", made_at=T0 + timedelta(days=14), summary=None,
                              goals=[{"life_area": "school", "text": "Møder i skole til tiden (syntetisk)."},
                                     {"life_area": "family", "text": "Faste rutiner om morgenen (syntetisk)."}])
    followups = [practice.followup_record(actor=cw, child=child, held_at=T0 + timedelta(days=d), note=None,
                                          next_due=None, measure=m1) for d in (90, 180, 270)]
    child.refresh_from_db()
    assert case.pk
    return Story(child, list(plan.goals.order_by("life_area")), [m1, m2, m3], followups)
