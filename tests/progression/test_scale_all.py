# SPDX-License-Identifier: MPL-2.0
""""Skaler alle mål" (issue #15): every goal of the plan scaled in one form, one scaling round per
goal written in one transaction through the scaling service; bad input on any goal saves nothing and
marks that goal with a Danish message."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from forebyg.audit.models import LogEntry
from forebyg.core import clock
from forebyg.domain import progression as dp
from forebyg.progression import models as pm
from forebyg.progression.round_forms import plan_goals

pytestmark = pytest.mark.django_db


def _post(client, users, story, data):
    client.force_login(users["caseworker"])
    base = {"held_at": clock.now().strftime("%Y-%m-%dT%H:%M"), "context": "",
            "r0_respondent": "child", "r1_respondent": "mother", "r1_name": "Anne", "r2_respondent": "caseworker"}
    with translation.override("da"):
        return client.post(reverse("progression_scale_all", args=[story.child.pk]), {**base, **data},
                           HTTP_ACCEPT_LANGUAGE="da")


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_page_lists_every_goal_of_the_plan_with_its_scale(client, users, story):
    client.force_login(users["caseworker"])
    with translation.override("da"):
        html = client.get(reverse("progression_scale_all", args=[story.child.pk])).content.decode()
    text = _text(html)
    assert "Skaler alle mål" in text and "Alle planens 2 mål fra 20. januar 2025 i én runde" in text
    assert "Mål 1: Skole og dagtilbud – Møder i skole til tiden (syntetisk)." in text
    assert "Mål 2: Familie – Faste rutiner om morgenen (syntetisk)." in text
    assert 'name="g0_r0_score"' in html and 'name="g1_r0_score"' in html


def test_one_round_per_goal_in_one_submit(client, users, story):
    _plan, goals = plan_goals(story.child)
    r = _post(client, users, story, {"g0_r0_score": "4", "g0_r0_next": "Komme før klokken ringer",
                                     "g0_r1_score": "6", "g1_r0_score": "7", "g1_r2_score": "5"})
    assert r.status_code == 302, _text(r.content.decode())[:800]
    rounds = {x.goal_id: x for x in pm.ScalingRound.objects.all()}
    assert set(rounds) == {goals[0].pk, goals[1].pk}
    assert [(e.respondent, e.score, e.name, e.next_step) for e in dp.entries_from_json(rounds[goals[0].pk].entries)] \
        == [("child", 4, "", "Komme før klokken ringer"), ("mother", 6, "Anne", "")]
    assert [(e.respondent, e.score) for e in dp.entries_from_json(rounds[goals[1].pk].entries)] \
        == [("child", 7), ("caseworker", 5)]
    assert LogEntry.objects.filter(action_type="progression.scaling.recorded").count() == 2
    with translation.override("da"):
        assert "Gemt: 2 af 2 mål er skaleret." in _text(client.get(r["Location"]).content.decode())


@pytest.mark.parametrize("bad, message", [
    # the service refuses goal 2: the same respondent twice
    ({"r3_respondent": "child", "g1_r3_score": "3"}, "Den samme person står to gange"),
    # the form refuses goal 2: a score in a row nobody is named for
    ({"g1_r4_score": "3"}, "Række 5 har en score, men ingen svarperson"),
])
def test_bad_input_on_one_goal_saves_nothing_and_marks_that_goal(client, users, story, bad, message):
    logged = LogEntry.objects.count()
    r = _post(client, users, story, {"g0_r0_score": "4", "g0_r1_score": "6", "g1_r0_score": "7", **bad})
    assert r.status_code == 200
    assert not pm.ScalingRound.objects.exists() and not pm.ScalingRound.history.exists()
    assert LogEntry.objects.count() == logged
    html = r.content.decode()
    assert "Intet er gemt: ret de mål, der er markeret nedenfor." in _text(html)
    marked = re.findall(r'<fieldset class="goal-round has-errors" id="goal-(\d)"', html)
    assert marked == ["2"]
    goal2 = html[html.index('id="goal-2"'):]
    assert message in goal2
    assert 'value="7" selected' in goal2  # what was typed is kept


def test_a_future_time_is_refused_once_and_nothing_saved(client, users, story):
    r = _post(client, users, story, {"held_at": "2099-01-01T10:00", "g0_r0_score": "4", "g1_r0_score": "5"})
    assert r.status_code == 200 and not pm.ScalingRound.objects.exists()
    assert _text(r.content.decode()).count("En skaleringsrunde kan ikke ligge i fremtiden") == 1


def test_only_caseworkers_and_team_leaders(client, users, story):
    client.force_login(users["analyst"])
    assert client.get(reverse("progression_scale_all", args=[story.child.pk])).status_code == 403
