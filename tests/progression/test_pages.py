# SPDX-License-Identifier: MPL-2.0
"""Progression selectors and pages: the child's progression with its staircase path and flags, the
chart (SVG and PNG), the summary (HTML and PDF), the team view, forms, permissions and scoping."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from forebyg.audit.models import AccessLog
from forebyg.domain import progression as dp
from forebyg.progression import models as pm
from forebyg.progression import selectors, services

CPH = ZoneInfo("Europe/Copenhagen")
pytestmark = pytest.mark.django_db


def scale(users, story, goal, day, scores, **kw):
    return services.scaling_round_record(
        actor=users["caseworker"], child=story.child, goal=goal, held_at=datetime(*day, 10, tzinfo=CPH),
        entries=[dp.Entry(k, v, "Anne" if k == "mother" else "", "Et skridt videre" if k == "child" else "")
                 for k, v in scores.items()], **kw)


@pytest.fixture
def stalled(users, story):
    """Three follow-ups at which nobody saw the child move: flagged 'no progression'."""
    for day in ((2025, 4, 7), (2025, 7, 7), (2025, 10, 6)):
        for goal in story.goals:
            scale(users, story, goal, day, {"child": 4, "mother": 5, "caseworker": 4})
    return story


def test_child_progression_path_flags_and_tables(users, stalled):
    prog = selectors.child_progression(stalled.child, as_of=datetime(2025, 11, 1, tzinfo=CPH))
    assert [(s.step, s.measure) for s in prog.segments] == [
        (3, stalled.measures[0].pk), (4, stalled.measures[1].pk), (3, stalled.measures[0].pk), (2, stalled.measures[2].pk)]
    assert [t.direction for t in prog.transitions] == ["start", "up", "down", "down"]
    assert prog.current_step == 2
    assert prog.flags[dp.STALLED].raised and not prog.flags[dp.REACHED].raised
    school = next(g for g in prog.goals if g.goal.life_area == "school")
    assert school.active and school.target == 8
    assert school.respondents == [("child", ""), ("mother", "Anne"), ("caseworker", "")]
    assert [row["cells"] for row in school.table] == [[4, 5, 4]] * 3


def test_reached_and_stable_in_the_team_view(users, story, client):
    for day in ((2025, 7, 7), (2025, 10, 6)):
        for goal in story.goals:
            scale(users, story, goal, day, {"child": 8, "mother": 9})
    rows = selectors.team_flags(users["team_leader"], as_of=datetime(2025, 11, 1, tzinfo=CPH))
    assert len(rows) == 1 and rows[0].flags[dp.REACHED].raised and rows[0].step == 2
    client.force_login(users["team_leader"])
    page = client.get(reverse("progression_team"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Testbarn Syntetisk" in text and "Mål nået og stabile: 1" in text
    assert "dets seneste 2 skaleringsrunder" in text  # the rule is shown with its thresholds
    assert "8,5 (06.10.2025)" in text  # the numbers behind the flag: each goal's last rounds
    only = client.get(reverse("progression_team") + "?flag=no_progression").content.decode()
    assert "Testbarn Syntetisk" not in only


def test_the_team_view_shows_only_the_users_own_children(users, stalled, client):
    from forebyg.accounts.models import Role
    from tests.conftest import make_user

    other = make_user(users["caseworker"].municipality, Role.CASEWORKER, "othercw")
    assert selectors.team_flags(other) == []
    assert len(selectors.team_flags(users["caseworker"])) == 1  # the caseworker's own case
    assert len(selectors.team_flags(users["manager"])) == 1
    client.force_login(users["receiving_unit"])
    assert client.get(reverse("progression_team")).status_code == 403


def test_progression_page_chart_and_summary(users, stalled, client):
    client.force_login(users["caseworker"])
    child = stalled.child
    page = client.get(reverse("progression_child", args=[child.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    goal = stalled.goals[1]
    chart_url = reverse("progression_chart", args=[child.pk, goal.pk, "svg"])
    assert chart_url in html and "<caption>" in html and 'scope="col"' in html
    svg = client.get(chart_url)
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.lstrip().startswith(b"<svg")
    assert b"Trin 4" in svg.content  # the staircase band behind the lines
    png = client.get(reverse("progression_chart", args=[child.pk, goal.pk, "png"]))
    assert png["Content-Type"] == "image/png" and png.content[:4] == b"\x89PNG"
    assert client.get(reverse("progression_chart", args=[child.pk, goal.pk, "gif"])).status_code == 404
    summary = client.get(reverse("progression_summary", args=[child.pk])).content.decode()
    assert "Opsummering af progression" in summary and "Et skridt videre" in summary
    pdf = client.get(reverse("progression_summary_pdf", args=[child.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    views = set(AccessLog.objects.filter(child_id=child.pk).values_list("view", flat=True))
    assert {"progression", "progression.chart", "progression.summary", "progression.summary_pdf"} <= views


def test_child_page_shows_the_section_and_the_action(users, stalled, client):
    client.force_login(users["caseworker"])
    html = client.get(reverse("child", args=[stalled.child.pk])).content.decode()
    assert 'id="h-progression"' in html and "Registrér skaleringsrunde" in html
    assert reverse("progression_chart", args=[stalled.child.pk, stalled.goals[0].pk, "svg"]) in html
    assert "Ingen fremgang" in html
    assert html.count("Skaleringsrunde</strong>") == 6  # on the timeline: 3 occasions x 2 goals


def test_scaling_form_through_the_child_action(users, story, client):
    client.force_login(users["caseworker"])
    child, goal = story.child, story.goals[1]
    url = reverse("child_action", args=[child.pk, "scaling"])
    form = client.get(url + f"?goal={goal.pk}")
    html = form.content.decode()
    assert form.status_code == 200 and f'value="{goal.pk}" selected' in html
    data = {"goal": goal.pk, "held_at": "2025-04-07T10:00", "context": f"followup:{story.followups[0].pk}",
            "gas_level": "", "r0_respondent": "child", "r0_score": "3", "r0_next": "Jeg kommer før ringetid",
            "r1_respondent": "mother", "r1_name": "Anne", "r1_score": "5", "r2_respondent": "caseworker",
            "r2_score": ""}
    bad = client.post(url, {**data, "r1_score": "", "r1_next": "tekst uden score"})
    assert bad.status_code == 200 and pm.ScalingRound.objects.count() == 0
    ok = client.post(url, data)
    assert ok.status_code == 302
    r = pm.ScalingRound.objects.get()
    assert r.followup == story.followups[0] and r.by == users["caseworker"]
    assert r.entries == [{"respondent": "child", "score": 3, "next_step": "Jeg kommer før ringetid"},
                         {"respondent": "mother", "score": 5, "name": "Anne"}]
    client.force_login(users["receiving_unit"])
    assert client.get(url).status_code == 403


def test_goal_scale_and_instrument_pages(users, story, client):
    client.force_login(users["caseworker"])
    child, goal = story.child, story.goals[0]
    url = reverse("progression_goal_scale", args=[child.pk, goal.pk])
    levels = {f"gas_{k}": f"Niveau {k}" for k in ("-2", "-1", "0", "1", "2")}
    assert client.post(url, {"target_score": "7", "gas_weight": "1", **levels}).status_code == 302
    assert pm.GoalScale.objects.get().gas_levels["0"] == "Niveau 0"
    answer_url = reverse("progression_instrument_answer", args=[child.pk, "forebyg-trivsel", "1"])
    page = client.get(answer_url).content.decode()
    assert "Ikke et valideret klinisk instrument" in page  # the licence note is shown where it is used
    answers = {"item_home_good": "4", "item_home_adult": "3", "item_school_good": "2", "item_friends": "3",
               "item_left_out": "1", "item_sleep": "4", "item_worried": "3", "item_like_myself": "2"}
    done = client.post(answer_url, {"answered_at": "2025-05-01T10:00", "respondent": "child", **answers})
    assert done.status_code == 302
    a = pm.InstrumentAnswer.objects.get()
    assert (a.scores["total"]["value"], a.scores["total"]["band"], a.instrument_version) == (22, "some", "1")
    shown = client.get(reverse("progression_child", args=[child.pk])).content.decode()
    assert "Nogle svar peger på ting at tale om" in shown and "CC0 1.0" in shown


def test_another_municipalitys_child_is_not_found(users, stalled, client, other_municipality):
    from forebyg.accounts.models import Role
    from tests.conftest import make_user

    stranger = make_user(other_municipality, Role.CASEWORKER, "stranger")
    client.force_login(stranger)
    goal = stalled.goals[0]
    for url in (reverse("progression_child", args=[stalled.child.pk]),
                reverse("progression_chart", args=[stalled.child.pk, goal.pk, "svg"]),
                reverse("progression_summary_pdf", args=[stalled.child.pk])):
        assert client.get(url).status_code == 404


def test_settings_and_instruments_pages_need_configuration_rights(users, client):
    client.force_login(users["caseworker"])
    assert client.get(reverse("progression_settings")).status_code == 403
    assert client.get(reverse("progression_instruments")).status_code == 200
    client.force_login(users["administrator"])
    page = client.get(reverse("progression_settings"))
    assert page.status_code == 200
    data = {"form": "rules", "reached_rounds": "3", "default_target": "7", "reached_aggregate": "min",
            "use_gas": "on", "gas_reached_level": "0", "stalled_followups": "2", "min_increase": "0.5",
            "gas_rho": "0.3"}
    assert client.post(reverse("progression_settings"), data).status_code == 302
    assert selectors.settings_for(657).rules == dp.FlagRules(reached_rounds=3, default_target=7,
                                                             reached_aggregate="min", min_increase=0.5)


def test_scaling_form_without_goals_points_to_the_plan(users, child, client):
    from forebyg.cases.services.practice import case_open

    # the child is the caseworker's (a registered child alone gives only the intake view, issue #13)
    case_open(actor=users["caseworker"], child=child, caseworker=users["caseworker"])
    client.force_login(users["caseworker"])
    html = client.get(reverse("child_action", args=[child.pk, "scaling"])).content.decode()
    assert "Barnet har endnu ingen mål" in html and "<form method=\"post\" class=\"stacked\"" not in html


def test_a_child_without_a_birth_date_gets_the_default_respondents(users, scoped):
    """A child registered by name only (issue #15) has no age: the scaling form offers the child's row
    and the school, as for a school-age child, instead of failing."""
    from forebyg.cases.services import practice
    from forebyg.core import clock
    from forebyg.progression.forms import default_respondents

    child = practice.child_register(actor=users["caseworker"], name="Emma i 3.b (syntetisk)")
    assert child.birth_date is None
    rows = default_respondents(child, clock.today())
    assert [kind for kind, _name in rows] == ["child", "caseworker", "school"]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("can_casework", [True, False])
def test_the_child_pages_section_shows_what_the_whole_progression_would(users, stalled, language, can_casework):
    """The child page's section is written from `section_context`, which leaves out what only the
    progression page shows (issue #20): the section is the same as from the whole `progression_context`."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from forebyg.progression.views import progression_context, section_context

    child = stalled.child
    scale(users, stalled, stalled.goals[0], (2025, 10, 20), {"child": 6, "mother": 7})  # a next step, two respondents
    with translation.override(language):
        mine, whole = ({**ctx(child), "child": child, "can_casework": can_casework, "pdf": False}
                       for ctx in (section_context, progression_context))
        assert mine["prog"].current_step == 2 and mine["flags"]
        assert (render_to_string("progression/_child_section.html", mine)
                == render_to_string("progression/_child_section.html", whole))
