# SPDX-License-Identifier: MPL-2.0
"""Danish working days and Europe/Copenhagen clock arithmetic.

Conventions (see docs/rules.md, "Calendar conventions"):

* All local dates and times are Europe/Copenhagen (`CPH`).
* Clock-hour deadlines are real elapsed time: `add_clock_hours` works on the
  instant, so 24 hours across a daylight-saving change is 24 real hours (the
  wall clock shows 23 or 25 hours later).
* Day-based deadlines (calendar days, calendar months, working days) are
  counted on local dates and expire at the *end* of the deadline day
  (`end_of_day`, 23:59:59.999999 local time). The start day itself is never
  counted: "6 working days from Thursday" is the 6th working day after it.
* Calendar months keep the day of the month and clamp to the last day of a
  shorter month: 4 months from 31 October is 28 February (29 in leap years);
  1 month from 31 January is 28/29 February (`add_months`).
* Public holidays come from the `holidays` library (Denmark, category
  "public"); Store Bededag is a holiday until 2023 and an ordinary working day
  from 2024. Saturdays and Sundays are not working days unless
  `saturday_is_working_day` is set. A municipality adds its own closing days as
  data: recurring month/day pairs (e.g. 24 and 31 December, 5 June) and/or
  single dates.
"""

from __future__ import annotations

import calendar as _pycal
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

CPH = ZoneInfo("Europe/Copenhagen")
END_OF_DAY = time(23, 59, 59, 999999)

# Closing days many municipalities observe; none of them is a public holiday.
CHRISTMAS_EVE = (12, 24)
NEW_YEARS_EVE = (12, 31)
CONSTITUTION_DAY = (6, 5)  # Grundlovsdag
COMMON_CLOSING_DAYS: dict[str, tuple[int, int]] = {
    "christmas_eve": CHRISTMAS_EVE,
    "new_years_eve": NEW_YEARS_EVE,
    "constitution_day": CONSTITUTION_DAY,
}

_FIRST_YEAR = 1990
_LAST_YEAR = 2100


# --- clock and date helpers -------------------------------------------------


def require_aware(moment: datetime, name: str = "datetime") -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {moment.isoformat()}")
    return moment


def to_local(moment: datetime) -> datetime:
    """The same instant shown in Europe/Copenhagen."""
    return require_aware(moment).astimezone(CPH)


def local_date(moment: datetime) -> date:
    """The Danish (Copenhagen) calendar date on which an instant falls.

    The one place that takes the date of an aware datetime: `moment.date()` gives the
    date in whatever zone the instant happens to carry (UTC from the database and
    from most API clients), so 00:30 Danish time on 1 January is still 31 December
    there (tests/test_time_rules.py refuses `.date()` everywhere else). A naive datetime
    is refused (the deadline engine calls this once per record: the cheap check only).
    """
    if moment.tzinfo is None:
        raise ValueError(f"datetime must be timezone-aware, got naive {moment.isoformat()}")
    return moment.astimezone(CPH).date()


def local_time(moment: datetime) -> time:
    """The Danish (Copenhagen) wall-clock time of an instant."""
    return require_aware(moment).astimezone(CPH).time()


def end_of_day(day: date) -> datetime:
    """The last representable instant of a local day (the deadline of a day-based rule)."""
    return datetime.combine(day, END_OF_DAY, CPH)


def start_of_day(day: date) -> datetime:
    """Local midnight at the start of `day` (Denmark never changes clocks at midnight)."""
    return datetime.combine(day, time(0), CPH)


def add_clock_hours(moment: datetime, hours: float) -> datetime:
    """`hours` real hours later, shown in CPH.

    Computed in UTC: Python adds a timedelta to a datetime carrying a ZoneInfo
    on the wall clock, which would make "24 hours" 23 or 25 real hours across
    a daylight-saving change.
    """
    return (require_aware(moment).astimezone(UTC) + timedelta(hours=hours)).astimezone(CPH)


def add_months(day: date, months: int) -> date:
    """Same day of the month `months` later (or earlier), clamped to the month's end."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if day.day <= 28:
        return date(year, month0 + 1, day.day)
    last = 29 if month0 == 1 and _pycal.isleap(year) else _MONTH_DAYS[month0]
    return date(year, month0 + 1, min(day.day, last))


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_calendar_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


# --- the working-day calendar -------------------------------------------------


@dataclass(frozen=True)
class CalendarSpec:
    """A municipality's working-day calendar as JSON-serialisable data."""

    closing_days: tuple[tuple[int, int], ...] = ()  # recurring (month, day)
    closing_dates: tuple[date, ...] = ()  # single dates
    saturday_is_working_day: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "closing_days": [f"{m:02d}-{d:02d}" for m, d in self.closing_days],
            "closing_dates": [d.isoformat() for d in self.closing_dates],
            "saturday_is_working_day": self.saturday_is_working_day,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CalendarSpec:
        days = []
        for text in data.get("closing_days", ()):
            month, day = (int(part) for part in str(text).split("-"))
            date(2000, month, day)  # validates (2000 is a leap year: 02-29 allowed)
            days.append((month, day))
        return cls(
            closing_days=tuple(days),
            closing_dates=tuple(date.fromisoformat(d) for d in data.get("closing_dates", ())),
            saturday_is_working_day=bool(data.get("saturday_is_working_day", False)),
        )


