# SPDX-License-Identifier: MPL-2.0
"""The case review in the browser: a team leader runs a stratified sample review with a seed,
reads the report, overrides a finding with a reason, turns a not-met finding into a task and
downloads the PDF; the caseworker finds the task on "Mit arbejde" and marks it done."""

import re

import pytest
from django_scopes import scopes_disabled

from forebyg.accounts.models import User
from forebyg.audit.models import AccessLog, LogEntry
from forebyg.cases.services.interchange import interchange_import
from forebyg.review.models import FindingOverride, Review, ReviewTask
from tests.review.conftest import known_lines

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def known(municipality, users):
    interchange_import(lines=known_lines())
    with scopes_disabled():
        cw = User.objects.get(username="cw-a")
        cw.set_password("pw")
        cw.save()
    return cw


def test_sample_review_override_task_and_pdf(session_for, known, tmp_path):
    s = session_for("teamleader")
    page = s.page
    page.click("nav >> text=Sagsgennemgang")
    page.wait_for_load_state()
    s.a11y()
    page.click("main >> text=Ny sagsgennemgang")
    page.wait_for_load_state()
    s.a11y()
    page.fill("#id_title", "Stikprøve 2023")
    page.fill("#id_period_start", "2023-01-01")
    page.fill("#id_period_end", "2023-12-31")
    page.fill("#id_sample_size", "8")
    page.fill("#id_seed", "2024")
    page.check("input[name=stratify_by][value=measure_kind]")
    page.fill("#id_as_of", "2024-06-01T12:00")
    s.submit()
    main = page.locator("main").inner_text()
    assert "Stikprøve 2023" in page.locator("h1").inner_text(), main
    assert "Gennemgangen omfatter 8 sager ud af 16" in main and "startværdien 2024" in main
    for theme in ("Håndtering af underretninger", "Inddragelse af barn, familie og netværk",
                  "Den børnefaglige undersøgelse", "Iværksættelse af indsats", "Opfølgning"):
        assert theme in main
    assert re.search(r"I \d+ af \d+ sager fremgår det ikke af sagens akter, at faglig underretter", main)
    with scopes_disabled():
        review = Review.objects.get(title="Stikprøve 2023")
        assert (review.seed, review.case_count) == (2024, 8)

    # The cases behind a number: those where the notifier's feedback is not documented.
    page.click("a[href*='point=notification.notifier_feedback']")
    page.wait_for_load_state()
    s.a11y()
    rows = page.locator("main tbody tr")
    assert rows.count() >= 1
    rows.first.locator("a").click()
    page.wait_for_load_state()
    s.a11y()
    finding = page.locator("article.finding", has_text="Tilbagemelding til faglig underretter")
    assert "Ikke opfyldt" in finding.inner_text() and "Underretning" in finding.inner_text()

    # Override the machine finding with a written reason.
    finding.locator("summary", has_text="Ændr vurderingen").click()
    finding.locator("select[name$='-outcome']").select_option("met")
    finding.locator("textarea[name$='-reason']").fill("Skolen blev orienteret på netværksmødet; se referatet.")
    finding.locator("button", has_text="Gem ændringen").click()
    page.wait_for_load_state()
    s.a11y()
    finding = page.locator("article.finding", has_text="Tilbagemelding til faglig underretter")
    text = finding.inner_text()
    assert "Opfyldt" in text and "automatisk vurdering: Ikke opfyldt" in text and "Ændret af" in text

    # Turn another not-met finding into a task for the case's caseworker.
    other = page.locator("article.finding:has(details:has-text('Opret en opgave til rådgiveren'))").first
    other.locator("summary", has_text="Opret en opgave til rådgiveren").click()
    assert other.locator("select[name$='-assignee']").input_value() == "cw-a"
    other.locator("input[name$='-due_date']").fill("2024-07-01")
    other.locator("button", has_text="Opret opgave").click()
    page.wait_for_load_state()
    assert "Opgaven er oprettet" in page.locator("main").inner_text()
    with scopes_disabled():
        assert FindingOverride.objects.count() == 1 and ReviewTask.objects.count() == 1
        assert LogEntry.objects.filter(action_type="review.finding.overridden").count() == 1
        assert AccessLog.objects.filter(view="review.case").exists()

    # The report counts the override; download the PDF.
    s.goto(f"/sagsgennemgang/{review.pk}/")
    assert "1 ændret" in page.locator("main").inner_text()
    with page.expect_download() as info:
        page.click("#download-pdf")
    path = tmp_path / "rapport.pdf"
    info.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert info.value.suggested_filename.endswith(".pdf")

    # The caseworker sees the task on "Mit arbejde" and marks it done.
    c = session_for("cw-a")
    c.goto("/mit-arbejde/")
    tasks = c.page.locator("#review-tasks")
    assert "Barn" in tasks.inner_text()
    tasks.locator("tbody a").first.click()
    c.page.wait_for_load_state()
    c.a11y()
    c.page.fill("#id_note", "Orienteret og dokumenteret.")
    c.page.click("main form.stacked button[type=submit]")
    c.page.wait_for_load_state()
    c.a11y()
    assert "Opgaven er markeret som udført" in c.page.locator("main").inner_text()
    with scopes_disabled():
        assert ReviewTask.objects.get().status == "done"
