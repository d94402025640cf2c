# SPDX-License-Identifier: MPL-2.0
"""Periods (month, quarter, year) on Copenhagen calendar dates.

An instant belongs to the period of its local date in Europe/Copenhagen. A
period is identified by its granularity and an integer index (year: the
year; quarter: year × 4 + quarter - 1; month: year × 12 + month - 1), and
shown by a label: "2024", "2024-Q1", "2024-03".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal, get_args

from ..calendar import CPH, local_date  # noqa: F401 (re-exported: the period of an instant's Danish date)

Granularity = Literal["year", "quarter", "month"]
GRANULARITIES: tuple[str, ...] = get_args(Granularity)
_PER_YEAR = {"year": 1, "quarter": 4, "month": 12}
_LABEL = re.compile(r"^(\d{4})(?:-Q([1-4])|-(\d{2}))?$")


@dataclass(frozen=True, order=True)
class Period:
    granularity: str
    index: int

    def __post_init__(self) -> None:
        if self.granularity not in _PER_YEAR:
            raise ValueError(f"unknown granularity {self.granularity!r}; use year, quarter or month")

    @property
    def year(self) -> int:
        return self.index // _PER_YEAR[self.granularity]

    @property
    def part(self) -> int:
        """1-based quarter or month number (1 for a year)."""
        return self.index % _PER_YEAR[self.granularity] + 1

    @property
    def first_day(self) -> date:
        if self.granularity == "year":
            return date(self.year, 1, 1)
        if self.granularity == "quarter":
            return date(self.year, 3 * (self.part - 1) + 1, 1)
        return date(self.year, self.part, 1)

    @property
    def next_first_day(self) -> date:
        return Period(self.granularity, self.index + 1).first_day

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.next_first_day.toordinal() - 1)

    @property
    def start(self) -> datetime:
        """Local midnight at the start of the period, in UTC."""
        return datetime.combine(self.first_day, datetime.min.time(), CPH).astimezone(UTC)

    @property
    def next_start(self) -> datetime:
        return datetime.combine(self.next_first_day, datetime.min.time(), CPH).astimezone(UTC)

    @property
    def label(self) -> str:
        if self.granularity == "year":
            return str(self.year)
        if self.granularity == "quarter":
            return f"{self.year}-Q{self.part}"
        return f"{self.year}-{self.part:02d}"

    def __str__(self) -> str:
        return self.label

    def parent(self, granularity: str) -> Period:
        """The enclosing period of a coarser granularity."""
        if _PER_YEAR[granularity] > _PER_YEAR[self.granularity]:
            raise ValueError(f"a {self.granularity} is not inside a {granularity}")
        return period_of(granularity, self.first_day)

    def same_part_in(self, year: int) -> Period:
        """The same quarter or month in another year (the year itself for years)."""
        return Period(self.granularity, year * _PER_YEAR[self.granularity] + self.part - 1)


def period_index(granularity: str, day: date) -> int:
    if granularity == "year":
        return day.year
    if granularity == "quarter":
        return day.year * 4 + (day.month - 1) // 3
    if granularity == "month":
        return day.year * 12 + day.month - 1
    raise ValueError(f"unknown granularity {granularity!r}")


def period_of(granularity: str, day: date) -> Period:
    return Period(granularity, period_index(granularity, day))


def parse_period(label: str) -> Period:
    m = _LABEL.match(label.strip())
    if not m:
        raise ValueError(f"not a period: {label!r} (use 2024, 2024-Q1 or 2024-03)")
    year = int(m.group(1))
    if m.group(2):
        return Period("quarter", year * 4 + int(m.group(2)) - 1)
    if m.group(3):
        month = int(m.group(3))
        if not 1 <= month <= 12:
            raise ValueError(f"not a month: {label!r}")
        return Period("month", year * 12 + month - 1)
    return Period("year", year)


@dataclass(frozen=True)
class Periods:
    """The consecutive periods a computation covers, and the moment it is as of.

    The last period may still be running at `as_of`: figures "at the end of the
    period" are then taken at `as_of`.
    """

    granularity: str
    first: int
    last: int
    as_of: datetime

    def __post_init__(self) -> None:
        if self.as_of.tzinfo is None:
            raise ValueError("as_of must be timezone-aware")
        if self.last < self.first:
            raise ValueError("the period range is empty")

    def __iter__(self) -> Iterator[Period]:
        return (Period(self.granularity, i) for i in range(self.first, self.last + 1))

    def __len__(self) -> int:
        return self.last - self.first + 1

    def __contains__(self, index: int) -> bool:
        return self.first <= index <= self.last

    @property
    def as_of_utc(self) -> datetime:
        return self.as_of.astimezone(UTC)

    def end_moment(self, index: int) -> datetime:
        """The moment stock figures are taken: the end of the period, or as_of if earlier."""
        end = Period(self.granularity, index).next_start
        return min(end, self.as_of_utc)

    def labels(self) -> list[str]:
        return [p.label for p in self]

    def years(self) -> range:
        return range(Period(self.granularity, self.first).year, Period(self.granularity, self.last).year + 1)


def periods_between(granularity: str, first_day: date, as_of: datetime, last_day: date | None = None) -> Periods:
    """From the period containing `first_day` to the one containing `last_day` (default: as_of's date)."""
    last_day = last_day or local_date(as_of)
    return Periods(granularity, period_index(granularity, first_day), period_index(granularity, last_day), as_of)


def clip_periods(periods: Periods) -> Periods:
    """Periods after the one containing as_of are dropped (nothing has happened there yet)."""
    last = min(periods.last, period_index(periods.granularity, local_date(periods.as_of)))
    return Periods(periods.granularity, periods.first, max(last, periods.first), periods.as_of)
