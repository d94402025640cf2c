# SPDX-License-Identifier: MPL-2.0
"""A caseworker records the decision on a school teacher's notification; Forebyg prompts the feedback
letter, the caseworker previews it and sends it by Digital Post (the local SF1601 double), and the
feedback deadline leaves Mine frister (issue #18)."""

from datetime import date, timedelta

import pytest
from django_scopes import scope

from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_decision_prompts_the_feedback_letter_which_is_sent_and_meets_the_deadline(
        session_for, users, municipality, team, settings, tmp_path):
    settings.FOREBYG_SF1601_DOUBLE_DIR = str(tmp_path / "sf1601")
    settings.FOREBYG_DOCUMENTS_DIR = tmp_path / "documents"
    with scope(municipality=[municipality.code]):
        child = practice.child_register(actor=users["receiving_unit"], name="Alma Syntetisk",
                                        birth_date=date(2014, 5, 6))
        received = clock.now() - timedelta(days=3)
        n = practice.notification_register(
            actor=users["receiving_unit"], received_at=received, channel="phone", notifier_kind="school",
            notifier_professional=True, notifier_name="Karen Skovlærer", concern="Bekymring (syntetisk)",
            children=[child], team=team)
        practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
        practice.investigation_start(actor=users["caseworker"], child=child, aware_at=received,
                                     started_at=received + timedelta(days=1), consent=True)
    s = session_for("caseworker")
    s.goto("/frister/")
    assert "Send tilbagemelding" in s.page.locator("main").inner_text()

    s.goto(f"/underretninger/{n.pk}/decision/")
    s.page.select_option("#id_child", child.pk)
    s.page.select_option("#id_outcome", "investigation")
    s.submit()
    main = s.page.locator("main").inner_text()
    assert "Send tilbagemelding til underretteren nu?" in s.page.inner_text("body")
    assert "Tilbagemelding til fagperson, der har underrettet" in main
    preview = s.page.locator(".letter-paper").inner_text()
    assert "Kære Karen Skovlærer" in preview and "Vi er begyndt på en børnefaglig undersøgelse" in preview
    assert "Kladde" in s.page.locator("#letter-status").inner_text()

    s.page.fill("#id_recipient_cvr", "29189846")  # the school's Digital Post
    s.page.click("button[value=send]")
    s.page.wait_for_load_state()
    s.a11y()
    assert "Leveret" in s.page.locator("#letter-status").inner_text()
    assert "Brevet som PDF" in s.page.locator("main").inner_text()

    s.goto(f"/underretninger/{n.pk}/")
    assert "Leveret" in s.page.locator("#letters").inner_text()
    s.goto("/frister/")
    main = s.page.locator("main").inner_text()
    assert "Alma Syntetisk" in main  # her other deadlines are still there (the receipt, the investigation)
    assert "Send tilbagemelding" not in main
