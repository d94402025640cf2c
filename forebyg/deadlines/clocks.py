# SPDX-License-Identifier: MPL-2.0
"""The deadlines a notification page and the receiving unit's inbox show, from the deadline engine.

The inbox and the notification page had a 24-hour clock of their own (received + 24 hours, the
status decided in the template), so they ignored the rules' "due soon" window, assessments
recorded late, and the municipality's settings. Here every clock is the engine's obligation for
the notification (the same computation as Mine frister: `selectors.obligations_for_children`
as of now), and the page only shows it: the time left or overdue in hours and minutes, the
status as a CSS class (amber while "due soon", red when overdue).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from forebyg.domain.calendar import local_date
from forebyg.domain.deadlines import Obligation, Status

from .selectors import obligations_for_children

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The notification rules a page shows, by the rule's kind (the part of its id after the law).
ACUTE, RECEIPT, FEEDBACK = "acute_assessment", "acknowledgement", "notifier_feedback"
SHOWN = (ACUTE, RECEIPT, FEEDBACK)

CSS = {  # site.css: .clock-*
    Status.OVERDUE: "clock-overdue",
    Status.DUE_SOON: "clock-soon",
    Status.OPEN: "clock-open",
    Status.MET_LATE: "clock-late",
    Status.MET_ON_TIME: "clock-met",
    Status.NOT_APPLICABLE: "clock-na",
}


def kind_of(ob: Obligation) -> str:
    return ob.rule_id.split(".", 1)[-1]


def duration_text(delta: timedelta) -> str:
    """A length of time in days, hours and whole minutes (rounded down), e.g. "23 t 12 min",
    "45 min", "3 dage 4 t"."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days >= 2:
        return ngettext("%(d)d day %(h)d h", "%(d)d days %(h)d h", days) % {"d": days, "h": hours}
    hours += days * 24
    if hours:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    return _("%(m)d min") % {"m": minutes}


@dataclass(frozen=True)
class Clock:
    """One deadline of one notification as of one moment, as a page shows it."""

    ob: Obligation
    as_of: datetime

    @property
    def status(self) -> str:
        return self.ob.status

    @property
    def due(self) -> datetime | None:
        return self.ob.due

    @property
    def css(self) -> str:
        return CSS[self.ob.status]

    @property
    def overdue(self) -> bool:
        return self.ob.status == Status.OVERDUE

    @property
    def met(self) -> bool:
        return self.ob.status in Status.MET

    @property
    def left(self) -> timedelta | None:
        """Time left until the deadline (negative when overdue); None without a deadline."""
        return None if self.ob.due is None else self.ob.due - self.as_of

    @property
    def sort_key(self) -> tuple[int, float]:
        """Unmet first, least time left first (the longest overdue at the top); met last."""
        if self.ob.status in Status.UNMET and self.ob.due is not None:
            return (0, self.ob.due.timestamp())
        return (1 if self.ob.status in Status.UNMET else 2, 0.0)

    @property
    def text(self) -> str:
        """What the clock says: "23 t 12 min tilbage", "Overskredet med 1 t 5 min", "Vurderet"."""
        status = self.ob.status
        if status == Status.NOT_APPLICABLE:
            return _("not relevant")
        if status in Status.MET:
            late = status == Status.MET_LATE
            if kind_of(self.ob) == ACUTE:
                return _("Assessed late") if late else _("Assessed")
            return _("Done late") if late else _("Done")
        if self.ob.due is None:
            return _("Open")
        left = self.ob.due - self.as_of
        if left < timedelta(0):
            return _("Overdue by %(time)s") % {"time": duration_text(-left)}
        return _("%(time)s left") % {"time": duration_text(left)}


    @property
    def answer(self) -> tuple[str, str]:
        """(text, css) for a done-or-not column such as the inbox's "Kvitteret"."""
        status = self.ob.status
        if status == Status.NOT_APPLICABLE:
            return _("not relevant"), CSS[status]
        if status == Status.MET_ON_TIME:
            return _("Yes"), CSS[status]
        if status == Status.MET_LATE:
            return _("Yes, late"), CSS[status]
        if status == Status.OVERDUE:
            return _("No, overdue"), CSS[status]
        if status == Status.DUE_SOON and self.ob.due is not None:
            return _("No, due %(d)s") % {"d": f"{local_date(self.ob.due):%d.%m.}"}, CSS[status]
        return _("No"), CSS[status]


NOT_RELEVANT = (gettext_lazy("not relevant"), CSS[Status.NOT_APPLICABLE])


@dataclass
class NotificationClocks:
    """The engine's clocks of one notification (None: the rule does not apply to it)."""

    acute: Clock | None = None
    receipt: Clock | None = None
    feedback: Clock | None = None

    @property
    def sort_key(self) -> tuple[int, float]:
        return self.acute.sort_key if self.acute is not None else (3, 0.0)

    @property
    def receipt_answer(self) -> tuple[StrOrPromise, str]:
        return self.receipt.answer if self.receipt is not None else NOT_RELEVANT


def notification_clocks(*, municipality_id: int, notifications: Iterable, as_of: datetime) -> dict[str, NotificationClocks]:
    """{notification id: its clocks} for notifications whose children are prefetched (or cheap to
    read): the engine runs over the records of their children, as Mine frister does."""
    notifications = list(notifications)
    child_ids = {c.pk for n in notifications for c in n.children.all()}
    wanted = {n.pk for n in notifications}
    out = {pk: NotificationClocks() for pk in wanted}
    obligations = obligations_for_children(municipality_id=municipality_id, child_ids=sorted(child_ids), as_of=as_of)
    for ob in obligations:
        if ob.subject_type != "notification" or ob.subject_id not in wanted:
            continue
        kind = kind_of(ob)
        if kind not in SHOWN:
            continue
        clocks = out[ob.subject_id]
        name = {ACUTE: "acute", RECEIPT: "receipt", FEEDBACK: "feedback"}[kind]
        if getattr(clocks, name) is None:  # one obligation per notification and rule
            setattr(clocks, name, Clock(ob, as_of))
    return out


def inbox_clocks(rows: list, *, municipality_id: int, as_of: datetime) -> list:
    """The inbox's rows (`cases.selectors.worklists.inbox`) with their clocks, most urgent first:
    the least time left on the 24-hour clock at the top (the longest overdue first), assessed
    notifications last (oldest first, as read)."""
    clocks = notification_clocks(municipality_id=municipality_id, notifications=[r.notification for r in rows],
                                 as_of=as_of)
    for row in rows:
        row.clocks = clocks[row.notification.pk]
    return sorted(rows, key=lambda r: r.clocks.sort_key)
