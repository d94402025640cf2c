# SPDX-License-Identifier: MPL-2.0
"""Until when obligations computed as of one moment stay exactly the same (issue #20).

`compute_obligations(records, as_of=t)` depends on `t` only through comparisons of `t` with
instants derived from the records. Reading the engine (every use of `as_of` in index.py,
context.py and evaluators.py), these are:

1. a record's main timestamp (`index.PRIMARY`): a record later than `t` does not exist yet;
2. the optional timestamps the index reads — a case's `closed_at`, an investigation's
   `completed_at` and `provisional_assessment_at`, a measure's `started_at` and `ended_at` —
   and the `at` fields of the local standards' triggers and stops (`evaluators._opt_ts`; a
   date there counts from its end): a later one is not known yet;
3. a child's 18th birthday (`index.adult_from`), which ends the unmet obligations of the kinds
   in `age.ENDS_AT_18` (`Context.add`);
4. an unmet, not closed obligation's `due`: it is overdue once `t` is past it (`Context.add`);
5. its "due soon" moment (`Context.soon_from`, asked only for an unmet obligation not yet due);
6. the deadline of an investigation: a provisional assessment is owed once it has passed
   (`evaluators.provisional_assessment` compares `t` with it even when it emits nothing).

Every other comparison in the engine is between record times. So for every `t'` with
`t <= t' < horizon`, where `horizon` is the earliest of those instants that is at or after `t`,
every comparison comes out the same and the result is identical: the obligations can be reused
until `horizon` (None: nothing can change by time alone). `Watching` collects 3-6 while the
engine runs; `records_horizon` scans 1-2. The horizon is conservative (some of the instants
change nothing, e.g. a record that starts no rule), never late; tests/deadlines/test_horizon.py
checks it against the engine at the instants just before and at it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from ..calendar import start_of_day
from .age import ENDS_AT_18
from .context import Context
from .index import PRIMARY, Record, parse_ts
from .model import Rule

# The optional timestamps the index compares with `as_of` (index.Index._opt), by record type.
OPTIONAL_TIMES: dict[str, tuple[str, ...]] = {
    "case": ("closed_at",),
    "investigation": ("completed_at", "provisional_assessment_at"),
    "measure": ("started_at", "ended_at"),
}


class Watching(Context):
    """The engine's context, noting the instants (3-6 above) at which a status could change."""

    horizon: datetime | None = None

    def _see(self, moment: datetime) -> None:
        if moment >= self.as_of and (self.horizon is None or moment < self.horizon):
            self.horizon = moment

    def due(self, rule: Rule, start: datetime, start_day: date) -> tuple[datetime | None, bool]:
        due, all_day = super().due(rule, start, start_day)
        if due is not None and rule.kind == "investigation":  # 6: also when nothing is emitted
            self._see(due)
        return due, all_day

    def soon_from(self, rule: Rule, due: datetime) -> datetime | None:
        soon = super().soon_from(rule, due)
        if soon is not None:
            self._see(soon)
        return soon

    def add(self, rule: Rule, law: str, rec: Record, child_id: str | None, start: datetime,
            due: datetime | None, all_day: bool, met: tuple[Any, ...] | None, *args: Any, **kwargs: Any) -> None:
        if met is None:
            if due is not None:
                self._see(due)  # 4 (also when closed: conservative)
            if child_id is not None and rule.kind in ENDS_AT_18:
                adult = self.idx.adult_from.get(child_id)
                if adult is not None:
                    self._see(adult)  # 3
        super().add(rule, law, rec, child_id, start, due, all_day, met, *args, **kwargs)


def time_fields(local: Iterable[Rule]) -> dict[str, tuple[str, ...]]:
    """{record type: the fields whose instant the engine compares with `as_of`} (1-2 above)."""
    out: dict[str, set[str]] = {t: {f} for t, f in PRIMARY.items() if f}
    for rtype, fields in OPTIONAL_TIMES.items():
        out.setdefault(rtype, set()).update(fields)
    for rule in local:
        for spec in (rule.trigger, rule.met_by):
            if spec is not None:
                out.setdefault(spec.record_type, set()).update(f for f in (PRIMARY.get(spec.record_type), spec.at) if f)
    return {t: tuple(sorted(f)) for t, f in out.items()}


def _instant(value: Any) -> datetime | None:
    """The earliest instant a record's value can stand for (a date: the start of its day)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if isinstance(value, date):
        return start_of_day(value).astimezone(UTC)
    if isinstance(value, str) and len(value) == 10:
        return start_of_day(date.fromisoformat(value)).astimezone(UTC)
    return parse_ts(value)


def records_horizon(records: Iterable[Mapping[str, Any]], as_of: datetime,
                    fields: dict[str, tuple[str, ...]]) -> datetime | None:
    """The earliest instant at or after `as_of` among the records' time fields (1-2 above)."""
    best: datetime | None = None
    for rec in records:
        names = fields.get(rec["type"])
        if not names:
            continue
        for name in names:
            value = rec.get(name)
            if value is None:
                continue
            moment: datetime | None
            if type(value) is datetime and value.tzinfo is UTC:
                moment = value
            else:
                moment = _instant(value)
                if moment is None:
                    continue
            if moment >= as_of and (best is None or moment < best):
                best = moment
    return best


def earliest(*moments: datetime | None) -> datetime | None:
    present = [m for m in moments if m is not None]
    return min(present) if present else None
