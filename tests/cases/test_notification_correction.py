# SPDX-License-Identifier: MPL-2.0
"""A notification can be corrected (issue #15): "Ret underretning" changes the notifier, whether a
professional, the time received and the children, with a reason; the earlier version stays and the
page lists the correction. Bad input says why and changes nothing. A feedback refused because the
notifier is registered as not professional says why and links to the correction."""

from datetime import timedelta

import pytest
from django_scopes import scopes_disabled

from forebyg.audit.models import LogEntry
from forebyg.cases import models as m
from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def wrong(users, child, team):
    """A teacher's notification registered by mistake as from a family member."""
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=clock.now() - timedelta(hours=5), channel="phone",
        notifier_kind="family", notifier_professional=False, concern="Bekymring (syntetisk)", children=[child],
        team=team)
    practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    return n


def _post(client, n, child, **over):
    data = {"received_at": (clock.now() - timedelta(hours=6)).astimezone(clock.CPH).strftime("%Y-%m-%dT%H:%M"),
            "notifier_kind": "school", "notifier_professional": "", "notifier_name": "Lærer (syntetisk)",
            "keep": [child.pk], "add": "", "reason": "Underretteren er klasselærer, ikke familie"}
    data.update(over)
    return client.post(f"/underretninger/{n.pk}/ret/", data)


def test_correction_keeps_the_earlier_version_and_shows_it(client, users, child, wrong):
    client.force_login(users["caseworker"])
    with scopes_disabled():
        versions = wrong.history.count()
    r = _post(client, wrong, child)
    assert r.status_code == 302, r.content.decode()[-1500:]
    with scopes_disabled():
        n = m.Notification.objects.get(pk=wrong.pk)
        assert (n.notifier_kind, n.notifier_professional) == ("school", True)
        assert n.history.count() == versions + 1 and n.history.earliest("history_date").notifier_kind == "family"
        entry = LogEntry.objects.filter(action_type="cases.notification.corrected").latest("id")
    assert entry.actor == users["caseworker"]
    page = client.get(f"/underretninger/{n.pk}/").content.decode()
    section = page.split("<h2>Rettelser</h2>", 1)[1]
    assert "Underretteren er klasselærer, ikke familie" in section and "Familie → Skole" in section
    assert "(fagperson)" in page


def test_bad_correction_changes_nothing(client, users, child, wrong):
    client.force_login(users["caseworker"])
    with scopes_disabled():
        versions = wrong.history.count()
    r = _post(client, wrong, child, reason="")
    assert r.status_code == 200 and "Dette felt er påkrævet" in r.content.decode()
    r = _post(client, wrong, child, keep=[], add="")
    assert r.status_code == 200 and "mindst ét barn" in r.content.decode()
    r = _post(client, wrong, child, received_at=(clock.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    assert r.status_code == 200 and "i fremtiden" in r.content.decode()
    with scopes_disabled():
        assert m.Notification.objects.get(pk=wrong.pk).history.count() == versions


def test_refused_feedback_links_to_the_correction(client, users, child, wrong):
    client.force_login(users["caseworker"])
    html = client.get(f"/underretninger/{wrong.pk}/feedback/").content.decode()
    assert "Der gives kun tilbagemelding til faglige underrettere" in html
    assert f'href="/underretninger/{wrong.pk}/ret/">Ret underretning</a>' in html
