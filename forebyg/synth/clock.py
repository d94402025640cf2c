# SPDX-License-Identifier: MPL-2.0
"""Fast time arithmetic and formatting for the generator.

Internally a point in time is an integer: minutes since 1970-01-01 00:00 UTC,
so durations ("24 clock hours") are exact across daylight-saving changes. A
day is an integer too: days since 1970-01-01 in Europe/Copenhagen local time.
Formatting uses per-day caches (date strings, UTC offsets from zoneinfo) so
it costs one f-string per timestamp.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from forebyg.domain.calendar import CPH

DAY = 1440
HOUR = 60
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_OFFSET_TEXT = {60: "+01:00", 120: "+02:00"}
_HM = [f"T{h:02d}:{m:02d}:00" for h in range(24) for m in range(60)]


def day_of(value: date) -> int:
    return value.toordinal() - EPOCH_ORDINAL


def date_of(day: int) -> date:
    return date.fromordinal(day + EPOCH_ORDINAL)


def minute_of(value: datetime) -> int:
    """A timezone-aware datetime as minutes since the epoch (naive means Copenhagen)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=CPH)
    return int(value.timestamp() // 60)


def _offset_at(minute: int) -> int:
    aware = datetime.fromtimestamp(minute * 60, CPH)
    return int(aware.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]


def _local_offset(day: int, minute_of_day: int) -> int:
    d = date_of(day)
    naive = datetime(d.year, d.month, d.day) + timedelta(minutes=minute_of_day)
    return int(naive.replace(tzinfo=CPH).utcoffset().total_seconds() // 60)  # type: ignore[union-attr]


class Clock:
    """Caches for the days from 1 January `first_year` to 31 December `last_year`."""

    def __init__(self, first_year: int, last_year: int):
        self.first_year = first_year
        self.last_year = last_year
        self.base = base = day_of(date(first_year, 1, 1))
        count = day_of(date(last_year, 12, 31)) - base + 1
        self.count = count
        self.dates = [date_of(base + i).isoformat() for i in range(count)]
        utc_offsets: list[int | None] = []
        local_offsets: list[int | None] = []
        for i in range(count):
            start = (base + i) * DAY
            a, b = _offset_at(start), _offset_at(start + DAY - 1)
            utc_offsets.append(a if a == b else None)
            la, lb = _local_offset(base + i, 0), _local_offset(base + i, DAY - 1)
            local_offsets.append(la if la == lb else None)
        self._utc_off = utc_offsets
        self._local_off = local_offsets
        dk = holidays.Denmark(years=range(first_year, last_year + 1))
        self.holidays = frozenset(day_of(d) for d in dk)

    # -- formatting -------------------------------------------------------
    def ts(self, minute: int) -> str:
        """ISO 8601 local Copenhagen time with its UTC offset, seconds precision."""
        try:
            off = self._utc_off[minute // DAY - self.base]
            if off is None:
                off = _offset_at(minute)
            local = minute + off
            return self.dates[local // DAY - self.base] + _HM[local % DAY] + _OFFSET_TEXT[off]
        except IndexError:  # outside the cached years
            off = _offset_at(minute)
            local = minute + off
            return date_of(local // DAY).isoformat() + _HM[local % DAY] + _OFFSET_TEXT[off]

    def date(self, day: int) -> str:
        if 0 <= day - self.base < self.count:
            return self.dates[day - self.base]
        return date_of(day).isoformat()

    # -- arithmetic -------------------------------------------------------
    def at(self, day: int, minute_of_day: int) -> int:
        """The instant of a local wall-clock time on a local day."""
        i = day - self.base
        off = self._local_off[i] if 0 <= i < self.count else None
        if off is None:
            off = _local_offset(day, minute_of_day)
        return day * DAY + minute_of_day - off

    def day(self, minute: int) -> int:
        """The local day an instant falls on."""
        i = minute // DAY - self.base
        off = self._utc_off[i] if 0 <= i < self.count else None
        if off is None:
            off = _offset_at(minute)
        return (minute + off) // DAY

    def is_working(self, day: int) -> bool:
        return (day + 3) % 7 < 5 and day not in self.holidays

    def working_on_or_after(self, day: int) -> int:
        while (day + 3) % 7 >= 5 or day in self.holidays:
            day += 1
        return day

    def add_working(self, day: int, n: int) -> int:
        """The n-th working day after `day` (n >= 0)."""
        while n > 0:
            day += 1
            if (day + 3) % 7 < 5 and day not in self.holidays:
                n -= 1
        return day


@lru_cache(maxsize=8)
def clock_for(first_year: int, last_year: int) -> Clock:
    return Clock(first_year, last_year)


def birthdays(day: int, ages: tuple[int, ...]) -> list[int]:
    """The days a person born on `day` turns each of `ages` (29 February: 1 March)."""
    d = date_of(day)
    out = []
    for n in ages:
        try:
            out.append(d.replace(year=d.year + n).toordinal() - EPOCH_ORDINAL)
        except ValueError:
            out.append(date(d.year + n, 3, 1).toordinal() - EPOCH_ORDINAL)
    return out


def years_later(day: int, years: int) -> int:
    """The day of the same calendar date `years` later (29 February becomes 1 March)."""
    d = date_of(day)
    try:
        return day_of(d.replace(year=d.year + years))
    except ValueError:
        return day_of(date(d.year + years, 3, 1))
