# SPDX-License-Identifier: MPL-2.0
"""Recording a decision on a professional notification prompts the feedback at once (issue #15;
seed analysis: feedback missing in 13 of 16 cases): the caseworker lands on that notification's
feedback form with the content the decision implies; other notifiers lead back to the notification."""

from datetime import timedelta

import pytest

from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = pytest.mark.django_db


def _notification(users, child, kind, professional, team):
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=clock.now() - timedelta(hours=5), channel="phone",
        notifier_kind=kind, notifier_professional=professional, concern="Bekymring (syntetisk)", children=[child],
        team=team)
    practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    return n


def _decide(client, n, child, outcome):
    return client.post(f"/underretninger/{n.pk}/decision/", {
        "child": child.pk, "decided_at": clock.now().strftime("%Y-%m-%dT%H:%M"), "outcome": outcome})


def test_professional_notifier_prompts_feedback(client, users, child, team):
    """Since issue #18 the prompt is the feedback letter, drafted with the decision."""
    n = _notification(users, child, "school", True, team)
    client.force_login(users["caseworker"])
    r = _decide(client, n, child, "investigation")
    letter = n.letters.get(kind="feedback")
    assert r.status_code == 302 and r["Location"] == f"/breve/{letter.pk}/"
    page = client.get(r["Location"]).content.decode()
    assert "Send tilbagemelding til underretteren nu?" in page
    assert '<option value="investigation_started" selected>' in page
    assert "Vi er begyndt på en børnefaglig undersøgelse" in page  # in the letter's preview


def test_private_notifier_goes_back_to_the_notification(client, users, child, team):
    n = _notification(users, child, "family", False, team)
    client.force_login(users["caseworker"])
    r = _decide(client, n, child, "no_action")
    assert r.status_code == 302 and r["Location"] == f"/underretninger/{n.pk}/"


def test_the_service_refuses_feedback_to_an_anonymous_caller_even_marked_professional(users, child, team):
    """The one rule (`feedback_owed`, #15): the service agrees with the page and the deadline engine."""
    from django.core.exceptions import ValidationError

    n = _notification(users, child, "anonymous", True, team)
    with pytest.raises(ValidationError):
        practice.notifier_feedback_record(actor=users["caseworker"], notification=n, given_at=clock.now(),
                                          content="nothing_started")
    assert not n.feedback.exists()
