# SPDX-License-Identifier: MPL-2.0
"""Mine frister as a work queue (issue #15): overdue and the next 14 days by default, grouped by
child, filtered by kind, and every row leads to the record it is about with the action there — the
acknowledgement of *that* notification, not the child page."""

from datetime import timedelta

import pytest

from forebyg.cases.services import practice
from forebyg.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(users, child, team):
    """Two notifications about one child: the older one acknowledged, the newer one not; and an
    investigation whose 4 months run far beyond the 14 days."""
    now = clock.now()
    rec, leader, cw = users["receiving_unit"], users["team_leader"], users["caseworker"]

    def notify(hours_ago):
        n = practice.notification_register(actor=rec, received_at=now - timedelta(hours=hours_ago), channel="phone",
                                           notifier_kind="school", notifier_professional=True,
                                           concern="Bekymring (syntetisk)", children=[child], team=team)
        practice.notification_assign(actor=leader, notification=n, caseworker=cw)
        return n

    old, new = notify(60), notify(2)
    practice.acknowledgement_record(actor=rec, notification=old, sent_at=now - timedelta(hours=50))
    practice.investigation_start(actor=cw, child=child, aware_at=now - timedelta(hours=1), started_at=now, consent=True)
    return {"old": old, "new": new}


def _queue(client, user, query=""):
    client.force_login(user)
    html = client.get("/frister/" + query).content.decode()
    return html.split('<table class="queue">', 1)[1].split("</table>", 1)[0]


def test_each_row_leads_to_its_own_record_and_action(client, users, child, work):
    table = _queue(client, users["caseworker"])
    ack_rows = [r for r in table.split("<tr>") if "Kvittering for modtagelse" in r]
    assert len(ack_rows) == 1  # the older notification is acknowledged
    row = ack_rows[0]
    assert f'href="/underretninger/{work["new"].pk}/"' in row  # the title leads to that notification
    # acknowledging is the receiving unit's: the caseworker is offered the notification itself
    assert f'class="button" href="/underretninger/{work["new"].pk}/">Åbn<' in row and "/ack/" not in row
    acute = [r for r in table.split("<tr>") if "Akutvurdering" in r]
    assert {f'/underretninger/{n.pk}/' for n in work.values()} == {
        r.split('class="button" href="', 1)[1].split('"', 1)[0] for r in acute}


def test_the_action_itself_for_a_user_who_may_do_it(client, users, child, work):
    from forebyg.deadlines import selectors as sel

    obligations = sel.obligations_for_children(municipality_id=child.municipality_id, child_ids=[child.pk],
                                               as_of=clock.now())
    rows = sel.rows(obligations, municipality_id=child.municipality_id, user=users["team_leader"])
    (ack,) = [r for r in rows if r.kind == "acknowledgement" and r.ob.met_at is None]
    # since issue #18 the action opens the receipt letter (recording only stays possible from there)
    assert ack.action == ("Send kvittering", f"/breve/underretning/{work['new'].pk}/receipt/")


def test_queue_is_grouped_by_child_and_leaves_far_deadlines_for_all(client, users, child, work):
    table = _queue(client, users["caseworker"])
    assert f'scope="rowgroup"><a href="/boern/{child.pk}/">{child.name}</a>' in table
    assert "Børnefaglig undersøgelse" not in table  # due in 4 months: not in the 14-day queue
    everything = _queue(client, users["caseworker"], "?all=1")
    assert "undersøgelse" in everything.lower()
    assert ">Åbn undersøgelsen<" in everything


def test_filter_by_kind(client, users, child, work):
    table = _queue(client, users["caseworker"], "?kind=acknowledgement")
    assert "Kvittering for modtagelse" in table and "Akutvurdering" not in table
