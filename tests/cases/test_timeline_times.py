# SPDX-License-Identifier: MPL-2.0
"""The child page's timeline prints its times made directly (issue #20): exactly what the template's
`date` filter printed, in whatever time zone is current."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from forebyg.cases.selectors.child import Event, _print_times

FILTERS = Template("""{{ at|date:'c' }}|{{ at|date:"d.m.Y H:i" }}""")
MOMENTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31))


def _printed(at) -> str:
    e = _print_times([Event(at, "k", "t", "", None)])[0]
    return f"{e.iso}|{e.when}"


@settings(max_examples=300, deadline=None)
@given(MOMENTS, st.sampled_from([UTC, ZoneInfo("Europe/Copenhagen"), ZoneInfo("America/St_Johns"), None]),
       st.sampled_from(["Europe/Copenhagen", "UTC", "Asia/Kolkata"]))
def test_the_times_are_the_date_filters(moment, zone, current):
    at = moment.replace(tzinfo=zone) if zone else moment
    with timezone.override(ZoneInfo(current)):
        assert _printed(at) == FILTERS.render(Context({"at": at}))


@pytest.mark.parametrize("at", [datetime(2024, 3, 31, 0, 59, tzinfo=UTC), datetime(2024, 3, 31, 1, 0, tzinfo=UTC),
                                datetime(2024, 10, 27, 0, 59, 59, 999999, tzinfo=UTC),
                                datetime(2024, 10, 27, 1, 0, tzinfo=UTC) + timedelta(microseconds=5)])
def test_around_the_change_of_summer_time(at):
    assert _printed(at) == FILTERS.render(Context({"at": at}))


def test_a_date_without_a_time_fails_as_the_filter_does():
    with pytest.raises(TypeError) as filtered:
        FILTERS.render(Context({"at": date(2024, 5, 1)}))
    with pytest.raises(TypeError) as printed:
        _printed(date(2024, 5, 1))
    assert str(printed.value) == str(filtered.value)
