# SPDX-License-Identifier: MPL-2.0
"""The manager's overview (issue #15): active measures by staircase step, and the share on the
preventive steps 1–3 against the placements on steps 4–6 at the end of each quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from forebyg.domain.calendar import end_of_day, local_date

from .. import models as m

LOW, HIGH = (1, 2, 3), (4, 5, 6)


def active_at(moment: datetime):
    """Measures running at a moment: started by then and not ended."""
    return m.Measure.objects.filter(started_at__isnull=False, started_at__lte=moment).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=moment))


@dataclass
class QuarterShare:
    label: str  # "3. kvt. 2026"
    low: int  # active measures on steps 1–3
    high: int  # on steps 4–6

    @property
    def total(self) -> int:
        return self.low + self.high

    @property
    def low_share(self) -> float | None:
        return None if not self.total else 100 * self.low / self.total

    @property
    def high_share(self) -> float | None:
        return None if not self.total else 100 * self.high / self.total


def quarter_ends(today: date, quarters: int = 8) -> list[tuple[date, str]]:
    """The last day of the `quarters` whole quarters before `today`'s, oldest first, then today
    (the quarter so far), each with its label."""
    q = (today.month - 1) // 3  # 0-based quarter of today
    out = []
    for back in range(quarters, 0, -1):
        year, index = today.year + (q - back) // 4, (q - back) % 4
        first_of_next = date(year + (index == 3), 1 if index == 3 else 3 * index + 4, 1)
        out.append((first_of_next - timedelta(days=1), _("Q%(q)d %(year)s") % {"q": index + 1, "year": year}))
    out.append((today, _("Q%(q)d %(year)s so far") % {"q": q + 1, "year": today.year}))
    return out


def step_shares(as_of: datetime, quarters: int = 8) -> list[QuarterShare]:
    """Active measures on steps 1–3 and 4–6 at the end of each of the last `quarters` quarters and
    now (the current quarter so far), by Danish date: one query per point in time."""
    out = []
    for day, label in quarter_ends(local_date(as_of), quarters):
        moment = min(end_of_day(day), as_of)
        counts = active_at(moment).aggregate(low=Count("id", filter=Q(step__in=LOW)),
                                             high=Count("id", filter=Q(step__in=HIGH)))
        out.append(QuarterShare(label, counts["low"], counts["high"]))
    return out
