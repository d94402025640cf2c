# SPDX-License-Identifier: MPL-2.0
""""Kommende møder og opfølgninger" on Mit arbejde (issue #15): the next date planned at the latest
meeting or follow-up held, sorted by date; a date that has passed is flagged, not hidden or mixed in."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from forebyg.cases import models as m
from forebyg.cases.selectors.worklists import upcoming
from forebyg.core import clock

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def case(child, users, municipality):
    return m.Case.objects.create(id="c-up-1", municipality=municipality, child=child, opened_at=datetime(2026, 1, 5, tzinfo=CPH),
                                 caseworker=users["caseworker"])


def test_latest_plan_wins_sorted_and_past_flagged(case, child, municipality):
    today = date(2026, 12, 7)
    # the first meeting planned a follow-up meeting on 1 October; the second, held then, planned 15 January
    m.NetworkMeeting.objects.create(id="nm-1", municipality=municipality, child=child, case=case,
                                    kind="inclusive", held_at=datetime(2026, 9, 1, 10, tzinfo=CPH), followup_date=date(2026, 10, 1))
    m.NetworkMeeting.objects.create(id="nm-2", municipality=municipality, child=child, case=case,
                                    kind="follow_up", held_at=datetime(2026, 10, 1, 10, tzinfo=CPH), followup_date=date(2027, 1, 15))
    # a follow-up held in June planned the next on 1 December: passed, nothing held since
    m.FollowUp.objects.create(id="fu-1", municipality=municipality, child=child, case=case,
                              held_at=datetime(2026, 6, 1, 10, tzinfo=CPH), next_due=date(2026, 12, 1))
    rows = upcoming(child_ids=[child.pk], today=today)
    assert [(r.date, r.what, r.overdue) for r in rows] == [
        (date(2026, 12, 1), "followup", True), (date(2027, 1, 15), "meeting", False)]
    # a miss older than a year leaves the start page (the case review has it)
    later = upcoming(child_ids=[child.pk], today=date(2027, 12, 10))
    assert [(r.date, r.what, r.overdue) for r in later] == [(date(2027, 1, 15), "meeting", True)]


def test_my_work_page_shows_passed_date_flagged(client, case, child, municipality, users):
    m.FollowUp.objects.create(id="fu-2", municipality=municipality, child=child, case=case,
                              held_at=datetime(2024, 6, 1, 10, tzinfo=CPH), next_due=date(2099, 12, 1))
    passed = clock.today() - timedelta(days=10)
    m.FollowUp.objects.create(id="fu-3", municipality=municipality, child=child, case=case,
                              held_at=datetime(2025, 6, 1, 10, tzinfo=CPH), next_due=passed)
    client.force_login(users["caseworker"])
    html = client.get("/mit-arbejde/").content.decode()
    section = html.split("Kommende møder og opfølgninger", 1)[1].split("</table>", 1)[0]
    # the later follow-up replaced the 2099 plan; its date passed without a follow-up held
    assert f"{passed:%d.%m.%Y} <strong>Overskredet</strong>" in section and "2099" not in section


def test_a_later_plan_replaces_an_earlier_even_when_it_shows_nothing(case, child, municipality):
    """The database picks the latest of each (issue #20): a later meeting or follow-up that planned
    no date, or a date missed over a year ago, still replaces the earlier plan; the follow-ups of a
    measure and those of the case alone are separate plans."""
    today = date(2026, 12, 7)
    held = lambda month: datetime(2026, month, 1, 10, tzinfo=CPH)  # noqa: E731
    m.NetworkMeeting.objects.create(id="nm-a", municipality=municipality, child=child, case=case, kind="inclusive",
                                    held_at=held(9), followup_date=date(2027, 2, 1))
    m.NetworkMeeting.objects.create(id="nm-b", municipality=municipality, child=child, case=case, kind="follow_up",
                                    held_at=held(10), followup_date=None)  # no further meeting planned
    measures = [m.Measure.objects.create(id=f"me-{n}", municipality=municipality, case=case, child=child, law="BL",
                                         kind="x", legal_basis="BL § 32", step=3, decided_at=held(1)) for n in (1, 2)]
    m.FollowUp.objects.create(id="fu-a", municipality=municipality, child=child, case=case, measure=measures[0],
                              held_at=held(3), next_due=date(2027, 3, 1))
    m.FollowUp.objects.create(id="fu-b", municipality=municipality, child=child, case=case, measure=measures[0],
                              held_at=held(4), next_due=date(2025, 1, 1))  # missed over a year ago
    m.FollowUp.objects.create(id="fu-c", municipality=municipality, child=child, case=case, measure=measures[1],
                              held_at=held(5), next_due=date(2027, 5, 1))
    m.FollowUp.objects.create(id="fu-d", municipality=municipality, child=child, case=case,
                              held_at=held(6), next_due=date(2027, 4, 1))  # the case's own, no measure
    rows = upcoming(child_ids=[child.pk], today=today)
    assert [(r.date, r.what) for r in rows] == [(date(2027, 4, 1), "followup"), (date(2027, 5, 1), "followup")]