@dataclass(eq=False)
class WorkingCalendar:
    """Danish working days: not a weekend, not a public holiday, not a closing day.

    Lookups are O(1) (is a working day?) or O(1)/O(log n) (add/count working
    days) on tables built once for 1990-2100.
    """

    spec: CalendarSpec = field(default_factory=CalendarSpec)

    def __post_init__(self) -> None:
        years = range(_FIRST_YEAR, _LAST_YEAR + 1)
        self._holidays = holidays.country_holidays("DK", years=years, language="da")
        holiday_dates = set(self._holidays)
        closing_days = set(self.spec.closing_days)
        closing_dates = set(self.spec.closing_dates)
        self._ord0 = date(_FIRST_YEAR, 1, 1).toordinal()
        last = date(_LAST_YEAR, 12, 31).toordinal()
        weekend = {5, 6} - ({5} if self.spec.saturday_is_working_day else set())
        is_working: list[bool] = []
        cumulative: list[int] = []  # working days from the first day up to and including i
        working: list[int] = []  # ordinals of the working days
        count = 0
        for ordinal in range(self._ord0, last + 1):
            day = date.fromordinal(ordinal)
            ok = (
                day.weekday() not in weekend
                and day not in holiday_dates
                and (day.month, day.day) not in closing_days
                and day not in closing_dates
            )
            if ok:
                count += 1
                working.append(ordinal)
            is_working.append(ok)
            cumulative.append(count)
        self._is_working = is_working
        self._cumulative = cumulative
        self._working = working

    # constructors

    @classmethod
    def danish(
        cls,
        *,
        closing_days: Iterable[tuple[int, int]] = (),
        closing_dates: Iterable[date] = (),
        saturday_is_working_day: bool = False,
    ) -> WorkingCalendar:
        return cls(
            CalendarSpec(
                closing_days=tuple(closing_days),
                closing_dates=tuple(closing_dates),
                saturday_is_working_day=saturday_is_working_day,
            )
        )

    def with_saturdays(self, saturday_is_working_day: bool) -> WorkingCalendar:
        """The same calendar, with Saturdays counted (or not) as working days."""
        if saturday_is_working_day == self.spec.saturday_is_working_day:
            return self
        cache: dict[bool, WorkingCalendar] = self.__dict__.setdefault("_variants", {})
        if saturday_is_working_day not in cache:
            spec = CalendarSpec(
                self.spec.closing_days, self.spec.closing_dates, saturday_is_working_day
            )
            cache[saturday_is_working_day] = WorkingCalendar(spec)
        return cache[saturday_is_working_day]

    # queries

    def _index(self, day: date) -> int:
        i = day.toordinal() - self._ord0
        if not 0 <= i < len(self._is_working):
            raise ValueError(f"{day} is outside the supported years {_FIRST_YEAR}-{_LAST_YEAR}")
        return i

    def is_working_day(self, day: date) -> bool:
        return self._is_working[self._index(day)]

    def holiday_name(self, day: date) -> str | None:
        """The Danish name of the public holiday on `day`, if any."""
        return self._holidays.get(day)

    def why_closed(self, day: date) -> str | None:
        """Why `day` is not a working day ("weekend", a holiday name, "closing day"), or None."""
        if self.is_working_day(day):
            return None
        name = self.holiday_name(day)
        if name:
            return name
        if day.weekday() == 6 or (day.weekday() == 5 and not self.spec.saturday_is_working_day):
            return "weekend"
        return "closing day"

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n > 0) or before it (n < 0); `day` if n == 0.

        `day` itself is never counted and need not be a working day.
        """
        if n == 0:
            return day
        i = self._index(day)
        if n > 0:
            k = self._cumulative[i] + n - 1
        else:
            k = self._cumulative[i] - self._is_working[i] + n
        if not 0 <= k < len(self._working):
            raise ValueError(f"{n} working days from {day} is outside the supported years")
        return date.fromordinal(self._working[k])

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: after `start`, up to and including `end`.

        Negative when `end` is before `start`. For n >= 0,
        `working_days_between(d, add_working_days(d, n)) == n`.
        """
        return self._cumulative[self._index(end)] - self._cumulative[self._index(start)]

    def next_working_day(self, day: date) -> date:
        """`day` if it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def working_days_in(self, start: date, end: date) -> list[date]:
        """All working days from `start` to `end`, both included."""
        lo = bisect_right(self._working, start.toordinal() - 1)
        hi = bisect_right(self._working, end.toordinal())
        return [date.fromordinal(o) for o in self._working[lo:hi]]

    def to_dict(self) -> dict[str, Any]:
        return {"country": "DK", **self.spec.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WorkingCalendar:
        return cls(CalendarSpec.from_dict(data))


_DEFAULT: WorkingCalendar | None = None


def default_calendar() -> WorkingCalendar:
    """The national calendar without municipal closing days (built once, shared)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = WorkingCalendar()
    return _DEFAULT
