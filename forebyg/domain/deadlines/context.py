# SPDX-License-Identifier: MPL-2.0
"""The evaluation context: index, clock, calendar and rules, and how an obligation's
deadline and status are decided (`Context.due`, `Context.add`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from operator import attrgetter
from typing import Any

from ..calendar import WorkingCalendar, add_months, end_of_day, local_date, start_of_day
from .age import ENDED_AT_18, ENDS_AT_18, young_adult_support
from .index import Index, Record
from .model import Obligation, Rule, Status

_MET_ON_TIME, _MET_LATE = Status.MET_ON_TIME, Status.MET_LATE
_OPEN, _DUE_SOON, _OVERDUE, _NA = Status.OPEN, Status.DUE_SOON, Status.OVERDUE, Status.NOT_APPLICABLE

started_of = attrgetter("started")
decided_of = attrgetter("decided")
_new_tuple = tuple.__new__  # builds an Obligation without NamedTuple's slower __new__


def time_of(item: tuple[datetime, *tuple[Any, ...]]) -> datetime:
    return item[0]


class Context:
    """What every evaluator needs: the index, the clock, the calendar and the rules."""

    def __init__(
        self,
        idx: Index,
        as_of: datetime,
        calendar: WorkingCalendar,
        rules: dict[tuple[str, str], Rule],
        local: tuple[Rule, ...],
        saturdays: dict[str, bool] | None = None,
    ):
        self.idx = idx
        self.as_of = as_of
        self.calendar = calendar
        self.rules = rules
        self.local = local
        self.saturdays = saturdays or {}
        self.out: list[Obligation] = []
        self._eod: dict[date, datetime] = {}
        self._sod: dict[date, datetime] = {}
        self._calendars: dict[str, WorkingCalendar] = {}
        self._deadlines: dict[str, Callable[[datetime, date], tuple[datetime | None, bool]]] = {}

    def rule(self, kind: str, law: str) -> Rule | None:
        return self.rules.get((law, kind))

    def by_law(self, kind: str) -> dict[str, Rule]:
        """{law: rule} for the law periods where a rule of `kind` is enabled."""
        return {law: rule for (law, k), rule in self.rules.items() if k == kind}

    def eod(self, day: date) -> datetime:
        """End of a Copenhagen day, in UTC (cached: many deadlines share a day)."""
        moment = self._eod.get(day)
        if moment is None:
            moment = self._eod[day] = end_of_day(day).astimezone(UTC)
        return moment

    def sod(self, day: date) -> datetime:
        """Start of a Copenhagen day, in UTC (cached)."""
        moment = self._sod.get(day)
        if moment is None:
            moment = self._sod[day] = start_of_day(day).astimezone(UTC)
        return moment

    def calendar_for(self, rule: Rule) -> WorkingCalendar:
        """The working-day calendar of a rule. Whether Saturdays count, by precedence:

        1. the rule's `count_saturdays` set explicitly for this municipality (an override in
           `RuleConfig.overrides`, passed here as `saturdays`);
        2. the municipal calendar's `saturday_is_working_day` when it is on ("Tæl lørdage som
           hverdage" on the settings page): every working-day rule then counts Saturdays;
        3. the rule's own default `count_saturdays` (false in every built-in rule).
        """
        cal = self._calendars.get(rule.id)
        if cal is None:
            explicit = self.saturdays.get(rule.id)
            if explicit is not None:
                saturdays = explicit
            elif self.calendar.spec.saturday_is_working_day:
                saturdays = True
            else:
                saturdays = any(p.name == "count_saturdays" and p.value for p in rule.parameters)
            cal = self._calendars[rule.id] = self.calendar.with_saturdays(saturdays)
        return cal

    def due(self, rule: Rule, start: datetime, start_day: date) -> tuple[datetime | None, bool]:
        """The deadline of `rule` counted from `start` (on local day `start_day`):
        (due, due_all_day)."""
        fn = self._deadlines.get(rule.id)
        if fn is None:
            fn = self._deadlines[rule.id] = self._deadline_fn(rule)
        return fn(start, start_day)

    def _deadline_fn(self, rule: Rule) -> Callable[[datetime, date], tuple[datetime | None, bool]]:
        """A function computing the rule's deadline, specialised once per rule."""
        d = rule.duration
        eod = self.eod
        if d is None:
            return lambda start, day: (None, False)
        n = d.amount
        if d.unit == "clock_hours":  # real hours: `start` is in UTC
            delta = timedelta(hours=n)
            return lambda start, day: (start + delta, False)
        if d.unit == "calendar_months":
            return lambda start, day: (eod(add_months(day, n)), True)
        if d.unit == "working_days":
            add_working_days = self.calendar_for(rule).add_working_days
            return lambda start, day: (eod(add_working_days(day, n)), True)
        delta = timedelta(days=n)
        return lambda start, day: (eod(day + delta), True)

    def soon_from(self, rule: Rule, due: datetime) -> datetime | None:
        """From when an unmet obligation is 'due soon': when `due_soon` or less remains
        (counting the due day itself for day-based thresholds)."""
        t = rule.due_soon
        if t is None:
            return None
        if t.unit == "clock_hours":
            return due - timedelta(hours=t.amount)  # real hours: `due` is in UTC
        day = local_date(due)
        if t.unit == "working_days":
            before = self.calendar_for(rule).add_working_days(day, -t.amount)
        elif t.unit == "calendar_months":
            before = add_months(day, -t.amount)
        else:
            before = day - timedelta(days=t.amount)
        return self.sod(before + timedelta(days=1))

    def add(
        self,
        rule: Rule,
        law: str,
        rec: Record,
        child_id: str | None,
        start: datetime,
        due: datetime | None,
        all_day: bool,
        met: tuple[Any, ...] | None,
        seq: int = 1,
        closed_at: datetime | None = None,
        status: str | None = None,
        subject_id: str | None = None,
    ) -> None:
        """Decide the status and append the obligation."""
        ended = None
        if met is None and child_id is not None and rule.kind in ENDS_AT_18:
            adult = self.idx.adult_from.get(child_id)
            if (adult is not None and adult <= self.as_of and (closed_at is None or adult < closed_at)
                    and not (rule.subject_type == "measure" and young_adult_support(law, rec.get("legal_basis")))):
                closed_at, ended = adult, ENDED_AT_18
        met_at = met_by = None
        if met is not None:
            met_at, met_by = met[0], met[1]
        if status is not None:
            pass
        elif met_at is not None:
            status = _MET_ON_TIME if due is None or met_at <= due else _MET_LATE
        elif closed_at is not None and (due is None or closed_at < due):
            status = _NA
        elif due is None:
            status = _OPEN
        elif self.as_of > due:
            status = _OVERDUE
        else:
            soon = self.soon_from(rule, due)
            status = _DUE_SOON if soon is not None and self.as_of >= soon else _OPEN
        self.out.append(
            _new_tuple(Obligation, (
                rule.id,
                rule.version,
                law,
                rule.legal_reference,
                rule.statutory,
                rec.get("municipality"),
                rule.subject_type,
                subject_id or rec["id"],
                child_id,
                rec.get("case"),
                start,
                due,
                all_day,
                met_at,
                met_by,
                status,
                seq,
                closed_at is not None,
                ended,
            ))
        )


def single_child(children: list[str]) -> str | None:
    return children[0] if len(children) == 1 else None
