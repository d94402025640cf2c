# SPDX-License-Identifier: MPL-2.0
"""Shared pieces of the columnar (production) path: the data at `as_of`, the periods, and
expressions for local dates, period indices, day ends and working days."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

import polars as pl

from ..calendar import WorkingCalendar, default_calendar
from ..calendar import local_date as danish_date
from ..staircase import BL_START, KINDS_BY_CODE, MEASURE_KINDS
from .frames import Frames
from .periods import Periods

Engine = Literal["in-memory", "streaming"]  # the polars engines Forebyg uses

CPH = "Europe/Copenhagen"
EARLY_KINDS: list[str] = [k.code for k in MEASURE_KINDS if k.early]
# Key figures use the national default staircase: the step of the measure kind, or the recorded step.
KIND_STEPS: dict[str, int] = {k.code: k.default_step for k in MEASURE_KINDS}
PLACEMENT_FROM = 4


def local_date(col: str | pl.Expr) -> pl.Expr:
    e = pl.col(col) if isinstance(col, str) else col
    return e.dt.convert_time_zone(CPH).dt.date()


def eod(day: pl.Expr) -> pl.Expr:
    """The last instant of a Copenhagen day, in UTC."""
    nxt = day.cast(pl.Datetime("us")) + pl.duration(days=1)
    return nxt.dt.replace_time_zone(CPH).dt.convert_time_zone("UTC") - pl.duration(microseconds=1)


def sod(day: pl.Expr) -> pl.Expr:
    """Local midnight at the start of a Copenhagen day, in UTC."""
    return day.cast(pl.Datetime("us")).dt.replace_time_zone(CPH).dt.convert_time_zone("UTC")


def add_months(day: pl.Expr, months: int) -> pl.Expr:
    """Same day of the month, clamped to the month's end (as `calendar.add_months`)."""
    return day.dt.offset_by(f"{months}mo")


def law(day: pl.Expr) -> pl.Expr:
    return pl.when(day >= pl.lit(BL_START)).then(pl.lit("BL")).otherwise(pl.lit("SEL"))


def kf_step() -> pl.Expr:
    """A measure's step on the default staircase (from its kind; the recorded step otherwise)."""
    return pl.col("kind").replace_strict(KIND_STEPS, default=pl.col("step"), return_dtype=pl.Int64)


def _working_days(cal: WorkingCalendar, n: int, first_year: int, last_year: int) -> pl.DataFrame:
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return pl.DataFrame({"_day": days, "_wd": [cal.add_working_days(d, n) for d in days]},
                        schema={"_day": pl.Date, "_wd": pl.Date})


@lru_cache(maxsize=16)
def _national_working_days(n: int, saturdays: bool, first_year: int, last_year: int) -> pl.DataFrame:
    return _working_days(default_calendar().with_saturdays(saturdays), n, first_year, last_year)


def placed(keys: pl.Series, values: pl.Series) -> pl.Series:
    """The values placed at their (distinct, non-negative integer) keys: position k holds the value
    of key k, null where no key is k; the last position is null (where `at` sends keys out of
    range). Rows with a null key are left out."""
    keep = keys.is_not_null()
    keys, values = keys.filter(keep), values.filter(keep)
    size = int(keys.max()) + 2 if keys.len() else 1  # type: ignore[arg-type]
    rows = pl.repeat(None, size, dtype=pl.Int64, eager=True)
    if keys.len():
        rows.scatter(keys, pl.int_range(keys.len(), dtype=pl.Int64, eager=True))
    return values.gather(rows)


def at(values: pl.Series, key: pl.Expr) -> pl.Expr:
    """values[key] for placed values (`placed`), null where key is null or out of range: a gather
    instead of a hash join (issue #20)."""
    if values.null_count() == values.len():
        # all null: a typed null (polars' common-subexpression elimination takes two all-null
        # arrays of different types for the same literal)
        return pl.lit(None, dtype=values.dtype)
    last = values.len() - 1
    return pl.lit(values).gather(pl.when((key >= 0) & (key < last)).then(key).otherwise(last))


