# SPDX-License-Identifier: MPL-2.0
"""Mine frister with a large caseload (issue #20): the children are shown 50 a page, the child with
the most urgent deadline first; the counts and the number of deadlines in the caption are the whole
queue's, and every child's deadlines are reachable by paging and by the kind filter."""

import re
from datetime import timedelta

import pytest

from forebyg.cases.services import practice
from forebyg.core import clock
from forebyg.web.paging import PAGE_ROWS

pytestmark = pytest.mark.django_db


def _table(html: str) -> str:
    return html.split('<table class="queue">', 1)[1].split("</table>", 1)[0]


def test_the_work_queue_shows_a_page_of_children_with_the_whole_queues_figures(client, users, team, scoped):
    now = clock.now()
    rec, leader, cw = users["receiving_unit"], users["team_leader"], users["caseworker"]
    n = PAGE_ROWS + 3
    for i in range(n):  # one notification per child, the oldest (most overdue) first
        child = practice.child_register(actor=rec, name=f"Barn {i:03d} Syntetisk", birth_date=None, cpr=None)
        notification = practice.notification_register(
            actor=rec, received_at=now - timedelta(hours=100 - i), channel="phone", notifier_kind="school",
            notifier_professional=True, concern="Bekymring (syntetisk)", children=[child], team=team)
        practice.notification_assign(actor=leader, notification=notification, caseworker=cw)
    client.force_login(cw)
    first = client.get("/frister/").content.decode()
    rows = _table(first).count("<tr>\n  <td")
    caption = re.search(r"Arbejdsliste pr\. barn \((\d+)\)", first)
    assert caption and int(caption.group(1)) > rows > 0  # the caption counts the whole queue
    overdue = re.search(r"Overskredet: <strong>(\d+)</strong>", first)
    assert overdue and int(overdue.group(1)) >= n  # every child's acute assessment is overdue
    names = re.findall(r'scope="rowgroup"><a href="/boern/[^"]+/">(Barn \d{3} Syntetisk)</a>', first)
    assert len(names) == PAGE_ROWS and f"Viser 1–{PAGE_ROWS} af {n} børn. Side 1 af 2." in first
    second = client.get("/frister/?side=2").content.decode()
    names += re.findall(r'scope="rowgroup"><a href="/boern/[^"]+/">(Barn \d{3} Syntetisk)</a>', second)
    assert names == [f"Barn {i:03d} Syntetisk" for i in range(n)]  # most overdue first, each once
    assert int(re.search(r"Arbejdsliste pr\. barn \((\d+)\)", second).group(1)) == int(caption.group(1))
    # the filter keeps the page links' other parameters
    filtered = client.get("/frister/?kind=acute_assessment").content.decode()
    assert 'href="?kind=acute_assessment&amp;side=2" rel="next"' in filtered


def _counts(client) -> dict[str, int]:
    html = client.get("/frister/").content.decode()
    return {k.strip(): int(v) for k, v in re.findall(r"([A-ZÆØÅa-zæøå ]+): <strong>(\d+)</strong>", html)}


def test_the_status_counts_kept_with_the_reused_obligations_follow_a_record_and_the_clock(
        client, users, child, team, monkeypatch):
    """Mine frister's counts are derived once per reused computation (reuse.Computed.derive): a
    record changed or the clock passing the horizon gives new counts at once."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from forebyg.deadlines import reuse

    received = datetime(2025, 4, 17, 22, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    moment = {"now": received + timedelta(hours=22)}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    reuse.clear()
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=received, channel="email", notifier_kind="school",
        notifier_professional=True, concern="Bekymring (syntetisk)", children=[child], team=team)
    practice.notification_assign(actor=users["team_leader"], notification=n, caseworker=users["caseworker"])
    client.force_login(users["caseworker"])
    soon = _counts(client)
    assert _counts(client) == soon and reuse.memo.hits > 0  # reused
    moment["now"] = received + timedelta(hours=24, minutes=1)  # the 24-hour clock has run out
    late = _counts(client)
    assert late["Overskredet"] == soon["Overskredet"] + 1 and late["Snart"] == soon["Snart"] - 1
    practice.acute_assessment_record(actor=users["receiving_unit"], notification=n,
                                     assessed_at=received + timedelta(hours=24, seconds=30), acute=False, action="Vurderet")
    assessed = _counts(client)
    assert assessed["Overskredet"] == late["Overskredet"] - 1
    assert assessed["Overholdt for sent"] == late["Overholdt for sent"] + 1
