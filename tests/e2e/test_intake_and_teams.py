# SPDX-License-Identifier: MPL-2.0
"""Issue #13 in a real browser: the receiving unit sees a child's intake view, not the file; a team
leader assigns within the team and moves a case to another team with a reason. At 1366 and 390 px.
FOREBYG_SHOTS=<dir> saves screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django_scopes import scope

from forebyg.cases import models as m
from tests.security.casefile import FILE_SECRETS, build

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTHS = (1366, 390)


def shot(page, name: str) -> None:
    target = os.environ.get("FOREBYG_SHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{target}/{name}-{page.viewport_size['width']}.png", full_page=True)


def test_receiving_unit_sees_the_intake_view(session_for, municipality):
    cf = build(municipality)
    s = session_for("modtagelse")
    page = s.page
    s.goto("/underretninger/ny/")
    page.fill("#id_received_at", "2026-03-03T09:00")
    page.select_option("#id_notifier_kind", "anonymous")
    page.fill("#id_concern", "Nabo ringer om råb fra lejligheden (syntetisk).")
    page.fill("#id_children", "640315-4179")
    s.submit()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        s.goto(f"/boern/{cf.child.pk}/")
        main = page.locator("main").inner_text()
        assert "Modtagelsesoverblik" in main and "Kendt i kommunen" in main
        assert "Team Nord" in main and "Rådgiver-Nord" in main, main
        assert "02.02.2026" in main and "Skolen ved Søen" in main and "Besluttet" in main
        for secret in FILE_SECRETS:
            assert secret not in page.content()
        shot(page, "modtagelse-barn")
    page.click("text=Åbn hele sagen (angiv begrundelse)")
    page.wait_for_load_state()
    assert "/sikkerhed/adgang/child/" in page.url
    shot(page, "modtagelse-begrundelse")


def test_team_leader_assigns_in_the_team_and_moves_with_a_reason(session_for, municipality):
    cf = build(municipality)
    from datetime import date

    from forebyg.cases.services import practice as p

    with scope(municipality=[municipality.code]):
        other = p.child_register(actor=cf.receiving, name="Noa Syntetisk", birth_date=date(2017, 1, 5))
        n = p.notification_register(actor=cf.receiving, received_at=p.clock.now(), channel="phone",
                                    notifier_kind="daycare", notifier_professional=True, concern="Bekymring",
                                    children=[other], team=cf.team_a)
        case = p.case_open(actor=cf.leader_a, child=other, team=cf.team_a)
    s = session_for("leder-nord")
    page = s.page
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        s.goto("/team/")
        options = page.locator(f"#id_{n.pk}-caseworker option").all_inner_texts()
        assert "Rådgiver-Nord" in options and "Rådgiver-Syd" not in options, options
        shot(page, "teamleder-team")
    page.click(f"a[href='/team/flyt/case/{case.pk}/']")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Flyt til andet team"
    page.select_option("#id_team", label="Team Syd")
    page.fill("#id_reason", "kort")
    s.submit()
    assert "mindst 10 tegn" in page.locator("main").inner_text()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, "teamleder-flyt")
    page.fill("#id_reason", "Familien er flyttet til Syd-distriktet")
    s.submit()
    assert "Flyttet til Team Syd" in page.locator("main").inner_text()
    with scope(municipality=[municipality.code]):
        assert m.Case.objects.get(pk=case.pk).team_id == cf.team_b.pk