@dataclass
class Ctx:
    frames: Frames  # all records; `f(type)` gives them as they were at as_of
    periods: Periods
    units: tuple[str, ...]
    calendar: WorkingCalendar = field(default_factory=default_calendar)
    children: bool = False  # keep one row per child of a notification (the drill-down needs them)
    _wd: dict[tuple[int, bool], pl.DataFrame] = field(default_factory=dict)
    _memo: dict[str, pl.LazyFrame] = field(default_factory=dict)
    _placed: dict[str, pl.Series] = field(default_factory=dict)

    @property
    def districts(self) -> bool:
        return "district" in self.units

    def memo(self, name: str, build: Callable[[], pl.LazyFrame]) -> pl.LazyFrame:
        """A frame several fact tables share, built once."""
        if name not in self._memo:
            self._memo[name] = build()
        return self._memo[name]

    @property
    def as_of(self) -> datetime:
        return self.periods.as_of_utc

    @property
    def as_of_next_day(self) -> date:
        """The Copenhagen day after as_of (running measures count to the end of as_of's day)."""
        return danish_date(self.periods.as_of) + timedelta(days=1)

    def f(self, rtype: str) -> pl.LazyFrame:
        """The records of a type as they were at as_of, as a lazy frame: every fact table is a query
        plan, and `engine.compute` runs all of them as one query (shared parts once, independent parts
        in parallel)."""
        return self.memo(f"records:{rtype}", lambda: self.frames.lazy_at(rtype, self.as_of))

    @property
    def engine(self) -> Engine:
        """polars' streaming engine for big data; the in-memory one has less overhead on small data."""
        return "streaming" if self.frames.height() > 2_000_000 else "in-memory"

    def p(self, day: pl.Expr) -> pl.Expr:
        """The period index of a date expression."""
        g = self.periods.granularity
        if g == "year":
            return day.dt.year().cast(pl.Int64)
        if g == "quarter":
            return day.dt.year().cast(pl.Int64) * 4 + (day.dt.month().cast(pl.Int64) - 1) // 3
        return day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64) - 1

    def in_periods(self, col: str = "p") -> pl.Expr:
        return pl.col(col).is_between(self.periods.first, self.periods.last)

    def working_days(self, n: int, saturdays: bool = False) -> pl.DataFrame:
        """{day: the n-th working day after it} for every day the data can need."""
        key = (n, saturdays)
        if key not in self._wd:
            first = min(self.periods.years()) - 12
            last = max(self.periods.years()) + 2
            if self.calendar is default_calendar():
                self._wd[key] = _national_working_days(n, saturdays, first, last)
            else:
                self._wd[key] = _working_days(self.calendar.with_saturdays(saturdays), n, first, last)
        return self._wd[key]

    def add_working_days(self, df: pl.LazyFrame, day_col: str, n: int, out: str, saturdays: bool = False) -> pl.LazyFrame:
        """`out`: the n-th working day after the date in `day_col` (null outside the table's days)."""
        key = f"working_days:{n}:{saturdays}"
        if key not in self._placed:
            table = self.working_days(n, saturdays)
            self._placed[key] = placed(table.get_column("_day").cast(pl.Int32).cast(pl.Int64), table.get_column("_wd"))
        return df.with_columns(at(self._placed[key], pl.col(day_col).cast(pl.Int32).cast(pl.Int64)).alias(out))

    def by_code(self, rtype: str, column: str) -> pl.Series:
        """A column of the records of a type at as_of, placed at their codes (`placed`). Built once
        per column."""
        key = f"records:{rtype}:{column}"
        if key not in self._placed:
            table = self.f(rtype).select("id", column).collect(engine="in-memory")
            self._placed[key] = placed(table.get_column("id"), table.get_column(column))
        return self._placed[key]

    def lookup(self, rtype: str, key: str, columns: dict[str, str]) -> dict[str, pl.Expr]:
        """Columns of the record of `rtype` whose id is the row's `key` (a code; null when there is
        no such record at as_of), as expressions: what a left join with the records on their id
        adds, as a gather from arrays indexed by code instead of a hash join (issue #20)."""
        return {name: at(self.by_code(rtype, col), pl.col(key)) for name, col in columns.items()}

    def lookup_in(self, name: str, frame: pl.LazyFrame, key: str, columns: dict[str, str]) -> dict[str, pl.Expr]:
        """As `lookup`, in a frame with one row per value of its first column (integer codes, such
        as a group-by on a reference), collected once under `name`: a left join with it on `key`."""
        out = {}
        for col_name, col in columns.items():
            memo = f"frame:{name}:{col}"
            if memo not in self._placed:
                df = frame.collect(engine="in-memory")
                self._placed[memo] = placed(df.get_column(df.columns[0]), df.get_column(col))
            out[col_name] = at(self._placed[memo], pl.col(key))
        return out

    def case_columns(self) -> dict[str, pl.Expr]:
        """The team (case_team) and closing time (case_closed) of the row's case."""
        return self.lookup("case", "case", {"case_team": "team", "case_closed": "closed_at"})

    def with_district(self, df: pl.LazyFrame) -> pl.LazyFrame:
        """The child's district, when districts are among the units (a join with every child)."""
        if not self.districts:
            return df.with_columns(district=pl.lit(None, dtype=pl.String))
        return df.with_columns(**self.lookup("child", "child", {"district": "district"}))


def kind_is_known(kind: str) -> bool:
    return kind in KINDS_BY_CODE
