# SPDX-License-Identifier: MPL-2.0
""""Mit arbejde" with a large caseload (issue #20): the children and the planned dates are shown 50
a page, the captions keep the true totals, and every child is reachable by paging."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forebyg.cases import models as m
from forebyg.core import clock
from forebyg.web.paging import PAGE_ROWS

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")


def _caseload(municipality, caseworker, n: int) -> list[str]:
    names = []
    due = clock.today() + timedelta(days=30)
    for i in range(n):
        name = f"Barn {i:03d} Syntetisk"
        child = m.Child.objects.create(id=f"ch-page-{i}", municipality=municipality, name=name,
                                       birth_date=date(2015, 1, 1) + timedelta(days=i),
                                       registered_at=datetime(2026, 1, 5, tzinfo=CPH))
        case = m.Case.objects.create(id=f"c-page-{i}", municipality=municipality, child=child, caseworker=caseworker,
                                     opened_at=datetime(2026, 1, 5, tzinfo=CPH))
        m.FollowUp.objects.create(id=f"fu-page-{i}", municipality=municipality, child=child, case=case,
                                  held_at=datetime(2026, 6, 1, 10, tzinfo=CPH), next_due=due + timedelta(days=i))
        names.append(name)
    return names


def _section(html: str, caption: str) -> str:
    return html.split(caption, 1)[1].split("</table>", 1)[0]


def test_a_caseload_of_more_than_a_page_is_shown_a_page_at_a_time_and_every_child_is_reachable(
        client, municipality, users, scoped):
    n = PAGE_ROWS + 7
    names = _caseload(municipality, users["caseworker"], n)
    client.force_login(users["caseworker"])
    first = client.get("/mit-arbejde/").content.decode()
    assert f"Mine børn ({n})" in first and f"Kommende møder og opfølgninger ({n})" in first
    children = _section(first, "Mine børn")
    assert children.count("<tr>") - 1 == PAGE_ROWS  # the heading's row and one per child
    assert f"Viser 1–{PAGE_ROWS} af {n} børn. Side 1 af 2." in first
    assert 'href="?boern=2" rel="next">Næste side' in first and 'href="?datoer=2" rel="next">Næste side' in first
    second = client.get("/mit-arbejde/?boern=2&datoer=2").content.decode()
    assert f"Viser {PAGE_ROWS + 1}–{n} af {n} børn. Side 2 af 2." in second
    assert 'href="?datoer=2" rel="prev">Forrige side' in second  # the other list's page is kept
    shown = re.findall(r">(Barn \d{3} Syntetisk)</a>", _section(first, "Mine børn") + _section(second, "Mine børn"))
    assert shown == sorted(names)  # by name, each child once
    dates = re.findall(r"<td>(\d\d\.\d\d\.\d{4})", _section(first, "Kommende møder") + _section(second, "Kommende møder"))
    assert len(dates) == n and dates == sorted(dates, key=lambda d: d[6:] + d[3:5] + d[:2])  # most urgent first


def test_a_page_of_a_large_caseload_reads_no_more_than_a_small_one(client, municipality, users, scoped):
    caseworker = users["caseworker"]
    client.force_login(caseworker)

    def queries() -> int:
        client.get("/mit-arbejde/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/mit-arbejde/").status_code == 200
        return len(ctx.captured_queries)

    _caseload(municipality, caseworker, 3)
    small = queries()
    for i in range(2 * PAGE_ROWS):
        _caseload_at(municipality, caseworker, i)
    assert queries() == small


def _caseload_at(municipality, caseworker, i: int) -> None:
    child = m.Child.objects.create(id=f"ch-more-{i}", municipality=municipality, name=f"Barn {i:03d}",
                                   registered_at=datetime(2026, 1, 5, tzinfo=CPH))
    m.Case.objects.create(id=f"c-more-{i}", municipality=municipality, child=child, caseworker=caseworker,
                          opened_at=datetime(2026, 1, 5, tzinfo=CPH))
