# SPDX-License-Identifier: MPL-2.0
"""The Danish working-day calendar and Copenhagen clock arithmetic, from hand-checked dates."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forebyg.domain.calendar import (
    CHRISTMAS_EVE,
    CONSTITUTION_DAY,
    CPH,
    NEW_YEARS_EVE,
    CalendarSpec,
    WorkingCalendar,
    add_clock_hours,
    add_months,
    default_calendar,
    end_of_day,
    local_date,
)

CAL = default_calendar()
XMAS = WorkingCalendar.danish(closing_days=[CHRISTMAS_EVE, NEW_YEARS_EVE])


# --- holidays -------------------------------------------------------------------


def test_store_bededag_is_a_holiday_until_2023_and_gone_from_2024():
    assert not CAL.is_working_day(date(2023, 5, 5))  # Friday, Store bededag 2023
    assert CAL.holiday_name(date(2023, 5, 5)) == "Store bededag"
    assert CAL.is_working_day(date(2024, 4, 26))  # the Friday it would have been in 2024
    assert CAL.holiday_name(date(2024, 4, 26)) is None


@pytest.mark.parametrize("day", [
    date(2024, 1, 1), date(2024, 3, 28), date(2024, 3, 29), date(2024, 4, 1),
    date(2024, 5, 9), date(2024, 5, 20), date(2024, 12, 25), date(2024, 12, 26),
])
def test_public_holidays_are_not_working_days(day):
    assert day.weekday() < 5 and not CAL.is_working_day(day)


def test_weekends_and_optional_days():
    assert not CAL.is_working_day(date(2024, 3, 30))  # Saturday
    assert CAL.why_closed(date(2024, 3, 30)) == "weekend"
    assert CAL.why_closed(date(2024, 3, 28)) == "Skærtorsdag"
    # Not public holidays: working days unless the municipality closes.
    for day in (date(2024, 12, 24), date(2024, 12, 31), date(2025, 6, 5), date(2024, 5, 1)):
        assert CAL.is_working_day(day)
    closed = WorkingCalendar.danish(closing_days=[CONSTITUTION_DAY],
                                    closing_dates=[date(2025, 5, 30)])
    assert not closed.is_working_day(date(2025, 6, 5))
    assert closed.why_closed(date(2025, 6, 5)) == "closing day"
    assert not closed.is_working_day(date(2025, 5, 30))  # a single extra date


def test_saturdays_can_count():
    sat = CAL.with_saturdays(True)
    assert sat.is_working_day(date(2024, 3, 30))
    assert not sat.is_working_day(date(2024, 3, 31))  # Sunday
    assert CAL.with_saturdays(False) is CAL
    assert CAL.with_saturdays(True) is sat  # cached


# --- working-day arithmetic, hand-checked -------------------------------------------


def test_six_working_days_from_skaertorsdag_2024():
    # Thu 28 Mar (Skærtorsdag) -> Fri 29 Good Friday, Sat, Sun, Mon 1 Apr Easter Monday,
    # then Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5), Tue 9 (6).
    assert CAL.add_working_days(date(2024, 3, 28), 6) == date(2024, 4, 9)
    # Saturdays counted: Sat 30 Mar (1), Tue 2 (2), Wed 3 (3), Thu 4 (4), Fri 5 (5), Sat 6 (6).
    assert CAL.with_saturdays(True).add_working_days(date(2024, 3, 28), 6) == date(2024, 4, 6)


def test_six_working_days_from_skaertorsdag_2023():
    # Thu 6 Apr 2023: Fri 7, Mon 10 are holidays; Tue 11 (1) ... Mon 17 (5), Tue 18 (6).
    assert CAL.add_working_days(date(2023, 4, 6), 6) == date(2023, 4, 18)


def test_store_bededag_in_the_count():
    # 2023: Fri 5 May is Store bededag: Mon 8 (1), Tue 9, Wed 10, Thu 11, Fri 12 (5), Mon 15 (6).
    assert CAL.add_working_days(date(2023, 5, 4), 6) == date(2023, 5, 15)
    # 2024: Fri 26 Apr is an ordinary day: Fri 26 (1), Mon 29, Tue 30, Wed 1 May, Thu 2 (5), Fri 3 (6)
    assert CAL.add_working_days(date(2024, 4, 25), 6) == date(2024, 5, 3)


def test_across_christmas_with_and_without_closing_days():
    # From Mon 23 Dec 2024: Tue 24 (1), Fri 27 (2), Mon 30 (3), Tue 31 (4), Thu 2 Jan (5), Fri 3 (6).
    assert CAL.add_working_days(date(2024, 12, 23), 6) == date(2025, 1, 3)
    # Closed 24 and 31 Dec: Fri 27 (1), Mon 30 (2), Thu 2 (3), Fri 3 (4), Mon 6 (5), Tue 7 (6).
    assert XMAS.add_working_days(date(2024, 12, 23), 6) == date(2025, 1, 7)
    # Counting (Fri 20 Dec, Fri 3 Jan]: 23, 24, 27, 30, 31, 2, 3 -> 7; closed 24/31 -> 5.
    assert CAL.working_days_between(date(2024, 12, 20), date(2025, 1, 3)) == 7
    assert XMAS.working_days_between(date(2024, 12, 20), date(2025, 1, 3)) == 5
    assert XMAS.working_days_in(date(2024, 12, 20), date(2025, 1, 3)) == [
        date(2024, 12, 20), date(2024, 12, 23), date(2024, 12, 27), date(2024, 12, 30),
        date(2025, 1, 2), date(2025, 1, 3)]


def test_add_from_a_non_working_day_and_backwards():
    assert CAL.add_working_days(date(2024, 3, 30), 1) == date(2024, 4, 2)  # Sat -> Tue
    assert CAL.add_working_days(date(2024, 4, 2), -1) == date(2024, 3, 27)  # Tue -> Wed before
    assert CAL.add_working_days(date(2024, 3, 31), -2) == date(2024, 3, 26)
    assert CAL.add_working_days(date(2024, 3, 31), 0) == date(2024, 3, 31)
    assert CAL.next_working_day(date(2024, 3, 28)) == date(2024, 4, 2)
    assert CAL.working_days_between(date(2024, 4, 9), date(2024, 3, 28)) == -6


def test_outside_supported_years():
    with pytest.raises(ValueError):
        CAL.is_working_day(date(1980, 1, 1))


@given(st.dates(date(2000, 1, 1), date(2060, 12, 31)), st.integers(0, 400),
       st.booleans(), st.booleans())
def test_adding_n_working_days_then_counting_gives_n(day, n, saturdays, closings):
    cal = (XMAS if closings else CAL).with_saturdays(saturdays)
    later = cal.add_working_days(day, n)
    assert cal.working_days_between(day, later) == n
    assert later >= day and (n == 0 or cal.is_working_day(later))


@given(st.dates(date(2000, 1, 1), date(2060, 12, 31)), st.integers(1, 400))
def test_subtracting_from_a_working_day_then_counting_back(day, n):
    day = CAL.next_working_day(day)
    earlier = CAL.add_working_days(day, -n)
    assert CAL.working_days_between(earlier, day) == n
    assert CAL.add_working_days(earlier, n) == day


# --- clock hours and months -------------------------------------------------------


def test_24_hours_across_spring_forward_are_24_real_hours():
    # DST starts Sun 31 Mar 2024 02:00 -> 03:00. Received an hour before, at 01:00 CET.
    received = datetime(2024, 3, 31, 1, 0, tzinfo=CPH)
    due = add_clock_hours(received, 24)
    assert due == datetime(2024, 4, 1, 2, 0, tzinfo=CPH)  # wall clock shows 25 h later
    assert due.isoformat() == "2024-04-01T02:00:00+02:00"
    assert (due.astimezone(UTC) - received.astimezone(UTC)) == timedelta(hours=24)


def test_24_hours_across_fall_back_are_24_real_hours():
    # DST ends Sun 27 Oct 2024 03:00 CEST -> 02:00 CET. Received at 01:00 CEST.
    received = datetime.fromisoformat("2024-10-27T01:00:00+02:00")
    due = add_clock_hours(received, 24)
    assert due.isoformat() == "2024-10-28T00:00:00+01:00"  # wall clock shows 23 h later


def test_months_clamp_to_the_end_of_the_month():
    assert add_months(date(2023, 10, 31), 4) == date(2024, 2, 29)  # leap year
    assert add_months(date(2024, 10, 31), 4) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 8, 31), 3) == date(2024, 11, 30)
    assert add_months(date(2024, 3, 15), 4) == date(2024, 7, 15)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), -12) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 15), -1) == date(2023, 12, 15)


def test_day_helpers():
    assert end_of_day(date(2024, 4, 9)).isoformat() == "2024-04-09T23:59:59.999999+02:00"
    assert end_of_day(date(2024, 1, 9)).isoformat() == "2024-01-09T23:59:59.999999+01:00"
    # 23:30 UTC on New Year's Eve is already 1 January in Copenhagen.
    assert local_date(datetime(2023, 12, 31, 23, 30, tzinfo=UTC)) == date(2024, 1, 1)
    with pytest.raises(ValueError):
        local_date(datetime(2024, 1, 1))


def test_calendar_spec_round_trips_as_json():
    spec = CalendarSpec(closing_days=(CHRISTMAS_EVE, CONSTITUTION_DAY),
                        closing_dates=(date(2025, 5, 30),), saturday_is_working_day=True)
    data = json.loads(json.dumps(WorkingCalendar(spec).to_dict()))
    assert data["closing_days"] == ["12-24", "06-05"]
    assert WorkingCalendar.from_dict(data).spec == spec
