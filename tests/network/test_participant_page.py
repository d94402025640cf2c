# SPDX-License-Identifier: MPL-2.0
"""A participant's page (issue #15): coming events first, events that have been held after them
and closed; a task whose due day has passed is closed for hand-in by link, while the secretariat
can still record a late hand-in."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from forebyg.network.services import events as e
from forebyg.network.services import tasks as t

from .conftest import CPH


def test_coming_events_first_and_held_ones_closed(client, now, network, people, secretariat, token_for, event):
    held = e.event_create(actor=secretariat, network=network, kind="network_meeting", title="Opstartsmøde",
                          starts_at=datetime(2026, 2, 2, 10, tzinfo=CPH), ends_at=datetime(2026, 2, 2, 15, tzinfo=CPH),
                          place="Vejle", capacity=10, agenda="")
    html = client.get(f"/netvaerk/p/{token_for(people['anna'])}/").content.decode()
    assert html.index("Netværksmøde 1") < html.index("Events that have been held") < html.index("Opstartsmøde")
    past = html.split(f'id="event-{held.pk}"', 1)[1].split("</section>", 1)[0]
    assert "Register" not in past and ".ics" in past  # nothing to register for; the calendar file stays


def test_task_closes_for_hand_in_by_link_after_its_due_day(client, now, network, people, secretariat, token_for):
    task = t.task_create(actor=secretariat, network=network, title="Hjem og arbejde", due_on=date(2026, 3, 10))
    now.set(datetime(2026, 3, 10, 23, 30, tzinfo=CPH))  # still the due day in Denmark
    t.handin_submit(task=task, municipality=people["anna"].municipality, text="Status", participant=people["anna"])
    now.set(datetime(2026, 3, 11, 0, 5, tzinfo=CPH))
    with pytest.raises(ValidationError, match="closed on 10.03.2026"):
        t.handin_submit(task=task, municipality=people["anna"].municipality, text="Ny", participant=people["anna"])
    # the secretariat records a late hand-in
    late = t.handin_submit(task=task, municipality=people["carl"].municipality, text="Sent", actor=secretariat)
    assert late.submitted_at == now.value
    html = client.get(f"/netvaerk/p/{token_for(people['anna'])}/").content.decode()
    section = html.split(f'id="task-{task.pk}"', 1)[1].split("</section>", 1)[0]
    assert "Closed: the due date has passed." in section and "<form" not in section
