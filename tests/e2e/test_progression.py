# SPDX-License-Identifier: MPL-2.0
"""Issue #5 in a real browser: a caseworker records two scaling rounds and sees the chart (an SVG
rendered on the server, same origin under the strict CSP), its table, the progression page, the
printable summary and the team view; axe-core checks every page."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scope, scopes_disabled

from forebyg.progression import models as pm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def child_with_goals(users, municipality, team):
    from forebyg.cases.services import practice

    cw = users["caseworker"]
    start = datetime(2025, 2, 3, 10, tzinfo=CPH)
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Ida Syntetisk", birth_date=date(2014, 1, 2),
                                        custody_holders=[{"name": "Anne Syntetisk", "relation": "Mor"}])
        practice.case_open(actor=cw, child=child, caseworker=cw, team=team)
        practice.measure_decide(actor=cw, child=child, kind="bl_family_treatment", decided_at=start,
                                started_at=start + timedelta(days=3))
        practice.plan_make(actor=cw, child=child, kind="barnets_plan", made_at=start + timedelta(days=10), summary=None,
                           goals=[{"life_area": "school", "text": "Ida møder i skole til tiden (syntetisk)."}])
        practice.followup_record(actor=cw, child=child, held_at=start + timedelta(days=90), note=None, next_due=None)
    return child


def record_round(s, child, held_at, child_score, mother_score, next_step):
    page = s.page
    s.goto(f"/boern/{child.pk}/")
    page.click("ul.actions >> text=Registrér skaleringsrunde")
    page.wait_for_load_state()
    s.a11y()
    page.fill("#id_held_at", held_at)
    page.select_option("#id_context", index=1)  # the follow-up
    assert page.input_value("#id_r0_respondent") == "child" and page.input_value("#id_r1_respondent") == "mother"
    assert page.input_value("#id_r1_name") == "Anne Syntetisk"
    page.select_option("#id_r0_score", str(child_score))
    page.fill("#id_r0_next", next_step)
    page.select_option("#id_r1_score", str(mother_score))
    page.select_option("#id_r2_score", "5")  # the caseworker
    s.submit()
    assert page.url.endswith(f"/boern/{child.pk}/"), page.url
    assert "Gemt." in page.locator(".messages").inner_text()


def test_caseworker_records_scaling_and_sees_the_chart(session_for, users, child_with_goals):
    s = session_for("caseworker")
    page = s.page
    child = child_with_goals
    record_round(s, child, "2025-05-05T10:00", 3, 5, "Jeg kommer til første time")
    # Bad input: a text without a score is refused with a message, nothing written.
    s.goto(f"/boern/{child.pk}/scaling/")
    page.fill("#id_r3_next", "tekst uden score")
    page.select_option("#id_r0_score", "4")
    s.submit()
    assert "Giv en score" in page.locator("main").inner_text()
    with scopes_disabled():
        assert pm.ScalingRound.objects.count() == 1
    record_round(s, child, "2025-08-04T10:00", 6, 7, "Jeg kommer til tiden hele ugen")

    # The child page: the chart is an image from our own origin, and it loaded.
    section = page.locator("section.progression")
    img = section.locator("img.chart-img")
    assert img.count() == 1
    src = img.get_attribute("src")
    assert src.startswith("/progression/boern/") and src.endswith("/graf.svg")
    page.wait_for_function("img => img.complete && img.naturalWidth > 300", arg=img.element_handle())
    assert "Graf over skaleringen" in img.get_attribute("alt")
    table = section.locator("table.scaling")
    headers = table.locator("thead th").all_inner_texts()
    assert headers[:4] == ["Dato", "Barnet", "Mor (Anne Syntetisk)", "Rådgiver"]
    assert table.locator("tbody tr").count() == 2
    assert table.locator("tbody tr").nth(1).locator("td").all_inner_texts()[:3] == ["6", "7", "5"]
    assert "Jeg kommer til tiden hele ugen" in section.inner_text()
    svg = page.request.get(s.base + src)
    assert svg.ok and svg.headers["content-type"] == "image/svg+xml" and b"Trin 3" in svg.body()

    # The whole progression, the printable summary, and the team view.
    section.locator("text=Hele progressionen").click()
    page.wait_for_load_state()
    s.a11y()
    assert "Trin over tid" in page.locator("main").inner_text()
    s.goto(f"/progression/boern/{child.pk}/opsummering/")
    assert "Opsummering af progression" in page.locator("h1").inner_text()
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    page.emulate_media(media="screen")
    pdf = page.request.get(s.base + f"/progression/boern/{child.pk}/opsummering.pdf")
    assert pdf.ok and pdf.body()[:5] == b"%PDF-"
    page.click("header nav >> text=Progression")
    page.wait_for_load_state()
    s.a11y()
    assert "Intet barn er markeret" in page.locator("table.team-flags").inner_text()  # two rounds: no flag yet
    page.click("text=Alle børn med aktive mål")
    page.wait_for_load_state()
    assert "Ida Syntetisk" in page.locator("table.team-flags").inner_text()


def test_goal_levels_questionnaire_and_settings_pages(session_for, users, child_with_goals):
    child = child_with_goals
    s = session_for("caseworker")
    page = s.page
    s.goto(f"/progression/boern/{child.pk}/")
    page.click("text=Målscore og GAS-niveauer")
    page.wait_for_load_state()
    s.a11y()
    page.select_option("#id_target_score", "7")
    for key, text in (("-2", "Kommer sjældnere"), ("-1", "Som nu"), ("0", "Til tiden fire dage"),
                      ("1", "Til tiden hver dag"), ("2", "Til tiden og med madpakke")):
        page.fill(f"#id_gas_{key}", text)
    s.submit()
    assert "målscore 7" in page.locator("main").inner_text()
    page.click("text=Forebygs trivselsspørgsmål")
    page.wait_for_load_state()
    s.a11y()
    assert "Ikke et valideret klinisk instrument" in page.locator(".licence").inner_text()
    for n, item in enumerate(["home_good", "home_adult", "school_good", "friends", "left_out", "sleep",
                              "worried", "like_myself"]):
        page.check(f"input[name=item_{item}][value='{[4, 3, 2, 3, 1, 4, 3, 2][n]}']")
    s.submit()
    answers = page.locator("main").inner_text()
    assert "Nogle svar peger på ting at tale om" in answers and "22" in answers
    admin = session_for("administrator")
    admin.page.click("header nav >> text=Indstillinger for progression")
    admin.page.wait_for_load_state()
    admin.a11y()
    admin.page.fill("#id_name_2", "Forebyggende støtte")
    admin.page.click("form:has(input[value=staircase]) button[type=submit]")
    admin.page.wait_for_load_state()
    assert "Indsatstrappen er gemt" in admin.page.locator(".messages").inner_text()
    admin.goto("/progression/instrumenter/")
    assert "Følger med Forebyg" in admin.page.locator("main").inner_text()
