# SPDX-License-Identifier: MPL-2.0
"""The child page's goal cards and flags written in Python (progression/templatetags/goal_cards.py, issue #20)
are byte for byte what progression/_goal.html and _flags.html write for the child page, in Danish
and English."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from forebyg.cases.selectors.child import read_child
from forebyg.domain import progression as dp
from forebyg.progression import services
from forebyg.progression.templatetags.goal_cards import flags_html, goal_card_html
from forebyg.progression.views import section_context

CPH = ZoneInfo("Europe/Copenhagen")
pytestmark = pytest.mark.django_db


def _round(users, story, goal, day, scores, **kw):
    services.scaling_round_record(
        actor=users["caseworker"], child=story.child, goal=goal, held_at=datetime(*day, 23, 30, tzinfo=CPH),
        entries=[dp.Entry(k, v, 'Anne <"&">' if k == "mother" else "", "Et <skridt> & videre" if k == "child" else "")
                 for k, v in scores.items()], **kw)


@pytest.mark.parametrize("language", ["da", "en"])
def test_goal_cards_are_the_templates(users, story, language):
    school, family = story.goals
    school.text = 'Møder i skole til tiden <b>"syntetisk"</b> & ' + "ret lang tekst " * 5  # escaped, truncated
    school.target_date = datetime(2026, 1, 31).date()
    school.save()
    services.goal_scale_set(actor=users["caseworker"], goal=school, target_score=7, gas_weight=1.5,
                            gas_levels={"-2": "a", "-1": "b", "0": "c", "1": "d", "2": "e"})
    # Respondents come and go.
    _round(users, story, school, (2025, 4, 7), {"child": 5, "mother": 5, "caseworker": 5}, gas_level=-1)
    _round(users, story, school, (2025, 7, 7), {"child": 5, "caseworker": 4})
    _round(users, story, school, (2025, 10, 6), {"mother": 5, "child": 4}, gas_level=1)
    for day in ((2025, 4, 7), (2025, 7, 7), (2025, 10, 6)):  # no progression: a flag raised, with its intervals
        _round(users, story, family, day, {"caseworker": 3, "mother": 3})
    child = read_child(story.child)
    compared = 0
    with translation.override(language):
        prog = section_context(child)["prog"]
        for g in prog.goals:
            if not (g.active and g.rounds):
                continue
            for can_casework in (True, False):
                expected = render_to_string("progression/_goal.html", {
                    "g": g, "child": child, "can_casework": can_casework, "pdf": False})
                assert goal_card_html(g, child.pk, can_casework) == expected
                compared += 1
        flags = section_context(child)["flags"]
        assert any(f["interval_rows"] for f in flags) and any(f["goal_rows"] for f in flags)
        assert flags_html(flags) == render_to_string("progression/_flags.html", {"flags": flags})
    assert compared == 4


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_raised_flag_is_the_templates(users, story, language):
    for day in ((2025, 4, 7), (2025, 7, 7), (2025, 10, 6)):  # nobody saw the child move: no progression
        for goal in story.goals:
            _round(users, story, goal, day, {"child": 4, "mother": 5, "caseworker": 4})
    with translation.override(language):
        flags = section_context(read_child(story.child))["flags"]
        assert any(f["raised"] for f in flags) and any(f["interval_rows"] for f in flags)
        assert flags_html(flags) == render_to_string("progression/_flags.html", {"flags": flags})
